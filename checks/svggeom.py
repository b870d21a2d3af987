"""Read a Graphviz SVG into geometry: nodes, clusters and edges by DOT id, their shapes, lines and texts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field

from checks.geometry import Box, Point, Segment, cubic_is_straight, union

__all__ = ["Text", "Shape", "Element", "EdgeLine", "Drawing", "parse_svg", "path_pieces", "STRAIGHT_TOL"]

SVG = "{http://www.w3.org/2000/svg}"
STRAIGHT_TOL = 0.5  # points: a control point this close to the chord still draws a straight line
Transform = Callable[[Point], Point]


@dataclass(frozen=True)
class Text:
    """One drawn text: where it is anchored (after transforms), how, in which size and weight."""

    text: str
    x: float
    y: float
    anchor: str  # start | middle | end
    size: float  # font size in drawing units (transform applied)
    bold: bool
    italic: bool = False


@dataclass(frozen=True)
class Shape:
    """The bounding box of one drawn polygon, path, rect or ellipse."""

    box: Box
    filled: bool


@dataclass
class Element:
    """A node or cluster: its DOT id (the `<title>`), its shapes and its texts."""

    kind: str  # node | cluster
    title: str
    shapes: list[Shape] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)

    @property
    def box(self) -> Box | None:
        """Everything the element draws, as one box."""
        return union(s.box for s in self.shapes)


@dataclass
class EdgeLine:
    """A drawn edge: its ends by DOT id (ports dropped), whether dashed, its straight pieces and curves."""

    title: str
    tail: str
    head: str
    tail_port: bool
    head_port: bool
    dashed: bool
    segments: list[Segment] = field(default_factory=list)
    curves: int = 0  # cubic pieces that are not straight
    texts: list[Text] = field(default_factory=list)


@dataclass
class Drawing:
    """A whole chart as measured: its size in points, the graph's own texts, nodes, clusters and edges."""

    width: float
    height: float
    background: Box
    texts: list[Text] = field(default_factory=list)
    nodes: dict[str, Element] = field(default_factory=dict)
    clusters: dict[str, Element] = field(default_factory=dict)
    edges: list[EdgeLine] = field(default_factory=list)


_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_COMMAND = re.compile(r"[MmCcLlHhVvZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TRANSFORM = re.compile(r"(\w+)\(([^)]*)\)")


def _numbers(text: str) -> list[float]:
    return [float(n) for n in _NUMBER.findall(text)]


def _parse_transform(value: str | None) -> Transform:
    """The mapping an SVG `transform` applies: scale, translate and rotate(0), applied right to left."""
    steps: list[tuple[float, float, float, float]] = []  # (sx, sy, tx, ty): p * s + t
    for name, args in _TRANSFORM.findall(value or ""):
        nums = _numbers(args)
        if name == "scale" and nums:
            steps.append((nums[0], nums[1] if len(nums) > 1 else nums[0], 0.0, 0.0))
        elif name == "translate" and nums:
            steps.append((1.0, 1.0, nums[0], nums[1] if len(nums) > 1 else 0.0))
        elif name == "rotate" and nums and nums[0] % 360:
            raise ValueError(f"rotated drawings are not measured: {value}")

    def apply(p: Point) -> Point:
        x, y = p
        for sx, sy, tx, ty in reversed(steps):
            x, y = x * sx + tx, y * sy + ty
        return x, y

    return apply


def _scale_of(transform: Transform) -> float:
    """How much a transform scales lengths (uniform scale assumed, as Graphviz writes)."""
    (x0, _), (x1, _) = transform((0.0, 0.0)), transform((1.0, 0.0))
    return abs(x1 - x0)


def path_pieces(d: str) -> list[tuple[Point, ...]]:
    """The pieces of an SVG path in absolute points: (a, b) for lines, (p0, p1, p2, p3) for cubics.

    Graphviz writes `M x,y C ...` with absolute coordinates; relative commands are handled too.
    >>> path_pieces("M0,0C1,0 2,0 3,0L3,4")
    [((0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (3.0, 0.0)), ((3.0, 0.0), (3.0, 4.0))]
    """
    tokens = _COMMAND.findall(d)
    pieces: list[tuple[Point, ...]] = []
    cur: Point = (0.0, 0.0)
    start: Point = cur
    cmd = "M"
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            cmd = tokens[i]
            i += 1
            if cmd in "Zz":
                if cur != start:
                    pieces.append((cur, start))
                cur = start
            continue
        rel = cmd.islower()
        base = cur if rel else (0.0, 0.0)
        need = {"m": 2, "l": 2, "c": 6, "h": 1, "v": 1}[cmd.lower()]
        nums = [float(t) for t in tokens[i:i + need]]
        i += need
        if len(nums) < need:
            break
        if cmd in "Mm":
            cur = start = (base[0] + nums[0], base[1] + nums[1])
            cmd = "l" if rel else "L"  # further pairs after a move are lines
        elif cmd in "Ll":
            nxt = (base[0] + nums[0], base[1] + nums[1])
            pieces.append((cur, nxt))
            cur = nxt
        elif cmd in "Hh":
            nxt = (base[0] + nums[0] if rel else nums[0], cur[1])
            pieces.append((cur, nxt))
            cur = nxt
        elif cmd in "Vv":
            nxt = (cur[0], base[1] + nums[0] if rel else nums[0])
            pieces.append((cur, nxt))
            cur = nxt
        else:
            pts = [(base[0] + nums[k], base[1] + nums[k + 1]) for k in (0, 2, 4)]
            pieces.append((cur, *pts))
            cur = pts[2]
    return pieces


