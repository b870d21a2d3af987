"""What the org tree's placement reads and gives (the tree, the placed cards and lines), and the contour arithmetic."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Frame", "Tree", "Placed", "Segment", "tree_key", "Point", "Rect", "Contour", "SIBLING_GAP", "LEVEL_GAP",
           "SPINE_GAP", "STACK_GAP", "FRAME_PAD", "HEADING_GAP"]

Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 with y growing downward

SIBLING_GAP = 18.0  # points between neighbouring cards across the breadth
LEVEL_GAP = 44.0  # points between levels: the bus runs in the middle
SPINE_GAP = 14.0  # points between a spine and the cards hanging off it
STACK_GAP = 10.0  # points between cards stacked along a spine
FRAME_PAD = 10.0  # points between a frame and what it holds
HEADING_GAP = 6.0  # points between a frame's heading and its cards


@dataclass(frozen=True)
class Frame:
    """A unit drawn as a frame around the whole subtree under `root`, headed by a label of `heading` size."""

    id: str
    root: str
    heading: tuple[float, float]  # width, height of the heading label in points


@dataclass(frozen=True)
class Tree:
    """What to place: card sizes (points), reports in spec order, assistants, frames, how to stack."""

    sizes: Mapping[str, tuple[float, float]]
    roots: Sequence[str]
    reports: Mapping[str, Sequence[str]]  # line reports, spec order
    assistants: Mapping[str, Sequence[str]] = field(default_factory=dict)
    frames: Sequence[Frame] = ()
    direction: Literal["TB", "LR"] = "TB"
    stack_over: int = 6  # a manager with more line reports than this stacks runs of leaves
    stack_rows: int = 4  # cards per column of a spine
    stack_sides: int = 2  # 2: cards on both sides of a spine; 1: on the far side only
    wrap: frozenset[str] = frozenset()  # managers whose reports hang in two columns off a trunk
    wrap_by: int = 0  # reports per trunk when wrapped (0: all off one trunk); several trunks hang off a bus
    wrap_sides: int = 2  # 2: a trunk's reports on both sides of it; 1: on the far side only


def tree_key(tree: Tree) -> tuple[Hashable, ...]:
    """Everything `place` and `extent` read from `tree`, as one hashable value: equal keys, equal placements."""
    return (tuple(tree.sizes.items()), tuple(tree.roots),
            tuple((k, tuple(v)) for k, v in tree.reports.items()),
            tuple((k, tuple(v)) for k, v in tree.assistants.items()),
            tuple(tree.frames), tree.direction, tree.stack_over, tree.stack_rows, tree.stack_sides,
            tree.wrap, tree.wrap_by, tree.wrap_sides)


@dataclass(frozen=True)
class Segment:
    """A straight piece of reporting line between two named points (cards or junctions)."""

    tail: str
    head: str
    points: tuple[Point, Point]


@dataclass
class Placed:
    """The placement: card centres, junction points, line pieces and frame rectangles (points, y down)."""

    centres: dict[str, Point] = field(default_factory=dict)
    junctions: dict[str, Point] = field(default_factory=dict)
    segments: list[Segment] = field(default_factory=list)
    frames: dict[str, Rect] = field(default_factory=dict)
    headings: dict[str, Rect] = field(default_factory=dict)  # where each frame's heading is drawn

    def box(self, card: str, sizes: Mapping[str, tuple[float, float]]) -> Rect:
        """The rectangle a card covers."""
        (x, y), (w, h) = self.centres[card], sizes[card]
        return (x - w / 2, y - h / 2, x + w / 2, y + h / 2)

    def moved_to_origin(self, sizes: Mapping[str, tuple[float, float]]) -> Placed:
        """The same placement shifted so that everything drawn starts at (0, 0)."""
        x0, y0, _, _ = self.bounds(sizes)

        def at(p: Point) -> Point:
            return (round(p[0] - x0, 2), round(p[1] - y0, 2))

        def rect(r: Rect) -> Rect:
            return (*at((r[0], r[1])), *at((r[2], r[3])))

        return Placed(
            centres={k: at(p) for k, p in self.centres.items()},
            junctions={k: at(p) for k, p in self.junctions.items()},
            segments=[Segment(s.tail, s.head, (at(s.points[0]), at(s.points[1]))) for s in self.segments],
            frames={k: rect(r) for k, r in self.frames.items()},
            headings={k: rect(r) for k, r in self.headings.items()},
        )

    def bounds(self, sizes: Mapping[str, tuple[float, float]]) -> Rect:
        """Everything drawn, as one rectangle (line junctions too: a trunk may run outside every card)."""
        rects = [self.box(c, sizes) for c in self.centres] + list(self.frames.values())
        rects += [(x, y, x, y) for x, y in self.junctions.values()]
        if not rects:
            return (0.0, 0.0, 0.0, 0.0)
        return (min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects),
                max(r[3] for r in rects))


# A contour: for each band of depth (t0, t1), the breadth (lo, hi) covered, relative to an anchor.
Contour = dict[tuple[float, float], tuple[float, float]]


def _merge(into: Contour, other: Contour, shift: float) -> None:
    for band, (lo, hi) in other.items():
        old = into.get(band)
        lo, hi = lo + shift, hi + shift
        into[band] = (min(lo, old[0]), max(hi, old[1])) if old else (lo, hi)


_PAIRS = 400  # up to this many pairs of bands, every pair is compared (sorting would cost more)


def _clearance(left: Contour, right: Contour, gap: float) -> float:
    """The least shift of `right` that keeps it `gap` clear of `left` wherever their bands overlap.

    The same number as the largest `hi - lo + gap` over every overlapping pair (left's hi, right's
    lo), found with the right bands sorted: for each left band only the right bands that can
    reach it are looked at (rounding is monotone, so the largest `hi - lo` is `hi - min(lo)`).
    """
    if len(left) * len(right) <= _PAIRS:
        need = float("-inf")
        for (a0, a1), (_, hi) in left.items():
            for (b0, b1), (lo, _) in right.items():
                if a0 < b1 and b0 < a1 and hi - lo > need:
                    need = hi - lo
        return need + gap
    rights = sorted(right.items())
    starts = [b0 for (b0, _), _ in rights]
    reach = max(b1 - b0 for (b0, b1), _ in rights) + 1.0  # no band is longer (1 pt spare for rounding)
    need = float("-inf")
    for (a0, a1), (_, hi) in left.items():
        least = float("inf")
        for (_, b1), (lo, _) in rights[bisect_left(starts, a0 - reach):bisect_left(starts, a1)]:
            if a0 < b1 and lo < least:  # (b0 < a1 by the slice)
                least = lo
        if least != float("inf") and hi - least > need:
            need = hi - least
    return need + gap


def _centred(acc: Contour, shift: float, own: Contour) -> Contour:
    """`acc` shifted by `shift` with `own` merged in: `_merge(dict(own), acc, shift)`, in place (`acc` is spent).

    A chain of single reports has shift 0 at every level, so its contour grows by one band a level
    instead of being copied at each: placing it is linear, not quadratic, in its depth.
    """
    if shift != 0.0:  # (x + -0.0 is x)
        for band, (lo, hi) in acc.items():
            acc[band] = (lo + shift, hi + shift)
    for band, (own_lo, own_hi) in own.items():
        found = acc.get(band)
        acc[band] = (min(found[0], own_lo), max(found[1], own_hi)) if found else (own_lo, own_hi)
    return acc


@dataclass
class _Spine:
    """A run of leaf reports hanging in two columns off a vertical line."""

    leaves: list[str]
    left: list[str]
    right: list[str]
    left_width: float
    right_width: float
    centres: list[float]  # depth of each row's centre

    def centres_rows(self) -> range:
        """The spine's rows."""
        return range(max(len(self.left), len(self.right)))


@dataclass
class _Block:
    """A placed subtree: breadth offsets relative to its root's centre, and its contour."""

    contour: Contour
    items: list[tuple[str | _Spine, float]]  # children (subtree roots or spines) and their offsets
    trunks: list[tuple[float, list[str]]] = field(default_factory=list)  # wrapped: each trunk's offset, reports

    @property
    def wrapped(self) -> bool:
        """The children hang off trunks, each with its left column first."""
        return bool(self.trunks)
