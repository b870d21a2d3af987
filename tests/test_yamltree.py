"""yamltree: positions for every key and value, and refusal of what the format lacks."""

import pytest

from orgcharts.errors import Position, SpecError
from orgcharts.spec.yamltree import MAX_DEPTH, parse


def messages(text: str) -> list[str]:
    with pytest.raises(SpecError) as info:
        parse(text, "f.yaml")
    return [str(f) for f in info.value.findings]


def test_positions_of_keys_and_values() -> None:
    tree = parse("org: A\nroles:\n  - id: x\n    title: 'T'\n", "f.yaml")
    assert tree.data == {"org": "A", "roles": [{"id": "x", "title": "T"}]}
    assert tree.keys[("roles", 0, "title")] == Position(4, 5)
    assert tree.values[("roles", 0, "title")] == Position(4, 12)
    assert tree.values[("roles", 0)] == Position(3, 5)


def test_position_falls_back_to_nearest_ancestor() -> None:
    tree = parse("roles:\n  - id: x\n", "f.yaml")
    assert tree.position(("roles", 0, "title")) == Position(2, 5)


def test_scalars_resolve_like_yaml_and_remember_quoting() -> None:
    tree = parse("a: yes\nb: 'yes'\nc: 1:30\nd: 0123\ne: ~\n", "f.yaml")
    assert tree.data == {"a": True, "b": "yes", "c": 90, "d": 83, "e": None}
    assert tree.scalars[("a",)].plain and tree.scalars[("a",)].tag == "bool"
    assert not tree.scalars[("b",)].plain


def test_duplicate_keys_are_errors() -> None:
    assert messages("org: A\norg: B\n") == ["f.yaml:2:1: org: duplicate key 'org' (first at line 1); keep one"]


def test_anchors_aliases_and_merge_keys_are_refused() -> None:
    out = messages("a: &x {k: 1}\nb: *x\nc:\n  <<: {k: 2}\n")
    assert out == [
        "f.yaml:1:4: a: anchors (&x) are not part of the format; write the value out in full",
        "f.yaml:2:4: b: aliases (*x) are not part of the format; write the value out in full",
        "f.yaml:4:3: c: merge keys (<<) are not part of the format",
    ]


