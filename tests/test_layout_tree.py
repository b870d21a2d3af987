"""layout.tree: on random organisations, in both directions and every stacking shape, the drawing keeps the rules.

Right angles only; no line enters a card or a heading; no two lines cross or run along each other;
siblings in spec order; frames hold their own subtree and nothing else.
"""

from __future__ import annotations

import random
from itertools import combinations

import pytest

from orgcharts.layout.tree import Frame, Placed, Tree, extent, place

Rect = tuple[float, float, float, float]
Seg = tuple[tuple[float, float], tuple[float, float]]


def random_tree(seed: int, size: int = 40) -> Tree:
    """A random org: spans of 1 to 9, some assistants, cards of varied sizes, a few framed subtrees."""
    rng = random.Random(seed)
    reports: dict[str, list[str]] = {"n0": []}
    assistants: dict[str, list[str]] = {"n0": []}
    sizes = {"n0": (rng.uniform(90, 220), rng.uniform(40, 90))}
    open_ = ["n0"]
    for i in range(1, size):
        boss = rng.choice(open_[-6:])
        name = f"n{i}"
        sizes[name] = (rng.uniform(90, 220), rng.uniform(40, 90))
        reports[name], assistants[name] = [], []
        if rng.random() < 0.08 and not assistants[boss]:
            assistants[boss].append(name)
        else:
            reports[boss].append(name)
            open_.append(name)
    managers = [n for n in reports if reports[n] and n != "n0"]
    frames = [Frame(f"f{n}", n, (rng.uniform(40, 160), 30.0)) for n in rng.sample(managers, min(3, len(managers)))]
    return Tree(sizes=sizes, roots=["n0"], reports=reports, assistants=assistants, frames=frames)


def box(placed: Placed, tree: Tree, card: str) -> Rect:
    return placed.box(card, tree.sizes)


def inside(r: Rect, inset: float) -> Rect:
    return (r[0] + inset, r[1] + inset, r[2] - inset, r[3] - inset)


def enters(seg: Seg, r: Rect) -> bool:
    """Whether an axis-aligned segment passes through the open rectangle."""
    (ax, ay), (bx, by) = seg
    return min(ax, bx) < r[2] and max(ax, bx) > r[0] and min(ay, by) < r[3] and max(ay, by) > r[1]


def crosses(s: Seg, t: Seg) -> bool:
    """Two axis-aligned segments meeting anywhere but at an end of either, or overlapping along a run."""
    (ax, ay), (bx, by) = s
    (cx, cy), (dx, dy) = t
    s_vertical, t_vertical = abs(ax - bx) < 0.01, abs(cx - dx) < 0.01
    if s_vertical == t_vertical:
        if s_vertical and abs(ax - cx) < 1.5:
            return min(max(ay, by), max(cy, dy)) - max(min(ay, by), min(cy, dy)) > 1.0
        if not s_vertical and abs(ay - cy) < 1.5:
            return min(max(ax, bx), max(cx, dx)) - max(min(ax, bx), min(cx, dx)) > 1.0
        return False
    v, h = (s, t) if s_vertical else (t, s)
    x, (y0, y1) = v[0][0], sorted((v[0][1], v[1][1]))
    y, (x0, x1) = h[0][1], sorted((h[0][0], h[1][0]))
    meets = x0 - 0.01 <= x <= x1 + 0.01 and y0 - 0.01 <= y <= y1 + 0.01
    at_end = (min(abs(y - y0), abs(y - y1)) < 1.0) or (min(abs(x - x0), abs(x - x1)) < 1.0)
    return meets and not at_end


