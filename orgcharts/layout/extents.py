"""The extents of an org tree in many stacking shapes, each subtree placed once and kept for the process.

`tree.extent` places every subtree of a tree for every shape it is asked about. An org chart tries
some thirty shapes on every piece it considers, and a warm process (`watch`) asks again after
each save, when only one card may have changed. Here every subtree is named by an interned id of
all it holds (role ids, card and heading sizes, reports, assistants, frames), and two things are
kept per id and shape:

- its *profile*: how many levels it spans, and per level below its root the deepest card and the
  room its frames need above it (what `tree._Placer._levels` and `_depths` gather over the whole tree);
- its *block* (contour and offsets, as `tree._Placer.block` makes it), keyed also by its root's level
  and the depth of every level it spans, which are all the block reads of the rest of the tree.

So a tree whose one card changed is placed again along the path from that card to the top only.
The arithmetic is `tree._Placer`'s own (the same methods, called in the same order), so the
extents are the very numbers `tree.extent` gives: `tests/test_layout_extents.py` compares them.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from .memo import register
from .tree import (LEVEL_GAP, SIBLING_GAP, Placed, Rect, Tree, _Block, _clearance, _merge, _Output, _Placer, _Shared,
                   _Spine)

__all__ = ["extents", "places", "forget"]

WARM_FROM = 3  # subtrees are kept from the third placement of a tree with the same roots (see `_ids`)
DEEPEST = 100  # trees deeper than this are measured by `tree.extent` (the memo recurses by level)


@dataclass(frozen=True)
class _Profile:
    """What a subtree adds to the level table, relative to its root's level."""

    height: int  # levels it spans, a spine of leaves counting a level per row (as `_Placer._height`)
    deepest: tuple[float, ...]  # per level below the root: the deepest unstacked card (or assistant)
    lead: tuple[float, ...]  # per level below the root: the room its frames need above it
    bottom: int  # the deepest level below the root holding any card
    tallest: float  # the deepest card of all (stacked leaves too, assistants not)
    wrapped: bool  # some manager in it hangs its reports off trunks


class _Memo:
    """Interned subtree ids and, per id and shape, profiles and blocks (plain tables: looked up thousands
    of times a placement, they start again, all together, when one grows past its limit)."""

    LIMIT = 100_000  # entries in any table before all start again (profiles and blocks are keyed by ids)

    def __init__(self) -> None:
        self.ids: dict[tuple[Hashable, ...], int] = {}
        self.profiles: dict[Hashable, _Profile] = {}
        self.blocks: dict[Hashable, tuple[_Block, dict[str, Rect], dict[str, Rect]]] = {}  # with its frames
        self.roots: dict[tuple[str, ...], int] = {}  # the roots of every tree placed: how often (see `_ids`)

    def id(self, content: tuple[Hashable, ...]) -> int:
        found = self.ids.get(content)
        if found is None:
            found = self.ids[content] = len(self.ids)
        return found

    def bound(self) -> None:
        """Start again when any table is past the limit; called before a placement only (ids stay valid in one)."""
        if max(len(self.ids), len(self.profiles), len(self.blocks), len(self.roots)) > self.LIMIT:
            self.clear()

    def clear(self) -> None:
        self.roots.clear()
        self.ids.clear()
        self.profiles.clear()
        self.blocks.clear()


_MEMO = _Memo()
register(_MEMO.clear)


def forget() -> None:
    """Drop every kept subtree (tests; a process needs it only to free memory)."""
    _MEMO.clear()


def _max_into(into: list[float], values: tuple[float, ...], at: int) -> None:
    """into[at + k] = max(into[at + k], values[k]), missing levels counting as 0."""
    if len(into) < at + len(values):
        into.extend([0.0] * (at + len(values) - len(into)))
    for k, v in enumerate(values, at):
        if v > into[k]:
            into[k] = v


