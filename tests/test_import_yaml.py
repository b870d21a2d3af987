"""yaml_out: the importer's YAML writer quotes exactly what a YAML reader would misread, deterministically."""

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from orgcharts.spec.loader import load_text
from orgcharts.out.yamltext import dump_yaml, yaml_scalar

# Strings YAML reads as something else, or cannot read plain at all.
HOSTILE = ["no", "No", "NO", "yes", "Yes", "on", "OFF", "y", "n", "true", "False", "~", "null", "Null", "",
           "1:30", "12:30:00", "0123", "0o17", "0x1F", "1e3", "1_000", "-.5", ".inf", ".NaN", "2024-01-01",
           "#hashtag", "- item", "-", "--", "---", "...", "? q", ":", "a: b", "a #b", "trailing:", "&anchor",
           "*alias", "!tag", "|", ">", "%directive", "@handle", "`tick", "'quoted'", '"dq"', "[x]", "{y}",
           "a, b", "a\nb", "tab\there", " lead", "trail ", "a  b", "back\\slash", "=", "<<", "\u2028", "\x85",
           "\ufeffbom", "\x07bell", "\x7f", "\u202etxet"]
FRIENDLY = ["Sam", "Zoë Müller", "O'Brien", "日本語", "3D Artist", "C++ Dev", "Ops/IT", "$100", "Head of Sales"]


def test_every_hostile_string_reads_back_as_itself() -> None:
    text = dump_yaml({"people": HOSTILE, "nested": [{"name": h} for h in HOSTILE]})
    assert yaml.safe_load(text) == {"people": HOSTILE, "nested": [{"name": h} for h in HOSTILE]}


def test_misread_words_are_quoted_and_plain_words_are_not() -> None:
    assert [yaml_scalar(v) for v in ["no", "1:30", "0123", "#1 fan", "y", "0o17"]] == [
        '"no"', '"1:30"', '"0123"', '"#1 fan"', '"y"', '"0o17"']
    assert [yaml_scalar(v) for v in FRIENDLY] == FRIENDLY


def test_line_separators_and_controls_are_escaped_not_written_raw() -> None:
    for raw, escaped in [("\u2028", '"\\u2028"'), ("\x85", '"\\u0085"'), ("\x07", '"\\u0007"'),
                         ("\ufeff", '"\\ufeff"'), ("a\nb", '"a\\nb"')]:
        assert yaml_scalar(raw) == escaped


def test_flow_lists_quote_commas_and_brackets() -> None:
    assert dump_yaml({"people": ["a, b", "[c]", "d", "0?", "Who?"]}) == 'people: ["a, b", "[c]", d, "0?", "Who?"]\n'


def test_long_lists_go_one_item_a_line() -> None:
    names = [f"Person number {i}" for i in range(20)]
    assert dump_yaml({"people": names}) == "people:\n" + "".join(f"  - {n}\n" for n in names)


def test_hostile_names_in_a_spec_pass_the_spec_loader_unchanged() -> None:
    names = [h for h in HOSTILE if h.strip() and h == " ".join(h.split()) and h.isprintable()
             and "\u202e" not in h]
    spec = load_text(dump_yaml({"org": "no", "roles": [{"id": "a", "title": "1:30", "people": names}]}))
    assert spec.org == "no" and spec.roles[0].title == "1:30"
    assert [p.name for p in spec.roles[0].people] == names


# Any character, with YAML's indicators, digits and bool/null letters drawn far more often than chance.
SYNTAX = st.sampled_from(list("?:,#-[]{}&*!|>'\"%@`0123456789.+eExoOyYnN~ _\t\n"))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.text(st.characters(exclude_categories=["Cs"]) | SYNTAX, max_size=12), max_size=4))
def test_any_text_reads_back_as_itself(values: list[str]) -> None:
    data = {"items": values, "map": {"k": values[0] if values else "x"}}
    assert yaml.safe_load(dump_yaml(data)) == data