def check(tree: Tree, placed: Placed) -> None:
    cards = {c: box(placed, tree, c) for c in tree.sizes}
    assert set(placed.centres) == set(tree.sizes)  # every card is drawn
    segs = [s.points for s in placed.segments]
    for (a, b) in segs:
        assert abs(a[0] - b[0]) < 0.01 or abs(a[1] - b[1]) < 0.01, (a, b)  # right angles only
    for seg in segs:
        for name, r in cards.items():
            assert not enters(seg, inside(r, 1.0)), (seg, name)  # no line through a card
        for name, r in placed.headings.items():
            assert not enters(seg, r), (seg, name)  # no line through a unit's heading
    for s, t in combinations(segs, 2):
        assert not crosses(s, t), (s, t)
    for a, b in combinations(cards.values(), 2):
        assert not enters(((a[0], a[1]), (a[2], a[1])), inside(b, 0.5)) and not (
            a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)  # cards never overlap
    lr = tree.direction == "LR"
    for boss, kids in tree.reports.items():
        keys = [(placed.centres[k][1], placed.centres[k][0]) if lr else placed.centres[k] for k in kids]
        for p, q in zip(keys, keys[1:]):
            assert q[0] > p[0] + 1 or (abs(q[0] - p[0]) <= 1 and q[1] > p[1]), (boss, kids)  # spec order
    for frame in tree.frames:
        rect = placed.frames[frame.id]
        members = {frame.root}
        stack = [frame.root]
        while stack:
            node = stack.pop()
            for kid in [*tree.reports.get(node, ()), *tree.assistants.get(node, ())]:
                members.add(kid)
                stack.append(kid)
        for name, r in cards.items():
            within = r[0] >= rect[0] and r[1] >= rect[1] and r[2] <= rect[2] and r[3] <= rect[3]
            overlaps = r[0] < rect[2] and rect[0] < r[2] and r[1] < rect[3] and rect[1] < r[3]
            assert within if name in members else not overlaps, (frame.id, name)


# (stack past N reports, cards per spine column, spine sides, wrap, reports per trunk, trunk sides)
SHAPES = [(6, 4, 2, False, 0, 2), (1, 3, 2, False, 0, 2), (1, 5, 1, False, 0, 2), (1, 2, 1, False, 0, 2),
          (1, 2, 2, False, 0, 2), (1000, 0, 2, False, 0, 2), (1, 3, 2, True, 0, 2), (1000, 0, 2, True, 0, 2),
          (1000, 0, 2, True, 3, 1), (1000, 0, 2, True, 4, 2), (1, 3, 2, True, 2, 1)]


@pytest.mark.parametrize("direction", ["TB", "LR"])
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("seed", range(6))
def test_random_orgs_keep_every_rule(seed: int, shape: tuple[int, int, int, bool, int, int], direction: str) -> None:
    base = random_tree(seed)
    wrap = frozenset(n for n in base.reports if len(base.reports[n]) >= 3) if shape[3] else frozenset()
    tree = Tree(sizes=base.sizes, roots=base.roots, reports=base.reports, assistants=base.assistants,
                frames=base.frames, direction=direction,  # type: ignore[arg-type]
                stack_over=shape[0], stack_rows=shape[1], stack_sides=shape[2], wrap=wrap, wrap_by=shape[4],
                wrap_sides=shape[5])
    placed = place(tree)
    check(tree, placed)
    x0, y0, x1, y1 = placed.bounds(tree.sizes)
    w, h = extent(tree)  # the quick answer the split search uses: never smaller, and close
    assert x1 - x0 - 0.5 <= w <= (x1 - x0) * 1.03 and y1 - y0 - 0.5 <= h <= (y1 - y0) * 1.03


def test_a_forest_of_roots_sits_side_by_side_in_order() -> None:
    sizes = {n: (100.0, 50.0) for n in "abcd"}
    tree = Tree(sizes=sizes, roots=["a", "c"], reports={"a": ["b"], "c": ["d"]})
    placed = place(tree)
    check(tree, placed)
    assert placed.centres["a"][0] < placed.centres["c"][0]


def test_lr_turns_the_tree_siblings_read_top_down() -> None:
    sizes = {n: (120.0, 40.0) for n in "rabc"}
    placed = place(Tree(sizes=sizes, roots=["r"], reports={"r": ["a", "b", "c"]}, direction="LR"))
    xs = {placed.centres[k][0] for k in "abc"}
    assert len(xs) == 1 and xs.pop() > placed.centres["r"][0]  # one column, right of the manager
    assert placed.centres["a"][1] < placed.centres["b"][1] < placed.centres["c"][1]


def test_wide_span_of_leaves_hangs_off_a_spine() -> None:
    sizes = {n: (150.0, 50.0) for n in ["boss", *map(str, range(8))]}
    tree = Tree(sizes=sizes, roots=["boss"], reports={"boss": [str(i) for i in range(8)]}, stack_over=6,
                stack_rows=4)
    placed = place(tree)
    check(tree, placed)
    left = {placed.centres[str(i)][0] for i in range(4)}
    right = {placed.centres[str(i)][0] for i in range(4, 8)}
    assert len(left) == 1 and len(right) == 1 and left.pop() < right.pop()  # two columns, in order
    x0, _, x1, _ = placed.bounds(sizes)
    assert x1 - x0 < 2 * 150 + 80  # two cards wide, not eight


