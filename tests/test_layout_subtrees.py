"""layout.subtrees: an org too dense for a slide is split along its subtrees into pieces that fill it."""

from orgcharts.layout.subtrees import Piece, split

REPORTS = {"r": ["a", "b"], "a": ["a1"], "a1": ["a2"], "b": ["b1"], "a2": [], "b1": []}


def assess(piece: Piece) -> tuple[bool, float]:
    """Readable up to five cards; three or fewer fill the slide, more make a strip."""
    return len(piece.roles) <= 5, 0.8 if len(piece.roles) <= 3 else 0.5


def test_the_top_piece_keeps_fewer_levels_when_only_they_fill_the_slide() -> None:
    pieces = split(REPORTS, {}, Piece(["r"], list(REPORTS)), assess)
    assert [p.roots for p in pieces] == [["r"], ["a"], ["b"]]
    assert pieces[0].roles == ["r", "a", "b"] and pieces[0].cut == {"a", "b"}
    assert all(assess(p) == (True, 0.8) for p in pieces)


def test_a_readable_strip_is_split_finer_only_when_every_piece_then_fills() -> None:
    chain = {"r": ["a"], "a": ["b"], "b": ["c"], "c": []}

    def strip(piece: Piece) -> tuple[bool, float]:  # the whole chain is readable but a strip
        return True, 0.5 if len(piece.roles) == 4 else 0.8

    pieces = split(chain, {}, Piece(["r"], list(chain)), strip)
    assert len(pieces) > 1 and all(strip(p)[1] >= 0.7 for p in pieces)
    assert {r for p in pieces for r in p.roles} == set(chain)

    def worse(piece: Piece) -> tuple[bool, float]:  # smaller pieces would be strips too: keep it whole
        return True, 0.5

    assert [p.roles for p in split(chain, {}, Piece(["r"], list(chain)), worse)] == [["r", "a", "b", "c"]]
