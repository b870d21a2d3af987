"""Flowing an ordered list of blocks into columns: contiguous, in order, the tallest column kept low."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from .memo import remembered

__all__ = ["partition", "columns_of"]

T = TypeVar("T")


def partition(weights: Sequence[float], k: int) -> list[int]:
    """How many blocks each of `k` columns takes, in order, so the heaviest column is as light as can be.

    Blocks keep their order (column 1 top to bottom, then column 2 ...); no column is empty
    unless there are fewer blocks than columns. Ties go to the earlier columns.
    >>> partition([3, 1, 1, 1], 2)
    [1, 3]
    >>> partition([1, 1, 1, 1, 1], 2)
    [3, 2]
    >>> partition([5], 3)
    [1]
    """
    return list(_partition(tuple(weights), k))


@remembered(4096)  # a pure function of the weights: one chart tries the same flow many times
def _partition(weights: tuple[float, ...], k: int) -> tuple[int, ...]:
    n = len(weights)
    k = max(1, min(k, n))
    if n == 0:
        return ()
    prefix = [0.0]
    for w in weights:
        prefix.append(prefix[-1] + w)
    inf = float("inf")
    # best[j][i]: the lightest heaviest column placing the first i blocks in j columns.
    best = [[inf] * (n + 1) for _ in range(k + 1)]
    cut = [[0] * (n + 1) for _ in range(k + 1)]
    best[0][0] = 0.0
    for j in range(1, k + 1):
        for i in range(j, n - (k - j) + 1):
            for m in range(i - 1, j - 2, -1):  # the last column holds blocks m..i-1
                cost = max(best[j - 1][m], prefix[i] - prefix[m])
                if cost < best[j][i] - 1e-9:
                    best[j][i], cut[j][i] = cost, m
    sizes: list[int] = []
    i = n
    for j in range(k, 0, -1):
        m = cut[j][i]
        sizes.append(i - m)
        i = m
    return tuple(sizes[::-1])


def columns_of(items: Sequence[T], sizes: Sequence[int]) -> list[tuple[T, ...]]:
    """The items cut into consecutive columns of the given sizes.

    >>> columns_of(["a", "b", "c"], [1, 2])
    [('a',), ('b', 'c')]
    """
    out: list[tuple[T, ...]] = []
    start = 0
    for size in sizes:
        out.append(tuple(items[start:start + size]))
        start += size
    return out
