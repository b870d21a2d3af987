"""The org layout's work grows linearly: a deep chain splits fast, and contour work at 4n is about 4x that at n."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from orgcharts.layout import tree as tree_module
from orgcharts.layout.subtrees import Piece, split
from orgcharts.layout.tree import Tree, extent, place
from orgcharts.spec.loader import load_text
from orgcharts.spec.models import ViewOptions
from orgcharts.views import org


def _chain(n: int) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    reports = {f"r{i}": [f"r{i + 1}"] if i + 1 < n else [] for i in range(n)}
    return reports, {r: [] for r in reports}


def _split_work(n: int, levels: int | None) -> tuple[int, list[Piece]]:
    """Roles assessed to split a chain of `n` when a piece of up to 5 levels below its roots is readable."""
    reports, assistants = _chain(n)
    work = 0

    def assess(piece: Piece) -> tuple[bool, float]:
        nonlocal work
        work += len(piece.roles)
        return piece.levels <= 5, 0.3  # readable only when shallow, and a strip: every level is tried

    whole = Piece(roots=["r0"], roles=list(reports), cut=set())
    pieces = split(reports, assistants, whole, assess, min_roles=4, levels=5 if levels is None else levels)
    return work, pieces


def test_a_deep_chain_splits_with_work_linear_in_its_roles() -> None:
    small, _ = _split_work(100, None)
    large, pieces = _split_work(400, None)
    assert large <= 5 * small, (small, large)  # unbounded it was cubic: ~64x
    assert all(p.levels <= 5 for p in pieces)
    assert [r for p in pieces for r in p.roles if r not in p.cut or r == p.roots[0]]  # every piece drawn


def test_the_bound_changes_no_split() -> None:
    """Judging too-deep pieces unseen gives the pieces the full search gives (on a chain it can afford)."""
    reports, assistants = _chain(40)
    whole = Piece(roots=["r0"], roles=list(reports), cut=set())

    def assess(piece: Piece) -> tuple[bool, float]:
        return piece.levels <= 5, 0.1 + 0.1 * piece.levels

    bounded = split(reports, assistants, whole, assess, min_roles=4, levels=5)
    full = split(reports, assistants, whole, assess, min_roles=4)
    assert [(p.roots, p.roles, p.cut) for p in bounded] == [(p.roots, p.roles, p.cut) for p in full]


def _chain_yaml(n: int) -> str:
    lines = ["org: Chain Co", "roles:"]
    for i in range(n):
        lines += [f"  - id: r{i}", f"    title: Level {i} Manager"] + ([f"    reports_to: r{i - 1}"] if i else [])
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("direction", ["TB"])
def test_a_500_level_chain_renders_split_in_seconds(direction: str, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = load_text(_chain_yaml(500), "chain.yaml")
    assessed = 0
    real = org._Chooser.assess

    def counted(self: org._Chooser, piece: Piece) -> tuple[bool, float]:
        nonlocal assessed
        assessed += len(piece.roles)
        return real(self, piece)

    monkeypatch.setattr(org._Chooser, "assess", counted)
    org.forget()
    start = time.process_time()
    charts = org.charts(spec, "chain", ViewOptions(direction=direction))
    spent = time.process_time() - start
    assert len(charts) > 10
    assert assessed <= 40 * 500, assessed  # linear in cards (it was cubic: minutes, then never)
    assert spent < 60, spent  # ~2-3 s on an idle machine; generous for a loaded one


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    steps = [0]
    merge, clearance, centred = tree_module._merge, tree_module._clearance, tree_module._centred

    def counted_merge(into: dict, other: dict, shift: float) -> None:  # type: ignore[type-arg]
        steps[0] += len(other)
        merge(into, other, shift)

    def counted_clearance(left: dict, right: dict, gap: float) -> float:  # type: ignore[type-arg]
        steps[0] += len(left) * len(right)
        return clearance(left, right, gap)

    def counted_centred(acc: dict, shift: float, own: dict) -> dict:  # type: ignore[type-arg]
        steps[0] += (len(acc) if shift else 0) + len(own)
        return centred(acc, shift, own)

    monkeypatch.setattr(tree_module, "_merge", counted_merge)
    monkeypatch.setattr(tree_module, "_clearance", counted_clearance)
    monkeypatch.setattr(tree_module, "_centred", counted_centred)
    return steps


def _tree(n: int, fanout: int) -> Tree:
    reports = {f"n{i}": [f"n{k}" for k in range(fanout * i + 1, min(n, fanout * i + fanout + 1))] for i in range(n)}
    return Tree(sizes={k: (120.0, 50.0 + (i % 3) * 10) for i, k in enumerate(reports)}, roots=["n0"],
                reports=reports, stack_over=1000)


def _steps(tree: Tree, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    steps = _counting(monkeypatch)
    place(tree)
    yield steps[0]
    steps[0] = 0
    extent(tree)
    yield steps[0]


@pytest.mark.parametrize("fanout", [1, 8])
def test_contour_work_at_4n_is_about_4x_that_at_n(fanout: int, monkeypatch: pytest.MonkeyPatch) -> None:
    n = 128 if fanout == 1 else 585  # a chain; a full tree of 8 (4n adds most of a level)
    small = list(_steps(_tree(n, fanout), monkeypatch))
    large = list(_steps(_tree(4 * n, fanout), monkeypatch))
    for a, b in zip(small, large):
        assert b <= 5 * a, (small, large)  # quadratic in depth it was 16x on the chain


def _planning_work(roles: int, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """To plan the org view of a generated org of `roles` roles, split: subtrees placed (`_Placer.block` calls),
    and roles in every piece the split weighs (`_Chooser.assess`)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from genspec import generate

    placed = assessed = 0
    block, assess = tree_module._Placer.block, org._Chooser.assess

    def counted_block(self: tree_module._Placer, node: str) -> object:
        nonlocal placed
        placed += 1
        return block(self, node)

    def counted_assess(self: org._Chooser, piece: Piece) -> tuple[bool, float]:
        nonlocal assessed
        assessed += len(piece.roles)
        return assess(self, piece)

    monkeypatch.setattr(tree_module._Placer, "block", counted_block)
    monkeypatch.setattr(org._Chooser, "assess", counted_assess)
    spec = load_text(generate(roles, duties=1), "generated.yaml")
    org.forget()
    assert len(org.charts(spec, "generated", ViewOptions())) > 10  # split into many pieces
    return placed, assessed


def test_planning_a_split_org_is_linear_in_its_roles(monkeypatch: pytest.MonkeyPatch) -> None:
    """Twice the roles, about twice the work (measured: 2.3x the placements from 1,000 to 2,000 roles, 2.15x
    from 2,000 to 4,000), not four times: each piece weighed is placed in at most ~30 shapes, once each."""
    small = _planning_work(1000, monkeypatch)
    large = _planning_work(2000, monkeypatch)
    assert large[0] <= 3 * small[0], (small, large)  # subtrees placed
    assert large[1] <= 3 * small[1], (small, large)  # roles weighed by the split