def test_alias_bomb_stops_at_first_anchor_without_expanding() -> None:
    bomb = "a: &a [x, x]\n" + "".join(f"{c}: &{c} [*{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    out = messages(bomb)
    assert out[0] == "f.yaml:1:4: a: anchors (&a) are not part of the format; write the value out in full"


def test_custom_tags_are_refused() -> None:
    assert messages("a: !!python/name:os.system x\n") == [
        "f.yaml:1:4: a: tags (tag:yaml.org,2002:python/name:os.system) are not part of the format; remove the tag"
    ]


def test_syntax_error_is_positioned() -> None:
    assert messages("org: [A\nroles: x\n") == [
        "f.yaml:2:6: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence)"
    ]


def test_tab_indentation_says_to_use_spaces() -> None:
    assert messages("org: A\nroles:\n\t- id: x\n") == [
        "f.yaml:3:1: YAML syntax error: found character that cannot start any token "
        "(while scanning for the next token); indent with spaces, not tabs"
    ]


def test_deep_nesting_stops_at_the_limit() -> None:
    deep = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    (msg,) = messages(deep)
    assert msg.endswith(f"nested deeper than {MAX_DEPTH} levels; a spec never needs that")


def test_second_document_is_refused() -> None:
    assert messages("org: A\n---\norg: B\n") == [
        "f.yaml:2:1: a spec holds one YAML document; remove the second '---' or split the file"
    ]


def test_an_over_indented_item_glued_onto_the_duty_above_is_an_error() -> None:
    text = "org: A\nroles:\n  - id: a\n    title: A\n    internal:\n      - Briefs the client\n        - Runs the sprint\n"
    assert messages(text) == [
        "f.yaml:7:9: roles[0].internal[0]: line 7 (`- Runs the sprint`) is read as part of this text from line 6, "
        "not as a new item: its `-` is indented deeper than the items above; line it up with them (or quote the "
        "text if the dash belongs to it)"]
    # A text that merely contains " - " on one line, or a quoted one, is fine.
    parse("org: A\nroles:\n  - id: a\n    title: A - B\n    owns: 'x\n      - y'\n", "f.yaml")


@pytest.mark.parametrize(("text", "expected"), [
    ("org: A\nroles:\n  - id: a\n    title: A\n      nickname: B\n",
     "f.yaml:5:15: YAML syntax error: mapping values are not allowed in this context: line 5 holds a `key:` "
     "indented deeper than the line above"),
    ("org: A\nroles:\n  - id: a\n    title: A\n   nickname: B\n",
     "f.yaml:5:4: YAML syntax error: did not find expected '-' indicator (while parsing a block collection): "
     "line 5 does not line up with the list that starts on line 3"),
    ("org: A\nroles:\n  - id: a\n    title: A\n    internal:\n      - x\n     - y\n",
     "f.yaml:7:6: YAML syntax error: did not find expected key (while parsing a block mapping): line 7 does not "
     "line up with the fields that start on line 3; indent it like them"),
    ("org: A\nroles:\n  - id: a\n    title: A\n    internal:\n      - x\n    y\n",
     "f.yaml:7:5: YAML syntax error: could not find expected ':' (while scanning a simple key): line 7 has no "
     "`key:`"),
    ("org: A\nroles:\n  - id: a\n    title:A\n",
     "f.yaml:4:5: YAML syntax error: could not find expected ':' (while scanning a simple key): line 4: `title:A` "
     "needs a space after the colon: `title: A`"),
    ("org: A\nroles:\n  - id: a\n    title: \"A\n",
     "f.yaml:4:12: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar): the quote "
     "opened on line 4 is never closed"),
])
def test_indentation_slips_name_the_line_to_fix(text: str, expected: str) -> None:
    (message,) = messages(text)
    assert message.startswith(expected), message


def test_a_noncharacter_in_the_raw_text_is_positioned() -> None:
    assert messages("org: A\ntitle: x\ufffe\n") == [
        "f.yaml:2:9: the character U+FFFE is not allowed: XML, and so every chart, cannot hold it; remove it"]


@pytest.mark.parametrize(("text", "expected"), [
    ("org: !!int 'x'\n", "f.yaml:1:6: org: tags (tag:yaml.org,2002:int) are not part of the format; remove the tag"),
    ("org: [!!float ,'3']\n",
     "f.yaml:1:7: org[0]: tags (tag:yaml.org,2002:float) are not part of the format; remove the tag"),
])
def test_a_tagged_value_that_cannot_be_converted_is_a_finding(text: str, expected: str) -> None:
    assert messages(text) == [expected]


@pytest.mark.parametrize("value", ["0b_", "0x_", "-0b__"])
def test_what_yaml_reads_as_a_number_it_cannot_make_stays_positioned(value: str) -> None:
    tree = parse(f"a: {value}\nb: [{value}]\n", "f.yaml")
    assert repr(tree.data["a"]) == repr(value) and not isinstance(tree.data["a"], str)
    assert tree.scalars[("a",)].tag == "int" and tree.values[("b", 0)] == Position(2, 5)


def test_positions_are_made_when_asked_for() -> None:
    tree = parse("a:\n  b: [x, y]\n", "f.yaml")
    assert ("a", "b", 1) in tree.values and ("a", "c") not in tree.values and len(tree.values) == 5
    assert dict(tree.keys) == {("a",): Position(1, 1), ("a", "b"): Position(2, 3)}
    assert tree.values.get(("a", "b", 1)) == Position(2, 10) and tree.values.get(("z",)) is None
