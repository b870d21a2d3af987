"""views.responsibilities: units ordered by side and flowed into slide-shaped columns, split when dense."""

from orgcharts.views.diagram import Diagram
from orgcharts.engine.dot import to_dot
from orgcharts.layout.slides import measure
from orgcharts.spec.loader import load_text
from orgcharts.spec.models import ViewOptions
from orgcharts.themes import get_theme
from orgcharts.views.registry import available_views, get_view
from orgcharts.views import responsibilities as view
from orgcharts.views.responsibilities import build, charts

from .conftest import MINIMAL

AGENCY = """\
org: Agency
sides: {client: Client, team: {name: Studio, units: [design]}}
units:
  - {id: cs, name: Client Services, lead: boss}
  - {id: pm, name: Project Management, parent: cs, nickname: Team Captain}
  - {id: am, name: Account Management, parent: cs, nickname: Client Rep, description: Keeps clients close}
  - {id: design, name: Design}
roles:
  - {id: boss, title: Director, unit: cs, client_facing: [a], internal: [b], people: [Kate]}
  - {id: pm1, title: Project Manager, unit: pm, client_facing: [a], internal: [b, c, d]}
  - {id: am1, title: Account Manager, unit: am, client_facing: [a, b, c], internal: [d]}
  - {id: am2, title: Account Director, unit: am, client_facing: [a, b], internal: [c]}
  - {id: dev, title: Developer, unit: design}
"""


def _units(n: int, duties: int, *, faces: str = "") -> str:
    """A spec of `n` units of two roles each, every role with `duties` duties on each side."""
    units = "".join(f"  - {{id: u{i}, name: Unit {i}{faces}}}\n" for i in range(n))
    items = ", ".join(f"Looks after part {j} of the work with care" for j in range(duties))
    roles = "".join(f"  - {{id: r{i}-{k}, title: Role {i}.{k}, unit: u{i}, client_facing: [{items}], "
                    f"internal: [{items}]}}\n" for i in range(n) for k in range(2))
    return f"org: Big\ntitle: Big Co\nunits:\n{units}roles:\n{roles}"


def test_units_run_from_client_facing_through_both_to_team_facing() -> None:
    spec = AGENCY.replace("{id: design, name: Design}", "{id: design, name: Design}\n"
                          "  - {id: ops, name: Operations, parent: cs}")
    spec += "  - {id: op, title: Ops Lead, unit: ops, client_facing: [a, b, c], internal: [d, e, f]}\n"
    diagram = build(load_text(spec), "agency", ViewOptions())
    assert diagram is not None
    (outer,) = diagram.groups
    assert outer.id == "unit-cs" and outer.header is not None and outer.header.title == "Director"
    # 3 of 6 duties face the client: not a 60% majority, so Operations faces both, in the middle.
    assert [g.id for g in outer.groups] == ["unit-am", "unit-ops", "unit-pm"]
    assert [g.tone for g in outer.groups] == ["client", "both", "team"]
    assert outer.groups[0].cards == ("role-am1", "role-am2")  # spec order inside a unit


def test_stated_faces_wins_over_duties() -> None:
    spec = AGENCY.replace("nickname: Client Rep,", "nickname: Client Rep, faces: team,")
    diagram = build(load_text(spec), "agency", ViewOptions())
    assert diagram is not None
    assert [(g.id, g.tone) for g in diagram.groups[0].groups] == [("unit-pm", "team"), ("unit-am", "team")]


def test_no_line_is_drawn_only_invisible_placement() -> None:
    diagram = build(load_text(AGENCY), "agency", ViewOptions())
    assert diagram is not None and diagram.edges
    assert all(e.invisible for e in diagram.edges)
    links = [line for line in to_dot(diagram, get_theme("default")).splitlines() if "->" in line]
    assert links and all("style=invis" in line for line in links)


def _columns(diagram: Diagram) -> int:
    """How many columns the units were flowed into: the chain of invisible links from the client."""
    tails = {e.tail for e in diagram.edges if e.head != "side-team"}
    return len(tails)


def test_units_flow_into_columns_chosen_for_the_slide() -> None:
    diagram = build(load_text(_units(4, 2)), "big", ViewOptions())
    assert diagram is not None
    assert _columns(diagram) >= 2  # eight cards in one column would be a portrait strip
    fit = measure(diagram).fit
    assert fit.ok, fit


