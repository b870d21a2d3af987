"""Graphviz's layout of a chart's DOT as plain data: boxes of nodes and clusters, edge points, drawn text."""

from __future__ import annotations

import faulthandler
import json
import multiprocessing
from multiprocessing.connection import Connection
from dataclasses import dataclass, field
from typing import Any

from .errors import RenderError
from .render import load_engine
from .cstderr import captured_stderr

__all__ = ["Box", "Text", "Fill", "Shape", "Edge", "ChartLayout", "layout_dot", "parse_layout"]

POINTS_PER_INCH = 72.0


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
    """One line of text as Graphviz placed it: baseline start (top-down), size and colour."""

    x: float
    y: float
    size: float
    color: str
    text: str


@dataclass(frozen=True)
class Fill:
    """A filled polygon of a label (a tinted table cell), by its bounding box and colour."""

    box: Box
    color: str


@dataclass(frozen=True)
class Shape:
    """A node or a cluster: its box, and what its label draws (outlines of rounded tables, fills, text)."""

    name: str
    box: Box
    label: Box | None = None  # a cluster's label area
    texts: tuple[Text, ...] = ()
    fills: tuple[Fill, ...] = ()
    outlines: tuple[Box, ...] = ()  # rounded table borders drawn inside a label (cards within a node)
    cells: tuple[Box, ...] = ()  # ruled cell borders (a matrix's grid)


@dataclass(frozen=True)
class Edge:
    """A drawn line: the DOT ids of its ends and its points, top-down."""

    tail: str
    head: str
    points: tuple[tuple[float, float], ...]
    invisible: bool = False


@dataclass(frozen=True)
class ChartLayout:
    """A whole laid-out chart: its size, the title label's height, nodes, clusters and edges."""

    width: float
    height: float
    title_height: float
    nodes: dict[str, Shape] = field(default_factory=dict)
    clusters: dict[str, Shape] = field(default_factory=dict)
    edges: tuple[Edge, ...] = ()


# The bundled Graphviz crashes writing xdot for a dashed rounded table inside another table (an
# open seat in a team box). Dashes change no size, so the layout is taken from the DOT with them
# undone; which cards are dashed comes from the diagram.
_DASHED_TABLE = 'STYLE="ROUNDED,DASHED"'


def _json(dot: str) -> bytes:
    """Graphviz's layout as JSON (with its drawing operations); raises RenderError."""
    load_engine()  # sets the shipped font up first: the same metrics as the drawn charts
    import pygraphviz

    gv = pygraphviz.graphviz
    with captured_stderr():
        try:
            graph = pygraphviz.AGraph(string=dot.replace(_DASHED_TABLE, 'STYLE="ROUNDED"'))
        except Exception as exc:  # DotError, or ValueError on an empty graph
            raise RenderError(f"Graphviz could not read the generated DOT ({exc})") from None
        handle = graph.handle
        context = gv.gvContextWithBuiltins()
        try:
            gv.agattr(handle, 0, b"dpi", b"72")
            if gv.gvLayout(context, handle, b"dot") != 0:
                raise RenderError("Graphviz layout failed")
            try:
                err, data = gv.gvRenderData(context, handle, b"json")
            finally:
                gv.gvFreeLayout(context, handle)
        finally:
            gv.gvFreeContext(context)
    if err:
        raise RenderError("Graphviz could not write its layout as JSON")
    return bytes(data)


def _child(conn: Connection, dot: str) -> None:
    faulthandler.disable()  # a crash is reported by the parent, not as this process's stack dump
    try:
        conn.send(("ok", _json(dot)))
    except RenderError as exc:
        conn.send(("error", str(exc)))
    finally:
        conn.close()


def _json_apart(dot: str, timeout: float) -> bytes:
    """_json in a forked process, so a Graphviz crash or hang costs this chart's native slide only."""
    load_engine()  # before forking: the child starts with Graphviz loaded
    methods = multiprocessing.get_all_start_methods()
    ctx: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    reader, writer = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(writer, dot), daemon=True)
    proc.start()
    writer.close()
    try:
        if not reader.poll(timeout):
            proc.kill()
            raise RenderError(f"Graphviz took longer than {timeout:g} s to lay the chart out")
        try:
            status, payload = reader.recv()
        except (EOFError, OSError):
            raise RenderError("Graphviz stopped while writing the layout") from None
    finally:
        proc.join()
        reader.close()
    if status != "ok":
        raise RenderError(str(payload))
    return bytes(payload)


