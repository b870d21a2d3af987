"""export mermaid/d2: each chart's source is the chart's Diagram (cards, lines, order, titles); goldens for the agency."""

import re
from collections.abc import Callable

import pytest

from orgcharts.spec.loader import load_text
from orgcharts.commands.pipeline import SpecFile, plan_charts
from orgcharts.spec.models import OrgSpec
from orgcharts.commands.export.run import export_files
from orgcharts.commands.export.d2 import export_d2
from orgcharts.commands.export.mermaid import export_mermaid, mermaid_text
from orgcharts.commands.export.scope import ExportError, charts_by_view, view_charts

from .conftest import ROOT
from .export_fixtures import hostile_spec


def shipped(stem: str) -> OrgSpec:
    return load_text((ROOT / "specs" / f"{stem}.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("view", ["responsibilities", "org", "raci", "accounts"])
def test_agency_views_match_their_goldens(view: str, golden: Callable[[str, str], None]) -> None:
    spec = shipped("client-services")
    diagram = view_charts(spec, "client-services", view)[0]  # the responsibilities: its first of two pieces
    golden(f"export/client-services-{view}.mmd", export_mermaid(diagram))
    golden(f"export/client-services-{view}.d2", export_d2(diagram))


def test_views_exported_are_those_with_data_and_those_the_spec_lists() -> None:
    assert list(charts_by_view(shipped("client-services"), "cs")) == ["responsibilities", "org", "raci", "accounts"]
    assert list(charts_by_view(shipped("product-company"), "pc")) == ["responsibilities", "org", "raci"]
    assert list(charts_by_view(shipped("client-services"), "cs", ["raci"])) == ["raci"]
    with pytest.raises(ExportError, match="no data for the accounts view; it has: responsibilities, org, raci"):
        charts_by_view(shipped("product-company"), "pc", ["accounts"])


def test_files_are_the_charts_render_draws_named_as_render_names_them() -> None:
    """A split view gives one file per piece, each named as `render` names that chart."""
    path = ROOT / "tests" / "corpus" / "agency-150.yaml"
    spec = load_text(path.read_text(encoding="utf-8"))
    rendered = [c.name for c in plan_charts([SpecFile(path, spec)], [])]
    assert any(name.endswith("-2") for name in rendered)  # a view of this corpus spec is split into pieces
    assert [name for name, _ in export_files(spec, path.stem, "mermaid")] == [f"{n}.mmd" for n in rendered]
    assert [name for name, _ in export_files(spec, path.stem, "d2")] == [f"{n}.d2" for n in rendered]


def _mermaid_links(text: str) -> list[tuple[str, str, bool]]:
    return [(a, b, arrow == "-.-") for a, arrow, b in re.findall(r"^  (\w+) (---|-\.-) (\w+)$", text, re.M)]


def _d2_links(text: str) -> list[tuple[str, str, bool]]:
    """D2's lines in the chart's order: solid ones are written last first (dagre places children that way)."""
    found = [(a.split(".")[-1], b.split(".")[-1], "stroke-dash" in rest)
             for a, b, rest in re.findall(r"^([\w.]+) -- ([\w.]+)(.*)$", text, re.M) if "opacity: 0" not in rest]
    return [k for k in found if not k[2]][::-1] + [k for k in found if k[2]]


@pytest.mark.parametrize("stem", ["client-services", "product-company"])
def test_org_lines_are_the_specs_reporting_lines_in_spec_order(stem: str) -> None:
    """Checked against the spec itself, not the outline the exporters share: every reporting and dotted line,
    each manager's reports in the spec's order (the Account Manager reports to the Account Director)."""
    spec = shipped(stem)
    (diagram,) = view_charts(spec, stem, "org")
    key = "role_{}".format
    solid = [(key(r.reports_to.replace("-", "_")), key(r.id.replace("-", "_")), False)
             for r in spec.roles if r.reports_to]
    dotted = [(key(b.replace("-", "_")), key(r.id.replace("-", "_")), True) for r in spec.roles for b in r.dotted_to]
    for links in (_mermaid_links(export_mermaid(diagram)), _d2_links(export_d2(diagram))):
        assert sorted(links) == sorted(solid + dotted)
        beside = {key(r.id.replace("-", "_")) for r in spec.roles if r.assistant}  # drawn beside, not in the row
        for boss in {t for t, _, _ in solid}:
            assert [h for t, h, d in links if t == boss and not d and h not in beside] == [
                h for t, h, _ in solid if t == boss and h not in beside]
    if stem == "client-services":
        assert ("role_account_director", "role_account_manager", False) in _mermaid_links(export_mermaid(diagram))


def test_each_export_carries_its_own_charts_title_and_subtitle() -> None:
    spec = shipped("client-services")
    for view in ["responsibilities", "org", "raci", "accounts"]:
        for diagram in view_charts(spec, "cs", view):
            mermaid = export_mermaid(diagram)
            assert mermaid.startswith(f"---\ntitle: {diagram.title}\n---\n"), view
            assert f"\n  accDescr: {mermaid_text(diagram.subtitle or '')}\n" in mermaid
            d2 = export_d2(diagram)
            assert f'  title: "{diagram.title}" ' in d2 and f'  subtitle: "{diagram.subtitle}" ' in d2
            if view != "responsibilities":
                assert spec.title not in mermaid and spec.title not in d2, view


def test_raci_is_a_flowchart_table_that_mermaid_10_reads() -> None:
    """No `block-beta` (Mermaid before 10.8 cannot read it): one node per column, one line per row, all aligned."""
    spec = shipped("client-services")
    (diagram,) = view_charts(spec, "cs", "raci")
    mermaid = export_mermaid(diagram)
    assert "block-beta" not in mermaid and "\nflowchart LR\n" in mermaid
    columns = re.findall(r'^  raci_\d+\["(.*)"\]$', mermaid, re.M)
    roles = {r for a in spec.raci for f in ("responsible", "accountable", "consulted", "informed")
             for r in ([getattr(a, f)] if isinstance(getattr(a, f), str) else getattr(a, f))}
    assert len(columns) == len(roles) + 1
    phases = len({a.phase for a in spec.raci})
    assert {len(c.split("<br>")) for c in columns} == {1 + phases + len(spec.raci)}
    # exactly one accountable a row, in bold
    assert sum(len(re.findall(r"<br><b>A(?:/[RCI])*</b>", c)) for c in columns[1:]) == len(spec.raci)
    d2 = export_d2(diagram)
    assert f"grid-rows: {1 + len(spec.raci) + phases}\n  grid-columns: {len(roles) + 1}\n" in d2


def test_d2_names_dagre_and_writes_each_managers_lines_last_first() -> None:
    """dagre places a shape's children in the reverse order of their connections (the old export's reversed
    siblings): the last report's line comes first, so d2 draws the reports in the chart's order."""
    (diagram,) = view_charts(shipped("client-services"), "cs", "org")
    d2 = export_d2(diagram)
    assert "vars: {d2-config: {layout-engine: dagre}}" in d2
    design = re.findall(r"^unit_design\.role_design_director -- unit_design\.(\w+)$", d2, re.M)
    assert design == ["role_designer", "role_senior_designer"]


def test_hostile_text_never_escapes_its_label() -> None:
    spec = hostile_spec()
    for views in charts_by_view(spec, "hostile").values():
        for diagram in views:
            mermaid = export_mermaid(diagram)
            for line in mermaid.splitlines()[4:]:
                assert line.count('"') % 2 == 0, line
                assert not re.search(r"(?i)style|classdef", re.sub(r'"[^"]*"', "", line)) or line.lstrip().startswith(
                    ("classDef", "class ", "style", "accDescr: ")), line
            d2 = export_d2(diagram)
            assert not re.search(r'(?<!\\)\$', d2)
            stripped = re.sub(r'"(?:[^"\\]|\\.)*"', '""', d2)
            assert stripped.count("{") == stripped.count("}"), diagram.id


def test_same_spec_same_bytes() -> None:
    for fmt in ("mermaid", "d2"):
        assert export_files(shipped("client-services"), "cs", fmt) == export_files(shipped("client-services"), "cs",
                                                                                    fmt)
