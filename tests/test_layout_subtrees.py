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


def test_a_later_piece_that_is_a_strip_is_split_finer_only_when_every_piece_then_fills() -> None:
    reports = {"r": ["a", "b"], "a": ["a1"], "a1": ["a2"], "a2": [], "b": []}
    strips = (["r", "a", "a1", "b"], ["a", "a1", "a2"])

    def assess(piece: Piece) -> tuple[bool, float]:  # readable up to four cards; two of those are strips
        return len(piece.roles) <= 4, 0.5 if piece.roles in strips else 0.8

    pieces = split(reports, {}, Piece(["r"], list(reports)), assess)
    assert [p.roles for p in pieces] == [["r", "a", "b"], ["a", "a1"], ["a1", "a2"]]
    assert all(assess(p)[1] >= 0.7 for p in pieces)

    def worse(piece: Piece) -> tuple[bool, float]:  # smaller pieces would be strips too: keep it whole
        return len(piece.roles) <= 4, 0.5 if piece.roles != ["r", "a", "b"] else 0.8

    assert [p.roles for p in split(reports, {}, Piece(["r"], list(reports)), worse)] == [["r", "a", "b"],
                                                                                           ["a", "a1", "a2"]]


def test_the_whole_org_readable_in_one_chart_stays_one_unless_strict() -> None:
    chain = {"r": ["a"], "a": ["b"], "b": []}

    def strip(piece: Piece) -> tuple[bool, float]:
        return True, 0.5 if len(piece.roles) == 3 else 0.8

    assert len(split(chain, {}, Piece(["r"], list(chain)), strip)) == 1
    assert len(split(chain, {}, Piece(["r"], list(chain)), strip, strict=True)) > 1


def test_no_piece_holds_fewer_than_min_roles_a_small_last_group_joins_the_one_before() -> None:
    reports = {"r": ["a", "b", "c"], "a": ["a1"], "b": ["b1"], "c": ["c1"], "a1": [], "b1": [], "c1": []}

    def assess(piece: Piece) -> tuple[bool, float]:  # readable up to six cards; more than four make a strip
        return len(piece.roles) <= 6, 0.8 if len(piece.roles) <= 4 else 0.6

    whole = Piece(["r"], list(reports))
    assert [p.roots for p in split(reports, {}, whole, assess)] == [["r"], ["a", "b"], ["c"]]  # c: a sliver
    pieces = split(reports, {}, whole, assess, min_roles=4)
    assert [p.roots for p in pieces] == [["r"], ["a", "b", "c"]]
    assert min(len(p.roles) for p in pieces) >= 4
