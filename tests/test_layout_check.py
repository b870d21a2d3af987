"""The layout check itself, on tiny hand-made Graphviz-like SVGs: each rule catches what it names."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from checks import layout, layout_rules as rules
from checks.geometry import Box, Segment, collinear_overlap, proper_crossing, segment_enters_box
from checks.svggeom import parse_svg
from checks.textmetrics import text_width
from orgcharts.spec.loader import load_text
from orgcharts.commands.pipeline import Chart

HEAD = ('<svg width="{w}pt" height="{h}pt" viewBox="0.00 0.00 {w}.00 {h}.00" xmlns="http://www.w3.org/2000/svg">'
        '<g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(4 {h})">'
        '<polygon fill="white" stroke="none" points="-4,4 -4,-{h} {w},-{h} {w},4 -4,4"/>')


def node(title: str, x: float, y: float, w: float, h: float, text: str = "", size: float = 14) -> str:
    """A card: a rectangle with its top-left at (x, y) in SVG coordinates (y up is negative), and a text."""
    label = (f'<text text-anchor="start" x="{x + 4}" y="{y + h / 2}" font-family="Liberation Sans" '
             f'font-size="{size}">{text}</text>') if text else ""
    return (f'<g class="node"><title>{title}</title><polygon fill="#fff" stroke="#000" '
            f'points="{x},{y} {x + w},{y} {x + w},{y + h} {x},{y + h} {x},{y}"/>{label}</g>')


def point(title: str, x: float, y: float) -> str:
    """A junction: a tiny ellipse."""
    return f'<g class="node"><title>{title}</title><ellipse cx="{x}" cy="{y}" rx="0.36" ry="0.36"/></g>'


def edge(title: str, d: str, dashed: bool = False) -> str:
    dash = ' stroke-dasharray="5,2"' if dashed else ""
    return f'<g class="edge"><title>{title}</title><path fill="none" stroke="#000"{dash} d="{d}"/></g>'


def cluster(title: str, x: float, y: float, w: float, h: float, heading: str) -> str:
    return (f'<g class="cluster"><title>{title}</title><path fill="#eee" stroke="#999" '
            f'd="M{x},{y}L{x + w},{y}L{x + w},{y + h}L{x},{y + h}Z"/>'
            f'<text text-anchor="start" x="{x + 6}" y="{y + 20}" font-weight="bold" font-size="17">{heading}</text></g>')


def svg(*parts: str, w: int = 400, h: int = 300) -> bytes:
    return (HEAD.format(w=w, h=h) + "".join(parts) + "</g></svg>").encode()


# --- geometry ---------------------------------------------------------------------------------

def test_transform_is_applied() -> None:
    drawing = parse_svg(svg(node("role-a", 10, -100, 50, 30)))
    box = drawing.nodes["role-a"].box
    assert box == Box(14, 200, 64, 230)  # translate(4 300)


def test_segment_geometry() -> None:
    assert segment_enters_box(Segment((0, 5), (20, 5)), Box(5, 0, 10, 10))
    assert not segment_enters_box(Segment((0, 20), (20, 20)), Box(5, 0, 10, 10))
    assert proper_crossing(Segment((0, 5), (10, 5)), Segment((5, 0), (5, 10)), 1) == (5.0, 5.0)
    assert proper_crossing(Segment((0, 5), (10, 5)), Segment((10, 5), (10, 10)), 1) is None
    assert collinear_overlap(Segment((0, 0), (10, 0)), Segment((5, 0), (30, 0)), 1) == 5.0


def test_text_width_follows_the_font() -> None:
    assert text_width("WWWW", 14, False) > text_width("iiii", 14, False)
    assert text_width("Title", 14, True) > text_width("Title", 14, False)
    assert text_width("Title", 28, False) == pytest.approx(2 * text_width("Title", 14, False))
    assert text_width("Vacant", 14, False, italic=True) != text_width("Vacant", 14, False)


def test_italic_text_is_read_as_italic() -> None:
    drawing = parse_svg(svg(node("role-a", 10, -200, 90, 30, "Vacant").replace('font-size="14"',
                                                                              'font-size="14" font-style="italic"')))
    assert [t.italic for t in drawing.nodes["role-a"].texts] == [True]


# --- rules ------------------------------------------------------------------------------------

def test_an_edge_drawn_as_a_polyline_is_measured() -> None:
    drawing = parse_svg(svg('<g class="edge"><title>a->b</title><polyline fill="none" stroke="#000" '
                            'points="10,-150 60,-150 90,-100"/></g>'))
    assert [len(e.segments) for e in drawing.edges] == [2]
    assert [v.rule for v in rules.solid_not_square(drawing)] == ["square"]


def test_crossing_lines_are_caught_touching_ones_are_not() -> None:
    crossing = parse_svg(svg(edge("a->b", "M10,-150L200,-150"), edge("c->d", "M100,-250L100,-50")))
    assert [v.rule for v in rules.solid_crossings(crossing)] == ["cross"]
    assert set(rules.solid_crossings(crossing)[0].ids) == {"a->b", "c->d"}
    touching = parse_svg(svg(edge("a->b", "M10,-150L100,-150"), edge("b->c", "M100,-150L100,-50")))
    assert rules.solid_crossings(touching) == []


def test_solid_lines_running_along_each_other_are_caught() -> None:
    along = parse_svg(svg(edge("a->b", "M10,-150L200,-150"), edge("c->d", "M100,-150.5L300,-150.5")))
    assert [v.rule for v in rules.solid_crossings(along)] == ["cross"]


def test_diagonal_is_caught_right_angles_are_not() -> None:
    diagonal = parse_svg(svg(edge("a->b", "M10,-150L60,-100")))
    assert [v.rule for v in rules.solid_not_square(diagonal)] == ["square"]
    square = parse_svg(svg(edge("a->b", "M10,-150L10,-100L80,-100L80,-40.2")))
    assert rules.solid_not_square(square) == []


def test_curve_is_caught_straight_cubics_are_not() -> None:
    curved = parse_svg(svg(edge("a->b", "M10,-150C40,-150 60,-100 90,-100")))
    assert [v.rule for v in rules.curves(curved)] == ["curve"]
    assert [v.rule for v in rules.solid_not_square(curved)] == ["square"]
    straight = parse_svg(svg(edge("a->b", "M10,-150C20,-150 50,-150 90,-150")))  # Graphviz polyline
    assert rules.curves(straight) == []
    assert rules.solid_not_square(straight) == []


def test_overflowing_text_is_caught() -> None:
    long = parse_svg(svg(node("role-a", 10, -200, 60, 30, "A title far too long for its card")))
    found = rules.text_overflow(long)
    assert [v.rule for v in found] == ["text"] and found[0].ids == ("role-a",)
    short = parse_svg(svg(node("role-a", 10, -200, 60, 30, "Fits")))
    assert rules.text_overflow(short) == []
    tall = parse_svg(svg(node("role-a", 10, -200, 200, 30, "Tall", size=40)))
    assert [v.rule for v in rules.text_overflow(tall)] == ["text"]


def test_text_is_measured_against_the_innermost_cell() -> None:
    cell = ('<polygon fill="#ddd" stroke="none" points="20,-190 50,-190 50,-170 20,-170 20,-190"/>'
            '<text text-anchor="start" x="22" y="-175" font-size="14">Too wide for the cell</text>')
    inner = parse_svg(svg(node("role-a", 10, -200, 300, 40).replace("</g>", cell + "</g>")))
    assert [v.rule for v in rules.text_overflow(inner)] == ["text"]


def test_line_through_a_card_is_caught_line_to_its_border_is_not() -> None:
    through = parse_svg(svg(node("role-x", 100, -200, 80, 40), point("j", 50, -180),
                            edge("j->role-y", "M50,-180L250,-180")))
    found = rules.lines_through_cards(through)
    assert [v.rule for v in found] == ["card"] and found[0].ids == ("j->role-y", "role-x")
    ending = parse_svg(svg(node("role-x", 100, -200, 80, 40), edge("j->role-x", "M140,-250L140,-200.5")))
    assert rules.lines_through_cards(ending) == []
    junctions = parse_svg(svg(point("j", 100, -100), edge("a->b", "M50,-100L150,-100")))
    assert rules.lines_through_cards(junctions) == []  # a junction point is not a card


def test_line_through_a_heading_is_caught() -> None:
    drawing = parse_svg(svg(cluster("cluster_unit-design", 10, -250, 300, 200, "Design"),
                            edge("a->b", "M30,-260L30,-60")))
    assert [v.rule for v in rules.lines_through_headings(drawing)] == ["heading"]
    clear = parse_svg(svg(cluster("cluster_unit-design", 10, -250, 300, 200, "Design"),
                          edge("a->b", "M200,-260L200,-60")))
    assert rules.lines_through_headings(clear) == []


def test_dotted_lines_crossing_cards_and_running_along_solid_lines() -> None:
    drawing = parse_svg(svg(node("role-x", 100, -200, 80, 40), edge("s->t", "M0,-100L300,-100"),
                            edge("m->r", "M50,-180L250,-180", dashed=True),
                            edge("p->q", "M20,-101L200,-101", dashed=True)))
    assert [v.ids for v in rules.lines_through_cards(drawing, dashed=True)] == [("m->r", "role-x")]
    assert rules.lines_through_cards(drawing) == []  # the solid line passes below the card
    assert [v.ids for v in rules.dotted_along_solid(drawing)] == [("p->q", "s->t")]


def test_siblings_out_of_order_are_caught() -> None:
    drawing = parse_svg(svg(node("role-b", 10, -100, 50, 30), node("role-a", 100, -100, 50, 30),
                            node("role-c", 200, -100, 50, 30)))
    found, skipped = rules.sibling_order(drawing, [("role-m", ["role-a", "role-b", "role-c", "role-gone"])], lr=False)
    assert [v.ids for v in found] == [("role-m", "role-a", "role-b")]
    assert skipped == 1
    in_order, _ = rules.sibling_order(drawing, [("role-m", ["role-b", "role-a", "role-c"])], lr=False)
    assert in_order == []


def test_siblings_read_top_down_in_lr() -> None:
    drawing = parse_svg(svg(node("role-a", 10, -250, 50, 30), node("role-b", 10, -100, 50, 30)))
    assert rules.sibling_order(drawing, [("role-m", ["role-a", "role-b"])], lr=True)[0] == []
    assert len(rules.sibling_order(drawing, [("role-m", ["role-b", "role-a"])], lr=True)[0]) == 1


def test_slide_fit() -> None:
    from orgcharts.layout.fit import CHART_W  # the box a chart gets on a slide: 1804.8 px wide

    wide = rules.slide_fit(parse_svg(svg(node("role-a", 10, -100, 50, 30, "x", size=14), w=3840, h=1080)))
    assert wide.fill == pytest.approx(0.5)  # half of a 16:9 slide's shape
    assert wide.smallest_px == pytest.approx(14 * CHART_W / 3840)  # its text scaled into the box
    assert {v.rule for v in rules.slide_violations(wide)} == {"fill", "small"}
    slide = rules.slide_fit(parse_svg(svg(node("role-a", 10, -100, 50, 30, "x", size=14), w=1920, h=1080)))
    assert slide.fill == pytest.approx(1.0) and rules.slide_violations(slide) == []


SPEC = """\
org: Acme
units:
  - {id: ops, name: Operations, lead: boss}