def _points_of(el: ET.Element) -> list[Point]:
    tag = el.tag.removeprefix(SVG)
    if tag in ("polygon", "polyline"):
        nums = _numbers(el.get("points", ""))
        return list(zip(nums[0::2], nums[1::2]))
    if tag == "path":
        return [p for piece in path_pieces(el.get("d", "")) for p in piece]
    if tag == "ellipse":
        cx, cy = float(el.get("cx", 0)), float(el.get("cy", 0))
        rx, ry = float(el.get("rx", 0)), float(el.get("ry", 0))
        return [(cx - rx, cy - ry), (cx + rx, cy + ry)]
    if tag == "rect":
        x, y = float(el.get("x", 0)), float(el.get("y", 0))
        return [(x, y), (x + float(el.get("width", 0)), y + float(el.get("height", 0)))]
    return []


def _shape(el: ET.Element, tf: Transform) -> Shape | None:
    pts = [tf(p) for p in _points_of(el)]
    if not pts:
        return None
    box = Box(min(p[0] for p in pts), min(p[1] for p in pts), max(p[0] for p in pts), max(p[1] for p in pts))
    return Shape(box, el.get("fill", "none") not in ("none", "transparent"))


def _text(el: ET.Element, tf: Transform, scale: float) -> Text:
    x, y = tf((float(el.get("x", 0)), float(el.get("y", 0))))
    weight = el.get("font-weight", "normal")
    return Text("".join(el.itertext()), x, y, el.get("text-anchor", "start"), float(el.get("font-size", 14)) * scale,
                weight == "bold" or (weight.isdigit() and int(weight) >= 600),
                el.get("font-style", "normal") in ("italic", "oblique"))


def _edge_ends(title: str) -> tuple[str, bool, str, bool]:
    tail, _, head = title.partition("->") if "->" in title else title.partition("--")
    return tail.split(":")[0], ":" in tail, head.split(":")[0], ":" in head


def _edge(g: ET.Element, title: str, tf: Transform, scale: float) -> EdgeLine:
    tail, tail_port, head, head_port = _edge_ends(title)
    line = EdgeLine(title, tail, head, tail_port, head_port, dashed=False)
    for el in g.iter():
        tag = el.tag.removeprefix(SVG)
        if tag == "path":
            if el.get("stroke-dasharray"):
                line.dashed = True
            for piece in path_pieces(el.get("d", "")):
                pts = [tf(p) for p in piece]
                if len(pts) == 4 and not cubic_is_straight(pts[0], pts[1], pts[2], pts[3], STRAIGHT_TOL):
                    line.curves += 1
                line.segments.append(Segment(pts[0], pts[-1]))
        elif tag == "polyline":  # not what Graphviz writes for edges today, but a straight way to draw one
            if el.get("stroke-dasharray"):
                line.dashed = True
            pts = [tf(p) for p in _points_of(el)]
            line.segments += [Segment(a, b) for a, b in zip(pts, pts[1:])]
        elif tag == "text":
            line.texts.append(_text(el, tf, scale))
    return line


def _element(kind: str, g: ET.Element, title: str, tf: Transform, scale: float) -> Element:
    item = Element(kind, title)
    for el in g.iter():
        tag = el.tag.removeprefix(SVG)
        if tag == "text":
            item.texts.append(_text(el, tf, scale))
        elif tag in ("polygon", "polyline", "path", "ellipse", "rect"):
            shape = _shape(el, tf)
            if shape is not None:
                item.shapes.append(shape)
    return item


def _size(root: ET.Element) -> tuple[float, float]:
    box = _numbers(root.get("viewBox", ""))
    if len(box) == 4:
        return box[2], box[3]
    return _numbers(root.get("width", "0"))[0], _numbers(root.get("height", "0"))[0]


def parse_svg(data: bytes) -> Drawing:
    """The geometry of a Graphviz SVG, in the SVG's own units (points), y growing downward."""
    root = ET.fromstring(data)
    width, height = _size(root)
    drawing = Drawing(width, height, Box(0, 0, width, height))
    graph = next((g for g in root.iter(f"{SVG}g") if g.get("class") == "graph"), root)
    tf = _parse_transform(graph.get("transform"))
    scale = _scale_of(tf)
    for el in graph:
        tag = el.tag.removeprefix(SVG)
        if tag == "text":
            drawing.texts.append(_text(el, tf, scale))
        elif tag == "polygon" and drawing.background == Box(0, 0, width, height):
            shape = _shape(el, tf)
            if shape is not None:
                drawing.background = shape.box
        if tag != "g":
            continue
        title_el = el.find(f"{SVG}title")
        title = "".join(title_el.itertext()) if title_el is not None else ""
        kind = el.get("class", "")
        if kind == "node":
            drawing.nodes[title] = _element("node", el, title, tf, scale)
        elif kind == "cluster":
            drawing.clusters[title] = _element("cluster", el, title, tf, scale)
        elif kind == "edge":
            drawing.edges.append(_edge(el, title, tf, scale))
    return drawing
