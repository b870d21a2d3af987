"""layout.extents and layout.memo: subtrees kept across placements give exactly tree.extent / tree.place, never a stale one."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from orgcharts.layout import extents as kept
from orgcharts.layout.memo import Memo
from orgcharts.layout.tree import Tree, extent, place, tree_key

from .test_layout_tree import random_tree

# The org chart's shapes: (stack over, rows, sides, wrap the heads, reports per trunk, trunk sides).
SHAPES = [(6, 2, 2, False, 0, 2), (1, 3, 2, False, 0, 2), (1, 5, 1, False, 0, 2), (1000, 0, 2, False, 0, 2),
          (1, 3, 2, True, 0, 2), (1000, 0, 2, True, 0, 2), (1000, 3, 2, True, 2, 1), (1, 3, 2, True, 4, 2)]


def shaped(tree: Tree, shape: tuple[int, int, int, bool, int, int], direction: str = "TB") -> Tree:
    heads = frozenset([*tree.roots, *(n for n, kids in tree.reports.items() if len(kids) > 4)])
    return replace(tree, direction=direction, stack_over=shape[0], stack_rows=shape[1], stack_sides=shape[2],
                   wrap=heads if shape[3] else frozenset(), wrap_by=shape[4], wrap_sides=shape[5])


def every_shape(tree: Tree, direction: str = "TB") -> list[Tree]:
    return [shaped(tree, s, direction) for s in SHAPES]


@pytest.fixture(autouse=True)
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing kept, and subtrees kept from the first placement (so every test runs the kept path)."""
    kept.forget()
    monkeypatch.setattr(kept, "WARM_FROM", 1)


@pytest.mark.parametrize("direction", ["TB", "LR"])
@pytest.mark.parametrize("seed", range(12))
def test_same_numbers_as_tree_cold_and_warm(seed: int, direction: str) -> None:
    trees = every_shape(random_tree(seed, 30 + seed * 5), direction)
    want_extents = [extent(t) for t in trees]
    want_places = [place(t) for t in trees]
    for _ in range(2):  # first with nothing kept, then with every subtree kept
        assert kept.extents(trees) == want_extents
        assert kept.places(trees) == want_places
        outlines = kept.places(trees, lines=False)
        assert [o.bounds(t.sizes) for o, t in zip(outlines, trees)] == \
            [p.bounds(t.sizes) for p, t in zip(want_places, trees)]
        assert all(not o.segments for o in outlines)


def test_subtrees_are_kept_only_for_trees_placed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kept, "WARM_FROM", 3)
    trees = every_shape(random_tree(2, 40))
    for _ in range(2):  # a tree seen once or twice (a cold render): placed as tree.place does
        assert kept.extents(trees) == [extent(t) for t in trees]
        assert not kept._MEMO.blocks
    assert kept.extents(trees) == [extent(t) for t in trees]
    assert kept._MEMO.blocks  # the third time: kept
    other = every_shape(random_tree(3, 40))  # other cards under the same root: mostly new, not kept
    kept._MEMO.blocks.clear()
    assert kept.extents(other) == [extent(t) for t in other]
    assert not kept._MEMO.blocks


def test_a_forest_and_assistants_match_too() -> None:
    tree = random_tree(3, 40)
    forest = replace(tree, roots=["n0", *tree.reports["n0"][:2]],
                     reports={**tree.reports, "n0": tree.reports["n0"][2:]})
    trees = every_shape(forest) + every_shape(forest, "LR")
    assert kept.extents(trees) == [extent(t) for t in trees]
    assert kept.places(trees) == [place(t) for t in trees]


def deep_leaf(tree: Tree) -> str:
    """A card three or more levels down, with no reports."""
    depth = {r: 0 for r in tree.roots}
    for node in list(tree.reports):
        for kid in tree.reports[node]:
            depth[kid] = depth.get(node, 0) + 1
    return max((n for n in depth if not tree.reports.get(n)), key=lambda n: depth[n])


@pytest.mark.parametrize("seed", range(6))
def test_a_card_that_changes_size_is_placed_again(seed: int) -> None:
    tree = random_tree(seed, 40)
    before = every_shape(tree)
    kept.extents(before)
    placed = kept.places(before)
    leaf = deep_leaf(tree)
    for grown in ((tree.sizes[leaf][0] + 400, tree.sizes[leaf][1]), (tree.sizes[leaf][0], tree.sizes[leaf][1] + 90)):
        after = every_shape(replace(tree, sizes={**tree.sizes, leaf: grown}))
        assert kept.extents(after) == [extent(t) for t in after]
        assert kept.places(after) == [place(t) for t in after]
    # The last change (a taller card, now the deepest of its level) shows in the placement.
    assert kept.places(after) != placed


@pytest.mark.parametrize("seed", range(6))
def test_a_report_moved_or_a_frame_resized_is_placed_again(seed: int) -> None:
    tree = random_tree(seed, 40)
    kept.places(every_shape(tree))
    leaf = deep_leaf(tree)
    boss = next(n for n, kids in tree.reports.items() if leaf in kids)
    reports = {n: [k for k in kids if k != leaf] for n, kids in tree.reports.items()}
    reports[tree.roots[0]] = [*reports[tree.roots[0]], leaf]
    moved = every_shape(replace(tree, reports=reports))
    assert kept.places(moved) == [place(t) for t in moved]
    assert boss != tree.roots[0]
    wider = [replace(f, heading=(f.heading[0] + 300, f.heading[1])) for f in tree.frames]
    framed = every_shape(replace(tree, frames=wider))
    assert kept.places(framed) == [place(t) for t in framed]


def test_tree_key_tells_every_field_apart() -> None:
    tree = random_tree(1, 20)
    changed = [replace(tree, sizes={**tree.sizes, "n5": (1.0, 1.0)}), replace(tree, roots=["n0", "n1"]),
               replace(tree, reports={**tree.reports, "n0": []}), replace(tree, assistants={**tree.assistants,
                                                                                            "n0": ["n9"]}),
               replace(tree, frames=()), replace(tree, direction="LR"), replace(tree, stack_over=2),
               replace(tree, stack_rows=7), replace(tree, stack_sides=1), replace(tree, wrap=frozenset(["n0"])),
               replace(tree, wrap_by=3), replace(tree, wrap_sides=1)]
    keys = {tree_key(t) for t in [tree, *changed]}
    assert len(keys) == len(changed) + 1
    assert tree_key(replace(tree)) == tree_key(tree)


def test_memo_keeps_the_most_recently_used_within_its_size() -> None:
    memo: Memo[int] = Memo(2)
    calls: list[str] = []

    def make(key: str) -> int:
        calls.append(key)
        return len(calls)

    assert memo.get("a", lambda: make("a")) == 1
    assert memo.get("b", lambda: make("b")) == 2
    assert memo.get("a", lambda: make("a")) == 1  # kept: "a" is now the most recent
    memo.get("c", lambda: make("c"))  # "b", the least recent, goes
    assert len(memo) == 2 and "a" in memo and "b" not in memo
    assert memo.get("b", lambda: make("b")) == 4
    assert calls == ["a", "b", "c", "b"]


def test_deep_chains_are_measured_without_the_memo() -> None:
    rng = random.Random(0)
    names = [f"c{i}" for i in range(kept.DEEPEST + 20)]
    chain = Tree(sizes={n: (rng.uniform(90, 200), 50.0) for n in names}, roots=[names[0]],
                 reports={a: [b] for a, b in zip(names, names[1:])} | {names[-1]: []})
    assert kept.extents([chain]) == [extent(chain)]
    assert kept.places([chain]) == [place(chain)]
