"""Rules about what a reader takes from a chart: dotted lines that cross or merge, lines that seem to join cards."""

from __future__ import annotations

import re
from collections.abc import Sequence

from checks.geometry import Box, Grid, Segment, collinear_overlap, proper_crossing
from checks.layout_rules import ALONG_MIN, ALONG_TOL, AXIS_TOL, CROSS_MARGIN, Violation, cards, drawn_lines
from checks.svggeom import Drawing

__all__ = ["dotted_crossings", "dotted_merged", "false_joins", "raci_pieces", "emptiest_piece", "RUN_GAP", "TOUCH",
           "MAX_RACI_PIECES", "MIN_PIECE_SHARE"]

RUN_GAP = 1.0  # points: collinear pieces this close read as one straight run
TOUCH = 2.5  # points: a run ending this close to a card's border touches it
MAX_RACI_PIECES = 3  # a RACI in more pieces than this has lost its whole (as orgcharts.views.raci.MAX_PIECES)
_ONE_ACTIVITY = re.compile(r"^1 activit(?:y|ies) ×")
_SHAPE = re.compile(r"^(\d+) activit(?:y|ies) × (\d+) roles?")
Point = tuple[float, float]
# A responsibilities piece holds at least this share of the median role cards of its sibling pieces: half
# is where a slide reads as a leftover of large cards after slides of many. Before the split was balanced
# the corpus had 4 beside a sibling's 10 (public-digital-team) and 5 beside 8 and 16 (agency-150); after,
# the emptiest is 3 beside 6 and 6 (consultancy, whose units allow no more even cut that fits a slide).
MIN_PIECE_SHARE = 0.5


def _pieces(d: Drawing, dashed: bool) -> list[tuple[Segment, str]]:
    return [(s, e.title) for e in drawn_lines(d) if e.dashed == dashed for s in e.segments if s.length > 0]


def dotted_crossings(d: Drawing) -> list[Violation]:
    """Each place a dotted line crosses a solid (reporting) line."""
    index: Grid[tuple[Segment, str]] = Grid()
    for seg, title in _pieces(d, dashed=False):
        index.add(seg.box, (seg, title))
    found = []
    for seg, title in _pieces(d, dashed=True):
        for _, (solid, solid_title) in index.near(seg.box):
            point = proper_crossing(seg, solid, CROSS_MARGIN)
            if point is not None:
                found.append(Violation("dot-cross", f"{title} crosses {solid_title} at ({point[0]:.0f}, "
                                       f"{point[1]:.0f})", (title, solid_title)))
    return found


def dotted_merged(d: Drawing) -> list[Violation]:
    """Pairs of dotted lines that run along each other, where no one can tell which goes where."""
    index: Grid[tuple[Segment, str]] = Grid()
    found = []
    seen: set[tuple[str, str]] = set()
    for seg, title in _pieces(d, dashed=True):
        grown = Box(seg.box.x0 - ALONG_TOL, seg.box.y0 - ALONG_TOL, seg.box.x1 + ALONG_TOL, seg.box.y1 + ALONG_TOL)
        for _, (other, other_title) in index.near(grown):
            if other_title == title or (other_title, title) in seen:
                continue
            run = max(collinear_overlap(seg, other, ALONG_TOL), collinear_overlap(other, seg, ALONG_TOL))
            if run > ALONG_MIN:
                seen.add((other_title, title))
                found.append(Violation("dot-merge", f"{title} runs {run:.0f} pt along {other_title}",
                                       (other_title, title)))
        index.add(seg.box, (seg, title))
    return found


def _runs(d: Drawing) -> list[tuple[Point, Point]]:
    """The straight runs of solid line: collinear pieces (of any edges) that meet or overlap, joined."""
    rows: dict[tuple[bool, float], list[tuple[float, float]]] = {}
    for seg, _ in _pieces(d, dashed=False):
        (ax, ay), (bx, by) = seg.a, seg.b
        if abs(ay - by) <= AXIS_TOL:
            rows.setdefault((True, round((ay + by) / 2 * 2) / 2), []).append((min(ax, bx), max(ax, bx)))
        elif abs(ax - bx) <= AXIS_TOL:
            rows.setdefault((False, round((ax + bx) / 2 * 2) / 2), []).append((min(ay, by), max(ay, by)))
    runs: list[tuple[Point, Point]] = []
    for (horizontal, at), spans in rows.items():
        spans.sort()
        lo, hi = spans[0]
        for a, b in [*spans[1:], (float("inf"), float("inf"))]:
            if a <= hi + RUN_GAP:
                hi = max(hi, b)
                continue
            runs.append(((lo, at), (hi, at)) if horizontal else ((at, lo), (at, hi)))
            lo, hi = a, b
    return runs


def _touched(p: Point, boxes: dict[str, Box]) -> list[str]:
    """The cards whose border `p` lies on (or just outside)."""
    x, y = p
    return [t for t, b in boxes.items() if b.x0 - TOUCH <= x <= b.x1 + TOUCH and b.y0 - TOUCH <= y <= b.y1 + TOUCH]


def false_joins(d: Drawing, related: Sequence[tuple[str, str]]) -> list[Violation]:
    """Straight runs of reporting line that touch two cards at their ends that are not manager and report.

    Two stubs off a trunk at the same height, one to each side, read as one line joining the two cards.
    """
    boxes = {t: b for t, b in cards(d).items() if t.startswith("role-")}
    pairs = {frozenset(p) for p in related}
    found = []
    for a, b in _runs(d):
        for left in _touched(a, boxes):
            for right in _touched(b, boxes):
                if left != right and frozenset((left, right)) not in pairs:
                    found.append(Violation("join", f"one straight line joins {left} and {right}, which are not "
                                           "manager and report", (left, right)))
    return found


def raci_pieces(d: Drawing, pieces: int) -> list[Violation]:
    """A RACI piece of one activity, or a wide RACI (more roles than activities) cut into more than MAX_RACI_PIECES."""
    found = []
    shape = next((m for m in (_SHAPE.match(t.text.strip()) for t in d.texts) if m), None)
    wide = shape is not None and int(shape.group(2)) > int(shape.group(1))
    if pieces > MAX_RACI_PIECES and wide:
        found.append(Violation("raci-piece", f"the RACI is cut into {pieces} pieces (at most {MAX_RACI_PIECES})"))
    if any(_ONE_ACTIVITY.match(t.text.strip()) for t in d.texts):
        found.append(Violation("raci-piece", "a RACI piece holds a single activity"))
    return found


def emptiest_piece(held: Sequence[int], share: float = MIN_PIECE_SHARE) -> list[tuple[int, Violation]]:
    """Pieces of one split view (their role cards, in order) far emptier than their siblings: fewer than
    `share` of the median of the other pieces' cards; each as (its index, the violation)."""
    found = []
    for index, count in enumerate(held):
        others = sorted(held[:index] + held[index + 1:])
        if not others:
            continue
        middle = len(others) // 2
        median = others[middle] if len(others) % 2 else (others[middle - 1] + others[middle]) / 2
        if count < share * median:
            found.append((index, Violation("balance", f"piece {index + 1} of {len(held)} holds {count} role cards, "
                                           f"its siblings {median:g} (median; at least {share:.0%} of it)")))
    return found