class _Lazy(_Placer):
    """A placer that computes only the subtrees its memo lacks."""

    owns = False  # the memo keeps every block: a manager's contour is a copy

    def __init__(self, tree: Tree, ids: dict[str, int], shared: _Shared | None = None) -> None:
        super().__init__(tree, shared)
        self.ids = ids
        self.options = (tree.direction, tree.stack_over, tree.stack_rows, tree.stack_sides, tree.wrap,
                        tree.wrap_by, tree.wrap_sides)
        self.profiles: dict[str, _Profile] = {}
        self.kids: dict[str, list[tuple[str | _Spine, int]]] = {}

    def profile(self, node: str) -> _Profile:
        found = self.profiles.get(node)
        if found is None:
            key = (self.ids[node], self.options)
            found = _MEMO.profiles.get(key)
            if found is None:
                found = _MEMO.profiles[key] = self._profile(node)
            self.profiles[node] = found
        return found

    def _profile(self, node: str) -> _Profile:
        items = self.spines[node] = self._items(node)
        span = self.span
        depth = tallest = span[node][1]
        aides = self.tree.assistants.get(node, ())
        deepest = [max([0.0, depth, *(span[a][1] for a in aides)])]
        # Frames rooted at the manager (or, never drawn but counted by `_depths`, at an assistant).
        leads = [self._frame_lead(f) for k in (node, *aides) if (f := self.frames_at.get(k))]
        lead = [max([0.0, *leads])] if leads else []  # no trailing zeros: a missing level needs no room
        bottom, wrapped = 0, node in self.wrapped
        for kid, at in self._kid_levels(node):
            if isinstance(kid, str):
                sub = self.profile(kid)
                _max_into(deepest, sub.deepest, at)
                if sub.lead:
                    _max_into(lead, sub.lead, at)
                if at + sub.bottom > bottom:
                    bottom = at + sub.bottom
                if sub.tallest > tallest:
                    tallest = sub.tallest
                wrapped = wrapped or sub.wrapped
            else:  # a spine: its leaves sit one level down, and count for no level's depth
                bottom = max(bottom, at)
                tallest = max([tallest, *(span[k][1] for k in kid.leaves)])
        if not items:
            height = 1
        elif wrapped and node in self.wrapped:
            height = 1 + max(sum(self._rows(t)) for t in self._trunks(node))
        else:
            height = 1 + max(len(i.centres_rows()) if isinstance(i, _Spine) else self.profile(i).height
                             for i in items)
        return _Profile(height, tuple(deepest), tuple(lead), bottom, tallest, wrapped)

    def _rows(self, trunk: tuple[list[str], list[str]]) -> list[int]:
        return self._row_heights(trunk, {k: self.profile(k).height for k in (*trunk[0], *trunk[1])})

    def _kid_levels(self, node: str) -> list[tuple[str | _Spine, int]]:
        """Each report (or spine of leaves) and its level below `node` (as `_Placer._levels` gives)."""
        found = self.kids.get(node)
        if found is not None:
            return found
        if node not in self.wrapped:
            out: list[tuple[str | _Spine, int]] = [(item, 1) for item in self.spines[node]]
        else:
            out = []
            for left, right in self._trunks(node):
                at = 1
                for k, rows in enumerate(self._rows((left, right))):
                    out.extend((kid, at) for kid in (*left[k:k + 1], *right[k:k + 1]))
                    at += rows
        self.kids[node] = out
        return out

    def table(self) -> None:
        """The depth of every level (`_Placer._depths`), from the roots' profiles."""
        deepest: list[float] = []
        lead: list[float] = []
        bottom, tallest, wrapped = 0, 0.0, False
        for root in self.tree.roots:
            sub = self.profile(root)
            _max_into(deepest, sub.deepest, 0)
            _max_into(lead, sub.lead, 0)
            bottom, tallest, wrapped = max(bottom, sub.bottom), max(tallest, sub.tallest), wrapped or sub.wrapped
        floor = tallest if wrapped else 0.0
        self.top = {}
        self.extent = {}
        depth = 0.0
        for lv in range(bottom + 1):
            self.extent[lv] = max(deepest[lv] if lv < len(deepest) else 0.0, floor)
            depth += lead[lv] if lv < len(lead) else 0.0
            self.top[lv] = depth
            depth += self.extent[lv] + LEVEL_GAP
        self.depths = tuple((self.top.get(lv), self.extent.get(lv)) for lv in range(bottom + 2))

    def known_block(self, node: str, lv: int) -> _Block:
        """The block of `node` at level `lv`, and its frames' rectangles, placed only when not kept."""
        bottom = lv + self.profile(node).bottom
        key = (self.ids[node], self.options, lv, self.depths[lv:bottom + 2])
        found = _MEMO.blocks.get(key)
        if found is None:
            found = _MEMO.blocks[key] = self._block_at(node, lv)
        block, frames, headings = found
        if frames:
            self.frame_rects.update(frames)
            self.heading_rects.update(headings)
        return block

    def _block_at(self, node: str, lv: int) -> tuple[_Block, dict[str, Rect], dict[str, Rect]]:
        self.level[node] = lv
        if node not in self.spines:
            self.spines[node] = self._items(node)
        for kid, at in self._kid_levels(node):
            if isinstance(kid, str):
                self.level[kid] = lv + at
                self.blocks[kid] = self.known_block(kid, lv + at)
            else:
                self.stacked.update(kid.leaves)
        block = self.block(node)
        ids = [f.id for f in self.frames_at.get(node, [])]
        return block, {i: self.frame_rects[i] for i in ids}, {i: self.heading_rects[i] for i in ids}

    def contour(self, whole: bool = True) -> tuple[dict[tuple[float, float], tuple[float, float]], list[float]]:
        """The forest's contour and each root's offset; `whole`: every node's block and level too (to place it)."""
        self.table()
        contour: dict[tuple[float, float], tuple[float, float]] = {}
        offsets: list[float] = []
        for root in self.tree.roots:
            sub = self.known_block(root, 0).contour
            shift = 0.0 if not offsets else max(_clearance(contour, sub, 2 * SIBLING_GAP), offsets[-1] + 1.0)
            _merge(contour, sub, shift)
            offsets.append(shift)
        stack = [(root, 0) for root in self.tree.roots] if whole else []
        while stack:
            node, lv = stack.pop()
            self.level[node] = lv
            self.blocks[node] = self.known_block(node, lv)
            if node not in self.spines:
                self.spines[node] = self._items(node)
            stack.extend((kid, lv + at) for kid, at in self._kid_levels(node) if isinstance(kid, str))
        return contour, offsets

    def bounds(self) -> tuple[float, float]:
        """The width and height of the whole forest, as `tree.extent` gives them."""
        contour, _ = self.contour(whole=False)
        if not contour:
            return 0.0, 0.0
        breadth = max(hi for _, hi in contour.values()) - min(lo for lo, _ in contour.values())
        depth = max(t for _, t in contour) - min(t for t, _ in contour)
        return (depth, breadth) if self.tree.direction == "LR" else (breadth, depth)


