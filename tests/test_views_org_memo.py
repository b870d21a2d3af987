"""views.org keeps measurements and layouts for the process (for `watch`): a kept one is never stale, never another option's."""

from __future__ import annotations

import sys

import pytest
import yaml

from orgcharts.views.diagram import Card, Diagram
from orgcharts.spec.loader import load_text
from orgcharts.spec.models import OrgSpec, ViewOptions
from orgcharts.views import org

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "corpus"))
from generate import generate  # noqa: E402  (tests/corpus/generate.py)


@pytest.fixture(scope="module")
def text() -> str:
    return yaml.safe_dump(generate(90, "tree"), sort_keys=False, allow_unicode=True, width=200)


def fresh(spec: OrgSpec, options: ViewOptions) -> list[Diagram]:
    """The charts as a process that never drew anything would draw them."""
    org.forget()
    return org.charts(spec, "s", options)


def titles(charts: list[Diagram]) -> set[str]:
    return {c.title for d in charts for c in d.cards if isinstance(c, Card)}


def deep_role(spec: OrgSpec) -> str:
    """A role with no reports, as far down the tree as any."""
    boss = {r.id: r.reports_to for r in spec.roles}

    def depth(role: str) -> int:
        return 0 if boss[role] is None else 1 + depth(boss[role] or "")

    managers = set(boss.values())
    return max((r for r in boss if r not in managers), key=depth)


def edited(text: str, role: str, **fields: object) -> OrgSpec:
    data = yaml.safe_load(text)
    for item in data["roles"]:
        if item["id"] == role:
            item.update(fields)
    return load_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=200))


def test_the_same_charts_warm_as_fresh_for_every_option(text: str) -> None:
    spec = load_text(text)
    options = [ViewOptions(), ViewOptions(direction="LR"), ViewOptions(stack=3), ViewOptions(split=False),
               ViewOptions(direction="LR", split=False)]
    want = [fresh(spec, o) for o in options]
    assert len(want[0]) > 1  # split into pieces: the arrangement search runs on many pieces
    org.forget()
    for _ in range(2):  # each option after every other one has filled the memo
        assert [org.charts(spec, "s", o) for o in options] == want
    assert want[0] != want[1] and want[0] != want[3]  # the options do change the charts


@pytest.mark.parametrize("change", ["same size", "longer", "two lines"])
def test_a_title_changed_deep_in_a_subtree_is_drawn_anew(text: str, change: str) -> None:
    spec = load_text(text)
    role = deep_role(spec)
    old = next(r.title for r in spec.roles if r.id == role)
    new = {"same size": old[:-1] + ("x" if old[-1] != "x" else "y"), "longer": old + " and Planning",
           "two lines": old + " for the Northern Region and the Islands"}[change]
    org.forget()
    before = org.charts(spec, "s", ViewOptions())
    after_spec = edited(text, role, title=new)
    warm = org.charts(after_spec, "s", ViewOptions())
    assert new in titles(warm) and old not in titles(warm)
    assert warm == fresh(after_spec, ViewOptions())
    assert warm != before


def test_a_role_moved_to_another_manager_is_drawn_anew(text: str) -> None:
    spec = load_text(text)
    role = deep_role(spec)
    top = next(r.id for r in spec.roles if r.reports_to is None)
    org.forget()
    before = org.charts(spec, "s", ViewOptions())
    moved = edited(text, role, reports_to=top)
    warm = org.charts(moved, "s", ViewOptions())
    assert warm == fresh(moved, ViewOptions()) and warm != before


def test_a_second_spec_of_the_same_shape_gets_its_own_cards(text: str) -> None:
    spec = load_text(text)
    other = load_text(text.replace("org: ", "org: Other ", 1))
    org.forget()
    org.charts(spec, "s", ViewOptions())
    assert org.charts(other, "s", ViewOptions()) == fresh(other, ViewOptions())
