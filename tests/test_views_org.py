"""views.org: cards, units framed or tagged, siblings in order both ways, dotted lines, pieces when too big."""

import sys

import pygraphviz
import pytest

from orgcharts.views.diagram import Card, Diagram, Junction
from orgcharts.engine.dot import to_dot
from orgcharts.spec.loader import load_text
from orgcharts.spec.models import ViewOptions
from orgcharts.themes import get_theme
from orgcharts.views.org import build, charts

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


def cards(d: Diagram) -> dict[str, Card]:
    return {c.id: c for c in d.cards if isinstance(c, Card)}


def centre(d: Diagram, card_id: str) -> tuple[float, float]:
    at = cards(d)[card_id].at
    assert at is not None
    return at


def test_cards_people_and_vacancies() -> None:
    found = cards(diagram())
    assert found["role-ceo"].tone == "lead"
    assert [(l.text, l.style) for l in found["role-dev"].lines] == [("Ed, Flo + 1 open", "people")]
    assert found["role-sre"].dashed and [(l.text, l.style) for l in found["role-sre"].lines] == [("Vacant", "vacancy")]
    assert not found["role-dev"].dashed


def test_a_unit_forming_one_subtree_is_framed_with_its_headcount() -> None:
    eng, ops = diagram().groups  # Top holds the whole chart: no frame needed
    assert ops.title == "Operations" and ops.cards == ("role-coo",)
    assert (eng.title, eng.lines[0].text) == ("Engineering", "3 people · 2 open")
    assert set(eng.cards) == {"role-cto", "role-dev", "role-sre"}
    assert eng.frame is not None


@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_frames_hold_their_cards_and_sit_inside_the_drawing(direction: str) -> None:
    d = diagram(direction=direction)
    assert d.placed is not None
    width, height = d.placed
    for group in d.groups:
        assert group.frame is not None
        x0, y0, x1, y1 = group.frame
        assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height
        for card_id in group.cards:
            x, y = centre(d, card_id)
            assert x0 < x < x1 and y0 < y < y1, (group.id, card_id)
    others = [c for c in cards(d) if all(c not in g.cards for g in d.groups)]
    for card_id in others:
        x, y = centre(d, card_id)
        assert not any(g.frame[0] < x < g.frame[2] and g.frame[1] < y < g.frame[3] for g in d.groups if g.frame)


def test_a_unit_cutting_across_the_tree_is_a_tag_not_a_frame() -> None:
    text = ORG.replace("{id: sre, title: SRE, unit: eng,", "{id: sre, title: SRE, unit: ops,")
    d = diagram(text)
    assert not any(g.title == "Operations" for g in d.groups)
    assert not any(g.title == "Engineering" for g in d.groups)
    assert ("in Operations", "note") in [(l.text, l.style) for l in cards(d)["role-sre"].lines]


def test_lines_are_right_angled_pieces_between_cards_and_junctions() -> None:
    d = diagram()
    solid = [e for e in d.edges if not e.dashed]
    assert solid and all(len(e.route) == 2 for e in solid)
    for e in solid:
        (ax, ay), (bx, by) = e.route
        assert abs(ax - bx) < 0.01 or abs(ay - by) < 0.01
    junctions = {c.id for c in d.cards if isinstance(c, Junction)}
    assert junctions and all("_" in j for j in junctions)
    ends = {e.tail for e in solid} | {e.head for e in solid}
    assert ends <= junctions | set(cards(d))


def test_assistant_sits_beside_the_manager() -> None:
    d = diagram()
    (cx, cy), (px, py) = centre(d, "role-ceo"), centre(d, "role-pa")
    assert abs(cy - py) < 0.01 and px > cx


@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_siblings_keep_spec_order_whatever_their_units(direction: str) -> None:
    # COO (Operations) listed before CTO (Engineering): spec order wins, units do not re-sort.
    text = ORG.replace("  - {id: cto, title: CTO, unit: eng, reports_to: ceo, people: [Cy]}\n", "") + \
        "  - {id: cto, title: CTO, unit: eng, reports_to: ceo, people: [Cy]}\n"
    d = diagram(text, direction=direction)
    axis = 1 if direction == "LR" else 0
    assert centre(d, "role-coo")[axis] < centre(d, "role-cto")[axis]
    d = diagram(direction=direction)
    assert centre(d, "role-cto")[axis] < centre(d, "role-coo")[axis]


def test_lr_flows_left_to_right() -> None:
    d = diagram(direction="LR")
    assert centre(d, "role-ceo")[0] < centre(d, "role-cto")[0] < centre(d, "role-dev")[0]