def test_junction_names_cannot_be_role_ids() -> None:
    sizes = {n: (100.0, 40.0) for n in ["ceo", "ceo-bus", "ceo-bus-0"]}
    placed = place(Tree(sizes=sizes, roots=["ceo"], reports={"ceo": ["ceo-bus", "ceo-bus-0"]}))
    assert all("_" in j for j in placed.junctions)  # slugs are [a-z0-9-]: no card can be named so
    assert not set(placed.junctions) & set(sizes)


@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_wrapped_reports_hang_in_two_columns_off_a_trunk_in_order(direction: str) -> None:
    kids = [f"k{i}" for i in range(5)]
    sizes = {n: (140.0, 50.0) for n in ["boss", *kids, "g0", "g1"]}
    tree = Tree(sizes=sizes, roots=["boss"], reports={"boss": kids, "k0": ["g0"], "k3": ["g1"]},
                direction=direction,  # type: ignore[arg-type]
                wrap=frozenset({"boss"}))
    placed = place(tree)
    check(tree, placed)
    b, t = (1, 0) if direction == "LR" else (0, 1)  # breadth and depth axes
    left, right = kids[:3], kids[3:]
    assert len({placed.centres[k][b] for k in left}) == 1 and len({placed.centres[k][b] for k in right}) == 1
    assert placed.centres["k0"][b] < placed.centres["boss"][b] < placed.centres["k3"][b]
    assert placed.centres["k0"][t] < placed.centres["k1"][t] < placed.centres["k2"][t]


def test_leaves_in_columns_of_two_and_a_lone_leaf_drops_straight_from_the_bus() -> None:
    """Five leaves, two per one-sided column: three columns, the last leaf hung from the bus like any report."""
    leaves = [f"k{i}" for i in range(5)]
    tree = Tree(sizes={"m": (120.0, 50.0), **{k: (100.0, 50.0) for k in leaves}}, roots=["m"],
                reports={"m": leaves, **{k: [] for k in leaves}}, stack_over=1, stack_rows=2, stack_sides=1)
    placed = place(tree)
    xs = [placed.centres[k][0] for k in leaves]
    ys = [placed.centres[k][1] for k in leaves]
    assert xs[0] < xs[2] < xs[4] and ys[0] < ys[1] and ys[0] == ys[2] == ys[4]  # three columns, in order
    (last,) = [s.points for s in placed.segments if s.head == "k4"]
    assert last[0][0] == last[1][0] == xs[4] and last[1][1] == ys[4] - 25.0  # a drop into the card's top


@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_stubs_either_side_of_a_trunk_never_line_up(direction: str) -> None:
    """Two cards facing each other across a trunk must not read as joined by one straight line."""
    kids = [f"k{i}" for i in range(6)]
    sizes = {n: (140.0, 50.0) for n in ["boss", *kids]}
    tree = Tree(sizes=sizes, roots=["boss"], reports={"boss": kids}, direction=direction,  # type: ignore[arg-type]
                wrap=frozenset({"boss"}))
    placed = place(tree)
    check(tree, placed)
    t = 0 if direction == "LR" else 1  # the depth axis
    stubs = {s.head: s.points[0][t] for s in placed.segments if s.head in kids}
    assert len(stubs) == len(kids)
    for left, right in zip(kids[:3], kids[3:]):  # facing pairs share a row
        assert placed.centres[left][t] == placed.centres[right][t]
        assert abs(stubs[left] - stubs[right]) >= 20.0  # a jog a reader sees, not a hairline


@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_stubs_either_side_of_a_spine_never_line_up(direction: str) -> None:
    """Leaves facing each other across a spine get stubs at different depths, as off a trunk."""
    leaves = [f"k{i}" for i in range(4)]
    tree = Tree(sizes={"m": (120.0, 50.0), **{k: (100.0, 50.0) for k in leaves}}, roots=["m"],
                reports={"m": leaves}, direction=direction,  # type: ignore[arg-type]
                stack_over=1, stack_rows=2, stack_sides=2)
    placed = place(tree)
    check(tree, placed)
    t = 0 if direction == "LR" else 1
    stubs = {s.head: s.points[0][t] for s in placed.segments if s.head in leaves}
    assert len(stubs) == len(leaves)
    rows = {placed.centres[k][t] for k in leaves}
    assert len(rows) == 2  # two rows of two: each row's leaves face each other
    for depth in rows:
        facing = [k for k in leaves if placed.centres[k][t] == depth]
        assert len(facing) == 2 and abs(stubs[facing[0]] - stubs[facing[1]]) >= 20.0
