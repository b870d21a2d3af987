"""labels: user text is escaped and wrapped; cards carry their parts in order."""

import html
import re
import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from orgcharts.views.diagram import Card, Column, Group, Line
from orgcharts.engine.labels import card_label, escape, group_label, wrap
from orgcharts.themes import get_theme

THEME = get_theme("default")


def test_escape_neutralises_markup_and_control_characters() -> None:
    assert escape('<B>x</B> & "y" \x00\x1b') == "&lt;B&gt;x&lt;/B&gt; &amp; &quot;y&quot; "


def test_wrap_breaks_on_spaces_and_splits_overlong_words() -> None:
    assert wrap("Runs the weekly status call and sends the recap", 20) == [
        "Runs the weekly", "status call and", "sends the recap"]
    assert wrap("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert wrap("two\nparagraphs", 40) == ["two", "paragraphs"]


def test_card_label_has_title_lines_and_both_columns() -> None:
    card = Card(
        id="role-a", title="Account Manager", lines=(Line("Kate", "people"), Line("Client Rep", "nickname")),
        columns=(Column("With the Client", ("Calls",), "client"), Column("With the Team", ("Briefs",), "team")),
    )
    label = card_label(card, THEME)
    assert label.startswith('<TABLE BORDER="2"')
    order = [label.index(s) for s in ("Account Manager", "Kate", "“Client Rep”", "WITH THE CLIENT", "WITH THE TEAM",
                                      "Calls", "Briefs")]
    assert order == sorted(order)
    assert THEME.client_tint in label and THEME.team_tint in label


def visible_text(label: str) -> str:
    """What a reader sees: tags dropped, entities decoded, white space ignored."""
    return "".join(html.unescape(re.sub(r"<[^>]*>", " ", label)).split())


def test_hostile_text_cannot_close_the_label() -> None:
    title = '</FONT></TD></TR></TABLE>> ]; evil [label="x'
    card = Card(id="x", title=title, columns=(Column("<I>", ("a & b <BR/>",), "client"),))
    label = card_label(card, THEME)
    assert "</TABLE>>" not in label and "<I>" not in label
    assert "".join(title.split()) in visible_text(label)
    assert "a&b<BR/>" in visible_text(label)


def test_group_label_puts_its_title_over_its_header_card() -> None:
    header = Card(id="lead", title="Director")
    label = group_label(Group(id="g", title="Unit", header=header), THEME)
    assert card_label(header, THEME) in label
    assert label.index(">Unit<") < label.index(card_label(header, THEME))
    plain = group_label(Group(id="g", title="Unit", lines=(Line("owns it", "owns"),)), THEME)
    assert "Unit" in plain and "Owns owns it" in plain


def _text_y(svg: str, text: str) -> float:
    found = re.search(r'<text[^>]* y="([-\d.]+)"[^>]*>' + re.escape(text) + "</text>", svg)
    assert found, text
    return float(found[1])


def test_duty_columns_flow_independently() -> None:
    """A long item on one side leaves no gap on the other: the sides' second items do not line up."""
    from orgcharts.engine.dot import to_dot
    from orgcharts.views.diagram import Diagram
    from orgcharts.engine.render import render

    long = "A long duty that needs three lines at the width of a card, no fewer, so that it wraps twice over here"
    card = Card(id="r", title="Role", columns=(Column("Client", (long, "Left second"), "client"),
                                               Column("Team", ("Right first", "Right second"), "team")))
    svg = render(to_dot(Diagram(id="d", title="T", description="", cards=(card,)), THEME), ["svg"])["svg"].decode()
    line = _text_y(svg, "Right second") - _text_y(svg, "Right first")
    assert 10 < line < 30  # one line and a small gap
    assert _text_y(svg, "Left second") - _text_y(svg, "Right second") > line  # row by row, they would be level


def test_legend_row_names_each_colour() -> None:
    from orgcharts.engine.labels import title_label

    label = title_label("T", None, THEME, (("faces the Client", "client"), ("faces both sides", "both")))
    assert "faces the Client" in label and "faces both sides" in label
    assert label.index(THEME.client) < label.index("faces the Client") < label.index(THEME.both)


def _matrix(roles: int, activities: int):  # type: ignore[no-untyped-def]
    from orgcharts.views.diagram import Matrix
    from orgcharts.views.raci import LEGEND

    rows = tuple((f"Runs the weekly activity number {i} end to end", ("R",) * roles) for i in range(activities))
    return Matrix(id="m", corner="ACTIVITY", columns=tuple((f"Role number {i}", "team") for i in range(roles)),
                  sections=(("Phase", rows),), legend=LEGEND,
                  tone_legend=(("faces the Team", "team"),))


def test_a_matrix_shapes_itself_for_the_slide() -> None:
    from orgcharts.engine.dot import to_dot
    from orgcharts.views.diagram import Diagram
    from orgcharts.layout.fit import measure_dot
    from orgcharts.engine.labels import matrix_label

    wide, narrow = _matrix(13, 7), _matrix(3, 8)
    assert '<BR ALIGN="LEFT"/>' in matrix_label(wide, THEME)  # keys stacked: taller, less of a strip
    assert '<BR ALIGN="LEFT"/>' not in matrix_label(narrow, THEME)  # keys on a line each: shorter
    for m in (wide, narrow):
        fit = measure_dot(to_dot(Diagram(id="d", title="T", description="", direction="TB", cards=(m,)), THEME)).fit()
        assert fit.fill >= 0.7, (len(m.columns), fit)


_WRAP_TEXT = st.text(alphabet=st.sampled_from(list("ab -\t\n\r\x0b\x0c\u00a0\u2028é")), max_size=60)


@settings(max_examples=600, deadline=None)
@given(_WRAP_TEXT, st.integers(min_value=1, max_value=12))
def test_wrap_is_textwrap_exactly(text: str, width: int) -> None:
    # The fast path must break every line where textwrap breaks it: chart bytes depend on it.
    expected = [line for para in text.splitlines() or [""]
                for line in textwrap.wrap(para, width, break_long_words=True, break_on_hyphens=False) or [""]]
    assert wrap(text, width) == expected


def test_wrap_of_real_text_is_textwrap_and_keyed_by_width() -> None:
    text = "Runs the weekly status call, sends the recap and books the follow-up meetings with the client"
    for width in range(1, 60):
        assert wrap(text, width) == textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False)
    # Remembered lines belong to one (text, width): another width, or a caller's edit, never sees them.
    first = wrap(text, 30)
    first.append("changed by a caller")
    assert wrap(text, 30) == textwrap.wrap(text, 30) and wrap(text, 31) == textwrap.wrap(text, 31)