roles:
  - {id: boss, title: Boss, unit: ops, people: [Ana]}
  - {id: first, title: First, unit: ops, reports_to: boss, people: [Ben]}
  - {id: second, title: Second, unit: ops, reports_to: boss, people: [Cy]}
  - {id: aide, title: Aide, unit: ops, reports_to: boss, assistant: true, people: [Di]}
"""


def test_families_skip_assistants_and_keep_spec_order() -> None:
    spec = load_text(SPEC)
    assert layout.org_families(spec) == [("role-boss", ["role-first", "role-second"])]


def test_measure_applies_the_org_rules_only_to_the_org_view() -> None:
    drawing = parse_svg(svg(edge("a->b", "M10,-150L60,-100"), w=1920, h=1080))
    assert "square" in layout.measure(drawing, "org", "TB", None).counts()
    assert layout.measure(drawing, "raci", "-", None).violations == []


def test_the_whole_check_draws_both_directions(tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").write_text(SPEC, encoding="utf-8")
    results = layout.check([tmp_path], ["org"], generated=False)
    assert [(m.view, m.direction) for m in results] == [("org", "TB"), ("org", "LR")]
    assert all(m.width > 0 and m.lines > 0 for m in results)
    assert all(m.skipped == 0 for m in results)  # both siblings drawn as cards, so order-checked


def test_a_spec_that_does_not_load_is_a_violation(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("org: Acme\nroles: []\n", encoding="utf-8")
    results = layout.check([tmp_path], ["org"], generated=False)
    assert [v.rule for m in results for v in m.violations] == ["spec"]


def test_exit_code_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "acme.yaml").write_text(SPEC, encoding="utf-8")
    code = layout.main([str(tmp_path), "--view", "org", "--json"])
    out = capsys.readouterr().out
    import json
    data = json.loads(out)
    assert [c["direction"] for c in data["charts"]] == ["TB", "LR"]
    assert code == (0 if data["passed"] else 1)


def test_a_chart_past_its_time_limit_is_a_violation(tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").write_text(SPEC, encoding="utf-8")
    results = layout.check([tmp_path], ["org"], generated=False, timeout=1e-9)
    assert [v.rule for m in results for v in m.violations] == ["render", "render"]
    assert "acme-org" in results[0].violations[0].ids[0]


def test_compare_names_the_charts_that_got_worse_or_better() -> None:
    worse = layout.Measured("acme", "org", "TB", "acme-org", 100, 50, fill=0.5, smallest_px=10.0,
                            violations=[rules.Violation("cross", "x"), rules.Violation("cross", "y")])
    same = layout.Measured("acme", "raci", "-", "acme-raci", 100, 50, fill=0.8, smallest_px=12.0)
    baseline = {"charts": [
        {"chart": "acme-org", "direction": "TB", "violations": [{}], "fill": 0.5, "smallest_px": 10.0},
        {"chart": "acme-raci", "direction": "-", "violations": [], "fill": 0.8, "smallest_px": 12.0},
        {"chart": "acme-accounts", "direction": "-", "violations": [], "fill": 0.8, "smallest_px": 12.0},
    ]}
    report = layout.compare([worse, same], baseline).splitlines()
    assert report == ["worse  acme-org [TB]: violations 1 -> 2", "gone   acme-accounts [-]"]


def test_a_reporting_line_not_drawn_is_caught() -> None:
    cards = (node("role-m", 100, -250, 60, 30), node("role-a", 20, -100, 60, 30), node("role-b", 180, -100, 60, 30))
    bus = (point("j", 130, -150), edge("role-m->j", "M130,-220L130,-150"), edge("j->role-a", "M130,-150L50,-150L50,-70"))
    drawing = parse_svg(svg(*cards, *bus))
    found, skipped = rules.missing_lines(drawing, [("role-m", "role-a"), ("role-m", "role-b"), ("role-m", "role-x")], [])
    assert [v.ids for v in found] == [("role-m", "role-b")] and skipped == 1
    through_a_card = parse_svg(svg(*cards, *bus, edge("role-a->role-b", "M80,-85L180,-85")))
    found, _ = rules.missing_lines(through_a_card, [("role-m", "role-b")], [])
    assert len(found) == 1  # a line to role-a and on from role-a is not a line to role-b
    bar = parse_svg(svg(*cards, node("bar", 100, -151, 150, 2), edge("role-m->bar", "M130,-220L130,-151"),
                        edge("bar->role-b", "M210,-149L210,-100")))
    assert rules.missing_lines(bar, [("role-m", "role-b")], [])[0] == []  # a line drawn as a thin node joins
    dotted = parse_svg(svg(*cards, edge("role-m->role-b", "M160,-235L210,-70", dashed=True)))
    assert rules.missing_lines(dotted, [], [("role-m", "role-b")])[0] == []
    assert len(rules.missing_lines(dotted, [("role-m", "role-b")], [])[0]) == 1  # a dashed line is not a solid one


def test_a_view_that_crashes_is_a_violation_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "acme.yaml").write_text(SPEC, encoding="utf-8")

    def broken(*_: object, **__: object) -> list[object]:
        raise KeyError("role-x")

    monkeypatch.setattr(layout, "plan_charts", broken)
    results = layout.check([tmp_path], ["org"], generated=False)
    assert [v.rule for m in results for v in m.violations] == ["render"]
    assert "KeyError" in results[0].violations[0].message


def test_a_graphviz_warning_is_a_violation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "acme.yaml").write_text(SPEC, encoding="utf-8")
    from orgcharts.engine.render import Drawn

    real = layout.draw_jobs
    calls: list[int] = []

    def warning(jobs: list[object], *args: object, **kwargs: object) -> list[object]:
        drawn = real(jobs, *args, **kwargs)  # type: ignore[arg-type]
        calls.append(len(jobs))  # the TB and LR charts share a file name, so they are drawn in two calls
        if len(calls) == 1:
            warned = Drawn(drawn[0])  # type: ignore[arg-type]
            warned.diagnostics = ("lost an edge",)
            drawn[0] = warned
        return drawn  # type: ignore[return-value]

    monkeypatch.setattr(layout, "draw_jobs", warning)
    results = layout.check([tmp_path], ["org"], generated=False)
    assert [v.message for v in results[0].violations if v.rule == "graphviz"] == ["lost an edge"]
    assert "graphviz" not in results[1].counts()


def test_a_piece_of_a_split_view_with_fewer_than_four_role_cards_is_a_sliver() -> None:
    three = [node(f"role-{r}", 10 + 60 * i, -100, 50, 30) for i, r in enumerate("abc")]
    small = parse_svg(svg(*three, point("j_1", 5, -5), node("unit-x", 300, -100, 50, 30), w=1920, h=1080))
    assert rules.role_cards(small) == ["role-a", "role-b", "role-c"]  # no junction, no other node
    assert [v.rule for v in rules.slivers(small, pieces=2)] == ["sliver"]
    assert rules.slivers(small, pieces=1) == []  # a whole chart may be small
    four = parse_svg(svg(*three, node("role-d", 200, -100, 50, 30), w=1920, h=1080))
    assert rules.slivers(four, pieces=3) == []
    assert "sliver" in layout.measure(small, "org", "TB", None, pieces=2).counts()
    assert "sliver" not in layout.measure(small, "org", "TB", None).counts()
    assert "sliver" not in layout.measure(small, "responsibilities", "-", None, pieces=2).counts()


def test_the_check_counts_the_pieces_of_each_view(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "acme.yaml").write_text(SPEC.replace("  - {id: aide", "#"), encoding="utf-8")  # three roles
    real = layout.plan_charts

    def halves(*args: object, **kwargs: object) -> list[Chart]:
        charts: list[Chart] = real(*args, **kwargs)  # type: ignore[arg-type]
        # Each org chart drawn as if split in two: the same three cards, twice.
        return [c for chart in charts for c in (chart, replace(chart, diagram=replace(
            chart.diagram, id=chart.diagram.id + "-2")))]

    whole = layout.check([tmp_path], ["org"], generated=False)
    assert [m.counts()["sliver"] for m in whole] == [0, 0]
    monkeypatch.setattr(layout, "plan_charts", halves)
    split = layout.check([tmp_path], ["org"], generated=False)
    assert [m.counts()["sliver"] for m in split] == [1, 1, 1, 1]


# --- what a reader sees -------------------------------------------------------------------------

def test_a_dotted_line_over_a_reporting_line_is_counted_each_time() -> None:
    from checks import reading

    d = parse_svg(svg(node("role-a", 10, -280, 60, 30), node("role-b", 10, -100, 60, 30),
                      node("role-c", 200, -280, 60, 30), node("role-e", 200, -100, 60, 30),
                      edge("role-a->role-b", "M40,-250L40,-100"), edge("role-c->role-e", "M230,-250L230,-100"),
                      edge("role-a->role-e", "M70,-200L300,-200", dashed=True)))
    assert [v.rule for v in reading.dotted_crossings(d)] == ["dot-cross"]  # crosses c->e, not a->b at its end
    clear = parse_svg(svg(node("role-a", 10, -280, 60, 30), node("role-c", 200, -280, 60, 30),
                          edge("role-c->role-e", "M230,-250L230,-100"),
                          edge("role-a->role-c", "M70,-270L200,-270", dashed=True)))
    assert reading.dotted_crossings(clear) == []


def test_two_dotted_lines_on_one_run_are_merged() -> None:
    from checks import reading

    d = parse_svg(svg(edge("role-x->role-a", "M10,-200L200,-200L200,-100", dashed=True),
                      edge("role-y->role-b", "M100,-200L300,-200", dashed=True)))
    (found,) = reading.dotted_merged(d)
    assert found.rule == "dot-merge" and set(found.ids) == {"role-x->role-a", "role-y->role-b"}
    apart = parse_svg(svg(edge("role-x->role-a", "M10,-200L200,-200", dashed=True),
                          edge("role-y->role-b", "M100,-190L300,-190", dashed=True)))
    assert reading.dotted_merged(apart) == []


def test_stubs_lined_up_across_a_trunk_join_two_cards_that_are_not_manager_and_report() -> None:
    from checks import reading

    # m's trunk runs down x=200; a hangs left and b right of it at the same height: one straight line a-b.
    parts = [node("role-m", 170, -290, 60, 30), node("role-a", 20, -180, 60, 30), node("role-b", 320, -180, 60, 30),
             point("m_j", 200, -165), edge("role-m->m_j", "M200,-260L200,-165"),
             edge("m_j->role-a", "M200,-165L80,-165"), edge("m_j->role-b", "M200,-165L320,-165")]
    related = [("role-m", "role-a"), ("role-m", "role-b")]
    (found,) = reading.false_joins(parse_svg(svg(*parts)), related)
    assert found.rule == "join" and set(found.ids) == {"role-a", "role-b"}
    # b's stub a little lower: two lines, each from the trunk to one card.
    parts[-1], parts[3] = edge("m_j2->role-b", "M200,-160L320,-160"), point("m_j", 200, -165)
    assert reading.false_joins(parse_svg(svg(*parts, point("m_j2", 200, -160))), related) == []
    # an assistant's line joins manager and assistant: related.
    side = [node("role-m", 100, -290, 60, 30), node("role-p", 220, -290, 60, 30),
            edge("role-m->role-p", "M160,-275L220,-275")]
    assert reading.false_joins(parse_svg(svg(*side)), [("role-m", "role-p")]) == []


def test_raci_pieces_of_one_activity_or_too_many_pieces_fail() -> None:
    from checks import reading

    def titled(sub: str) -> bytes:
        return svg(f'<text text-anchor="start" x="10" y="-280" font-size="12">{sub}</text>')

    assert [v.rule for v in reading.raci_pieces(parse_svg(titled("1 activities × 29 roles")), 2)] == ["raci-piece"]
    assert reading.raci_pieces(parse_svg(titled("15 activities × 20 roles")), 2) == []
    assert [v.rule for v in reading.raci_pieces(parse_svg(titled("4 activities × 9 roles")), 4)] == ["raci-piece"]
    assert reading.raci_pieces(parse_svg(titled("12 activities × 5 roles")), 5) == []  # a long RACI takes its slides


def test_stability_swaps_one_seat_holders_and_flags_a_role_that_moves(monkeypatch: pytest.MonkeyPatch) -> None:
    from checks import stability
    from orgcharts.views.diagram import Card, Diagram

    spec = load_text("org: Co\nroles:\n  - {id: boss, title: Sales Director, people: [Ann]}\n"
                     "  - {id: rep, title: Sales Officer, reports_to: boss}\n"
                     "  - {id: team, title: Rep, reports_to: boss, headcount: 4}\n")
    turned = {r.id: r for r in stability.swapped(spec).roles}
    assert turned["boss"].people == [] and turned["boss"].headcount == 1
    assert [p.name for p in turned["rep"].people] == ["SO"]
    assert turned["team"] == spec.roles[2]  # several seats: left as written

    def drawn(s: object, stem: str, options: object) -> list[Diagram]:
        named = any(r.people for r in s.roles if r.id == "rep")  # type: ignore[attr-defined]
        at = {"boss": (100.0, 10.0), "rep": (150.0 if named else 50.0, 80.0), "team": (100.0, 160.0)}
        return [Diagram(id="x", title="x", description="x", cards=tuple(Card(id=f"role-{k}", title=k, at=p) for k, p in at.items()))]

    monkeypatch.setattr(stability, "charts", drawn)
    # rep swaps sides of its manager, and so team (the report after it) sits on the other side of rep
    assert stability.unstable(spec, layout.ViewOptions()) == ["rep", "team"]

    def centred(s: object, stem: str, options: object) -> list[Diagram]:
        named = any(r.people for r in s.roles if r.id == "rep")  # type: ignore[attr-defined]
        # A card one line taller moves the row's centring by a few points: the same arrangement to a reader.
        at = {"boss": (100.0, 10.0), "rep": (100.0 + (stability.LEVEL - 1 if named else 0.0), 80.0),
              "team": (100.0, 160.0)}
        return [Diagram(id="x", title="x", description="x", cards=tuple(Card(id=f"role-{k}", title=k, at=p) for k, p in at.items()))]

    monkeypatch.setattr(stability, "charts", centred)
    assert stability.unstable(spec, layout.ViewOptions()) == []


def test_a_responsibilities_piece_far_emptier_than_its_siblings_is_caught() -> None:
    from checks import reading

    assert reading.emptiest_piece([10, 5]) == []  # half: a smaller piece, not a leftover
    assert [i for i, _ in reading.emptiest_piece([10, 4])] == [1]  # public-digital-team, cut greedily
    found = reading.emptiest_piece([10, 4, 12])
    assert [(i, v.rule) for i, v in found] == [(1, "balance")] and "4 role cards" in found[0][1].message
    assert [i for i, _ in reading.emptiest_piece([8, 16, 5])] == [2]  # 5 of a median 12
    assert reading.emptiest_piece([6, 3, 6]) == [] and reading.emptiest_piece([7]) == []


def test_the_docs_table_lists_every_layout_rule() -> None:
    text = (Path(__file__).parent.parent / "docs" / "checks.md").read_text(encoding="utf-8")
    table = text.split("## The layout check", 1)[1].split("\n\n")[2]
    listed = [line.split("|")[1].strip().strip("`") for line in table.splitlines()[2:]]
    assert listed == list(rules.RULES)
    assert all(f"| {layout._SHORT[code]} | {meaning} |" in table for code, meaning in rules.RULES.items())


def test_a_known_violation_does_not_fail_and_any_other_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """layout_rules.KNOWN lets named charts break one named rule (open work); everything else still fails."""
    known = layout.Measured("acme", "org", "LR", "acme-org-2", 100, 50,
                            violations=[rules.Violation("fill", "covers 51%", ())])
    other = layout.Measured("acme", "org", "TB", "acme-org-1", 100, 50,
                            violations=[rules.Violation("fill", "covers 51%", ())])
    monkeypatch.setattr(rules, "KNOWN", {("acme-org-2", "LR", "fill"): "open work"})
    failing, seen = layout._failing([known])
    assert failing == [] and seen == {("acme-org-2", "LR", "fill")}
    failing, seen = layout._failing([known, other])
    assert [v.rule for v in failing] == ["fill"] and seen == {("acme-org-2", "LR", "fill")}
    monkeypatch.setattr(rules, "KNOWN", {})
    assert len(layout._failing([known])[0]) == 1
