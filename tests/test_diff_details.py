"""diff: vacancies, headcount, FTE, grade, dotted lines and unit leads are changes; summaries count only changes."""

from __future__ import annotations

import textwrap

from orgcharts.views.diagram import Card
from orgcharts.spec.loader import load_text
from orgcharts.commands.diff.changechart import change_diagram, unit_notes, unit_tone
from orgcharts.commands.diff.changelog import as_text, sections
from orgcharts.commands.diff.changes import Changes, compute
from orgcharts.commands.diff.tones import ADDED, MOVED, SAME

BASE = """\
org: Shop
units:
  - {id: shop, name: Shop, lead: owner}
  - {id: floor, name: Floor, parent: shop, lead: owner}
roles:
  - id: owner
    title: Owner
    unit: shop
    people: [Ada]
  - id: buyer
    title: Buyer
    unit: shop
    reports_to: owner
    people: [Bo, {name: Cy, fte: 1}]
  - id: clerk
    title: Clerk
    unit: floor
    reports_to: owner
    people: [Di, Ed]
  - id: cashier
    title: Cashier
    unit: floor
    reports_to: owner
    people: [Fay]
"""

# One vacancy (the Clerk gains an open seat), one FTE (Cy goes to 0.8), one dotted line (Cashier to Buyer).
THREE = (BASE.replace("    people: [Di, Ed]\n", "    people: [Di, Ed]\n    open: 1\n")
         .replace("{name: Cy, fte: 1}", "{name: Cy, fte: 0.8}")
         .replace("    people: [Fay]\n", "    people: [Fay]\n    dotted_to: [buyer]\n"))


def _changes(old: str, new: str) -> Changes:
    return compute(load_text(textwrap.dedent(old)), load_text(textwrap.dedent(new)))


def _cards(changes: Changes) -> dict[str, Card]:
    diagram = change_diagram(changes, "org", "x", "both")
    assert diagram is not None
    return {c.id: c for c in diagram.cards if isinstance(c, Card)}


def test_one_vacancy_one_fte_and_one_dotted_line_are_exactly_three_changes() -> None:
    changes = _changes(BASE, THREE)
    roles = dict(sections(changes)[0].groups)
    assert roles == {
        "Buyer": ("FTE: Cy 1 → 0.8 (filled FTE 2 → 1.8)",),
        "Clerk": ("1 seat opened (open seats 0 → 1)",),
        "Cashier": ("new dotted line to the Buyer",),
    }
    note = sections(changes)[0].note
    assert note == ("Roles (one may count under several headings): 1 with open seats or headcount changed, "
                    "1 with FTE changed, 1 with dotted lines changed, 1 unchanged.")
    review = dict(sections(changes)[-1].groups)
    assert review["Managers whose span of control (direct reports) changed, before → after"] == ("none",)
    assert "unchanged" not in "".join(line for _, lines in sections(changes)[-1].groups for line in lines)
    cards = _cards(changes)
    assert {k: c.tone for k, c in cards.items()} == {
        "role-owner": SAME, "role-buyer": MOVED, "role-clerk": MOVED, "role-cashier": MOVED}
    assert cards["role-clerk"].lines[-1].text == "open seats 0 → 1"
    diagram = change_diagram(changes, "org", "x", "both")
    assert diagram is not None
    dotted = [e for e in diagram.edges if e.dashed]
    assert [(e.tail, e.head, e.tone) for e in dotted] == [("role-buyer", "role-cashier", ADDED)]


def test_no_change_is_no_change() -> None:
    changes = _changes(BASE, BASE)
    assert dict(sections(changes)[0].groups) == {"No role changed": ()}
    assert sections(changes)[0].note == "Roles (one may count under several headings): 4 unchanged."
    assert all(c.tone == SAME for c in _cards(changes).values())


def test_a_filled_vacancy_headcount_grade_and_a_new_unit_lead() -> None:
    old = BASE.replace("    people: [Di, Ed]\n", "    people: [Di]\n    open: 1\n")
    new = (BASE.replace("    people: [Fay]\n", "    people: [Fay]\n    headcount: 3\n    grade: B2\n")
           .replace("{id: floor, name: Floor, parent: shop, lead: owner}",
                    "{id: floor, name: Floor, parent: shop, lead: clerk}"))
    changes = _changes(old, new)
    roles = dict(sections(changes)[0].groups)
    assert roles["Clerk"] == ("people: Ed joined", "1 open seat filled (open seats 1 → 0)")
    assert roles["Cashier"] == ("headcount 1 → 3", "grade none → B2")
    assert dict(sections(changes)[1].groups) == {"Floor": ("now led by the Clerk (was the Owner)",)}
    assert "with people joining or leaving" in sections(changes)[0].note
    text = as_text(changes, "a", "b")
    assert "moved" not in text  # nothing moved: no count or line says so
    floor = next(u for u in changes.units if u.key == "floor")
    assert unit_tone(floor, "both") == MOVED  # its frame, where the org chart draws one
    assert [line.text for line in unit_notes(changes, floor, "both")] == ["was led by Owner"]
