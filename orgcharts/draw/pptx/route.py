"""A chart's lines for its slide: from card to card through any junctions, along the Scene's own points."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from ...views.diagram import Diagram, Edge
from ...engine.dot import node_id
from ...layout.scene import Box, Point, Scene, Stroke

__all__ = ["Site", "SITE_TOP", "SITE_LEFT", "SITE_BOTTOM", "SITE_RIGHT", "Connector", "site_point", "nearest_site",
           "chart_lines"]

# Connection sites of a rectangle or rounded rectangle, as PowerPoint numbers them.
Site = Literal[0, 1, 2, 3]
SITE_TOP: Site = 0
SITE_LEFT: Site = 1
SITE_BOTTOM: Site = 2
SITE_RIGHT: Site = 3


@dataclass(frozen=True)
class Connector:
    """A line glued at both ends to the shapes it joins, drawn along the chart's own route.

    `pieces` are the chart's drawn lines this one runs along, in order from begin to end, each
    as its Bezier points on the slide (a start, then three points per cubic piece): a reporting
    line through a bus is the manager's drop, the bus between, and the report's own drop.
    `tail` and `head` are the DOT ids of the drawn ends (a card, or the card a frame is glued for).
    """

    begin: str
    begin_site: Site
    end: str
    end_site: Site
    color: str
    width: float
    dashed: bool
    pieces: tuple[tuple[Point, ...], ...]
    tail: str = ""
    head: str = ""


def site_point(box: Box, site: Site) -> Point:
    """Where a connection site of a rectangle is, as PowerPoint and python-pptx place it."""
    return [(box.x + box.w / 2, box.y), (box.x, box.y + box.h / 2), (box.x + box.w / 2, box.bottom),
            (box.right, box.y + box.h / 2)][site]


def nearest_site(box: Box, point: Point) -> Site:
    """The connection site of `box` nearest `point`."""
    sites: tuple[Site, ...] = (SITE_TOP, SITE_LEFT, SITE_BOTTOM, SITE_RIGHT)
    return min(sites, key=lambda s: (site_point(box, s)[0] - point[0]) ** 2 + (site_point(box, s)[1] - point[1]) ** 2)


def _runs(scene: Scene) -> list[list[Stroke]]:
    """Every drawn line from a node that is not a junction to one that is not, through junctions:
    the strokes it is drawn as, in order. A bus's junctions are walked both ways (a bus is written
    from its ends toward its middle); every card hanging off it ends one run."""
    points = {n.name for n in scene.nodes if n.kind == "point"}
    drawn = [s for s in scene.lines if not s.invisible and s.points]
    links: dict[str, list[tuple[str, Stroke]]] = {}
    for stroke in drawn:
        if stroke.tail in points and stroke.head in points:
            links.setdefault(stroke.tail, []).append((stroke.head, stroke))
            links.setdefault(stroke.head, []).append((stroke.tail, stroke))
    leaving: dict[str, list[Stroke]] = {}
    for stroke in drawn:
        if stroke.tail in points and stroke.head not in points:
            leaving.setdefault(stroke.tail, []).append(stroke)
    runs: list[list[Stroke]] = []
    for first in drawn:
        if first.tail in points:
            continue
        if first.head not in points:
            runs.append([first])
            continue
        way: dict[str, list[Stroke]] = {first.head: []}
        order = [first.head]
        for junction in order:  # grows while walking: breadth first, in the chart's order
            for nxt, stroke in links.get(junction, []):
                if nxt not in way:
                    way[nxt] = [*way[junction], stroke]
                    order.append(nxt)
            for last in leaving.get(junction, []):
                runs.append([first, *way[junction], last])
    return runs


def _edge(diagram: Diagram, tail: str, head: str) -> Edge | None:
    return next((e for e in diagram.edges if node_id(e.tail) == tail and node_id(e.head) == head), None)


def chart_lines(diagram: Diagram, scene: Scene, boxes: dict[str, Box],
                to_slide: Callable[[Point], Point], k: float) -> list[Connector]:
    """The slide's connectors: one per drawn line from card to card, glued to the shapes in
    `boxes` (slide points, by diagram id) and drawn along the scene's points mapped by `to_slide`."""
    ids = {node_id(n.id): n.id for n in diagram.cards}
    out: list[Connector] = []
    for run in _runs(scene):
        first, last = run[0], run[-1]
        begin = _glue(diagram, ids, boxes, first.tail, _edge(diagram, first.tail, first.head), True)
        end = _glue(diagram, ids, boxes, last.head, _edge(diagram, last.tail, last.head), False)
        if begin is None or end is None or begin == end:
            continue
        pieces = tuple(tuple(to_slide(p) for p in stroke.points) for stroke in run)
        out.append(Connector(begin, nearest_site(boxes[begin], pieces[0][0]), end,
                             nearest_site(boxes[end], pieces[-1][-1]), first.color, first.width * k,
                             any(s.dashed for s in run), pieces, first.tail, last.head))
    return out


def _glue(diagram: Diagram, ids: dict[str, str], boxes: dict[str, Box], name: str, edge: Edge | None,
          tail: bool) -> str | None:
    """The shape a line's end is glued to: the frame it is clipped at, else the grid card (port), else the card."""
    keys: Sequence[str | None] = ()
    if edge is not None:
        keys = (edge.tail_group, edge.tail_port) if tail else (edge.head_group, edge.head_port)
    for key in (*keys, ids.get(name)):
        if key is not None and key in boxes:
            return key
    return None
