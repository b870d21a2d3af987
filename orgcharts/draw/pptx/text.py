"""A chart's text for its slide: paragraphs and runs as the chart wraps, sizes and spaces them."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from ...views.diagram import Card, Column, Line
from ...engine.labels import wrap
from ...layout.scene import Box, Item, Text
from ...themes import Theme

__all__ = ["Run", "Para", "TextSpec", "LINE_HEIGHT", "ASCENT", "card_paras", "column_paras", "spaced_paras", "wrapped",
           "line_paras", "texts_in", "outline_of", "column_boxes"]

LINE_HEIGHT = 1.154  # Graphviz sets lines of Liberation Sans 1.154 em apart (15 pt for 13 pt text)
ASCENT = 0.905  # Liberation Sans' ascent, in em: from a line's top to its baseline


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style; sizes in points as drawn on the slide."""

    text: str
    size: float
    color: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Para:
    """A paragraph: lines (explicit breaks, as the chart wraps them) of runs, and its spacing."""

    lines: tuple[tuple[Run, ...], ...]
    bullet: str | None = None
    bullet_color: str | None = None
    indent: float = 0.0  # points from the frame's inset to the text (a bullet hangs at the inset)
    space_before: float = 0.0  # points
    line_spacing: float | None = None  # points between baselines; None: LINE_HEIGHT of the largest run
    align: Literal["l", "c"] = "l"

    @property
    def size(self) -> float:
        return max((run.size for line in self.lines for run in line), default=0.0)

    @property
    def spacing(self) -> float:
        return self.line_spacing if self.line_spacing is not None else self.size * LINE_HEIGHT


@dataclass(frozen=True)
class TextSpec:
    """A text frame: its paragraphs and insets (points), anchored at the top, never auto-sized."""

    paras: tuple[Para, ...]
    left: float = 0.0
    top: float = 0.0
    right: float = 0.0
    bottom: float = 0.0
    anchor: Literal["t", "ctr"] = "t"


def _same(a: str, b: str) -> bool:
    return html.unescape(a).strip() == html.unescape(b).strip()


def spaced_paras(paras: Sequence[Para], texts: Sequence[Text], top: float, k: float) -> tuple[tuple[Para, ...], float]:
    """Paragraph spacing taken from where Graphviz put each line, and the top inset (slide points).

    The space before each paragraph, and the spacing of a wrapped paragraph's lines, are the chart's:
    a slide that spaced lines wider than the chart would run a long duty list past its box.

    `texts` are the chart's lines for these paragraphs in order; when they do not pair up one to
    one with the paragraphs' lines the paragraphs keep their default spacing.
    """
    counts = [len(p.lines) for p in paras]
    if sum(counts) != len(texts) or not texts:
        return tuple(paras), 4.0 * k
    out: list[Para] = []
    index = 0
    previous: float | None = None
    inset = 0.0
    for para, count in zip(paras, counts):
        first = texts[index].y * k
        if count > 1:  # its wrapped lines as far apart as the chart draws them (Graphviz's pitch, not LINE_HEIGHT)
            pitch = (texts[index + count - 1].y - texts[index].y) * k / (count - 1)
            para = replace(para, line_spacing=pitch if pitch > 0 else None)
        if previous is None:
            inset = max(0.0, first - top - para.size * ASCENT)
            out.append(para)
        else:
            gap = first - previous - para.spacing
            out.append(Para(para.lines, para.bullet, para.bullet_color, para.indent, max(0.0, gap),
                            para.line_spacing, para.align))
        previous = texts[index + count - 1].y * k
        index += count
    return tuple(out), inset


def wrapped(text: str, width: int, size: float, color: str, *, bold: bool = False,
           italic: bool = False) -> tuple[tuple[Run, ...], ...]:
    return tuple((Run(line, size, color, bold, italic),) for line in wrap(text, width))