def test_a_single_column_would_not_meet_the_slide_rule(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(view, "MAX_COLUMNS", 1)
    diagram = build(load_text(_units(4, 2)), "big", ViewOptions())
    assert diagram is not None and _columns(diagram) == 1
    assert not measure(diagram).fit.ok


def test_too_dense_a_chart_is_split_into_titled_pieces_with_predictable_ids() -> None:
    spec = load_text(_units(8, 4))
    pieces = charts(spec, "big", ViewOptions())
    n = len(pieces)
    assert n >= 2
    assert [d.id for d in pieces] == [f"big-responsibilities-{i}" for i in range(1, n + 1)]
    assert [d.title for d in pieces] == [f"Big Co — {i} of {n}" for i in range(1, n + 1)]
    drawn = [c.id for d in pieces for c in d.cards if c.id.startswith("role-")]
    assert drawn == [f"role-r{i}-{k}" for i in range(8) for k in range(2)]  # every role once, in order
    for d in pieces:
        assert measure(d).fit.ok
        units = [g.title for g in d.groups]
        assert d.subtitle == " · ".join(units)  # each piece names its units


def test_no_split_draws_the_poster() -> None:
    (poster,) = charts(load_text(_units(8, 4)), "big", ViewOptions(split=False))
    assert poster.id == "big-responsibilities" and poster.title == "Big Co"
    assert not measure(poster).fit.ok


def test_a_chart_that_fits_is_not_split() -> None:
    (whole,) = charts(load_text(AGENCY), "agency", ViewOptions())
    assert whole.id == "agency-responsibilities"


def test_unit_description_is_drawn_under_its_heading() -> None:
    diagram = build(load_text(AGENCY), "agency", ViewOptions())
    assert diagram is not None
    am = diagram.groups[0].groups[0]
    assert am.lines[0].text == "Keeps clients close"
    assert "Keeps clients close" in to_dot(diagram, get_theme("default"))


def test_legend_names_the_sides_and_both_only_when_drawn() -> None:
    diagram = build(load_text(AGENCY), "agency", ViewOptions())
    assert diagram is not None
    assert diagram.legend == (("faces the Client", "client"), ("faces the Studio", "team"))
    both = build(load_text(AGENCY.replace("nickname: Team Captain", "nickname: Team Captain, faces: both")), "a",
                 ViewOptions())
    assert both is not None
    assert both.legend == (("faces the Client", "client"), ("faces both sides", "both"), ("faces the Studio", "team"))
    dot = to_dot(both, get_theme("default"))
    assert "faces both sides" in dot and get_theme("default").both in dot


def test_cards_show_people_duties_and_side_names() -> None:
    diagram = build(load_text(AGENCY), "agency", ViewOptions())
    assert diagram is not None
    cards = {c.id: c for c in diagram.cards}
    assert "role-dev" not in cards  # no duties, not on this chart
    am = cards["role-am1"]
    assert [c.heading for c in am.columns] == ["With the Client", "With the Studio"]  # type: ignore[union-attr]
    assert am.columns[0].items == ("a", "b", "c")  # type: ignore[union-attr]
    assert cards["side-team"].columns[0].items == ("Design",)  # type: ignore[union-attr]
    header = diagram.groups[0].header
    assert header is not None and header.lines[0].text == "Kate"


def test_role_without_duty_on_one_side_draws_no_box_for_it() -> None:
    diagram = build(load_text(MINIMAL.replace("    client_facing: [Shows the customer the thing]\n", "")), "m",
                    ViewOptions())
    assert diagram is not None
    maker = {c.id: c for c in diagram.cards}["role-maker"]
    (only,) = maker.columns  # type: ignore[union-attr]
    assert only.tone == "team" and "—" not in only.items


def test_no_duties_means_no_chart() -> None:
    spec = load_text("org: A\nroles: [{id: a, title: A}]\n")
    assert build(spec, "a", ViewOptions()) is None
    assert available_views(spec, "a") == []


def test_unknown_view_lists_choices() -> None:
    try:
        get_view("pie")
    except ValueError as exc:
        assert str(exc) == "unknown view 'pie'; must be one of [responsibilities, org, raci, accounts]"
    else:
        raise AssertionError("no error")


def test_the_framing_units_own_roles_sit_in_its_frame_not_a_second_one() -> None:
    spec = AGENCY + "  - {id: ops, title: Studio Manager, unit: cs, internal: [a, b]}\n"
    diagram = build(load_text(spec), "agency", ViewOptions())
    assert diagram is not None
    (outer,) = diagram.groups
    assert outer.cards == ("role-ops",)
    assert "unit-cs" not in [g.id for g in outer.groups]
    assert {c.id: c.tone for c in diagram.cards}["role-ops"] == "team"  # no frame says its side: the card does


def test_a_unit_too_tall_for_a_slide_continues_in_a_frame_of_its_own() -> None:
    items = ", ".join(f"Looks after part {j} of the work with care" for j in range(3))
    roles = "".join(f"  - {{id: r{k}, title: Role {k}, unit: big, client_facing: [{items}], internal: [{items}]}}\n"
                    for k in range(12))
    roles += "  - {id: s, title: Small, unit: small, faces: team, internal: [Helps]}\n"
    spec = load_text(f"org: One\nunits:\n  - {{id: big, name: Big Unit}}\n  - {{id: small, name: Small Unit}}\n"
                     f"roles:\n{roles}")
    drawn = [(g.title, g.cards) for d in charts(spec, "one", ViewOptions()) for g in d.groups]
    assert drawn[0][0] == "Big Unit" and len(drawn) >= 3
    assert {title for title, _ in drawn[1:-1]} == {"Big Unit (continued)"} and drawn[-1][0] == "Small Unit"
    assert [c for _, cards in drawn for c in cards] == [f"role-r{k}" for k in range(12)] + ["role-s"]


def test_a_split_cuts_pieces_near_equal_in_role_cards() -> None:
    """The pieces of a split hold about as many cards each: no slide of a few cards beside full ones."""
    from pathlib import Path

    from checks.reading import emptiest_piece

    spec = load_text((Path(__file__).parent / "corpus" / "public-digital-team.yaml").read_text())
    held = [sum(1 for c in d.cards if c.id.startswith("role-")) for d in charts(spec, "x", ViewOptions())]
    assert len(held) > 1 and emptiest_piece(held) == []  # cut greedily: 10 cards, then 4
    assert min(held) >= view.EVEN * max(held)


def test_evening_keeps_pieces_that_fit_and_takes_a_more_even_cut() -> None:
    blocks = [view._Block(f"u{i}", tuple(f"r{i}-{k}" for k in range(n)), "both") for i, n in enumerate([4, 4, 2, 2])]
    greedy = [tuple(blocks[:3]), tuple(blocks[3:])]  # 10 cards, then 2
    assert view._evened(greedy, lambda piece: True) == [tuple(blocks[:2]), tuple(blocks[2:])]  # 8 and 4
    assert view._evened(greedy, lambda piece: piece in greedy) == greedy  # no even cut fits: kept
    big, small = (view._Block(u, tuple(f"{u}{k}" for k in range(n)), "both") for u, n in (("big", 10), ("small", 2)))
    finer = view._evened([(big,), (small,)], lambda piece: True)  # whole units cannot even out: halves of them do
    assert [sum(len(b.roles) for b in piece) for piece in finer] == [5, 7]


def test_an_open_seat_shows_on_its_card_with_or_without_a_headcount() -> None:
    """`open:` alone, or one filled seat beside an open one, reads as what it is (not filled, not "Vacant")."""
    spec = load_text(AGENCY.replace("{id: pm1, title: Project Manager, unit: pm,",
                                    "{id: pm1, title: Project Manager, unit: pm, open: 1,")
                     .replace("{id: am2, title: Account Director, unit: am,",
                              "{id: am2, title: Account Director, unit: am, headcount: 2, open: 1,"))
    cards = {card.id: card for diagram in charts(spec, "t", ViewOptions()) for card in diagram.cards}
    lines = {key: [line.text for line in card.lines] for key, card in cards.items()}
    assert "Vacant" in lines["role-pm1"]
    assert "1 person + 1 open" in lines["role-am2"]
    assert "Vacant" not in lines["role-am1"] and not any("open" in text for text in lines["role-am1"])
