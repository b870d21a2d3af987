"""layout.split and layout.columns: ordered blocks cut into pieces that pass, and flowed into columns."""

from __future__ import annotations

import pytest

from orgcharts.layout.columns import columns_of, partition
from orgcharts.layout.split import split

Block = tuple[str, float]


def _divide(block: Block) -> list[Block]:
    name, size = block
    return [(name + "a", size / 2), (name + "b", size / 2)] if size > 1 else [block]


def _between(low: float, high: float, most: int = 99):  # type: ignore[no-untyped-def]
    """Pieces whose total lies in [low, high] and that hold at most `most` blocks (as a slide holds so many)."""
    return lambda piece: low <= sum(s for _, s in piece) <= high and len(piece) <= most


@pytest.mark.parametrize(("sizes", "low", "high"), [
    ([8, 8, 2], 6, 10),  # a small leftover after two full pieces: recut from finer blocks
    ([3, 3, 3, 3, 3, 3], 5, 9),
    ([20], 4, 6),  # one block too big: divided until its parts fit
    ([1, 9, 1, 9, 1], 2, 11),
    ([1, 6, 2], 4, 8),  # a small leftover no neighbour can lend to: recut with a neighbour from finer blocks
])
def test_every_piece_passes_and_blocks_keep_their_order(sizes: list[float], low: float, high: float) -> None:
    blocks = [(chr(65 + i), float(s)) for i, s in enumerate(sizes)]
    fits = _between(low, high, 3)
    pieces = split(blocks, fits, lambda b: b[1], _divide)
    assert all(fits(p) for p in pieces), pieces
    names = "".join(n for p in pieces for n, _ in p)
    assert [c for c in names if c.isupper()] == sorted(c for c in names if c.isupper())
    assert sum(s for p in pieces for _, s in p) == sum(sizes)  # nothing lost, nothing doubled


def test_a_run_that_fits_is_one_piece() -> None:
    blocks = [("A", 1.0), ("B", 2.0)]
    assert split(blocks, _between(0, 5), lambda b: b[1], _divide) == [(("A", 1.0), ("B", 2.0))]


def test_partition_keeps_the_heaviest_column_light() -> None:
    sizes = partition([5, 1, 1, 1, 1, 1], 2)
    assert sizes == [1, 5]
    assert columns_of("abcdef", sizes) == [("a",), ("b", "c", "d", "e", "f")]
    assert partition([1, 1, 1], 5) == [1, 1, 1]  # never an empty column
