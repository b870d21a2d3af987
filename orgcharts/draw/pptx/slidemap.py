"""Diagram + its Scene + theme -> native slide shapes as plain data (no python-pptx here).

Cards become rounded rectangles holding their text; their duty columns become tinted boxes grouped
with the card; units become frames behind; reporting lines become connectors glued to the two
shapes they join; a matrix becomes a table. Every position is Graphviz's, scaled into the slide.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from .route import SITE_BOTTOM, SITE_LEFT, SITE_RIGHT, SITE_TOP, Connector, chart_lines, site_point
from .text import (LINE_HEIGHT, Para, Run, TextSpec, card_paras, column_boxes, column_paras, line_paras,
                       outline_of, spaced_paras, texts_in, wrapped)
from ...views.diagram import Card, Diagram, Group, Junction, Matrix, Node
from ...engine.dot import cluster_id, node_id
from ...engine.labels import activity_wrap, heading_lines
from ...layout.scene import Box, Item, Scene
from ...themes import Theme

__all__ = ["Run", "Para", "TextSpec", "Rect", "CardShape", "Cell", "TableShape", "Connector", "SlideShapes",
           "Frame", "Scale", "content_box", "drawn_box", "map_chart", "site_point", "card_paras", "column_paras",
           "LINE_HEIGHT", "SITE_TOP", "SITE_LEFT", "SITE_BOTTOM", "SITE_RIGHT"]

CARD_RADIUS = 6.0  # points, as labels' ROUNDED tables


@dataclass(frozen=True)
class Rect:
    """A rectangle or rounded rectangle on the slide (points), with optional text."""

    key: str  # what connectors glue to: a card or group id
    name: str
    box: Box
    fill: str | None
    line: str | None
    line_width: float = 0.0
    dashed: bool = False
    rounded: bool = True
    radius: float = CARD_RADIUS
    text: TextSpec | None = None


@dataclass(frozen=True)
class CardShape:
    """A card: its rounded rectangle and, grouped with it, tinted boxes for its duty columns."""

    card: Rect
    parts: tuple[Rect, ...] = ()


@dataclass(frozen=True)
class Cell:
    """A table cell: its text, fill, and how many columns it spans."""

    text: TextSpec
    fill: str | None = None
    span: int = 1


@dataclass(frozen=True)
class TableShape:
    """A native table at a box: column widths and row heights in points, rows of cells."""

    name: str
    box: Box
    widths: tuple[float, ...]
    heights: tuple[float, ...]
    rows: tuple[tuple[Cell, ...], ...]
    border: str
    border_width: float


@dataclass(frozen=True)
class SlideShapes:
    """Everything drawn on one slide, in z-order: frames, lines, cards, tables, loose text."""

    frames: tuple[Rect, ...] = ()
    connectors: tuple[Connector, ...] = ()
    cards: tuple[CardShape, ...] = ()
    tables: tuple[TableShape, ...] = ()
    notes: tuple[Rect, ...] = ()
    boxes: dict[str, Box] = field(default_factory=dict)  # every gluable shape's box, by key


@dataclass(frozen=True)
class Frame:
    """Where the chart goes on the slide, in points."""

    x: float
    y: float
    w: float
    h: float


class Scale:
    """Chart points -> slide points: uniform, centred in the frame, never stretched."""

    def __init__(self, content: Box, frame: Frame) -> None:
        self.k = min(frame.w / max(content.w, 1.0), frame.h / max(content.h, 1.0))
        self.dx = frame.x + (frame.w - content.w * self.k) / 2 - content.x * self.k
        self.dy = frame.y + (frame.h - content.h * self.k) / 2 - content.y * self.k

    def box(self, box: Box) -> Box:
        return Box(box.x * self.k + self.dx, box.y * self.k + self.dy, box.w * self.k, box.h * self.k)

    def y(self, y: float) -> float:
        return y * self.k + self.dy

    def x(self, x: float) -> float:
        return x * self.k + self.dx


def drawn_box(item: Item, slack: float = 2.5) -> Box:
    """A card's or frame's box as the chart draws its border: its own rounded outline (for a card,
    the border's centre line, inside the node's box by half the border), else the item's box."""
    box = item.box
    own = [o for o in item.outlines if abs(o.x - box.x) <= slack and abs(o.y - box.y) <= slack
           and abs(o.right - box.right) <= slack and abs(o.bottom - box.bottom) <= slack]
    return max(own, key=lambda o: o.w * o.h) if own else box


def content_box(scene: Scene) -> Box:
    """The drawing without its title label: every node and cluster."""
    boxes = [s.box for s in (*scene.nodes, *scene.frames)]
    if not boxes:
        return Box(0.0, 0.0, scene.width, scene.height)
    out = boxes[0]
    for box in boxes[1:]:
        out = out.union(box)
    return out


