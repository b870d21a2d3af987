"""loader: every failure becomes `path:line:col: field: message`, all of them at once."""

from pathlib import Path

import pytest

from orgcharts.errors import SpecError
from orgcharts.spec.loader import load_file, load_text

from .conftest import MINIMAL


def errors(text: str) -> list[str]:
    with pytest.raises(SpecError) as info:
        load_text(text, "specs/x.yaml")
    return [str(f) for f in info.value.findings]


def test_minimal_spec_loads() -> None:
    spec = load_text(MINIMAL)
    assert spec.org == "Acme"
    assert spec.sides.client.name == "Customer"  # the `client: Customer` shorthand
    assert [r.id for r in spec.roles] == ["rep", "maker"]


def test_misspelt_key_suggests_the_field() -> None:
    text = MINIMAL.replace("    internal: [Makes the thing, Fixes the thing]",
                           "    internal: [Makes the thing, Fixes the thing]\n    ownz: x")
    assert errors(text) == ["specs/x.yaml:22:5: roles[1].ownz: unknown field; did you mean 'owns'?"]


def test_unknown_key_without_close_match_lists_allowed_fields() -> None:
    assert errors("org: A\nzzz: 1\nroles: [{id: a, title: A}]\n") == [
        "specs/x.yaml:2:1: zzz: unknown field; allowed here: accounts, description, lint, org, raci, roles, sides, theme, title, units, version, views"
    ]


def test_all_errors_in_a_file_are_reported() -> None:
    text = "org: A\nroles:\n  - id: Bad Id\n    title: no\n  - title: T\n"
    assert errors(text) == [
        "specs/x.yaml:3:9: roles[0].id: 'Bad Id' is not a valid id; use lowercase letters, digits and "
        "single hyphens, e.g. 'bad-id'",
        "specs/x.yaml:4:12: roles[0].title: `no` reads as a true/false value in YAML; put it in quotes "
        "(\"no\") to keep it as text",
        "specs/x.yaml:5:5: roles[1].id: required field is missing; add `id:`",
    ]


@pytest.mark.parametrize(
    ("value", "reads_as"),
    [("yes", "a true/false value"), ("1:30", "a number"), ("0123", "a number"),
     ("~", "empty (null)")],
)
def test_yaml_11_traps_in_text_fields_say_to_quote(value: str, reads_as: str) -> None:
    (msg,) = errors(f"org: {value}\nroles: [{{id: a, title: A}}]\n")
    assert msg == (f"specs/x.yaml:1:6: org: `{value}` reads as {reads_as} in YAML; "
                   f"put it in quotes (\"{value}\") to keep it as text")


def test_wrong_shapes() -> None:
    assert errors("org: A\nroles: {id: a}\n") == [
        "specs/x.yaml:2:8: roles: expected a list (one `- item` per line)"
    ]
    assert errors("org: A\nroles: []\n") == ["specs/x.yaml:2:8: roles: needs at least 1 item"]
    assert errors("org: A\nversion: 2\nroles: [{id: a, title: A}]\n") == [
        "specs/x.yaml:2:10: version: 2 is not allowed; expected 1"
    ]


def test_empty_and_non_mapping_files() -> None:
    assert errors("") == ["specs/x.yaml:1:1: the spec is empty; start with `org:` and `roles:`"]
    assert errors("- a\n") == [
        "specs/x.yaml:1:1: a spec is a mapping of fields (org:, units:, roles: ...), not a list or text"
    ]


def test_rule_findings_come_through_the_loader() -> None:
    text = MINIMAL.replace("reports_to: rep", "reports_to: repp")
    assert errors(text) == ["specs/x.yaml:19:17: roles[1].reports_to: unknown role 'repp'; did you mean 'rep'?"]


def test_bom_and_crlf_are_handled(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode())
    assert load_file(path).spec.org == "Acme"


