"""views.responsibilities: lanes ordered by how much each faces the client, lead as header, a chain of lines."""

from orgcharts.loader import load_text
from orgcharts.spec import ViewOptions
from orgcharts.views import available_views, get_view
from orgcharts.views.responsibilities import build

from .conftest import MINIMAL

AGENCY = """\
org: Agency
sides: {client: Client, team: {name: Studio, units: [design]}}
units:
  - {id: cs, name: Client Services, lead: boss}
  - {id: pm, name: Project Management, parent: cs, nickname: Team Captain}
  - {id: am, name: Account Management, parent: cs, nickname: Client Rep}
  - {id: design, name: Design}
roles:
  - {id: boss, title: Director, unit: cs, client_facing: [a], internal: [b], people: [Kate]}
  - {id: pm1, title: Project Manager, unit: pm, client_facing: [a], internal: [b, c, d]}
  - {id: am1, title: Account Manager, unit: am, client_facing: [a, b, c], internal: [d]}
  - {id: am2, title: Account Director, unit: am, client_facing: [a, b], internal: [c]}
  - {id: dev, title: Developer, unit: design}
"""


def test_lanes_run_from_client_facing_to_team_facing() -> None:
    diagram = build(load_text(AGENCY), "agency", ViewOptions())
    assert diagram is not None
    (outer,) = diagram.groups
    assert outer.id == "unit-cs" and outer.header is not None and outer.header.title == "Director"
    assert [g.id for g in outer.groups] == ["unit-am", "unit-pm"]
    assert outer.groups[0].cards == ("role-am1", "role-am2")  # spec order inside a unit
    assert outer.groups[0].tone == "client" and outer.groups[1].tone == "team"


def test_chain_links_client_lanes_and_team() -> None:
    diagram = build(load_text(AGENCY), "agency", ViewOptions())
    assert diagram is not None
    assert [(e.tail, e.head, e.tail_group, e.head_group, e.tone) for e in diagram.edges] == [
        ("side-client", "role-am1", None, "unit-am", "client"),
        ("role-am1", "role-pm1", "unit-am", "unit-pm", "neutral"),
        ("role-pm1", "side-team", "unit-pm", None, "team"),
    ]


def test_cards_show_people_duties_and_side_names() -> None:
    diagram = build(load_text(AGENCY), "agency", ViewOptions())
    assert diagram is not None
    cards = {c.id: c for c in diagram.cards}
    assert "role-dev" not in cards  # no duties, not on this chart
    am = cards["role-am1"]
    assert [c.heading for c in am.columns] == ["With the Client", "With the Studio"]
    assert am.columns[0].items == ("a", "b", "c")
    assert cards["side-team"].columns[0].items == ("Design",)
    header = diagram.groups[0].header
    assert header is not None and header.lines[0].text == "Kate"


def test_role_without_duty_on_one_side_shows_a_dash() -> None:
    diagram = build(load_text(MINIMAL.replace("    client_facing: [Shows the customer the thing]\n", "")), "m",
                    ViewOptions())
    assert diagram is not None
    maker = {c.id: c for c in diagram.cards}["role-maker"]
    assert maker.columns[0].items == ("—",)


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