class _Mapper:
    """Walks a diagram against its Scene, producing slide shapes."""

    def __init__(self, diagram: Diagram, scene: Scene, theme: Theme, frame: Frame) -> None:
        self.diagram, self.scene, self.theme = diagram, scene, theme
        self.scale = Scale(content_box(scene), frame)
        self.k = self.scale.k
        self.frames: list[Rect] = []
        self.cards: list[CardShape] = []
        self.tables: list[TableShape] = []
        self.notes: list[Rect] = []
        self.boxes: dict[str, Box] = {}

    # -- cards -------------------------------------------------------------------------------
    def node(self, node: Node, shape: Item, box: Box) -> None:
        """A drawn node at `box` (chart points): a card or a matrix."""
        if isinstance(node, Matrix):
            self.matrix(node, shape, box)
        elif isinstance(node, Card):
            self.card(node, shape, box)

    def card(self, card: Card, shape: Item, box: Box) -> None:
        """A card at `box` (chart points), its text spaced as the chart spaces it."""
        theme, k = self.theme, self.k
        columns = column_boxes(shape, box, card, theme) if card.columns else []
        text_area = Box(box.x, box.y, box.w, (min(c.y for c in columns) - box.y) if columns else box.h)
        texts = texts_in(shape, text_area, skip_bullets=False)
        spaced, top = spaced_paras(card_paras(card, theme, k), texts, box.y * k, k)
        left = (min(t.x for t in texts) - box.x) * k if texts else 6.0 * k
        slide_box = self.scale.box(box)
        rect = Rect(card.id, f"Card {card.title}", slide_box, theme.card, theme.accent(card.tone), 2.0 * k,
                    card.dashed, True, CARD_RADIUS * k,
                    TextSpec(spaced, left=left, top=top, right=2.0 * k, bottom=2.0 * k))
        parts = []
        for column, area in zip(card.columns, columns):
            cparas = column_paras(column, theme, k)
            ctexts = texts_in(shape, area)
            cspaced, ctop = spaced_paras(cparas, ctexts, area.y * k, k)
            cleft = (min((t.x for t in ctexts[1:]), default=area.x + 16.5) - area.x) * k  # after the heading
            bullets = [t for t in shape.texts if t.text == "•" and area.contains(t.x, t.y - 1)]
            heading_left = (ctexts[0].x - area.x) * k if ctexts else 7.0 * k
            bullet_left = (bullets[0].x - area.x) * k if bullets else heading_left
            # The frame's inset is where the bullets sit; the heading and each item's text indent from it.
            cspaced = tuple(Para(p.lines, p.bullet, p.bullet_color,
                                 (cleft if p.bullet else heading_left) - bullet_left, p.space_before,
                                 p.line_spacing) for p in cspaced)
            parts.append(Rect(f"{card.id}#{column.heading}", f"{column.heading}", self.scale.box(area),
                              theme.tint(column.tone), None, 0.0, False, False, 0.0,
                              TextSpec(cspaced, left=bullet_left, top=ctop, right=2.0 * k)))
        self.boxes[card.id] = slide_box
        self.cards.append(CardShape(rect, tuple(parts)))

    def matrix(self, matrix: Matrix, shape: Item, box: Box) -> None:
        """A matrix as a native table; its legend lines as text below it."""
        theme, k = self.theme, self.k
        cells = shape.cells
        if cells:
            left = min(c.x for c in cells)
            firsts = sorted({(round(c.y, 1), round(c.bottom, 1)) for c in cells if abs(c.x - left) < 0.5})
            top = firsts[0]
            heads = sorted({(round(c.x, 1), round(c.right, 1)) for c in cells if abs(c.y - top[0]) < 0.5})
            heights = [b - a for a, b in firsts]
            widths = [b - a for a, b in heads]
            table_box = Box(left, top[0], heads[-1][1] - left, firsts[-1][1] - top[0])
        else:
            count = 1 + sum((1 if t else 0) + len(body) for t, body in matrix.sections)
            heights = [box.h / count] * count
            widths = [box.w / (len(matrix.columns) + 1)] * (len(matrix.columns) + 1)
            table_box = box
        n = len(matrix.columns)
        pad = 4.0 * k

        def text(runs: Iterable[tuple[Run, ...]], align: Literal["l", "c"] = "l",
                 anchor: Literal["t", "ctr"] = "ctr") -> TextSpec:
            return TextSpec((Para(tuple(runs), align=align),), pad, pad / 2, pad, pad / 2, anchor)

        blank = ((Run("", theme.text_size * k, theme.ink),),)  # an empty cell still sets its text size
        head_row = [Cell(text(((Run(matrix.corner, theme.heading_size * k, theme.muted, bold=True),),)))]
        chars = activity_wrap(matrix, theme)  # activity names wrap as the chart wraps them
        for title, tone in matrix.columns:
            colour = theme.accent(tone) if tone in ("client", "team", "both", "lead") else theme.ink
            lines = tuple((Run(line, theme.text_size * k, colour, True),) for line in heading_lines(title))
            head_row.append(Cell(text(lines, "c"), theme.tint(tone)))
        rows: list[tuple[Cell, ...]] = [tuple(head_row)]
        for section, body in matrix.sections:
            if section:
                heading = ((Run(section.upper(), theme.heading_size * k, theme.muted, bold=True),),)
                rows.append((Cell(text(heading), theme.group, n + 1), *[Cell(text(blank), theme.group, 0)] * n))
            for label, marks in body:
                row = [Cell(text(wrapped(label, chars, theme.text_size * k, theme.ink)), theme.card)]
                for mark in marks:
                    strong = "A" in mark
                    run = Run(mark, theme.text_size * k, theme.background if strong else theme.ink, bold=True)
                    row.append(Cell(text(((run,),) if mark else blank, "c"), theme.lead if strong else theme.card))
                rows.append(tuple(row))
        if len(rows) != len(heights) or len(widths) != n + 1:  # the grid did not read back: even rows
            heights = [table_box.h / len(rows)] * len(rows)
            widths = [table_box.w / (n + 1)] * (n + 1)
        self.tables.append(TableShape(f"Table {self.diagram.title}", self.scale.box(table_box),
                                      tuple(w * k for w in widths), tuple(h * k for h in heights), tuple(rows),
                                      theme.card_border, 1.0 * k))
        legend: list[Para] = []
        if matrix.legend:
            keys: list[Run] = []
            for mark, meaning in matrix.legend:
                keys += [Run(mark, (theme.heading_size + 1) * k, theme.muted, bold=True),
                         Run(f" {meaning}   ", (theme.heading_size + 1) * k, theme.muted)]
            legend.append(Para((tuple(keys),)))
        if matrix.tone_legend:
            tones: list[Run] = []
            for meaning, tone in matrix.tone_legend:
                tones += [Run("■", (theme.heading_size + 1) * k, theme.accent(tone)),
                         Run(f" {meaning}   ", (theme.heading_size + 1) * k, theme.muted)]
            legend.append(Para((tuple(tones),)))
        if legend and box.bottom - table_box.bottom > 4.0:
            below = Box(table_box.x, table_box.bottom, table_box.w, box.bottom - table_box.bottom)
            spaced, top_inset = spaced_paras(legend, [t for t in shape.texts if t.y > table_box.bottom + 1.0 and
                                                 t.x < table_box.x + 20.0], below.y * k, k)
            self.notes.append(Rect(f"{matrix.id}#legend", "Legend", self.scale.box(below), None, None,
                                   text=TextSpec(spaced, left=6.0 * k, top=top_inset)))

    # -- groups ------------------------------------------------------------------------------
    def group(self, group: Group) -> None:
        shape = self.scene.frame(cluster_id(group.id))
        if shape is None:
            return
        theme, k = self.theme, self.k
        line = theme.accent(group.tone) if group.tone != "neutral" else theme.group_border
        text: TextSpec | None = None
        if group.header is None:
            width = theme.wrap * 2
            paras = [Para(wrapped(group.title, width, theme.card_title_size * k, theme.accent(group.tone), bold=True))]
            for item in group.lines:
                paras.extend(line_paras(item, theme, group.tone, width, k))
            label = shape.label or shape.box
            texts = [t for t in shape.texts if label.contains(t.x, t.y - 1, 2.0)]
            spaced, top = spaced_paras(paras, texts, shape.box.y * k, k)
            left = (min(t.x for t in texts) - shape.box.x) * k if texts else 12.0 * k
            text = TextSpec(spaced, left=left, top=top, right=4.0 * k)
        frame = Rect(group.id, f"Unit {group.title}", self.scale.box(drawn_box(shape)), theme.group, line, 1.5 * k,
                     text=text)
        self.frames.append(frame)
        self.boxes[group.id] = frame.box
        if group.header is not None:
            found = outline_of(shape, group.header, theme.wrap) or shape.label
            if found is not None:
                self.card(group.header, shape, found)
        for child in group.groups:
            self.group(child)

    # -- lines -------------------------------------------------------------------------------


def map_chart(diagram: Diagram, scene: Scene, theme: Theme, frame: Frame) -> SlideShapes:
    """The native shapes of one chart, placed as its Scene places them and scaled into `frame`."""
    mapper = _Mapper(diagram, scene, theme, frame)
    for group in diagram.groups:
        mapper.group(group)
    for node in diagram.cards:
        shape = scene.node(node_id(node.id))
        if shape is not None and not isinstance(node, Junction):
            mapper.node(node, shape, drawn_box(shape) if isinstance(node, Card) else shape.box)
    scale = mapper.scale
    connectors = chart_lines(diagram, scene, mapper.boxes, lambda p: (scale.x(p[0]), scale.y(p[1])), mapper.k)
    return SlideShapes(tuple(mapper.frames), tuple(connectors), tuple(mapper.cards), tuple(mapper.tables),
                       tuple(mapper.notes), dict(mapper.boxes))
