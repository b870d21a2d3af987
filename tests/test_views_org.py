"""views.org: reporting lines as buses, assistants beside, dotted lines, vacancies, stacked spans."""

import sys
from collections import Counter

import pygraphviz

from orgcharts.diagram import Grid, Junction
from orgcharts.dot import to_dot
from orgcharts.loader import load_text
from orgcharts.spec import ViewOptions
from orgcharts.themes import get_theme
from orgcharts.views.org import build

from .conftest import ROOT

ORG = """\
org: Co
units:
  - {id: top, name: Top}
  - {id: eng, name: Engineering, parent: top}
  - {id: ops, name: Operations, parent: top}
roles:
  - {id: ceo, title: CEO, unit: top, people: [Ada]}
  - {id: pa, title: Assistant, unit: top, reports_to: ceo, assistant: true, people: [Bo]}
  - {id: cto, title: CTO, unit: eng, reports_to: ceo, people: [Cy]}
  - {id: coo, title: COO, unit: ops, reports_to: ceo, people: [Di]}
  - {id: dev, title: Developer, unit: eng, reports_to: cto, people: [Ed, Flo], headcount: 3, open: 1}
  - {id: sre, title: SRE, unit: eng, reports_to: cto, dotted_to: [coo], open: 1}
"""


def diagram(text: str = ORG, **options):  # type: ignore[no-untyped-def]
    d = build(load_text(text), "co", ViewOptions(**options))
    assert d is not None
    return d


def test_cards_people_and_vacancies() -> None:
    cards = {c.id: c for c in diagram().cards}
    assert cards["role-ceo"].tone == "lead"
    assert [(l.text, l.style) for l in cards["role-dev"].lines] == [("Ed, Flo + 1 open", "people")]
    assert cards["role-sre"].dashed and [(l.text, l.style) for l in cards["role-sre"].lines] == [("Vacant", "vacancy")]
    assert not cards["role-dev"].dashed


def test_units_are_nested_groups_with_headcount() -> None:
    (top,) = diagram().groups
    assert (top.title, top.lines[0].text) == ("Top", "6 people · 2 open")
    assert [(g.title, g.lines[0].text) for g in top.groups] == [("Engineering", "3 people · 2 open"),
                                                                 ("Operations", "1 person")]
    assert set(top.cards) >= {"role-ceo", "role-pa"}


def test_manager_lines_meet_on_a_bus_of_junctions() -> None:
    d = diagram()
    edges = [(e.tail, e.head) for e in d.edges if not e.dashed]
    # ceo has two line reports (cto, coo): two junctions and the manager's own, chained left to right.
    assert ("role-ceo", "role-ceo-bus") in edges
    assert ("role-ceo-bus-0", "role-ceo-bus") in edges and ("role-ceo-bus", "role-ceo-bus-1") in edges
    assert ("role-ceo-bus-0", "role-cto") in edges and ("role-ceo-bus-1", "role-coo") in edges
    points = {c.id for c in d.cards if isinstance(c, Junction)}
    assert {"role-ceo-bus", "role-ceo-bus-0", "role-ceo-bus-1"} <= points


def test_assistant_sits_beside_the_manager() -> None:
    (top,) = diagram().groups
    assert ("role-ceo", "role-pa") in top.ranks


def test_dotted_line_is_dashed_and_does_not_shape_the_tree() -> None:
    (dotted,) = [e for e in diagram().edges if e.dashed]
    assert (dotted.tail, dotted.head, dotted.constraint) == ("role-coo", "role-sre", False)


def test_siblings_follow_unit_order_then_spec_order() -> None:
    text = ORG.replace("  - {id: cto, title: CTO, unit: eng, reports_to: ceo, people: [Cy]}\n", "") + \
        "  - {id: cto, title: CTO, unit: eng, reports_to: ceo, people: [Cy]}\n"
    edges = [(e.tail, e.head) for e in diagram(text).edges]
    assert ("role-ceo-bus-0", "role-cto") in edges  # Engineering is listed before Operations


def test_wide_span_of_leaves_is_stacked_into_a_grid() -> None:
    reports = "".join(f"  - {{id: r{i}, title: Report {i}, reports_to: boss, people: [P{i}]}}\n" for i in range(8))
    d = diagram("org: X\nroles:\n  - {id: boss, title: Boss, people: [B]}\n" + reports, stack=6)
    (grid,) = [c for c in d.cards if isinstance(c, Grid)]
    assert [c.id for c in grid.cards] == [f"role-r{i}" for i in range(8)]
    assert grid.columns == 2
    assert not any(c.id == "role-r0" for c in d.cards)


def test_under_the_threshold_reports_stay_in_a_row() -> None:
    reports = "".join(f"  - {{id: r{i}, title: R{i}, reports_to: boss}}\n" for i in range(6))
    d = diagram("org: X\nroles:\n  - {id: boss, title: Boss}\n" + reports, stack=6)
    assert not any(isinstance(c, Grid) for c in d.cards)


def test_no_reporting_lines_means_no_chart() -> None:
    assert build(load_text("org: X\nroles: [{id: a, title: A}]\n"), "x", ViewOptions()) is None


def widest_row(dot: str) -> int:
    graph = pygraphviz.AGraph(string=dot)
    graph.layout("dot")
    rows = Counter(round(float(n.attr["pos"].split(",")[1])) for n in graph.nodes() if n.attr["shape"] != "point")
    return max(rows.values())


def test_a_300_role_org_has_no_row_hundreds_of_boxes_wide() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from genspec import generate

    d = build(load_text(generate(300)), "g", ViewOptions())
    assert d is not None
    assert widest_row(to_dot(d, get_theme("default"))) <= 12
