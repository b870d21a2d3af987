"""Cutting an ordered list of blocks into pieces that each pass a test (such as the slide rule)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from .columns import columns_of, partition

__all__ = ["split", "evened"]

B = TypeVar("B", bound=Hashable)


def split(blocks: Sequence[B], fits: Callable[[tuple[B, ...]], bool], weight: Callable[[B], float],
          divide: Callable[[B], list[B]]) -> list[tuple[B, ...]]:
    """Consecutive pieces of `blocks`, in order, each passing `fits` where it can.

    A run that does not fit is halved by weight until it does; a lone block that does not fit is
    replaced by `divide(block)` (a block that cannot be divided returns `[block]` and stands
    alone, even if it fails). Neighbouring pieces are then merged while the merge still fits.
    >>> sizes = {"a": 2, "b": 2, "c": 3, "d": 1}
    >>> split(list("abcd"), lambda p: sum(sizes[b] for b in p) <= 4, sizes.__getitem__, lambda b: [b])
    [('a', 'b'), ('c', 'd')]
    """
    seen: dict[tuple[B, ...], bool] = {}

    def ok(piece: tuple[B, ...]) -> bool:
        if piece not in seen:
            seen[piece] = fits(piece)
        return seen[piece]

    def cut(run: tuple[B, ...]) -> list[tuple[B, ...]]:
        if ok(run):
            return [run]
        if len(run) == 1:
            parts = tuple(divide(run[0]))
            return [run] if parts == run else cut(parts)
        total, acc, mid = sum(map(weight, run)), 0.0, 1
        for i, block in enumerate(run[:-1], start=1):
            acc += weight(block)
            mid = i
            if acc >= total / 2:
                break
        return cut(run[:mid]) + cut(run[mid:])

    pieces = cut(tuple(blocks))
    merged: list[tuple[B, ...]] = []
    for piece in pieces:
        if merged and ok(merged[-1] + piece):
            merged[-1] = merged[-1] + piece
        else:
            merged.append(piece)
    return _refined(_lent(_balanced(merged, ok, weight), ok), ok, weight, divide)


def _balanced(pieces: list[tuple[B, ...]], ok: Callable[[tuple[B, ...]], bool],
              weight: Callable[[B], float]) -> list[tuple[B, ...]]:
    """As many pieces, cut evenly by weight, when every even piece fits: no small leftover at the end.

    Only when no block was divided (the pieces are whole runs of the same blocks).
    """
    flat = tuple(b for piece in pieces for b in piece)
    if len(pieces) < 2:
        return pieces
    sizes = [sum(map(weight, p)) for p in pieces]
    if all(ok(p) for p in pieces) and min(sizes) >= 0.5 * sum(sizes) / len(sizes):
        return pieces  # every piece fits and none is a small leftover
    even = [tuple(c) for c in columns_of(flat, partition([weight(b) for b in flat], len(pieces)))]
    return even if len(even) == len(pieces) and all(ok(p) for p in even) else pieces


def _lent(pieces: list[tuple[B, ...]], ok: Callable[[tuple[B, ...]], bool]) -> list[tuple[B, ...]]:
    """A piece that fails (a small leftover, say) takes its neighbour's nearest block when both then pass."""
    out = list(pieces)
    for i, piece in enumerate(out):
        if ok(piece):
            continue
        if i > 0 and len(out[i - 1]) > 1 and ok(out[i - 1][:-1]) and ok(out[i - 1][-1:] + piece):
            out[i - 1], out[i] = out[i - 1][:-1], out[i - 1][-1:] + piece
        elif i + 1 < len(out) and len(out[i + 1]) > 1 and ok(piece + out[i + 1][:1]) and ok(out[i + 1][1:]):
            out[i], out[i + 1] = piece + out[i + 1][:1], out[i + 1][1:]
    return out


