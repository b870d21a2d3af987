"""Plane geometry for the layout check: boxes, segments, crossings, overlaps and a spatial index."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["Point", "Box", "Segment", "union", "segment_enters_box", "proper_crossing", "collinear_overlap",
           "cubic_is_straight", "Grid"]

Point = tuple[float, float]
T = TypeVar("T")


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle, y growing downward as in SVG."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def area(self) -> float:
        return self.width * self.height

    @property
    def centre(self) -> Point:
        return ((self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2)

    def contains(self, p: Point, tol: float = 0.0) -> bool:
        """Whether the point lies inside the box grown by `tol` on every side."""
        return self.x0 - tol <= p[0] <= self.x1 + tol and self.y0 - tol <= p[1] <= self.y1 + tol

    def shrunk(self, by: float) -> Box:
        """The box with `by` taken off every side (never inside out)."""
        cx, cy = self.centre
        hw, hh = max(0.0, self.width / 2 - by), max(0.0, self.height / 2 - by)
        return Box(cx - hw, cy - hh, cx + hw, cy + hh)


def union(boxes: Iterable[Box]) -> Box | None:
    """The smallest box holding every box given, or None when none is."""
    items = list(boxes)
    if not items:
        return None
    return Box(min(b.x0 for b in items), min(b.y0 for b in items), max(b.x1 for b in items),
               max(b.y1 for b in items))


@dataclass(frozen=True)
class Segment:
    """A straight piece of a drawn line."""

    a: Point
    b: Point

    @property
    def length(self) -> float:
        return math.dist(self.a, self.b)

    @property
    def box(self) -> Box:
        return Box(min(self.a[0], self.b[0]), min(self.a[1], self.b[1]), max(self.a[0], self.b[0]),
                   max(self.a[1], self.b[1]))

    def is_axis_aligned(self, tol: float) -> bool:
        """Horizontal or vertical within `tol` points."""
        return abs(self.a[0] - self.b[0]) <= tol or abs(self.a[1] - self.b[1]) <= tol


def segment_enters_box(seg: Segment, box: Box) -> bool:
    """Whether any part of the segment lies strictly inside the box (Liang-Barsky clipping).

    >>> segment_enters_box(Segment((0, 5), (20, 5)), Box(5, 0, 10, 10))
    True
    >>> segment_enters_box(Segment((0, 0), (20, 0)), Box(5, 0, 10, 10))
    False
    """
    (x0, y0), (x1, y1) = seg.a, seg.b
    dx, dy = x1 - x0, y1 - y0
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, x0 - box.x0), (dx, box.x1 - x0), (-dy, y0 - box.y0), (dy, box.y1 - y0)):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo >= hi:
            return False
    # The clipped piece must have some length, or pass through the open interior.
    return (hi - lo) * math.hypot(dx, dy) > 1e-6


def _cross(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def proper_crossing(s: Segment, t: Segment, margin: float) -> Point | None:
    """Where two segments cross, each more than `margin` from the other's ends and its own; else None.

    Touching at an end (a shared junction) is not a crossing.
    >>> proper_crossing(Segment((0, 5), (10, 5)), Segment((5, 0), (5, 10)), 1)
    (5.0, 5.0)
    >>> proper_crossing(Segment((0, 5), (10, 5)), Segment((5, 5), (5, 10)), 1) is None
    True
    """
    d1, d2 = _cross(t.a, t.b, s.a), _cross(t.a, t.b, s.b)
    d3, d4 = _cross(s.a, s.b, t.a), _cross(s.a, s.b, t.b)
    if not ((d1 > 0) != (d2 > 0) and (d3 > 0) != (d4 > 0)) or 0 in (d1, d2, d3, d4):
        return None
    u = d1 / (d1 - d2)
    p = (s.a[0] + u * (s.b[0] - s.a[0]), s.a[1] + u * (s.b[1] - s.a[1]))
    if min(math.dist(p, q) for q in (s.a, s.b, t.a, t.b)) <= margin:
        return None
    return p


def collinear_overlap(s: Segment, t: Segment, tol: float) -> float:
    """How long two segments run along each other (parallel, within `tol` apart); 0 when they do not.

    >>> collinear_overlap(Segment((0, 0), (10, 0)), Segment((4, 0.5), (20, 0.5)), 1)
    6.0
    >>> collinear_overlap(Segment((0, 0), (10, 0)), Segment((5, -5), (5, 5)), 1)
    0.0
    """
    length = s.length
    if length == 0 or t.length == 0:
        return 0.0
    ux, uy = (s.b[0] - s.a[0]) / length, (s.b[1] - s.a[1]) / length
    # Both ends of t must be within tol of s's line.
    for p in (t.a, t.b):
        if abs((p[0] - s.a[0]) * uy - (p[1] - s.a[1]) * ux) > tol:
            return 0.0
    ta = (t.a[0] - s.a[0]) * ux + (t.a[1] - s.a[1]) * uy
    tb = (t.b[0] - s.a[0]) * ux + (t.b[1] - s.a[1]) * uy
    return max(0.0, min(length, max(ta, tb)) - max(0.0, min(ta, tb)))


def _distance_to_line(p: Point, a: Point, b: Point) -> float:
    length = math.dist(a, b)
    if length == 0:
        return math.dist(p, a)
    return abs(_cross(a, b, p)) / length


def cubic_is_straight(p0: Point, p1: Point, p2: Point, p3: Point, tol: float) -> bool:
    """Whether a cubic Bezier is a straight piece: both control points on the chord, within `tol`.

    >>> cubic_is_straight((0, 0), (3, 0), (7, 0), (10, 0), 0.5)
    True
    >>> cubic_is_straight((0, 0), (3, 4), (7, 4), (10, 0), 0.5)
    False
    """
    if math.dist(p0, p3) == 0:
        return math.dist(p0, p1) <= tol and math.dist(p0, p2) <= tol
    return _distance_to_line(p1, p0, p3) <= tol and _distance_to_line(p2, p0, p3) <= tol


class Grid(Generic[T]):
    """A uniform-grid spatial index: items by box, candidates near a box (so checks stay near linear)."""

    def __init__(self, cell: float = 120.0) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        self.items: list[tuple[Box, T]] = []

    def _keys(self, box: Box) -> Iterator[tuple[int, int]]:
        c = self.cell
        for i in range(math.floor(box.x0 / c), math.floor(box.x1 / c) + 1):
            for j in range(math.floor(box.y0 / c), math.floor(box.y1 / c) + 1):
                yield i, j

    def add(self, box: Box, item: T) -> None:
        """Index an item under its box."""
        index = len(self.items)
        self.items.append((box, item))
        for key in self._keys(box):
            self.cells[key].append(index)

    def near(self, box: Box) -> list[tuple[Box, T]]:
        """The items whose cells the box touches, each once, in insertion order."""
        found: set[int] = set()
        for key in self._keys(box):
            found.update(self.cells.get(key, ()))
        return [self.items[i] for i in sorted(found)]