def _ids(tree: Tree) -> dict[str, int] | None:
    """The id of every subtree under the roots; None when the kept subtrees would not pay.

    They pay from the third time a tree with these roots is placed, when at most half of its
    subtrees are new (a warm process re-placing a piece after a save); placing them the first time
    costs more than `tree.place`, so a tree seen first, mostly new, or deeper than DEEPEST is placed
    as `tree.place` places it (its ids are remembered all the same).
    """
    order: list[tuple[str, int]] = []
    stack = [(r, 0) for r in reversed(tree.roots)]
    while stack:
        node, depth = stack.pop()
        if depth > DEEPEST:
            return None
        order.append((node, depth))
        stack.extend((k, depth + 1) for k in reversed(tree.reports.get(node, ())))
    frames: dict[str, list[Hashable]] = {}
    for frame in tree.frames:
        frames.setdefault(frame.root, []).append(frame)
    _MEMO.bound()
    ids: dict[str, int] = {}
    known = len(_MEMO.ids)
    for node, _ in reversed(order):
        aides = tuple((a, tree.sizes[a], tuple(frames.get(a, ()))) for a in tree.assistants.get(node, ()))
        ids[node] = _MEMO.id((node, tree.sizes[node], aides, tuple(frames.get(node, ())),
                              tuple(ids[k] for k in tree.reports.get(node, ()))))
    roots = tuple(tree.roots)
    seen = _MEMO.roots[roots] = _MEMO.roots.get(roots, 0) + 1
    return ids if seen >= WARM_FROM and 2 * (len(_MEMO.ids) - known) <= len(ids) else None


class _Outline(_Output):
    """A placement without its line pieces: cards, junctions and frames, all that `Placed.bounds` reads."""

    def line(self, tail: str, head: str, a: tuple[float, float], z: tuple[float, float]) -> None:
        pass


