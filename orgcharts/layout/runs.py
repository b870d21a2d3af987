"""Cutting a long ordered list of rows into even runs that each fill a slide, in linear work.

A table's height grows with its rows, so how many rows a slide holds is predicted, not searched:
two probes (a few rows, then a few more) are laid out and their heights give a line through
"height = a + b x row units"; the rows are then cut into as many even runs as that line needs,
each run is measured once, and the count is corrected from what the measures say (a constant
number of rounds). The work is two probes plus a few measures per run, each of a slide-sized
table: linear in rows x columns, never a search over prefixes.
"""

from __future__ import annotations

import itertools
import math
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..views.diagram import Diagram
from .fit import MIN_FILL, SLIDE_H, SLIDE_W, DrawnSize, max_extent
from .slides import probe

__all__ = ["even_cuts", "fill_runs", "drawn_size", "target_height", "PROBE_ROWS", "ROUNDS", "SNAP", "AIM", "FULL"]

T = TypeVar("T")

PROBE_ROWS = 12  # rows of the first probe that calibrates a table's row height
ROUNDS = 4  # measures of every run at most: the count of runs is corrected this many times
SNAP = 0.1  # a cut moves to a soft boundary (a phase's start) up to this share of a run away
AIM = 0.92  # runs aim under the tallest height that meets the rule: the prediction errs by a row or two
FULL = 0.8  # runs aim to cover this much of the slide (the rule asks MIN_FILL): as many rows as read well


def drawn_size(diagram: Diagram) -> DrawnSize:
    """A sample's or a trial run's drawn size (`slides.probe`: never drawn, so its layout is not kept)."""
    return probe(diagram)


def target_height(width: float, smallest_pt: float, cover: float = FULL) -> float:
    """The tallest a table `width` wide may be and still cover `cover` of a slide with readable text.

    Past 16:9 a table is scaled to the slide's height, and covers less the taller it is; and it is never
    taller than text of `smallest_pt` allows in the box a chart gets on the slide (`fit.max_extent`).
    >>> round(target_height(1920, 14, 1.0)), round(target_height(1920, 14, 0.9))
    (1080, 1200)
    >>> round(target_height(1920, 11, 1.0)), round(target_height(4000, 11))  # 11 pt text: at most 993 pt tall
    (993, 993)
    """
    return min(width * SLIDE_H / SLIDE_W / cover, max_extent(smallest_pt)[1])


