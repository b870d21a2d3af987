"""RACI pieces at scale: as many activities a piece as fill a slide, and work linear in activities x roles.

Graphviz layouts are counted (as tests/test_layout_once.py does): cutting by measuring every prefix, or
halving and re-measuring, lays out far more tables than there are pieces, and this test fails.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path


from orgcharts.layout.fit import MIN_FILL, MIN_TEXT_PX, forget_measured
from orgcharts.layout.runs import ROUNDS, even_cuts
from orgcharts.layout.slides import measure
from orgcharts.spec.loader import load_text
from orgcharts.spec.models import ViewOptions
from orgcharts.views.diagram import Diagram, Matrix
from orgcharts.views.raci import charts

ROOT = Path(__file__).resolve().parent.parent




def _many(roles: int, activities: int, per_phase: int = 10) -> str:
    """`roles` roles in units of five; each activity names five of them, spread over all the roles."""
    units = "".join(f"  - {{id: u{u}, name: Unit {u}}}\n" for u in range((roles + 4) // 5))
    people = "".join(f"  - {{id: r{i}, title: Role number {i}, unit: u{i // 5}, client_facing: [a]}}\n"
                     for i in range(roles))
    acts = "".join(f"  - {{phase: Phase {a // per_phase}, activity: Activity {a} of the year, "
                   f"accountable: r{(a * 2) % roles}, responsible: [r{(a * 2 + 1) % roles}, r{(a * 2 + 2) % roles}], "
                   f"consulted: [r{(a * 5 + 3) % roles}], informed: [r{(a * 7 + 4) % roles}]}}\n"
                   for a in range(activities))
    return f"org: Co\nunits:\n{units}roles:\n{people}raci:\n{acts}"


def _rows(piece: Diagram) -> int:
    matrix = piece.cards[0]
    assert isinstance(matrix, Matrix)
    return sum(len(body) for _, body in matrix.sections)


def test_a_raci_of_50_roles_splits_in_work_linear_in_activities(layouts: Counter[str]) -> None:
    found: dict[int, tuple[int, int, float]] = {}
    for activities in (500, 1000, 2000):
        spec = load_text(_many(50, activities))
        forget_measured()  # each size is measured from scratch (the smaller specs are prefixes of the larger)
        layouts.clear()
        started = time.process_time()
        pieces = charts(spec, "co", ViewOptions())
        spent = time.process_time() - started
        laid = sum(layouts.values())
        found[activities] = (len(pieces), laid, spent)
        assert "co-raci" not in layouts  # the whole matrix is never laid out: it cannot fit a slide
        # Each piece was measured a bounded number of times: a few probes, then at most ROUNDS per piece,
        # and in practice once or twice (a search over prefixes lays out one table per activity).
        assert laid <= 2.5 * len(pieces) + 12, (activities, laid, len(pieces))
        assert laid <= ROUNDS * len(pieces) + 12
        # Few, full pieces: 50 roles take two bands of columns, each piece holds a slide of rows (about
        # 15 to 22 in the box a chart gets under the deck title band; a piece of a few rows is a sliver).
        rows = [_rows(p) for p in pieces]
        assert min(rows) >= 6 and sum(rows) / len(rows) >= 15, rows
        assert len(pieces) <= activities * 2 / 15
        for piece in pieces:
            fit = measure(piece).fit
            assert fit.fill >= MIN_FILL and fit.smallest_px >= MIN_TEXT_PX, (piece.id, piece.subtitle, fit)
        # Every activity appears, in order, in the pieces of each band of roles it has a letter for.
        shown = {label for p in pieces for _, body in p.cards[0].sections for label, _ in body}  # type: ignore[union-attr]
        assert shown == {a.activity for a in spec.raci}
    (p1, l1, t1), (p2, _, _), (p4, l4, t4) = found[500], found[1000], found[2000]
    assert 3.4 <= p4 / p1 <= 5.0 and 1.7 <= p2 / p1 <= 2.5  # pieces grow with the activities (a square: 16)
    assert l4 / l1 <= 10.0  # a square would be 16; each size is held to at most 2.5 layouts a piece above
    assert t4 / t1 <= 12.0, (t1, t4)  # processor time, with slack for a loaded machine (a square: 16)


def test_pieces_of_a_band_are_even_the_last_no_sliver() -> None:
    pieces = charts(load_text(_many(50, 700)), "co", ViewOptions())
    bands: dict[tuple[str, ...], list[int]] = {}
    for piece in pieces:
        matrix = piece.cards[0]
        assert isinstance(matrix, Matrix)
        bands.setdefault(tuple(t for t, _ in matrix.columns)[:1], []).append(_rows(piece))
    for rows in bands.values():
        assert min(rows) >= 0.7 * max(rows), rows


def test_even_cuts_are_balanced_snap_to_sections_and_linear() -> None:
    assert [b - a for a, b in even_cuts([1.0] * 101, 4)] in ([25, 25, 25, 26], [25, 25, 26, 25], [25, 26, 25, 25],
                                                            [26, 25, 25, 25])
    # a cut moves to a section's start nearby, and the runs after it stay even
    assert even_cuts([1.0] * 40, 4, soft=[9, 20]) == [(0, 9), (9, 20), (20, 30), (30, 40)]
    # no run under `least` rows where the rows allow
    assert all(b - a >= 2 for a, b in even_cuts([1.0] * 9, 8, least=2))
    started = time.process_time()
    cuts = even_cuts([1.0] * 200_000, 5_000, soft=list(range(0, 200_000, 7)))
    assert len(cuts) == 5_000 and time.process_time() - started < 5.0


def test_a_30_role_raci_over_16_activities_is_at_most_3_full_pieces() -> None:
    spec = load_text((ROOT / "tests" / "corpus" / "hotel.yaml").read_text(encoding="utf-8"))
    pieces = charts(spec, "hotel", ViewOptions())
    assert 1 <= len(pieces) <= 3
    for piece in pieces:
        fit = measure(piece).fit
        assert fit.fill >= MIN_FILL and fit.smallest_px >= MIN_TEXT_PX, (piece.id, fit)