def test_dotted_line_is_dashed_right_angled_and_off_the_solid_lines() -> None:
    d = diagram()
    (dotted,) = [e for e in d.edges if e.dashed]
    assert (dotted.tail, dotted.head) == ("role-coo", "role-sre")
    points = dotted.route
    assert len(points) >= 2
    solid = [e.route for e in d.edges if not e.dashed]
    for a, b in zip(points, points[1:]):
        assert abs(a[0] - b[0]) < 0.01 or abs(a[1] - b[1]) < 0.01
        for s0, s1 in solid:  # never on a solid line: a parallel solid piece is at least a few points away
            same_axis = (abs(a[0] - b[0]) < 0.01) == (abs(s0[0] - s1[0]) < 0.01)
            if same_axis:
                k = 0 if abs(a[0] - b[0]) < 0.01 else 1
                apart = abs(a[k] - s0[k])
                overlap = min(max(a[1 - k], b[1 - k]), max(s0[1 - k], s1[1 - k])) - \
                    max(min(a[1 - k], b[1 - k]), min(s0[1 - k], s1[1 - k]))
                assert apart > 3 or overlap <= 0, (a, b, s0, s1)


def test_role_ids_like_internal_names_do_not_vanish() -> None:
    text = """\
org: X
roles:
  - {id: ceo, title: CEO}
  - {id: ceo-bus, title: Bus, reports_to: ceo}
  - {id: ceo-bus-0, title: Bus zero, reports_to: ceo}
  - {id: ceo-bus0, title: Bus nought, reports_to: ceo}
"""
    d = diagram(text)
    assert {"role-ceo", "role-ceo-bus", "role-ceo-bus-0", "role-ceo-bus0"} <= set(cards(d))
    g = pygraphviz.AGraph(string=to_dot(d, get_theme("default")))
    assert sorted(set(g.nodes()) - {"_extent"}) == sorted(c.id for c in d.cards)  # one DOT node each


def test_no_reporting_lines_means_no_chart() -> None:
    assert build(load_text("org: X\nroles: [{id: a, title: A}]\n"), "x", ViewOptions()) is None
    assert charts(load_text("org: X\nroles: [{id: a, title: A}]\n"), "x", ViewOptions()) == []


def generated(roles: int) -> str:
    sys.path.insert(0, str(ROOT / "bench"))
    from genspec import generate

    return str(generate(roles))


def test_a_large_org_is_split_into_titled_pieces_along_subtrees() -> None:
    spec = load_text(generated(300))
    pieces = charts(spec, "g", ViewOptions())
    n = len(pieces)
    assert n > 1
    assert [p.id for p in pieces] == [f"g-org-{k}" for k in range(1, n + 1)]
    assert all(p.title.endswith(f" — {k} of {n}") for k, p in enumerate(pieces, 1))
    assert pieces[0].title == f"Generated Co — 1 of {n}"
    assert len({p.title for p in pieces}) == n  # each names what it shows
    drawn = [c.id for p in pieces for c in p.cards if isinstance(c, Card)]
    assert set(drawn) == {f"role-{r.id}" for r in spec.roles}  # every role somewhere
    # The top piece marks each card continued elsewhere, with the piece it continues in.
    marks = [l.text for c in pieces[0].cards if isinstance(c, Card) for l in c.lines if "continues" in l.text]
    assert marks and all(m.startswith("continues in chart ") and m.endswith(f" of {n}") for m in marks)
    # A unit continued in other pieces is framed in none of its parts here: its cards name it instead.
    top_cards = {c.id: c for c in pieces[0].cards if isinstance(c, Card)}
    assert "in Department 1" in [l.text for l in top_cards["role-role-1"].lines]
    # A later piece repeats its top role, saying whom it reports to.
    top = [c for c in pieces[1].cards if isinstance(c, Card)][0]
    assert any(l.text.startswith("reports to ") for l in top.lines)


def test_no_split_draws_the_whole_poster() -> None:
    spec = load_text(generated(300))
    (poster,) = charts(spec, "g", ViewOptions(split=False))
    assert poster.id == "g-org" and len([c for c in poster.cards if isinstance(c, Card)]) == 300


def test_a_small_org_is_one_chart() -> None:
    (d,) = charts(load_text(ORG), "co", ViewOptions())
    assert d.id == "co-org" and d.title == "Co — reporting lines"


