"""Route a dotted line between two placed cards: right angles, around every card and heading, off the solid lines.

A route crosses a reporting line only where no route around it exists (each crossing costs far more
than any detour), and never runs along another dotted line.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence

__all__ = ["route_dotted", "crossings", "CLEAR", "CROSS_COST"]

Point = tuple[float, float]
Rect = tuple[float, float, float, float]

CLEAR = 7.0  # points kept between a dotted line and any card, heading or solid line it runs beside
BEND = 40.0  # cost of a bend, in points of length
CROSS_COST = 20_000.0  # cost of crossing a reporting line: any detour is better
DOT_CROSS_COST = 150.0  # cost of crossing another dotted line at right angles: a long detour is worse
MAX_STEPS = 150_000  # lane crossings explored before the search settles for the best route it has


def _lanes(values: Sequence[float], solid: Sequence[float]) -> list[float]:
    """Candidate coordinates, dropping any that would run on (or hug) a solid line."""
    out: list[float] = []
    for v in sorted(set(round(v, 1) for v in values)):
        if all(abs(v - s) >= CLEAR - 0.01 for s in solid):
            out.append(v)
    return out


class _Lines:
    """Axis-aligned lines, indexed for counting how many a step crosses."""

    def __init__(self, lines: Sequence[tuple[Point, Point]]) -> None:
        self.flat = sorted((a[1], min(a[0], z[0]), max(a[0], z[0])) for a, z in lines if abs(a[1] - z[1]) < 0.01)
        self.upright = sorted((a[0], min(a[1], z[1]), max(a[1], z[1])) for a, z in lines if abs(a[0] - z[0]) < 0.01)
        self.flat_at = [f[0] for f in self.flat]
        self.upright_at = [u[0] for u in self.upright]

    def crossed(self, p: Point, q: Point) -> int:
        """How many of the lines the step from p to q crosses at right angles (touching an end is not crossing)."""
        if abs(p[0] - q[0]) < 0.01:  # a vertical step crosses horizontal lines
            lo, hi, at, lines, keys = min(p[1], q[1]), max(p[1], q[1]), p[0], self.flat, self.flat_at
        else:
            lo, hi, at, lines, keys = min(p[0], q[0]), max(p[0], q[0]), p[1], self.upright, self.upright_at
        count = 0
        for k in range(bisect_right(keys, lo + 0.5), bisect_left(keys, hi - 0.5)):
            _, a, b = lines[k]
            if a + 0.5 < at < b - 0.5:
                count += 1
        return count


def crossings(route: Sequence[Point], solid: Sequence[tuple[Point, Point]]) -> int:
    """How many times a routed line crosses the given lines.

    >>> crossings(((0, 5), (10, 5)), [((5, 0), (5, 10)), ((20, 0), (20, 10))])
    1
    """
    lines = _Lines(solid)
    return sum(lines.crossed(p, q) for p, q in zip(route, route[1:]))


def route_dotted(boxes: Mapping[str, Rect], headings: Sequence[Rect], solid: Sequence[tuple[Point, Point]],
                 tail: str, head: str, lr: bool, dotted: Sequence[tuple[Point, Point]] = ()) -> tuple[Point, ...]:
    """The corners of a dotted line from card `tail` to card `head` (empty when no route exists).

    Lines leave and reach cards off-centre, where no solid line does; they travel along lanes kept
    clear of every card, heading, solid line and `dotted` line already routed (so two never merge),
    and cross a solid line only where no route goes round, at right angles.
    """
    obstacles = [_grow(b, CLEAR - 1) for b in boxes.values()] + [_grow(h, CLEAR - 1) for h in headings]
    taken = [*solid, *dotted]
    vertical = [a[0] for a, z in taken if abs(a[0] - z[0]) < 0.01]
    horizontal = [a[1] for a, z in taken if abs(a[1] - z[1]) < 0.01]
    xs_raw: list[float] = []
    ys_raw: list[float] = []
    for x0, y0, x1, y1 in boxes.values():
        xs_raw += [x0 - CLEAR * 1.5, x1 + CLEAR * 1.5, x0 + (x1 - x0) * 0.25, x0 + (x1 - x0) * 0.75]
        ys_raw += [y0 - CLEAR * 1.5, y1 + CLEAR * 1.5, y0 + (y1 - y0) * 0.25, y0 + (y1 - y0) * 0.75]
    for x0, y0, x1, y1 in headings:
        xs_raw += [x0 - CLEAR * 1.5, x1 + CLEAR * 1.5]
        ys_raw += [y0 - CLEAR * 1.5, y1 + CLEAR * 1.5]
    xs = _lanes(xs_raw, vertical)
    ys = _lanes(ys_raw, horizontal)
    starts = _ports(boxes[tail], xs, ys, lr)
    goals = _ports(boxes[head], xs, ys, lr)
    if not starts or not goals:
        return ()
    return _search(xs, ys, obstacles, starts, goals, _Lines(solid), _Lines(dotted))


def _grow(r: Rect, by: float) -> Rect:
    return (r[0] - by, r[1] - by, r[2] + by, r[3] + by)


def _ports(box: Rect, xs: list[float], ys: list[float], lr: bool) -> list[tuple[Point, Point]]:
    """(point on the card's border, first lane point outside it) for lanes meeting the card off-centre."""
    x0, y0, x1, y1 = box
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    found: list[tuple[Point, Point]] = []
    out = CLEAR * 1.5
    below = min((y for y in ys if y >= y1 + out - 0.2), default=None)
    above = max((y for y in ys if y <= y0 - out + 0.2), default=None)
    left = max((x for x in xs if x <= x0 - out + 0.2), default=None)
    right = min((x for x in xs if x >= x1 + out - 0.2), default=None)
    for x in xs:
        if x0 + 6 < x < x1 - 6 and abs(x - cx) > 10:
            if below is not None:
                found.append(((x, y1), (x, below)))
            if above is not None:
                found.append(((x, y0), (x, above)))
    for y in ys:
        if y0 + 4 < y < y1 - 4 and abs(y - cy) > 4:
            if left is not None:
                found.append(((x0, y), (left, y)))
            if right is not None:
                found.append(((x1, y), (right, y)))
    del lr
    return found


def _blocked(a: Point, z: Point, obstacles: Sequence[Rect]) -> bool:
    ax, ay = a
    zx, zy = z
    lo_x, hi_x = min(ax, zx), max(ax, zx)
    lo_y, hi_y = min(ay, zy), max(ay, zy)
    for x0, y0, x1, y1 in obstacles:
        if lo_x < x1 and hi_x > x0 and lo_y < y1 and hi_y > y0:
            return True
    return False


def _search(xs: list[float], ys: list[float], obstacles: Sequence[Rect], starts: list[tuple[Point, Point]],
            goals: list[tuple[Point, Point]], solid: _Lines, dotted: _Lines) -> tuple[Point, ...]:
    """A* over the lane grid; a state is a lane crossing and the direction it was entered from.

    Crossing a solid line costs CROSS_COST, another dotted line DOT_CROSS_COST. Past MAX_STEPS the
    search gives up on a clear route and takes the cheapest it has reached the goal by, if any.
    """
    goal_at = {g[1]: g[0] for g in goals}
    gx = [g[1][0] for g in goals]
    gy = [g[1][1] for g in goals]

    def h(p: Point) -> float:
        return min(abs(p[0] - x) + abs(p[1] - y) for x, y in zip(gx, gy))

    heap: list[tuple[float, float, Point, int, tuple[Point, ...]]] = []
    for border, lane in starts:
        if not _blocked(border, lane, obstacles[:0]):
            d = 0 if border[0] == lane[0] else 1
            length = abs(border[0] - lane[0]) + abs(border[1] - lane[1])
            heapq.heappush(heap, (length + h(lane), length, lane, d, (border, lane)))
    best: dict[tuple[Point, int], float] = {}
    steps = 0
    while heap:
        _, cost, p, d, path = heapq.heappop(heap)
        if p in goal_at:
            return _simplify((*path, goal_at[p]))
        key = (p, d)
        if best.get(key, float("inf")) <= cost:
            continue
        best[key] = cost
        steps += 1
        if steps > MAX_STEPS:
            return ()
        i = bisect_left(xs, p[0] - 0.05)
        j = bisect_left(ys, p[1] - 0.05)
        for nd, q in ((0, _step(ys, j, -1, p, vertical=True)), (0, _step(ys, j, 1, p, vertical=True)),
                      (1, _step(xs, i, -1, p, vertical=False)), (1, _step(xs, i, 1, p, vertical=False))):
            if q is None or _blocked(p, q, obstacles):
                continue
            step = abs(p[0] - q[0]) + abs(p[1] - q[1]) + (BEND if nd != d else 0.0)
            step += CROSS_COST * solid.crossed(p, q) + DOT_CROSS_COST * dotted.crossed(p, q)
            heapq.heappush(heap, (cost + step + h(q), cost + step, q, nd, (*path, q)))
    return ()


def _step(values: list[float], index: int, way: int, p: Point, vertical: bool) -> Point | None:
    at = p[1] if vertical else p[0]
    if way < 0:
        k = bisect_left(values, at - 0.05) - 1
    else:
        k = bisect_right(values, at + 0.05)
    del index
    if not 0 <= k < len(values):
        return None
    return (p[0], values[k]) if vertical else (values[k], p[1])


def _simplify(points: tuple[Point, ...]) -> tuple[Point, ...]:
    """Drop the corners where the line runs on straight."""
    out: list[Point] = [points[0]]
    for p, q in zip(points[1:], points[2:]):
        a = out[-1]
        same_x = abs(a[0] - p[0]) < 0.01 and abs(p[0] - q[0]) < 0.01
        if same_x or (abs(a[1] - p[1]) < 0.01 and abs(p[1] - q[1]) < 0.01):
            continue
        out.append(p)
    out.append(points[-1])
    return tuple(out)