def test_non_utf8_bytes_are_positioned(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_bytes(b"org: A\nroles:\n  - id: a\n    title: caf\xe9\n")
    with pytest.raises(SpecError) as info:
        load_file(path, "s.yaml")
    assert [str(f) for f in info.value.findings] == [
        "s.yaml:4:15: byte 0xe9 is not UTF-8; save the file as UTF-8"
    ]


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as info:
        load_file(tmp_path, "dir.yaml")
    assert str(info.value.findings[0]).startswith("dir.yaml:1:1: cannot read file: ")


@pytest.mark.parametrize(("text", "expected"), [
    ("org: A\nroles:\n  - id: a\n    title: A\n    people: [no]\n",
     "x.yaml:5:14: roles[0].people[0]: `no` reads as a true/false value in YAML; put it in quotes (\"no\") "
     "to keep it as text"),
    ("org: A\nsides:\n  client: no\nroles: [{id: a, title: A}]\n",
     "x.yaml:3:11: sides.client: `no` reads as a true/false value in YAML; put it in quotes (\"no\") to keep "
     "it as text"),
    ("org: A\nroles: [{id: a, title: A}]\nraci:\n  - {activity: X, responsible: no, accountable: a}\n",
     "x.yaml:4:32: raci[0].responsible: `no` reads as a true/false value in YAML; put it in quotes (\"no\") "
     "to keep it as text"),
    ("org: A\nroles: [{id: a, title: A}]\naccounts:\n  - {id: x, client: C, lead: 12}\n",
     "x.yaml:4:30: accounts[0].lead: `12` reads as a number in YAML; put it in quotes (\"12\") to keep it as text"),
    ("org: A\nroles:\n  - id: a\n    title: A\n    people:\n      -\n",
     "x.yaml:6:8: roles[0].people[0]: is empty; write the value, or remove the line"),
])
def test_bare_yes_no_and_numbers_get_the_quote_it_message(text: str, expected: str) -> None:
    with pytest.raises(SpecError) as info:
        load_text(text, "x.yaml")
    assert [str(f) for f in info.value.findings] == [expected]
    assert info.value.findings[0].code == "quote-text" or "empty" in expected


def test_a_mapping_without_shorthand_still_says_mapping() -> None:
    with pytest.raises(SpecError) as info:
        load_text("org: A\nroles: [no]\n", "x.yaml")
    assert "expected a mapping of fields" in str(info.value.findings[0])


@pytest.mark.parametrize(("value", "message"), [
    ("5", '`5` reads as a number in YAML; put it in quotes ("5") to keep it as text'),
    ("[x]", "expected `true`, or text naming who the role is shared with or lent by"),
    ('"\\u200b"', "is empty once its invisible characters (such as U+200B) are removed; write the text, or remove "
                  "the field"),
])
def test_shared_takes_true_or_text_with_one_message(value: str, message: str) -> None:
    with pytest.raises(SpecError) as info:
        load_text(f"org: A\nroles: [{{id: a, title: A, shared: {value}}}]\n", "x.yaml")
    assert [str(f) for f in info.value.findings] == [f"x.yaml:2:35: roles[0].shared: {message}"]


def test_what_yaml_cannot_make_a_number_of_says_to_quote_it() -> None:
    assert errors("org: 0b_\nroles: [{id: a, title: A, headcount: 0x_}]\n") == [
        'specs/x.yaml:1:6: org: `0b_` reads as a number in YAML; put it in quotes ("0b_") to keep it as text',
        "specs/x.yaml:2:38: roles[0].headcount: expected a whole number",
    ]


def test_the_cycle_collector_is_left_as_it_was_found() -> None:
    import gc

    assert gc.isenabled()
    load_text(MINIMAL)
    assert gc.isenabled()
    errors("org: A\nroles: []\n")
    assert gc.isenabled()
    gc.disable()
    try:
        load_text(MINIMAL)
        assert not gc.isenabled()
    finally:
        gc.enable()
