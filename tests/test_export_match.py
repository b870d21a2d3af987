"""checks/exportmatch.py: the exports read back as their charts, and any change to order, ends, style or text is caught;
Mermaid's limits refused with the limit named and what to do."""

import importlib.util
import sys
from types import ModuleType

import pytest

from orgcharts.views.diagram import Card, Diagram, Edge, Line
from orgcharts.spec.loader import load_text
from orgcharts.commands.export.d2 import export_d2
from orgcharts.commands.export.mermaid import MAX_EDGES, MAX_TEXT, export_mermaid
from orgcharts.commands.export.scope import ExportError, view_charts

from .conftest import ROOT
from .export_fixtures import hostile_spec


@pytest.fixture(scope="module")
def match() -> ModuleType:
    spec = importlib.util.spec_from_file_location("exportmatch_check", ROOT / "checks" / "exportmatch.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["exportmatch_check"] = module
    spec.loader.exec_module(module)
    return module


def _agency(view: str) -> Diagram:
    spec = load_text((ROOT / "specs" / "client-services.yaml").read_text(encoding="utf-8"))
    return view_charts(spec, "client-services", view)[0]


@pytest.mark.parametrize("view", ["responsibilities", "org", "raci", "accounts"])
def test_every_agency_view_reads_back_as_its_chart(match: ModuleType, view: str) -> None:
    assert match.compare(_agency(view)) == []


def test_every_hostile_view_reads_back_as_its_chart(match: ModuleType) -> None:
    spec = hostile_spec()
    for view in ["responsibilities", "org", "raci", "accounts"]:
        for diagram in view_charts(spec, "hostile", view):
            assert match.compare(diagram) == [], view


def _swap_lines(text: str, a: str, b: str) -> str:
    lines = text.split("\n")
    i = next(k for k, line in enumerate(lines) if line.lstrip().startswith(a))
    j = next(k for k, line in enumerate(lines) if line.lstrip().startswith(b))
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def test_siblings_out_of_order_are_caught(match: ModuleType) -> None:
    diagram = _agency("org")
    chart = match.outline(diagram)
    text = _swap_lines(export_mermaid(diagram), "role_account_director[", "role_account_manager[")
    found = match.differences(match.expected(chart, match.mermaid_id), match.parse_mermaid(text))
    assert any(d.startswith("holds 'unit_account_management'") for d in found)
    text = _swap_lines(export_d2(diagram), "role_senior_designer:", "role_designer:")
    found = match.differences(match.expected(chart, match.d2_key), match.parse_d2(text))
    assert any(d.startswith("holds 'unit_design'") for d in found)


def test_a_line_to_the_wrong_manager_or_in_the_wrong_style_is_caught(match: ModuleType) -> None:
    diagram = _agency("org")
    chart = match.outline(diagram)
    text = export_mermaid(diagram).replace("role_account_director --- role_account_manager",
                                           "role_project_manager --- role_account_manager")
    found = match.differences(match.expected(chart, match.mermaid_id), match.parse_mermaid(text))
    assert any(d.startswith("links:") for d in found)
    text = export_d2(diagram).replace("role_qa_engineer: {style.stroke-dash: 4}", "role_qa_engineer")
    assert text != export_d2(diagram)
    found = match.differences(match.expected(chart, match.d2_key), match.parse_d2(text))
    assert any(d.startswith("links:") for d in found)


def test_titles_and_text_and_marks_are_caught(match: ModuleType) -> None:
    diagram = _agency("accounts")
    chart = match.outline(diagram)
    text = export_mermaid(diagram).replace("title: Barrel — account teams", "title: Client Services — who owns what")
    found = match.differences(match.expected(chart, match.mermaid_id), match.parse_mermaid(text))
    assert [d for d in found if d.startswith("title:")]
    text = export_d2(diagram).replace("Marcus Bell", "Marcus Bel")
    found = match.differences(match.expected(chart, match.d2_key), match.parse_d2(text))
    assert any(d.startswith("nodes 'account_northwind'") for d in found)
    raci = _agency("raci")
    text = export_d2(raci).replace('c_0_0_2: "A/R"', 'c_0_0_2: "R"')
    assert text != export_d2(raci)
    assert match.differences(match.expected(match.outline(raci), match.d2_key), match.parse_d2(text))


def _fan(count: int, text: str = "") -> Diagram:
    """A manager and `count` reports: `count` lines."""
    cards = (Card("boss", "Boss", lines=(Line(text),) if text else ()),
             *(Card(f"r{i}", f"Report {i}") for i in range(count)))
    return Diagram(id="big-org", title="Big", description="", cards=cards,
                   edges=tuple(Edge("boss", f"r{i}") for i in range(count)))


def test_mermaid_past_its_edge_limit_is_refused_naming_the_limit_and_the_fix() -> None:
    assert export_mermaid(_fan(MAX_EDGES)).count(" --- ") == MAX_EDGES
    with pytest.raises(ExportError) as refused:
        export_mermaid(_fan(MAX_EDGES + 1))
    message = str(refused.value)
    assert message.startswith(f"big-org: {MAX_EDGES + 1} links, and Mermaid draws at most {MAX_EDGES}")
    assert "Mermaid 11 at 500" in message and "maxEdges" in message
    assert "split: false" in message and "--to d2" in message
    assert export_d2(_fan(MAX_EDGES + 1)).count(" -- ") == MAX_EDGES + 1  # D2 has no such limit


def test_mermaid_past_its_text_limit_is_refused() -> None:
    with pytest.raises(ExportError, match=r"maxTextSize"):
        export_mermaid(_fan(2, "word " * (MAX_TEXT // 5)))


def test_the_cli_refuses_past_the_limit_without_a_traceback(tmp_path: object) -> None:
    from click.testing import CliRunner

    from orgcharts.cli import main

    roles = "\n".join(f"  - {{id: r{i}, title: Report {i}, reports_to: boss}}" for i in range(MAX_EDGES + 1))
    spec = tmp_path / "wide.yaml"  # type: ignore[operator]
    spec.write_text(f"version: 1\norg: Wide\nviews:\n  org: {{split: false}}\nroles:\n  - {{id: boss, title: Boss}}\n"
                    f"{roles}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", str(spec), "--to", "mermaid"])
    assert result.exit_code == 2, result.output
    assert f"Mermaid draws at most {MAX_EDGES}" in result.stderr and "Traceback" not in result.output
