"""Which side a role or unit faces: stated first, then its unit's, then its duties with a clear majority."""

from __future__ import annotations

from orgcharts.loader import load_text
from orgcharts.roles import role_side, role_tone, unit_side

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


def test_stated_sides_win_then_units_then_a_clear_majority_of_duties() -> None:
    spec = load_text(SPEC)
    units = {u.id: u for u in spec.units}
    side = {r.id: role_side(r, units) for r in spec.roles}
    # a: the enclosing unit states client, over its all-internal duties; b: 1/1 is a tie;
    # c: 2/3 is not past 60%... it is (67%); d: stated team; e: 80% client; f: no duties, no side.
    assert side == {"a": "client", "b": "both", "c": "client", "d": "team", "e": "client", "f": None}
    assert role_tone(spec.roles[5], units) == "neutral" and role_tone(spec.roles[1], units) == "both"


def test_a_unit_faces_its_stated_side_else_its_pooled_duties() -> None:
    spec = load_text(SPEC)
    units = {u.id: u for u in spec.units}
    back = [r for r in spec.roles if r.unit == "back"]
    assert unit_side(units["inner"], [spec.roles[0]], units) == "client"
    # back pools 1+2+3+4 = 10 client-facing duties against 1+1+0+1 = 3 internal: client.
    assert unit_side(units["back"], back, units) == "client"
    assert unit_side(units["back"], back[:1], units) == "both"
