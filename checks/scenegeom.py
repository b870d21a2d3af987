"""A chart's Scene (the render's own positioned model) as the geometry the layout rules measure."""

from __future__ import annotations

from checks.geometry import Box, Segment, cubic_is_straight
from checks.svggeom import STRAIGHT_TOL, Drawing, EdgeLine, Element, Shape, Text
from orgcharts.layout import scene as model

__all__ = ["drawing_from_scene"]


def _box(box: model.Box) -> Box:
    return Box(box.x, box.y, box.right, box.bottom)


def _texts(item: model.Item) -> list[Text]:
    return [Text(t.text, t.x, t.y, "start", t.size, t.bold, t.italic) for t in item.texts]


def _element(kind: str, item: model.Item) -> Element:
    """A node or frame: every box it draws (rounded borders and fills, ruled cells), and its texts."""
    shapes = [Shape(_box(b), True) for b in item.outlines]
    shapes += [Shape(_box(f.box), True) for f in item.fills]
    shapes += [Shape(_box(b), False) for b in item.cells]
    if item.kind == "point":
        shapes.append(Shape(_box(item.box), True))
    return Element(kind, item.name, shapes, _texts(item))


def _edge(stroke: model.Stroke) -> EdgeLine:
    """A drawn line: its straight pieces (a Bezier piece's chord) and how many of its pieces curve."""
    line = EdgeLine(f"{stroke.tail}->{stroke.head}", stroke.tail, stroke.head, bool(stroke.tail_port),
                    bool(stroke.head_port), stroke.dashed)
    points = stroke.points
    for at in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[at:at + 4]
        if not cubic_is_straight(p0, p1, p2, p3, STRAIGHT_TOL):
            line.curves += 1
        line.segments.append(Segment(p0, p3))
    return line


def drawing_from_scene(scene: model.Scene) -> Drawing:
    """The Scene as a Drawing (see svggeom): the same canvas, texts, nodes, frames and drawn lines."""
    drawing = Drawing(scene.width, scene.height, Box(0.0, 0.0, scene.width, scene.height))
    if scene.title is not None:
        drawing.texts = _texts(scene.title)
    drawing.nodes = {n.name: _element("node", n) for n in scene.nodes}
    drawing.clusters = {f.name: _element("cluster", f) for f in scene.frames}
    drawing.edges = [_edge(s) for s in scene.lines if not s.invisible and s.points]
    return drawing