def _outline(placer: _Placer) -> Placed:
    """What `placer.run` places, without the line pieces."""
    _, offsets = placer.contour()
    out = _Outline(placer)
    breadth: dict[str, float] = {}
    for root, off in zip(placer.tree.roots, offsets):
        placer._assign(root, off, breadth, out)
    return out.finish()


def places(trees: Sequence[Tree], lines: bool = True) -> list[Placed]:
    """`tree.place` of each tree (the same placement), reusing every subtree placed before in this process.

    `lines=False` leaves out the line pieces (quicker, and enough for `Placed.bounds`). Shapes that
    change nothing in a tree (`_shape_key`) are placed once.
    """
    out: list[Placed] = []
    done: dict[Hashable, Placed] = {}
    for tree, ids, key, shared in _with_ids(trees):
        placer = _Placer(tree, shared) if ids is None else _Lazy(tree, ids, shared)
        if ids is None:
            key = (key[0], placer.arrange())  # (the placement reads no more of the shape than this)
        found = done.get(key)
        if found is None:
            found = done[key] = placer.run() if lines else _outline(placer)
        out.append(found)
    return out


def _with_ids(trees: Sequence[Tree]) -> list[tuple[Tree, dict[str, int] | None, tuple[int, Hashable], _Shared]]:
    """Each tree with its subtree ids, computed once for trees that differ only in their shape, a key
    telling apart the shapes that place its cards differently, and what all its shapes share (`tree._Shared`)."""
    out: list[tuple[Tree, dict[str, int] | None, tuple[int, Hashable], _Shared]] = []
    base: Tree | None = None
    ids: dict[str, int] | None = None
    fanout, eligible, serial = 0, frozenset[str](), 0
    for tree in trees:
        if base is None or not _same_cards(base, tree) or base.direction != tree.direction:
            base, ids, serial, shared = tree, _ids(tree), serial + 1, _Shared(tree)
            fanout = max(map(len, tree.reports.values()), default=0)
            eligible = frozenset(n for n, kids in tree.reports.items()
                                 if len(kids) >= 3 and not any(tree.assistants.get(k) for k in kids))
        out.append((tree, ids, (serial, _shape_key(tree, fanout, eligible)), shared))
    return out


def _shape_key(tree: Tree, fanout: int, eligible: frozenset[str]) -> Hashable:
    """What of a tree's shape `tree._Placer` reads, given its cards: stacking only where some manager has more
    reports than `stack_over` (`_items`), wrapping only of managers that can wrap (`_items`, `wrapped`)."""
    stacking = ((tree.stack_over, tree.stack_rows, tree.stack_sides)
                if tree.stack_rows > 0 and fanout > tree.stack_over else None)
    wrap = tree.wrap & eligible
    return tree.direction, stacking, (wrap, tree.wrap_by, tree.wrap_sides) if wrap else None


def extents(trees: Sequence[Tree]) -> list[tuple[float, float]]:
    """`tree.extent` of each tree (the same numbers), reusing every subtree placed before in this process.

    Trees that differ only in their stacking and wrapping options (one piece in many shapes) share
    the subtree ids, computed once, and a shape that changes nothing in the tree is measured once.
    """
    out: list[tuple[float, float]] = []
    done: dict[Hashable, tuple[float, float]] = {}
    for tree, ids, key, shared in _with_ids(trees):
        if ids is None:
            placer = _Placer(tree, shared)
            key = (key[0], placer.arrange())  # (the placement reads no more of the shape than this)
            if key not in done:
                done[key] = placer.bounds()
        elif key not in done:
            done[key] = _Lazy(tree, ids, shared).bounds()
        out.append(done[key])
    return out


def _same_cards(a: Tree, b: Tree) -> bool:
    """Whether two trees hold the same cards, reports, assistants and frames (their shapes may differ)."""
    return ((a.sizes is b.sizes or a.sizes == b.sizes) and list(a.roots) == list(b.roots)
            and (a.reports is b.reports or a.reports == b.reports)
            and (a.assistants is b.assistants or a.assistants == b.assistants)
            and (a.frames is b.frames or list(a.frames) == list(b.frames)))