def line_paras(line: Line, theme: Theme, tone: str, width: int, k: float) -> list[Para]:
    """A card's line as the chart styles it (see labels._line)."""
    size = theme.text_size * k
    if line.style == "nickname":
        return [Para(wrapped(f"“{line.text}”", width, (theme.text_size + 1) * k, theme.accent(tone), bold=True))]
    if line.style == "people":
        return [Para(wrapped(line.text, width, size, theme.muted))]
    if line.style == "vacancy":
        return [Para(wrapped(line.text, width, size, theme.muted, italic=True))]
    if line.style == "owns":
        return [Para(wrapped(f"Owns {line.text}", width, size, theme.ink, italic=True))]
    if line.style == "key":
        head = Para(((Run("KEY RESPONSIBILITY", theme.heading_size * k, theme.muted, bold=True),),))
        return [head, Para(wrapped(line.text, width, size, theme.ink))]
    return [Para(wrapped(line.text, width, size, theme.muted))]


def card_paras(card: Card, theme: Theme, k: float) -> list[Para]:
    """The title and lines of a card, wrapped where the chart wraps them, at the slide's scale."""
    span = max(1, len(card.columns))
    width = card.width or theme.wrap * span + 6 * (span - 1)
    paras = [Para(wrapped(card.title, width, theme.card_title_size * k, theme.ink, bold=True))]
    for line in card.lines:
        paras.extend(line_paras(line, theme, card.tone, width, k))
    return paras


def column_paras(column: Column, theme: Theme, k: float) -> list[Para]:
    """A duty column: its heading, then one bulleted paragraph per item."""
    paras = [Para(((Run(column.heading.upper(), theme.heading_size * k, theme.accent(column.tone), bold=True),),))]
    for index, item in enumerate(column.items):
        tone = column.item_tone(index)  # a duty marked in a change chart keeps its colour on the slide
        ink = theme.accent(tone) if tone else theme.ink
        paras.append(Para(wrapped(item, theme.wrap, theme.text_size * k, ink), bullet="•",
                          bullet_color=ink if tone else theme.accent(column.tone), indent=12.5 * k))
    return paras


def texts_in(shape: Item, box: Box, skip_bullets: bool = True) -> list[Text]:
    """The lines of text drawn inside `box`, in drawing order; bullets left out unless asked for."""
    # Blank texts (the chart's small spacer lines between items) are spacing, not paragraphs.
    return [t for t in shape.texts
            if box.contains(t.x, t.y - t.size * 0.5, 1.0) and t.text.strip(" \u00a0")
            and not (skip_bullets and t.text.strip(" \u00a0") == "•")]


def outline_of(shape: Item, card: Card, wrap_at: int) -> Box | None:
    """The smallest rounded outline in a label that holds the card's title (a card inside a grid)."""
    if not card.title:
        return None
    first = wrap(card.title, _width(card, wrap_at))[0]
    for spot in (t for t in shape.texts if _same(t.text, first)):
        holding = [o for o in shape.outlines if o.contains(spot.x, spot.y)]
        if holding:
            return min(holding, key=lambda o: o.w * o.h)
    return None


def _width(card: Card, wrap_at: int) -> int:
    span = max(1, len(card.columns))
    return card.width or wrap_at * span + 6 * (span - 1)


def column_boxes(shape: Item, box: Box, card: Card, theme: Theme) -> list[Box]:
    """Each duty column's tinted area, from the fills Graphviz drew inside the card."""
    boxes: list[Box] = []
    for column in card.columns:
        tint = theme.tint(column.tone).lower()
        mine = [f.box for f in shape.fills if f.color == tint and box.contains(f.box.x, f.box.y)
                and all(not b.contains(f.box.x + f.box.w / 2, f.box.y + f.box.h / 2, -0.5) for b in boxes)]
        if not mine:
            return []
        # Fills of one tint in one x-band form one column; another band of the same tint is the next.
        mine.sort(key=lambda b: (b.x, b.y))
        left = mine[0].x
        band = [b for b in mine if b.x < left + 1.0 or b.x < _band_right(mine, left)]
        out = band[0]
        for b in band[1:]:
            out = out.union(b)
        boxes.append(out)
    return boxes


def _band_right(fills: list[Box], left: float) -> float:
    """The right edge of the run of touching fills that starts at `left`."""
    right = left
    changed = True
    while changed:
        changed = False
        for b in fills:
            if b.x <= right + 0.5 and b.right > right:
                right, changed = b.right, True
    return right
