"""What an export reads of a chart: the diagrams `render` draws, each as boxes, frames, lines, order and titles."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ...views.diagram import Card, Diagram, Edge, Group, Junction, Matrix, Tone
from ...names import VIEW_NAMES
from ...spec.roles import people_line
from ...spec.models import OrgSpec, Role, ViewOptions

__all__ = ["VIEW_NAMES", "ExportError", "Box", "Frame", "Link", "Outline", "outline", "view_charts", "charts_by_view",
           "people_text", "seat_count"]


class ExportError(ValueError):
    """An export that cannot be made as asked (a view without data, a diagram past a tool's limit)."""


@dataclass(frozen=True)
class Box:
    """A card as text: its title, the lines under it, and its titled lists."""

    id: str
    title: str
    lines: tuple[str, ...] = ()
    columns: tuple[tuple[str, tuple[str, ...]], ...] = ()
    tone: Tone = "neutral"
    dashed: bool = False
    width: int | None = None  # characters a line, as the chart wraps it; None: the theme's

    def texts(self) -> tuple[str, ...]:
        """Every text of the box, in reading order."""
        return (self.title, *self.lines, *(t for heading, items in self.columns for t in (heading, *items)))


@dataclass(frozen=True)
class Frame:
    """A framed group: its heading, an optional heading card, its own boxes and the frames inside it, in order."""

    id: str
    title: str
    lines: tuple[str, ...] = ()
    header: str | None = None  # the id of the card drawn as its heading
    boxes: tuple[str, ...] = ()
    frames: tuple[Frame, ...] = ()
    tone: Tone = "neutral"

    def walk(self) -> list[Frame]:
        """This frame and every frame inside it, outermost first."""
        return [self, *(f for child in self.frames for f in child.walk())]


@dataclass(frozen=True)
class Link:
    """A line from one box to another: solid (reporting) or dashed (dotted-line); or an invisible order hint."""

    tail: str
    head: str
    dashed: bool = False
    visible: bool = True


@dataclass(frozen=True)
class Outline:
    """One chart as an export draws it; every part comes from the chart's Diagram, in the chart's order."""

    id: str
    title: str
    subtitle: str | None
    direction: str
    boxes: tuple[Box, ...]  # every card (headers included), junctions left out
    loose: tuple[str, ...]  # cards in no frame, in the chart's order
    frames: tuple[Frame, ...]
    links: tuple[Link, ...]  # the lines the chart draws, joined through its junctions, in its order
    hints: tuple[Link, ...]  # invisible links that place cards in columns, as the chart's own do
    table: Matrix | None = None

    def box(self, box_id: str) -> Box:
        """The box with this id."""
        return next(b for b in self.boxes if b.id == box_id)


def _box(card: Card) -> Box:
    return Box(card.id, card.title, tuple(line.text for line in card.lines),
               tuple((c.heading, c.items) for c in card.columns), card.tone, card.dashed, card.width)


def _frame(group: Group) -> Frame:
    return Frame(group.id, group.title, tuple(line.text for line in group.lines),
                 group.header.id if group.header else None, group.cards, tuple(_frame(g) for g in group.groups),
                 group.tone)


def _walk(groups: tuple[Group, ...]) -> list[Group]:
    return [g for group in groups for g in (group, *_walk(group.groups))]


def _joined(edges: tuple[Edge, ...], junctions: set[str], place: Callable[[str], tuple[float, float]]) -> list[Link]:
    """The chart's visible lines between cards: a manager's line through its junctions reaches each report.

    A piece of line from a card into a junction starts at the manager; a piece from a junction into a
    card ends at a report. Each manager's reports come in the order the chart shows them (`place`).
    """
    parent = {j: j for j in junctions}

    def root(j: str) -> str:
        while parent[j] != j:
            parent[j] = parent[parent[j]]
            j = parent[j]
        return j

    drawn = [e for e in edges if not e.invisible]
    for e in drawn:
        if e.tail in junctions and e.head in junctions:
            parent[root(e.tail)] = root(e.head)
    managers: dict[str, list[str]] = {}
    for e in drawn:
        if e.tail not in junctions and e.head in junctions:
            managers.setdefault(root(e.head), []).append(e.tail)
    links: list[Link] = []
    for e in drawn:
        if e.head in junctions:
            continue  # into a junction: the manager's side, or a piece of the bus
        if e.tail not in junctions:
            links.append(Link(e.tail, e.head, e.dashed))
            continue
        found = managers.get(root(e.tail))
        if not found:
            raise ValueError(f"a line into {e.head} starts at no card")
        links += [Link(m, e.head, e.dashed) for m in found]
    return _tree_order(list(dict.fromkeys(links)), place)


def _tree_order(links: list[Link], place: Callable[[str], tuple[float, float]]) -> list[Link]:
    """Solid lines top down, each manager's reports in the order the chart shows them, then the dashed lines."""
    below: dict[str, list[Link]] = {}
    for link in links:
        if not link.dashed:
            below.setdefault(link.tail, []).append(link)
    for tail, reports in below.items():
        below[tail] = sorted(reports, key=lambda link: place(link.head))
    heads = {link.head for link in links if not link.dashed}
    out: list[Link] = []
    seen: set[str] = set()

    def visit(node: str) -> None:
        stack = [node]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            for link in below.get(current, []):
                out.append(link)
            stack.extend(reversed([link.head for link in below.get(current, [])]))

    for tail in below:
        if tail not in heads:
            visit(tail)
    walked = set(out)
    rest = [link for link in links if not link.dashed and link not in walked]  # a loop the walk cannot enter
    return out + rest + [link for link in links if link.dashed]


def _hints(diagram: Diagram, boxes: set[str]) -> list[Link]:
    """The chart's invisible order links; one into the first card of a set kept on one rank reaches them all."""
    sets = [*diagram.ranks]
    for group in _walk(diagram.groups):
        sets += group.ranks
        if group.same_rank:
            sets.append(group.cards)
    first = {s[0]: s for s in sets if s}
    hints: list[Link] = []
    for e in diagram.edges:
        if e.invisible and e.tail in boxes and e.head in boxes:
            hints += [Link(e.tail, h, visible=False) for h in first.get(e.head, (e.head,))]
    return list(dict.fromkeys(hints))


def _reading(diagram: Diagram) -> Callable[[str], tuple[float, float]]:
    """Where a card comes in the chart's reading order: left to right, then top down (top down first in LR),
    as `checks/layout.py` reads sibling order; cards the chart has not placed keep their lines' order."""
    at = {n.id: n.at for n in diagram.cards if isinstance(n, Card | Junction) and n.at is not None}

    def place(card_id: str) -> tuple[float, float]:
        x, y = at.get(card_id, (0.0, 0.0))
        first, second = (y, x) if diagram.direction == "LR" else (x, y)
        return float(round(first)), second  # within a point is one column (or row)

    return place


def outline(diagram: Diagram) -> Outline:
    """The chart as an export reads it: the same cards, frames, lines, order and titles as its DOT."""
    table = next((n for n in diagram.cards if isinstance(n, Matrix)), None)
    junctions = {n.id for n in diagram.cards if isinstance(n, Junction)}
    groups = _walk(diagram.groups)
    headers = [g.header for g in groups if g.header is not None]
    cards = [n for n in diagram.cards if isinstance(n, Card)]
    boxes = tuple(_box(c) for c in [*headers, *cards])
    framed = {c for g in groups for c in g.cards} | {h.id for h in headers}
    ids = {b.id for b in boxes}
    return Outline(
        id=diagram.id, title=diagram.title, subtitle=diagram.subtitle, direction=diagram.direction, boxes=boxes,
        loose=tuple(c.id for c in cards if c.id not in framed), frames=tuple(_frame(g) for g in diagram.groups),
        links=tuple(_joined(diagram.edges, junctions, _reading(diagram))), hints=tuple(_hints(diagram, ids)),
        table=table,
    )


def view_charts(spec: OrgSpec, stem: str, view: str) -> list[Diagram]:
    """The diagrams `render` draws for one view of the spec, with the spec's options for it (split as it splits)."""
    from ...views.registry import get_view

    options = getattr(spec.views, view, None) if spec.views is not None else None
    return get_view(view)(spec, stem, options or ViewOptions())


def charts_by_view(spec: OrgSpec, stem: str, asked: Sequence[str] = ()) -> dict[str, list[Diagram]]:
    """The views to export (those asked for, else those the spec's `views:` lists, else all) and their charts.

    A view asked for by name that has no data is an ExportError naming the views that have.
    """
    from ..pipeline import chosen_views

    found = {view: view_charts(spec, stem, view) for view in chosen_views(spec, asked)}
    missing = [v for v in asked if not found.get(v)]
    if missing:
        have = [v for v in VIEW_NAMES if view_charts(spec, stem, v)]
        raise ExportError(f"this spec has no data for the {', '.join(missing)} view; "
                          f"it has: {', '.join(have) or 'none'}")
    chosen = {view: diagrams for view, diagrams in found.items() if diagrams}
    if not chosen:
        raise ExportError(f"this spec has no data for any view ({', '.join(VIEW_NAMES)})")
    return chosen


def seat_count(role: Role) -> int:
    """Seats of a role: named, unnamed and open, and never none (a placeholder keeps one row)."""
    return max(1, len(role.people), role.seats)


def people_text(role: Role) -> str:
    """Who holds a role, as its cards say it: names, unnamed seats, open seats, shared."""
    return people_line(role)