def _refined(pieces: list[tuple[B, ...]], ok: Callable[[tuple[B, ...]], bool], weight: Callable[[B], float],
             divide: Callable[[B], list[B]]) -> list[tuple[B, ...]]:
    """A piece that still fails is recut with its neighbour, their blocks divided once more, into two even pieces."""
    out = list(pieces)
    for i in range(len(out)):
        if ok(out[i]):
            continue
        for j in (i - 1, i):  # with the piece before, else the piece after
            if j < 0 or j + 1 >= len(out):
                continue
            finer = tuple(part for block in out[j] + out[j + 1] for part in divide(block))
            halves = [tuple(c) for c in columns_of(finer, partition([weight(b) for b in finer], 2))]
            if len(halves) == 2 and all(ok(h) for h in halves):
                out[j], out[j + 1] = halves
                break
    return out


def _evenness(pieces: Sequence[tuple[B, ...]], count: Callable[[B], int]) -> float:
    """The emptiest piece's count over the fullest's: 1 when every piece holds as many."""
    held = [sum(map(count, piece)) for piece in pieces]
    return min(held) / max(held) if max(held) else 1.0


def evened(pieces: list[tuple[B, ...]], fits: Callable[[tuple[B, ...]], bool], count: Callable[[B], int],
           divide: Callable[[B], list[B]], rejoin: Callable[[tuple[B, ...]], tuple[B, ...]], enough: float,
           shifts: int) -> list[tuple[B, ...]]:
    """As many pieces, near-equal in what they hold (`count` of each block), when every one still fits.

    Only when the emptiest holds less than `enough` of the fullest: cut evenly, else blocks moved one at a
    time from a fuller neighbour into the emptiest piece (at most `shifts` per piece); with whole blocks
    first, and blocks divided once only if that is not enough (`rejoin` puts parts side by side together
    again where the piece still fits).
    A piece of a few blocks beside full ones reads as a leftover, not a part of the whole.
    >>> evened([("a", "b", "c"), ("d",)], lambda p: True, lambda b: 1, lambda b: [b], lambda p: p, 0.6, 4)
    [('a', 'b'), ('c', 'd')]
    """
    best = pieces
    if len(pieces) < 2 or _evenness(pieces, count) >= enough:
        return pieces
    for finer in (False, True):
        start = [tuple(part for block in piece for part in (divide(block) if finer else [block])) for piece in pieces]
        flat = tuple(block for piece in start for block in piece)
        even = [tuple(c) for c in columns_of(flat, partition([count(b) for b in flat], len(pieces)))]
        for cut in (even, _shifted(start, fits, count, enough, shifts)):
            tried = [rejoin(piece) if fits(rejoin(piece)) else piece for piece in cut]
            if (len(tried) == len(pieces) and _evenness(tried, count) > _evenness(best, count) + 1e-9
                    and all(map(fits, tried))):
                best = tried
        if _evenness(best, count) >= enough:
            break  # even enough: no block is divided for more
    return best


def _shifted(pieces: list[tuple[B, ...]], fits: Callable[[tuple[B, ...]], bool], count: Callable[[B], int],
             enough: float, shifts: int) -> list[tuple[B, ...]]:
    """The emptiest piece takes a fuller neighbour's nearest block while both then fit and the pieces grow more even."""
    out = list(pieces)
    for _ in range(len(out) * shifts):
        if _evenness(out, count) >= enough:
            break
        held = [sum(map(count, piece)) for piece in out]
        i = held.index(min(held))
        moves = []  # (the neighbour's fill, where the pair starts, the pair after the move)
        if i > 0 and len(out[i - 1]) > 1:
            moves.append((held[i - 1], i - 1, out[i - 1][:-1], out[i - 1][-1:] + out[i]))
        if i + 1 < len(out) and len(out[i + 1]) > 1:
            moves.append((held[i + 1], i, out[i] + out[i + 1][:1], out[i + 1][1:]))
        for _, j, left, right in sorted(moves, key=lambda m: -m[0]):  # from the fuller neighbour first
            trial = out[:j] + [left, right] + out[j + 2:]
            if _evenness(trial, count) > _evenness(out, count) + 1e-9 and fits(left) and fits(right):
                out = trial
                break
        else:
            break
    return out