WIDE = "org: Wide\nunits:\n" + "".join(f"  - {{id: d{i}, name: Department {i}}}\n" for i in range(6)) + \
    "roles:\n  - {id: ceo, title: Chief Executive, people: [A]}\n" + "".join(
        f"  - {{id: h{i}, title: Head of Department {i}, unit: d{i}, reports_to: ceo, people: [H{i}]}}\n"
        f"  - {{id: a{i}, title: Analyst {i}, unit: d{i}, reports_to: h{i}, people: [X{i}, Y{i}]}}\n"
        f"  - {{id: b{i}, title: Designer {i}, unit: d{i}, reports_to: h{i}, people: [Z{i}]}}\n" for i in range(6))


@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_a_wide_row_of_subtrees_hangs_off_trunks_and_fills_one_slide(direction: str) -> None:
    """Six departments under one head: two tiers of subtrees off trunks, one chart, not a strip or six slides."""
    (chart,) = charts(load_text(WIDE), "w", ViewOptions(direction=direction))
    assert chart.placed is not None
    width, height = chart.placed
    assert 1.2 < width / height < 2.5
    heads = [cards(chart)[f"role-h{i}"].at for i in range(6)]
    across = [(y, x) if direction == "LR" else (x, y) for x, y in heads]  # (breadth, depth)
    assert len({round(d) for _, d in across}) > 1  # more than one tier of heads
    for (b0, d0), (b1, d1) in zip(across, across[1:]):  # spec order: onward, or straight below
        assert b1 > b0 + 1 or (abs(b1 - b0) <= 1 and d1 > d0)


@pytest.mark.parametrize("direction", ["TB", "LR"])
@pytest.mark.parametrize("name", ["agency-150", "consultancy", "marketing-department", "client-services-before"])
def test_every_piece_of_a_wide_shallow_org_fits_the_slide(name: str, direction: str) -> None:
    """Wide, shallow orgs (one strip on the slide) come out as pieces that each cover 70% with 9 px text."""
    from orgcharts.engine.labels import title_label
    from orgcharts.layout.fit import slide_fit
    from orgcharts.layout.measure import label_sizes
    from orgcharts.views.org import PAD, SMALLEST_PT

    folder = "specs" if name == "client-services-before" else "tests/corpus"
    spec = load_text((ROOT / folder / f"{name}.yaml").read_text())
    pieces = charts(spec, name, ViewOptions(direction=direction))
    heads = label_sizes({p.id: title_label(p.title, p.subtitle, get_theme("default")) for p in pieces})
    for piece in pieces:
        assert piece.placed is not None
        fit = slide_fit(piece.placed[0] + 2 * PAD, piece.placed[1] + heads[piece.id][1] + 2 * PAD, SMALLEST_PT)
        assert fit.ok, (piece.id, fit)


@pytest.mark.parametrize("direction", ["TB", "LR"])
@pytest.mark.parametrize("name", ["newsroom", "both-sides"])
def test_a_small_org_is_never_split_into_slivers(name: str, direction: str) -> None:
    """A newsroom of six desks under a managing editor: one chart filling the slide both ways, not
    a manager-and-one-report slide per desk (in LR its desks hang off trunks, as they do in TB)."""
    from orgcharts.engine.labels import title_label
    from orgcharts.layout.fit import slide_fit
    from orgcharts.layout.measure import label_sizes
    from orgcharts.views.org import MIN_PIECE_ROLES, PAD, SMALLEST_PT

    spec = load_text((ROOT / "tests" / "corpus" / f"{name}.yaml").read_text())
    pieces = charts(spec, name, ViewOptions(direction=direction))
    assert len(pieces) == 1 or min(len(cards(p)) for p in pieces) >= MIN_PIECE_ROLES
    (chart,) = pieces  # both are small enough to read whole
    assert chart.placed is not None
    head = label_sizes({"t": title_label(chart.title, chart.subtitle, get_theme("default"))})["t"]
    fit = slide_fit(chart.placed[0] + 2 * PAD, chart.placed[1] + head[1] + 2 * PAD, SMALLEST_PT)
    assert fit.ok, fit


def test_the_legend_names_the_side_colours_the_cards_are_drawn_in() -> None:
    spec = load_text("""\
org: Inn
sides: {client: Guests, team: Staff}
roles:
  - {id: gm, title: GM, client_facing: [a], internal: [b]}
  - {id: desk, title: Desk, reports_to: gm, client_facing: [a, b], internal: [c]}
  - {id: chef, title: Chef, reports_to: gm, internal: [a]}
""")
    d = build(spec, "inn", ViewOptions())
    assert d is not None
    assert d.legend == (("faces the Guests", "client"), ("faces the Staff", "team"))  # no card faces both
    assert "faces the Guests" in to_dot(d, get_theme("default"))


