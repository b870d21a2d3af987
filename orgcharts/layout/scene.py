"""The positioned chart: every box, text line and line as drawn, made once from the layout that draws the chart."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, Literal

__all__ = ["SCENE", "Point", "Box", "Text", "Fill", "Item", "Stroke", "Scene", "scene_from_json", "scene_bytes",
           "read_scene", "POINTS_PER_INCH"]

SCENE = "scene"  # what a render job asks for, beside its formats, to get the chart's Scene back
POINTS_PER_INCH = 72.0
Point = tuple[float, float]  # points on the canvas, y growing downward


@dataclass(frozen=True)
class Box:
    """A rectangle in points, top-down: (x, y) is the top-left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def contains(self, x: float, y: float, slack: float = 0.5) -> bool:
        """Whether the point lies inside, `slack` points allowed on every side."""
        return self.x - slack <= x <= self.right + slack and self.y - slack <= y <= self.bottom + slack

    def union(self, other: Box) -> Box:
        """The smallest box holding both."""
        x, y = min(self.x, other.x), min(self.y, other.y)
        return Box(x, y, max(self.right, other.right) - x, max(self.bottom, other.bottom) - y)


@dataclass(frozen=True)
class Text:
    """One line of text as drawn: its baseline's left end (top-down), size, colour, weight, slant, width."""

    x: float
    y: float
    size: float
    color: str
    text: str
    bold: bool = False
    italic: bool = False
    width: float = 0.0


@dataclass(frozen=True)
class Fill:
    """A filled polygon of a label (a tinted table cell), by its bounding box and colour."""

    box: Box
    color: str


ItemKind = Literal["card", "point", "frame", "title"]


@dataclass(frozen=True)
class Item:
    """A node (card or junction point), a frame (a unit) or the title: its box and what it draws.

    `label` is a frame's heading area (or the title's). `outlines` are the rounded table borders
    drawn inside (the card itself, or cards inside a grid), `cells` the ruled borders of a matrix.
    """

    name: str  # the DOT id: a node's, a cluster's, or "" for the title
    kind: ItemKind
    box: Box
    label: Box | None = None
    texts: tuple[Text, ...] = ()
    fills: tuple[Fill, ...] = ()
    outlines: tuple[Box, ...] = ()
    cells: tuple[Box, ...] = ()


@dataclass(frozen=True)
class Stroke:
    """A drawn line: the DOT ids of its two ends, and the Bezier points the chart draws it along
    (a start, then three points per cubic piece), with its colour, width and dashes."""

    tail: str
    head: str
    points: tuple[Point, ...]
    color: str = "#000000"
    width: float = 1.0
    dashed: bool = False
    invisible: bool = False
    tail_port: str = ""  # the port of a card inside a grid the line leaves from, if any
    head_port: str = ""


@dataclass(frozen=True)
class Scene:
    """A whole chart as drawn, in points on its canvas (the SVG's user space, margins included)."""

    width: float  # the canvas, margins included
    height: float
    title: Item | None
    nodes: tuple[Item, ...] = ()
    frames: tuple[Item, ...] = ()
    lines: tuple[Stroke, ...] = ()

    def node(self, name: str) -> Item | None:
        return next((n for n in self.nodes if n.name == name), None)

    def frame(self, name: str) -> Item | None:
        return next((f for f in self.frames if f.name == name), None)

    @property
    def title_height(self) -> float:
        return self.title.label.h if self.title is not None and self.title.label is not None else 0.0


def _numbers(text: str) -> list[float]:
    return [float(v) for v in text.replace(",", " ").split()]


def _font_flags(op: dict[str, Any]) -> tuple[bool, bool]:
    flags = int(op.get("fontchar", 0))
    return bool(flags & 1), bool(flags & 2)  # xdot's BOLD and ITALIC bits


