"""Which side a role or unit faces: stated first, then its unit's, then its duties with a clear majority."""

from __future__ import annotations

from orgcharts.spec.loader import load_text
from orgcharts.spec.roles import listed_sides, role_side, role_tone, unit_side

SPEC = """
org: X
units:
  - {id: front, name: Front, faces: client}
  - {id: inner, name: Inner, parent: front}
  - {id: back, name: Back}
roles:
  - {id: a, title: A, unit: inner, internal: [x, y, z]}
  - {id: b, title: B, unit: back, client_facing: [p], internal: [q]}
  - {id: c, title: C, unit: back, client_facing: [p, q], internal: [r]}
  - {id: d, title: D, unit: back, faces: team, client_facing: [p, q, r]}
  - {id: e, title: E, unit: back, client_facing: [p, q, r, s], internal: [t]}
  - {id: f, title: F}
"""


def test_stated_sides_win_then_a_clear_majority_of_duties_then_units() -> None:
    spec = load_text(SPEC)
    units = {u.id: u for u in spec.units}
    side = {r.id: role_side(r, units) for r in spec.roles}
    # a: all-internal duties face the team, though its enclosing unit states client (what a person
    # does all day outweighs where they sit); b: 1/1 is a tie; c: 67% client; d: stated team;
    # e: 80% client; f: no duties, no side.
    assert side == {"a": "team", "b": "both", "c": "client", "d": "team", "e": "client", "f": None}
    assert role_tone(spec.roles[5], units) == "neutral" and role_tone(spec.roles[1], units) == "both"


def test_a_unit_faces_its_stated_side_else_its_pooled_duties() -> None:
    spec = load_text(SPEC)
    units = {u.id: u for u in spec.units}
    back = [r for r in spec.roles if r.unit == "back"]
    assert unit_side(units["inner"], [spec.roles[0]], units) == "client"
    # back pools 1+2+3+4 = 10 client-facing duties against 1+1+0+1 = 3 internal: client.
    assert unit_side(units["back"], back, units) == "client"
    assert unit_side(units["back"], back[:1], units) == "both"


def test_balanced_duties_take_the_units_stated_side_and_sides_lists_count_as_stated() -> None:
    spec = load_text("""
org: X
sides: {client: {name: Guests, units: [desk]}, team: {name: Staff, units: [plant, desk]}}
units:
  - {id: pod, name: Pod, faces: client}
  - {id: desk, name: Desk}
  - {id: plant, name: Plant}
roles:
  - {id: producer, title: Producer, unit: pod, client_facing: [a], internal: [b, c, d]}
  - {id: am, title: AM, unit: pod, client_facing: [a], internal: [b]}
  - {id: agent, title: Agent, unit: desk, client_facing: [a], internal: [b]}
  - {id: engineer, title: Engineer, unit: plant, client_facing: [a], internal: [b]}
  - {id: host, title: Host, client_facing: [a, b, c], internal: [d, e]}
""")
    units = {u.id: u for u in spec.units}
    listed = listed_sides(spec.sides)
    assert listed == {"plant": "team", "desk": "both"}
    side = {r.id: role_side(r, units, listed) for r in spec.roles}
    # producer: 3 of 4 duties internal is the team side, whatever its pod states; am: balanced, so
    # the pod's stated side; engineer: balanced, in a unit the team side lists; host: 3 of 5 is 60%.
    assert side == {"producer": "team", "am": "client", "agent": "both", "engineer": "team", "host": "client"}
    assert role_side(spec.roles[3], units) == "both"  # without the lists, balanced is both
