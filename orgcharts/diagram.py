"""The Graphviz-free intermediate model: cards, groups, edges and their order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Tone", "Line", "Column", "Card", "Group", "Edge", "Diagram"]

# A tone names a colour role in the theme; views pick tones, themes pick colours.
Tone = Literal["client", "team", "neutral", "lead"]
LineStyle = Literal["people", "nickname", "owns", "key", "note"]


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


@dataclass(frozen=True)
class Card:
    """A box: a role, a lane, a client account."""

    id: str
    title: str
    tone: Tone = "neutral"
    lines: tuple[Line, ...] = ()
    columns: tuple[Column, ...] = ()


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


@dataclass(frozen=True)
class Diagram:
    """A whole chart: what to draw and in which order; geometry is left to Graphviz."""

    id: str
    title: str
    description: str
    subtitle: str | None = None
    direction: Literal["LR", "TB"] = "LR"
    cards: tuple[Card, ...] = ()
    groups: tuple[Group, ...] = ()
    edges: tuple[Edge, ...] = ()
    legend: tuple[tuple[str, Tone], ...] = field(default=())
