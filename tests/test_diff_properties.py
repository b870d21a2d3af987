"""diff on random pairs of specs: the change model, changelog and change charts never fail."""

from __future__ import annotations

import yaml
from hypothesis import given

from orgcharts.errors import SpecError
from orgcharts.spec.loader import load_text
from orgcharts.spec.models import OrgSpec
from orgcharts.themes import get_theme
from orgcharts.commands.diff.changelog import as_markdown, as_text
from orgcharts.commands.diff.changes import compute
from orgcharts.commands.diff.run import plan_diff
from orgcharts.commands.docs.markdown import page_markdown
from orgcharts.commands.docs.pages import role_pages

from .test_properties import fast, random_spec


def _load(data: dict) -> OrgSpec | None:
    try:
        return load_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "p.yaml")
    except SpecError:
        return None


@fast(60)
@given(random_spec(), random_spec())
def test_random_pairs_diff_without_error(old: dict, new: dict) -> None:
    a, b = _load(old), _load(new)
    if a is None or b is None:
        return
    for x, y in ((a, b), (b, a), (a, a)):
        changes = compute(x, y)
        keys = [r.key for r in changes.roles]
        assert len(keys) == len(set(keys))  # a role appears once, renamed or not
        as_text(changes, "a", "b")
        as_markdown(changes, "a", "b")
        for sbs in (False, True):
            plan_diff(changes, "p", "a", "b", get_theme("default"), [], sbs)
    same = compute(a, a)
    assert {r.status for r in same.roles} == {"same"}
    for page in role_pages(b):
        page_markdown(page)