def _dotted_spec() -> str:
    """A director over three account directors, with strategy and creative leads dotted to each of them."""
    ads = "".join(f"  - {{id: ad{i}, title: Account Director, unit: p{i}, reports_to: md}}\n"
                  f"  - {{id: am{i}, title: Account Manager, unit: p{i}, reports_to: ad{i}}}\n" for i in range(3))
    leads = "".join(f"  - {{id: {k}{i}, title: {k.title()} Lead, unit: p{i}, reports_to: {h}, dotted_to: [ad{i}]}}\n"
                    for i in range(3) for k, h in (("strategy", "hs"), ("creative", "cd")))
    units = "".join(f"  - {{id: p{i}, name: Pod {i}}}\n" for i in range(3))
    return (f"org: Agency\nunits:\n{units}roles:\n  - {{id: md, title: MD}}\n"
            f"  - {{id: hs, title: Head of Strategy, reports_to: md}}\n"
            f"  - {{id: cd, title: Creative Director, reports_to: md}}\n{ads}{leads}")


def test_dotted_lines_cross_no_reporting_line_and_never_share_a_run() -> None:
    from orgcharts.layout.route import crossings

    d = build(load_text(_dotted_spec()), "agency", ViewOptions())
    assert d is not None
    solid = [tuple(zip(e.route, e.route[1:])) for e in d.edges if not e.dashed and e.route]
    flat = [seg for segs in solid for seg in segs]
    dotted = [e for e in d.edges if e.dashed]
    said = [c for c in d.cards if isinstance(c, Card) and any("also works with" in ln.text for ln in c.lines)]
    assert len(dotted) + sum(ln.text.count("Account Director") for c in said for ln in c.lines) >= 6
    for e in dotted:
        assert crossings(e.route, flat) == 0, e
    runs = [(round(a[0], 1), round(a[1], 1), round(b[0], 1), round(b[1], 1))
            for e in dotted for a, b in zip(e.route, e.route[1:])]
    assert len(runs) == len(set(runs))  # no two dotted lines share a piece of line


def test_a_dotted_line_with_no_clear_route_is_said_on_the_card(monkeypatch: pytest.MonkeyPatch) -> None:
    from orgcharts.views import orgdotted

    monkeypatch.setattr(orgdotted, "route_dotted", lambda *args: ())
    d = build(load_text(ORG), "co", ViewOptions())
    assert d is not None and not [e for e in d.edges if e.dashed]
    sre = next(c for c in d.cards if isinstance(c, Card) and c.id == "role-sre")
    assert any(line.text == "also works with COO" for line in sre.lines)


@pytest.mark.parametrize(("name", "direction"), [("public-digital-team", "TB"), ("hotel", "TB")])
def test_names_or_a_headcount_give_the_same_arrangement(name: str, direction: str) -> None:
    """Names in place of `headcount: 1` (or the other way) add or drop a line on each card: the shape of each
    piece is chosen on cards whose holder line is the same either way, so nothing moves (both flipped before)."""
    from checks.stability import arrangement, swapped, unstable

    spec = load_text((ROOT / "tests" / "corpus" / f"{name}.yaml").read_text())
    options = ViewOptions(direction=direction)
    assert arrangement(spec, options) and arrangement(swapped(spec), options)
    assert unstable(spec, options) == []
    assert unstable(swapped(spec), options) == []


def test_a_dotted_line_to_a_manager_on_another_piece_is_said_on_the_card() -> None:
    """A split chart loses no dotted line: one whose manager is drawn on another piece is said on the report's card."""
    from orgcharts.spec.loader import load_file

    spec = load_file(ROOT / "tests" / "corpus" / "football-backroom.yaml", "football-backroom.yaml").spec
    pieces = charts(spec, "football", ViewOptions())
    assert len(pieces) > 1
    titles = {r.id: r.title for r in spec.roles}
    lost = []
    for role in spec.roles:
        for boss in role.dotted_to:
            drawn = any(e.dashed and e.tail == f"role-{boss}" and e.head == f"role-{role.id}"
                        for d in pieces for e in d.edges)
            said = any(isinstance(c, Card) and c.id == f"role-{role.id}" and
                       any(titles[boss] in line.text and "works with" in line.text for line in c.lines)
                       for d in pieces for c in d.cards)
            if not (drawn or said):
                lost.append((boss, role.id))
    assert lost == []
