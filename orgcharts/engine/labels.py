"""HTML-like Graphviz labels for cards and group headers; every user string is escaped here."""

from __future__ import annotations

import html
import math
import re
import textwrap

from ..views.diagram import Card, Column, Group, Line, Matrix
from ..layout.memo import remembered
from ..themes import Theme

__all__ = ["escape", "wrap", "card_label", "box_label", "matrix_label", "heading_lines", "activity_wrap", "group_label",
           "title_label", "legend_row"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape(text: str) -> str:
    r"""Escape user text for an HTML-like label: it can never open markup nor a Graphviz escape.

    Graphviz expands `\N`, `\G`, `\E`... inside HTML-like labels too, after decoding entities;
    a doubled backslash is its escape for one backslash, so every backslash is doubled.
    >>> escape('R&D <b>"node"</b>')
    'R&amp;D &lt;b&gt;&quot;node&quot;&lt;/b&gt;'
    >>> print(escape(r'Sales\EMEA \\server'))
    Sales\\EMEA \\\\server
    """
    return html.escape(_CONTROL.sub("", text), quote=True).replace("\\", "\\\\")


def wrap(text: str, width: int) -> list[str]:
    """Wrap text to lines of at most `width` characters, breaking over-long words."""
    return list(_wrapped(text, width))


@remembered(8192)  # a pure function of its arguments: nothing a spec or its options can leak through
def _wrapped(text: str, width: int) -> tuple[str, ...]:
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        lines.extend(_wrap_para(para, width))
    return tuple(lines)


_ASCII_SPACE = re.compile(r"[\t\n\x0b\x0c\r]|  |^ | $")


def _wrap_para(para: str, width: int) -> list[str]:
    """One paragraph wrapped exactly as `textwrap.wrap` wraps it (break long words, not hyphens).

    The common case, words of at most `width` characters between single spaces, is filled
    greedily here; anything else (tabs, runs of spaces, over-long or blank words) goes to `textwrap`.
    """
    words = para.split(" ")
    if (not para or width < 1 or _ASCII_SPACE.search(para) or max(map(len, words)) > width
            or not all(map(str.strip, words))):  # a word of other blanks only (no-break spaces): textwrap drops it
        return textwrap.wrap(para, width, break_long_words=True, break_on_hyphens=False) or [""]
    lines: list[str] = []
    line = words[0]
    for word in words[1:]:
        if len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


def _text(text: str, width: int) -> str:
    return "<BR/>".join(escape(line) for line in wrap(text, width))


def _font(body: str, size: int, color: str, *, bold: bool = False, italic: bool = False) -> str:
    if bold:
        body = f"<B>{body}</B>"
    if italic:
        body = f"<I>{body}</I>"
    return f'<FONT POINT-SIZE="{size}" COLOR="{color}">{body}</FONT>'


def _line(line: Line, theme: Theme, tone: str, width: int) -> str:
    size, color = theme.text_size, theme.ink
    if line.style == "nickname":
        return _font(_text(f"“{line.text}”", width), theme.text_size + 1, theme.accent(tone), bold=True)
    if line.style == "people":
        return _font(_text(line.text, width), theme.text_size, theme.muted)
    if line.style == "vacancy":
        return _font(_text(line.text, width), theme.text_size, theme.muted, italic=True)
    if line.style == "owns":
        return _font(_text(f"Owns {line.text}", width), size, color, italic=True)
    if line.style == "key":
        return (_font("KEY RESPONSIBILITY", theme.heading_size, theme.muted, bold=True) + "<BR/>"
                + _font(_text(line.text, width), size, color))
    return _font(_text(line.text, width), size, theme.muted)


NBSP = "\u00a0"
HANG = NBSP * 3  # continuation lines of an item start under its text, past the bullet


def _items(column: Column, theme: Theme, chars: int) -> str:
    """A column's items as lines of one cell: bullets, hanging continuation lines, a small gap between."""
    gap = f'<BR ALIGN="LEFT"/>{_font(NBSP, max(1, theme.text_size // 3), theme.ink)}<BR ALIGN="LEFT"/>'
    items = []
    for index, item in enumerate(column.items):
        # An item of its own tone has its bullet and text in that tone's colour; the rest, the column's bullet.
        tone = column.item_tone(index)
        bullet = _font("•", theme.text_size, theme.accent(tone or column.tone), bold=True)
        lines = wrap(item, chars)
        text = f'<BR ALIGN="LEFT"/>{HANG}'.join(escape(line) for line in lines)
        items.append(f"{bullet}{NBSP}{_font(text, theme.text_size, theme.accent(tone) if tone else theme.ink)}")
    return gap.join(items) + '<BR ALIGN="LEFT"/>' if items else ""


def _columns(columns: tuple[Column, ...], theme: Theme, chars: int) -> str:
    """Side-by-side lists whose items flow independently, so a long item on one side leaves no gap on the other.

    Each list is one tinted cell of lines under its heading; only the headings share a row.
    """
    width_pt = chars * theme.text_size * 0.52 + 12  # the shipped font's average advance, measured
    gutter = '<TD WIDTH="10"></TD>'

    def heading(column: Column) -> str:
        tint = theme.tint(column.tone)
        return (f'<TD ALIGN="LEFT" BGCOLOR="{tint}" COLOR="{tint}" BORDER="1" CELLPADDING="6">'
                f'{_font(escape(column.heading.upper()), theme.heading_size, theme.accent(column.tone), bold=True)}'
                f'</TD>')

    def body(column: Column) -> str:
        tint = theme.tint(column.tone)
        # A border in the fill colour hides the anti-aliasing seam under the heading.
        return (f'<TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP" BGCOLOR="{tint}" COLOR="{tint}" BORDER="1" '
                f'WIDTH="{width_pt:.0f}" '
                f'CELLPADDING="6">{_items(column, theme, chars)}</TD>')

    heads = gutter.join(heading(c) for c in columns)
    rows = f"<TR>{heads}</TR>"
    if any(c.items for c in columns):
        rows += "<TR>" + gutter.join(body(c) for c in columns) + "</TR>"
    return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">{rows}</TABLE>'


def _wide_row(body: str, padding: int) -> str:
    return f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" CELLPADDING="{padding}">{body}</TD></TR>'


def card_label(card: Card, theme: Theme) -> str:
    """The HTML-like label of a card: a title, styled lines, then side-by-side columns."""
    # Keyed by every part the label shows (not the card's id or place), so one card drawn many ways is built once.
    return _card_label(card.title, card.tone, card.lines, card.columns, card.width, card.dashed, theme)


@remembered(4096)
def _card_label(title: str, tone: str, card_lines: tuple[Line, ...], columns: tuple[Column, ...],
                set_width: int | None, dashed: bool, theme: Theme) -> str:
    span = max(1, len(columns))
    width = set_width or theme.wrap * span + 6 * (span - 1)
    accent = theme.accent(tone)
    rows = [_wide_row(_font(_text(title, width), theme.card_title_size, theme.ink, bold=True), 8)]
    rows += [_wide_row(_line(line, theme, tone, width), 4) for line in card_lines]
    if columns:
        # A card of a set width shares it among its columns; otherwise each column has the theme's wrap.
        chars = (width - 6 * (span - 1)) // span if set_width else theme.wrap
        rows.append(f'<TR><TD CELLPADDING="6">{_columns(columns, theme, chars)}</TD></TR>')
    style = "ROUNDED,DASHED" if dashed else "ROUNDED"
    return (f'<TABLE BORDER="2" CELLBORDER="0" CELLSPACING="2" CELLPADDING="0" STYLE="{style}" '
            f'COLOR="{accent}" BGCOLOR="{theme.card}">' + "".join(rows) + "</TABLE>")


def box_label(box: Card | Matrix, theme: Theme) -> str:
    """The label of any drawn box: a matrix or a card."""
    return matrix_label(box, theme) if isinstance(box, Matrix) else card_label(box, theme)


MATRIX_HEADING_WRAP = 10  # characters: column headings are narrow, cells hold a letter or two
MATRIX_LABEL_WRAPS = (36, 24, 48)  # characters a line of an activity: many roles wrap early, few wrap late


def _matrix_shape(matrix: Matrix, theme: Theme) -> tuple[int, bool]:
    """The activity wrap and whether the keys stack as lists, whichever predicts a drawing nearest 16:9.

    Predicted from character counts (the shipped font's average advance) and line heights; the
    checks measure the result.
    """
    advance, line = theme.text_size * 0.52, theme.text_size * 1.2 + 12  # a character; a row with its padding
    labels = [label for _, body in matrix.sections for label, _ in body]
    columns = sum(max(max(map(len, textwrap.wrap(t, MATRIX_HEADING_WRAP, break_long_words=False) or [""])), 3)
                  * advance + 14 for t, _ in matrix.columns)
    best: tuple[float, int, bool] | None = None
    for chars in MATRIX_LABEL_WRAPS:
        wrapped = [wrap(label, chars) for label in labels]
        width = columns + max((len(x) for w in wrapped for x in w), default=8) * advance + 14
        rows = sum(len(w) * theme.text_size * 1.2 + 12 for w in wrapped)
        for lists in (False, True):
            # Lists stand side by side, as tall as the longer; otherwise one padded line per key.
            keys = max(len(matrix.legend), len(matrix.tone_legend)) + 0.5 if lists else 3.2
            height = 4 * line + rows + len(matrix.sections) * line + keys * theme.heading_size * 1.3
            miss = abs(math.log(width / height / (16 / 9)))
            if best is None or miss < best[0] - 1e-9:
                best = (miss, chars, lists)
    assert best is not None
    return best[1], best[2]


def heading_lines(title: str) -> list[str]:
    """A matrix column heading's lines: wrapped narrow, never inside a word ("Communications" stays whole)."""
    return textwrap.wrap(title, MATRIX_HEADING_WRAP, break_long_words=False, break_on_hyphens=False) or [""]


def activity_wrap(matrix: Matrix, theme: Theme) -> int:
    """Characters per line of a matrix's activity names, as its chart wraps them."""
    return _matrix_shape(matrix, theme)[0]


def _heading(title: str) -> str:
    return "<BR/>".join(escape(line) for line in heading_lines(title))


def matrix_label(matrix: Matrix, theme: Theme) -> str:
    """A matrix as a ruled table: tinted column headings, section rows, marks centred, a legend."""
    n = len(matrix.columns)
    chars, lists = _matrix_shape(matrix, theme)
    line = theme.card_border
    cell = f'BORDER="1" COLOR="{line}" CELLPADDING="6"'
    heads = "".join(
        f'<TD {cell} BGCOLOR="{theme.tint(tone)}" VALIGN="BOTTOM">'
        f'{_font(_heading(title), theme.text_size, _heading_colour(tone, theme), bold=True)}</TD>'
        for title, tone in matrix.columns)
    rows = [f'<TR><TD {cell} ALIGN="LEFT" VALIGN="BOTTOM">'
            f'{_font(escape(matrix.corner), theme.heading_size, theme.muted, bold=True)}</TD>{heads}</TR>']
    for title, body in matrix.sections:
        if title:
            rows.append(f'<TR><TD {cell} COLSPAN="{n + 1}" ALIGN="LEFT" BGCOLOR="{theme.group}">'
                        f'{_font(escape(title.upper()), theme.heading_size, theme.muted, bold=True)}</TD></TR>')
        for label, marks in body:
            cells = "".join(_mark(mark, theme, cell) for mark in marks)
            rows.append(f'<TR><TD {cell} ALIGN="LEFT" BALIGN="LEFT">'
                        f'{_font(_text(label, chars), theme.text_size, theme.ink)}</TD>{cells}</TR>')
    letters = [f"<B>{escape(mark)}</B> {escape(meaning)}" for mark, meaning in matrix.legend]
    tones = [f'<FONT COLOR="{theme.accent(tone)}">■</FONT> {escape(meaning)}' for meaning, tone in matrix.tone_legend]
    if lists:
        # The keys as lists side by side: a few lines tall, so a wide matrix of many roles stays slide-shaped.
        keys = [_font('<BR ALIGN="LEFT"/>'.join(k) + '<BR ALIGN="LEFT"/>', theme.heading_size + 1, theme.muted)
                for k in (letters, tones) if k]
        cells = '<TD WIDTH="24"></TD>'.join(f'<TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP">{k}</TD>' for k in keys)
        if keys:
            rows.append(f'<TR><TD COLSPAN="{n + 1}" ALIGN="LEFT" CELLPADDING="6">'
                        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>{cells}</TR></TABLE>'
                        f'</TD></TR>')
    else:
        # Each key on one line: a narrow matrix of few roles stays short.
        for text in ("   ".join(letters), "   ".join(tones)):
            if text:
                rows.append(f'<TR><TD COLSPAN="{n + 1}" ALIGN="LEFT" CELLPADDING="6">'
                            f'{_font(text, theme.heading_size + 1, theme.muted)}</TD></TR>')
    return (f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" BGCOLOR="{theme.card}">'
            + "".join(rows) + "</TABLE>")


def _heading_colour(tone: str, theme: Theme) -> str:
    return theme.accent(tone) if tone in ("client", "team", "both", "lead") else theme.ink


def _mark(mark: str, theme: Theme, cell: str) -> str:
    if not mark:
        return f"<TD {cell}></TD>"
    # Accountable stands out: it is the one answer to "who owns this?".
    strong = "A" in mark
    body = _font(escape(mark), theme.text_size, theme.background if strong else theme.ink, bold=True)
    fill = f' BGCOLOR="{theme.lead}"' if strong else ""
    return f"<TD {cell}{fill}>{body}</TD>"


def group_label(group: Group, theme: Theme) -> str:
    """The label of a group: its title over its header card, or its title and lines."""
    width = theme.wrap * 2
    if group.header is not None:
        title = _font(_text(group.title, width), theme.card_title_size, theme.accent(group.tone), bold=True)
        return (f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2"><TR><TD>{title}</TD></TR>'
                f'<TR><TD>{card_label(group.header, theme)}</TD></TR></TABLE>')
    parts = [_font(_text(group.title, width), theme.card_title_size, theme.accent(group.tone), bold=True)]
    parts += [_line(line, theme, group.tone, width) for line in group.lines]
    rows = "".join(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{p}</TD></TR>' for p in parts)
    return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2">{rows}</TABLE>'


def title_label(title: str, subtitle: str | None, theme: Theme, legend: tuple[tuple[str, str], ...] = ()) -> str:
    """The chart's heading: title, an optional subtitle, and a row saying what each colour means."""
    rows = [f'<TR><TD ALIGN="LEFT">{_font(_text(title, 80), theme.title_size, theme.ink, bold=True)}</TD></TR>']
    if subtitle:
        sub = _font(_text(subtitle, 110), theme.subtitle_size, theme.muted)
        rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{sub}</TD></TR>')
    if legend:
        rows.append(f'<TR><TD ALIGN="LEFT">{legend_row(legend, theme)}</TD></TR>')
    return '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="4">' + "".join(rows) + "</TABLE>"


def legend_row(legend: tuple[tuple[str, str], ...], theme: Theme) -> str:
    """What each colour means, as a line of coloured squares and their meanings: (meaning, tone) pairs."""
    gap = NBSP * 6
    return gap.join(
        f'{_font("■", theme.text_size + 4, theme.accent(tone))}{NBSP}'
        f'{_font(escape(meaning), theme.text_size, theme.ink)}'
        for meaning, tone in legend)
