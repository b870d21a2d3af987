"""views.common.people_line: named, unnamed and open seats, shared roles and placeholders on cards."""

import pytest

from orgcharts.spec.loader import load_text
from orgcharts.spec.models import Role
from orgcharts.spec.roles import filled_seats, is_vacant, people_line


@pytest.mark.parametrize(("fields", "line"), [
    ({"people": ["Ann", "Bo"]}, "Ann, Bo"),
    ({"people": ["Ann"], "headcount": 3}, "Ann + 2 more"),
    ({"people": ["Ann"], "headcount": 3, "open": 1}, "Ann + 1 more + 1 open"),
    ({"headcount": 4}, "4 people"),
    ({}, ""),
    ({"open": 1}, "Vacant"),
    ({"open": 2}, "2 open seats"),
    ({"headcount": 3, "open": 1}, "2 people + 1 open"),
    ({"people": ["Ann"], "shared": True}, "Ann · shared"),
    ({"shared": "Platform team"}, "shared with Platform team"),
    ({"placeholder": True}, ""),
])
def test_people_line(fields: dict[str, object], line: str) -> None:
    assert people_line(Role(id="r", title="R", **fields)) == line  # type: ignore[arg-type]


def test_seats_filled_and_vacant() -> None:
    assert (filled_seats(Role(id="r", title="R", headcount=3, open=1)), is_vacant(Role(id="r", title="R", open=1))) \
        == (2, True)
    assert not is_vacant(Role(id="r", title="R", headcount=3)) and filled_seats(Role(id="r", title="R",
                                                                                  placeholder=True)) == 0


def test_a_placeholder_needs_no_duties_nor_raci() -> None:
    text = """\
org: A
roles:
  - {id: head, title: Head of Design, placeholder: true}
  - {id: d, title: Designer, reports_to: head, people: [Ann], client_facing: [Shows work], internal: [Designs]}
raci:
  - {activity: Design work, responsible: d, accountable: d, informed: head}
"""
    from orgcharts.spec.loader import load

    assert load(text, "x.yaml").warnings == ()
    assert load_text(text).roles[0].seats == 0
