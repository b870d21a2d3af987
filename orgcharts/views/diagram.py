"""The Graphviz-free intermediate model: cards, groups, edges and their order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

__all__ = ["Tone", "Point", "Rect", "Line", "Column", "Matrix", "Card", "Junction", "Node", "Group", "Edge",
           "Diagram"]

# A tone names a colour role in the theme; views pick tones, themes pick colours.
Tone = Literal["client", "team", "both", "neutral", "lead"]
Point = tuple[float, float]  # points, y growing downward
Rect = tuple[float, float, float, float]  # x0, y0, x1, y1
LineStyle = Literal["people", "nickname", "owns", "key", "note", "vacancy"]


@dataclass(frozen=True)
class Line:
    """One line of text on a card or group header, styled by what it says."""

    text: str
    style: LineStyle = "note"


@dataclass(frozen=True)
class Column:
    """A titled list on a card, such as the client-facing duties."""

    heading: str
    items: tuple[str, ...]
    tone: Tone
    # Each item's own tone, by position (a change chart colours a new or dropped duty); () or None: the ink.
    tones: tuple[Tone | None, ...] = ()

    def __post_init__(self) -> None:
        if self.tones and len(self.tones) != len(self.items):
            raise ValueError(f"column {self.heading!r}: {len(self.tones)} tones for {len(self.items)} items")

    def item_tone(self, index: int) -> Tone | None:
        """The tone of item `index`, or None when it is drawn in the ink like the rest."""
        return self.tones[index] if self.tones else None


@dataclass(frozen=True)
class Matrix:
    """A table drawn as a node of its own, such as a RACI matrix: headed columns, rows in titled sections."""

    id: str
    corner: str
    columns: tuple[tuple[str, Tone], ...]  # heading and the tone that colours it
    sections: tuple[tuple[str | None, tuple[tuple[str, tuple[str, ...]], ...]], ...]  # (title, rows)
    legend: tuple[tuple[str, str], ...] = ()  # (mark, meaning)
    tone_legend: tuple[tuple[str, Tone], ...] = ()  # (meaning, tone)


@dataclass(frozen=True)
class Card:
    """A box of text: a role, a lane, a client account."""

    id: str
    title: str
    tone: Tone = "neutral"
    lines: tuple[Line, ...] = ()
    columns: tuple[Column, ...] = ()
    width: int | None = None  # characters per line; the theme's wrap when None
    dashed: bool = False  # an open seat, not a person
    align: str | None = None  # nodes sharing a value are kept in one straight line across ranks
    at: Point | None = None  # the centre, when orgcharts places the diagram itself


@dataclass(frozen=True)
class Junction:
    """A point where lines meet, drawn as nothing but the lines themselves."""

    id: str
    align: str | None = None
    at: Point | None = None


# What a diagram places: every variant has an id, and only the fields that variant needs.
Node: TypeAlias = Card | Junction | Matrix


@dataclass(frozen=True)
class Group:
    """A framed set of cards (a unit), optionally headed by a card of its own, nestable."""

    id: str
    title: str
    tone: Tone = "neutral"
    lines: tuple[Line, ...] = ()
    header: Card | None = None  # drawn as the group's label, spanning its width
    cards: tuple[str, ...] = ()  # card ids, in display order
    groups: tuple[Group, ...] = ()
    same_rank: bool = False  # keep the cards side by side across the flow (one column in LR)
    ranks: tuple[tuple[str, ...], ...] = ()  # further sets of cards kept on one rank
    frame: Rect | None = None  # the frame's rectangle, when orgcharts places the diagram itself


@dataclass(frozen=True)
class Edge:
    """A line between two cards, optionally clipped at the groups around them."""

    tail: str
    head: str
    tone: Tone = "neutral"
    tail_group: str | None = None
    head_group: str | None = None
    dashed: bool = False
    label: str | None = None
    constraint: bool = True  # False: drawn, but does not pull the layout (dotted lines)
    tail_port: str | None = None  # a card inside a grid, by its id
    head_port: str | None = None
    invisible: bool = False  # only orders the layout
    route: tuple[Point, ...] = ()  # the straight pieces it is drawn as, when orgcharts places the diagram


@dataclass(frozen=True)
class Diagram:
    """A whole chart: what to draw and in which order; geometry is Graphviz's unless `placed`."""

    id: str
    title: str
    description: str
    subtitle: str | None = None
    direction: Literal["LR", "TB"] = "LR"
    lines: Literal["curved", "square"] = "curved"  # square: right-angled lines
    keep_order: bool = False  # children appear in the order their edges are listed
    cards: tuple[Node, ...] = ()
    groups: tuple[Group, ...] = ()
    edges: tuple[Edge, ...] = ()
    ranks: tuple[tuple[str, ...], ...] = ()  # sets of ungrouped cards kept on one rank
    placed: Point | None = None  # width, height: every part carries its position, Graphviz only draws
    # The text of each card when it was placed (id, title, lines): a card changed since is not where it was.
    placed_text: tuple[tuple[str, str, tuple[Line, ...]], ...] = ()
    legend: tuple[tuple[str, Tone], ...] = ()  # (meaning, tone): what the colours mean, under the title