def even_cuts(weights: Sequence[float], n: int, soft: Sequence[int] = (), least: int = 1) -> list[tuple[int, int]]:
    """`n` runs (start, end) of the indexes of `weights`, in order, of about equal weight.

    A cut moves to the nearest `soft` index (where a new section starts) when one is within SNAP of
    a run's weight; every run holds at least `least` rows where the rows allow. Linear in rows.
    >>> even_cuts([1] * 10, 3)
    [(0, 3), (3, 7), (7, 10)]
    >>> even_cuts([1] * 20, 2, soft=[9])
    [(0, 9), (9, 20)]
    >>> even_cuts([1] * 20, 2, soft=[7])
    [(0, 10), (10, 20)]
    """
    m = len(weights)
    n = max(1, min(n, m // max(least, 1) or 1))
    prefix = [0.0]
    for w in weights:
        prefix.append(prefix[-1] + w)
    marks = sorted(i for i in set(soft) if 0 < i < m)
    marked = [prefix[i] for i in marks]
    cuts = [0]
    for j in range(1, n):
        # Each cut spreads what is left evenly over the runs left, so a snapped cut unbalances none after it.
        step = (prefix[-1] - prefix[cuts[-1]]) / (n - j + 1)
        goal = prefix[cuts[-1]] + step
        at = bisect_left(prefix, goal)
        best = at if at <= m and (at == 0 or prefix[at] - goal <= goal - prefix[at - 1]) else at - 1
        k = bisect_left(marked, goal)
        near = [marks[i] for i in (k - 1, k) if 0 <= i < len(marks) and abs(marked[i] - goal) <= SNAP * step]
        if near:
            best = min(near, key=lambda i: abs(prefix[i] - goal))
        best = min(max(best, cuts[-1] + least), m - (n - j) * least)
        cuts.append(max(best, cuts[-1] + 1) if best < m else cuts[-1])
    cuts.append(m)
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


@dataclass(frozen=True)
class _Line:
    """Height of a table as a line through its row units: a + b x units."""

    a: float
    b: float

    def units(self, height: float) -> float:
        return max((height - self.a) / self.b, 1.0) if self.b > 0 else float("inf")


def _calibrated(rows: Sequence[T], units: Callable[[T], float],
                draw: Callable[[Sequence[T]], Diagram]) -> tuple[_Line, DrawnSize]:
    """The height line from two probes: the first few rows, then about a slide's worth as the first predicts.

    Both probes are near the size of a piece, so the line is read where it is used (a table's wrap and
    keys change with its shape, which bends the line for small tables).
    """
    weights = list(itertools.accumulate(map(units, rows)))
    first = min(PROBE_ROWS, len(rows))
    s1 = drawn_size(draw(rows[:first]))
    u1 = weights[first - 1]
    guess = _Line(0.0, s1.height / u1 if u1 else 0.0)  # overhead counted as rows: under-predicts a slide's rows
    aim = AIM * target_height(s1.width, s1.smallest_pt)
    second = min(len(rows), max(first + 1, bisect_left(weights, guess.units(aim)) + 1))
    if second <= first:
        return guess, s1
    s2 = drawn_size(draw(rows[:second]))
    u2 = weights[second - 1]
    b = (s2.height - s1.height) / (u2 - u1) if u2 > u1 else 0.0
    if b <= 0:
        return _Line(0.0, s2.height / u2 if u2 else 0.0), s2
    return _Line(s2.height - b * u2, b), s2


def fill_runs(rows: Sequence[T], units: Callable[[T], float], draw: Callable[[Sequence[T]], Diagram],
              soft: Sequence[int] = (), least: int = 2) -> list[tuple[T, ...]]:
    """`rows` cut into as few even runs as each meet the slide rule, as `draw` draws a run.

    `units(row)` predicts a row's height (its lines of text, say), `soft` are the indexes where a
    cut reads best (a section's start), `least` the fewest rows a run may hold. Two probes predict
    the count; each run is then measured, and the count corrected, at most ROUNDS times.
    """
    if not rows:
        return []
    line, probe = _calibrated(rows, units, draw)
    weights = [units(r) for r in rows]
    total = sum(weights)
    n = max(1, math.ceil(total / line.units(AIM * target_height(probe.width, probe.smallest_pt))))
    best: tuple[tuple[int, int], list[tuple[T, ...]]] | None = None
    tried: set[int] = set()
    for _ in range(ROUNDS):
        spans = even_cuts(weights, n, soft, least)
        runs = [tuple(rows[a:b]) for a, b in spans]
        n = len(runs)
        tried.add(n)
        drawn = [draw(run) for run in runs]
        ok = [drawn_size(d).fit().ok for d in drawn]
        score = (sum(ok), -n)
        if best is None or score > best[0]:
            best = (score, runs)
        if all(ok):
            break
        sizes = [drawn_size(d) for d in drawn]
        # How tall each run is against the height it aims at; a failing run past the tallest the rule
        # allows asks for more runs, else the runs are too short and fewer, fuller ones are tried.
        ratios = [s.height / (AIM * target_height(s.width, s.smallest_pt)) for s in sizes]
        tall = any(s.height > target_height(s.width, s.smallest_pt, MIN_FILL) or
                   s.height > max_extent(s.smallest_pt)[1] for s, k in zip(sizes, ok) if not k)
        if tall:
            nxt = max(n + 1, math.ceil(n * max(ratios)))
        else:
            nxt = min(n - 1, max(1, math.floor(n * max(ratios))))
        if nxt in tried or nxt < 1:
            break
        n = nxt
    assert best is not None
    if best[0][0] == len(best[1]):
        return best[1]
    # A run the corrected count still leaves over the rule is halved until each half meets it (or holds
    # `least` rows): only failing runs are measured again, so the work stays linear.
    done: list[tuple[T, ...]] = []
    todo = list(reversed(best[1]))
    while todo:
        run = todo.pop()
        if len(run) < 2 * least or drawn_size(draw(run)).fit().ok:
            done.append(run)
            continue
        (a, b), (c, d) = even_cuts([units(r) for r in run], 2, (), least)
        todo += [run[c:d], run[a:b]]
    return done
