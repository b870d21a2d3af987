"""export escaping: one function per language turns any user text into text that stays text."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orgcharts.commands.export.d2 import d2_text
from orgcharts.commands.export.mermaid import mermaid_text

from .export_fixtures import HOSTILE_TEXTS

TEXT = st.text(st.characters(exclude_categories=["Cs", "Cc"]) | st.sampled_from(list("\n\"#;$\\`[]{}<>&|%")),
               max_size=30)


def mermaid_decoded(label: str) -> str:
    """What Mermaid shows for a label: entity codes decoded, <br> as a line break."""
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label.replace("<br>", "\n"))


def d2_decoded(quoted: str) -> str:
    assert quoted.startswith('"') and quoted.endswith('"')
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), quoted[1:-1])


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_mermaid_labels_hold_no_syntax_and_decode_back(text: str) -> None:
    label = mermaid_text(text)
    assert not re.search(r"[\"\[\]{}|`%\n]", label)
    assert not re.search(r"(?i)style|classdef", label)  # Mermaid would cut a `;` off such a line
    assert mermaid_decoded(label) == text


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_d2_strings_hold_no_bare_quote_dollar_or_newline_and_decode_back(text: str) -> None:
    quoted = d2_text(text)
    inner = quoted[1:-1]
    assert not re.search(r'(?<!\\)"|(?<!\\)\$|\n', inner.replace("\\\\", "")), quoted
    assert d2_decoded(quoted) == text


def test_exact_escapes() -> None:
    assert mermaid_text('He said "hi" #1; <b>') == "He said #34;hi#34; #35;1#59; #60;b#62;"
    assert mermaid_text("line\nbreak 😀") == "line<br>break 😀"
    assert mermaid_text("classDef x: #f") == "#99;lassDef x: #35;f"
    assert d2_text('a "b" \\ ${c}\nd') == '"a \\"b\\" \\\\ \\${c}\\nd"'


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_any_text_decodes_back_in_both_languages(text: str) -> None:
    expected = re.sub("[\r\u2028\u2029\x85]", "\n", text)
    assert mermaid_decoded(mermaid_text(text)) == expected
    assert d2_decoded(d2_text(text)) == expected.replace("\t", " ")