def layout_dot(dot: str, timeout: float = 60.0) -> ChartLayout:
    """Lay the DOT out with the bundled Graphviz, in points (72 dpi), as the charts are laid out.

    Graphviz runs in a child process under `timeout` seconds; a crash or hang raises RenderError.
    """
    return parse_layout(json.loads(_json_apart(dot, timeout)))


def _numbers(text: str) -> list[float]:
    return [float(v) for v in text.replace(",", " ").split()]


def parse_layout(data: dict[str, Any]) -> ChartLayout:
    """The layout from Graphviz's JSON output (`-Tjson`), flipped so that y grows downwards."""
    _, _, width, height = _numbers(data["bb"])

    def flip_box(x0: float, y0: float, x1: float, y1: float) -> Box:
        return Box(min(x0, x1), height - max(y0, y1), abs(x1 - x0), abs(y1 - y0))

    def label_box(obj: dict[str, Any]) -> Box | None:
        if "lp" not in obj or "lwidth" not in obj:
            return None
        cx, cy = _numbers(obj["lp"])
        w, h = float(obj["lwidth"]) * POINTS_PER_INCH, float(obj["lheight"]) * POINTS_PER_INCH
        return flip_box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)

    def drawn(ops: list[dict[str, Any]]) -> dict[str, Any]:
        texts: list[Text] = []
        fills: list[Fill] = []
        outlines: list[Box] = []
        cells: list[Box] = []
        size, pen, brush = 14.0, "#000000", "#ffffff"
        for op in ops:
            kind = op["op"]
            if kind == "F":
                size = float(op["size"])
            elif kind == "c":
                pen = op.get("color", pen)
            elif kind == "C":
                brush = op.get("color", brush)
            elif kind == "T":
                x, y = op["pt"]
                left = x - {"l": 0.0, "c": 0.5, "r": 1.0}.get(op.get("align", "l"), 0.0) * float(op["width"])
                texts.append(Text(left, height - y, size, pen, op["text"]))
            elif kind in ("P", "B", "p"):  # filled cells (P), rounded tables (B), ruled cells (p)
                xs = [p[0] for p in op["points"]]
                ys = [p[1] for p in op["points"]]
                box = flip_box(min(xs), min(ys), max(xs), max(ys))
                if kind == "P":
                    fills.append(Fill(box, brush.lower()))
                elif kind == "B":
                    outlines.append(box)
                else:
                    cells.append(box)
        return {"texts": tuple(texts), "fills": tuple(fills), "outlines": tuple(outlines), "cells": tuple(cells)}

    nodes: dict[str, Shape] = {}
    clusters: dict[str, Shape] = {}
    for obj in data.get("objects", []):
        name = obj.get("name", "")
        ops = [*obj.get("_draw_", []), *obj.get("_ldraw_", [])]
        parts = drawn(ops)
        if "bb" in obj and name.startswith("cluster"):
            x0, y0, x1, y1 = _numbers(obj["bb"])
            clusters[name] = Shape(name, flip_box(x0, y0, x1, y1), label_box(obj), **parts)
        elif "pos" in obj:
            cx, cy = _numbers(obj["pos"])
            w, h = float(obj["width"]) * POINTS_PER_INCH, float(obj["height"]) * POINTS_PER_INCH
            nodes[name] = Shape(name, flip_box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), None, **parts)
    names = {obj["_gvid"]: obj.get("name", "") for obj in data.get("objects", []) if "pos" in obj}
    edges: list[Edge] = []
    for obj in data.get("edges", []):
        points: list[tuple[float, float]] = []
        for part in obj.get("pos", "").split(";"):
            for item in part.split():
                if item.startswith(("e,", "s,")):
                    continue
                x, y = _numbers(item)[:2]
                points.append((x, height - y))
        edges.append(Edge(names.get(obj["tail"], ""), names.get(obj["head"], ""), tuple(points),
                          "invis" in obj.get("style", "")))
    title_height = 0.0
    if "lheight" in data and data.get("labelloc", "t") == "t":
        title_height = float(data["lheight"]) * POINTS_PER_INCH
    return ChartLayout(width, height, title_height, nodes, clusters, tuple(edges))