class _Reader:
    """Graphviz's JSON (`-Tjson`, xdot drawing operations) in canvas points, y growing downward."""

    def __init__(self, data: dict[str, Any], pad: Point) -> None:
        _, _, self.w, self.h = _numbers(data["bb"])
        self.px, self.py = pad

    def point(self, x: float, y: float) -> Point:
        return (round(x + self.px, 3), round(self.h - y + self.py, 3))

    def box(self, x0: float, y0: float, x1: float, y1: float) -> Box:
        (ax, ay), (bx, by) = self.point(x0, y0), self.point(x1, y1)
        return Box(min(ax, bx), min(ay, by), round(abs(bx - ax), 3), round(abs(by - ay), 3))

    def label(self, obj: dict[str, Any]) -> Box | None:
        if "lp" not in obj or "lwidth" not in obj:
            return None
        cx, cy = _numbers(obj["lp"])[:2]
        w, h = float(obj["lwidth"]) * POINTS_PER_INCH, float(obj["lheight"]) * POINTS_PER_INCH
        return self.box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)

    def drawn(self, ops: list[dict[str, Any]]) -> dict[str, Any]:
        texts: list[Text] = []
        fills: list[Fill] = []
        outlines: list[Box] = []
        cells: list[Box] = []
        size, pen, brush, bold, italic = 14.0, "#000000", "#ffffff", False, False
        for op in ops:
            kind = op["op"]
            if kind == "F":
                size = float(op["size"])
            elif kind == "c":
                pen = op.get("color", pen)
            elif kind == "C":
                brush = op.get("color", brush)
            elif kind == "t":
                bold, italic = _font_flags(op)
            elif kind == "T":
                x, y = op["pt"]
                width = float(op["width"])
                left = x - {"l": 0.0, "c": 0.5, "r": 1.0}.get(op.get("align", "l"), 0.0) * width
                px, py = self.point(left, y)
                texts.append(Text(px, py, size, pen.lower(), op["text"], bold, italic, width))
            elif kind in ("P", "B", "p"):  # filled cells (P), rounded tables (B), ruled cells (p)
                xs = [p[0] for p in op["points"]]
                ys = [p[1] for p in op["points"]]
                box = self.box(min(xs), min(ys), max(xs), max(ys))
                if kind == "P":
                    fills.append(Fill(box, brush.lower()))
                elif kind == "B":
                    outlines.append(box)
                else:
                    cells.append(box)
        return {"texts": tuple(texts), "fills": tuple(fills), "outlines": tuple(outlines), "cells": tuple(cells)}

    def stroke(self, obj: dict[str, Any], names: dict[int, str]) -> Stroke:
        points: list[Point] = []
        color, width, dashed = "#000000", 1.0, False
        for op in obj.get("_draw_", []):
            kind = op["op"]
            if kind == "c":
                color = op.get("color", color).lower()
            elif kind == "S":
                style = op.get("style", "")
                if style.startswith("setlinewidth("):
                    width = float(style[len("setlinewidth("):-1])
                elif style in ("dashed", "dotted"):
                    dashed = True
            elif kind in ("b", "B", "L"):
                points.extend(self.point(x, y) for x, y in op["points"])
        return Stroke(names.get(obj["tail"], ""), names.get(obj["head"], ""), tuple(points), color, width,
                      dashed, "invis" in obj.get("style", ""), obj.get("tailport", ""), obj.get("headport", ""))


def scene_from_json(data: dict[str, Any], pad: Point = (0.0, 0.0), canvas: Point | None = None) -> Scene:
    """The Scene of Graphviz's JSON of a laid-out chart, drawn with `pad` points of margin on each
    side on a `canvas` of that size in points (by default the drawing and its margins)."""
    read = _Reader(data, pad)
    title = None
    if "_ldraw_" in data:
        title = Item("", "title", read.label(data) or read.box(0, 0, read.w, read.h), read.label(data),
                     **read.drawn(data["_ldraw_"]))
    nodes: list[Item] = []
    frames: list[Item] = []
    for obj in data.get("objects", []):
        name = obj.get("name", "")
        parts = read.drawn([*obj.get("_draw_", []), *obj.get("_ldraw_", [])])
        if "bb" in obj and name.startswith("cluster"):
            frames.append(Item(name, "frame", read.box(*_numbers(obj["bb"])), read.label(obj), **parts))
        elif "pos" in obj:
            cx, cy = _numbers(obj["pos"])[:2]
            w, h = float(obj["width"]) * POINTS_PER_INCH, float(obj["height"]) * POINTS_PER_INCH
            kind: ItemKind = "point" if obj.get("shape") == "point" else "card"
            nodes.append(Item(name, kind, read.box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), None, **parts))
    names = {obj["_gvid"]: obj.get("name", "") for obj in data.get("objects", []) if "pos" in obj}
    lines = tuple(read.stroke(obj, names) for obj in data.get("edges", []))
    width, height = canvas or (read.w + 2 * read.px, read.h + 2 * read.py)
    return Scene(round(width, 3), round(height, 3), title, tuple(nodes),
                 tuple(frames), lines)


def scene_bytes(scene: Scene) -> bytes:
    """The Scene as compact JSON (what a worker sends back and the chart cache keeps)."""
    return json.dumps(asdict(scene), separators=(",", ":"), sort_keys=True).encode("utf-8")


def _item(data: dict[str, Any] | None) -> Item | None:
    if data is None:
        return None
    fills = tuple(Fill(Box(**f["box"]), f["color"]) for f in data["fills"])
    return Item(data["name"], data["kind"], Box(**data["box"]), Box(**data["label"]) if data["label"] else None,
                tuple(Text(**t) for t in data["texts"]), fills,
                tuple(Box(**b) for b in data["outlines"]), tuple(Box(**b) for b in data["cells"]))


def read_scene(raw: bytes) -> Scene:
    """The Scene `scene_bytes` wrote."""
    data = json.loads(raw)
    lines = tuple(Stroke(s["tail"], s["head"], tuple((x, y) for x, y in s["points"]), s["color"], s["width"],
                         s["dashed"], s["invisible"], s["tail_port"], s["head_port"]) for s in data["lines"])
    return Scene(data["width"], data["height"], _item(data["title"]),
                 tuple(i for i in map(_item, data["nodes"]) if i is not None),
                 tuple(i for i in map(_item, data["frames"]) if i is not None), lines)
