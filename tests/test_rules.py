"""rules: duplicate ids, dangling references and cycles, each positioned at the offending value."""

import pytest

from orgcharts.errors import SpecError
from orgcharts.loader import load_text


def errors(text: str) -> list[str]:
    with pytest.raises(SpecError) as info:
        load_text(text, "x.yaml")
    return [str(f) for f in info.value.findings]


def test_duplicate_ids() -> None:
    text = "org: A\nunits: [{id: u, name: U}, {id: u, name: V}]\nroles:\n  - {id: a, title: A}\n  - {id: a, title: B}\n"
    assert errors(text) == [
        "x.yaml:2:32: units[1].id: duplicate unit id 'u' (also units[0]); ids must be unique",
        "x.yaml:5:10: roles[1].id: duplicate role id 'a' (also roles[0]); ids must be unique",
    ]


def test_dangling_references_suggest_close_ids() -> None:
    text = """\
org: A
sides:
  team: {name: T, units: [desing]}
units:
  - {id: design, name: Design, parent: studio, lead: boss}
roles:
  - {id: a, title: A, unit: desgn, reports_to: b}
"""
    assert errors(text) == [
        "x.yaml:3:27: sides.team.units[0]: unknown unit 'desing'; did you mean 'design'?",
        "x.yaml:5:40: units[0].parent: unknown unit 'studio'",
        "x.yaml:5:54: units[0].lead: unknown role 'boss'",
        "x.yaml:7:29: roles[0].unit: unknown unit 'desgn'; did you mean 'design'?",
        "x.yaml:7:48: roles[0].reports_to: unknown role 'b'",
    ]


def test_reporting_cycle_is_printed() -> None:
    text = """\
org: A
roles:
  - {id: a, title: A, reports_to: c}
  - {id: b, title: B, reports_to: a}
  - {id: c, title: C, reports_to: b}
  - {id: d, title: D, reports_to: d}
"""
    assert errors(text) == [
        "x.yaml:3:35: roles[0].reports_to: reporting lines form a cycle: a -> c -> b -> a",
        "x.yaml:6:35: roles[3].reports_to: reporting lines form a cycle: d -> d",
    ]


def test_unit_cycle_is_printed() -> None:
    text = "org: A\nunits:\n  - {id: x, name: X, parent: y}\n  - {id: y, name: Y, parent: x}\nroles: [{id: a, title: A}]\n"
    assert errors(text) == ["x.yaml:3:30: units[0].parent: units nest in a cycle: x -> y -> x"]
