"""Tidy-tree placement of an org chart, with right-angled reporting lines that cross nothing.

The tree is placed in two abstract axes: *depth* (down the levels) and *breadth* (across
siblings). `TB` maps depth to y and breadth to x; `LR` maps depth to x and breadth to y, so a
chart drawn either way keeps siblings in spec order (left to right, or top to bottom).

Each subtree is placed bottom-up and summarised by its contour (for each band of depth, the
breadth it covers); sibling subtrees are pushed apart just enough that their contours keep a
gap, and a manager is centred over its reports (the Reingold-Tilford idea, as in d3-hierarchy).
A run of leaf reports of a wide manager hangs in two columns off a vertical spine, as org charts
on paper do. A framed unit's subtree is a rectangle no other subtree enters, so its frame holds
its own cards only, and its heading sits clear of every line.

Lines are straight pieces between points: a manager's stem down to a bus, the bus along the
sibling row, a drop down to each report; pieces meet only at their ends, so none overlap.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable

from .treelines import _Output
from .treeshared import _Shared
from .treemodel import (FRAME_PAD, HEADING_GAP, LEVEL_GAP, SIBLING_GAP, SPINE_GAP, Contour, Frame, Placed,
                        Point, Rect, Segment, Tree, _Block, _centred, _clearance, _merge, _Spine,
                        tree_key)

__all__ = ["Frame", "Tree", "Placed", "Segment", "place", "extent", "tree_key", "SIBLING_GAP", "LEVEL_GAP",
           "Point", "Rect", "_Block", "_Spine", "_Output", "_Placer", "_Shared", "_clearance", "_merge"]


class _Placer:
    owns = True  # its subtrees' contours are its own, spent when their manager is placed (a memo keeps them)

    def __init__(self, tree: Tree, shared: _Shared | None = None) -> None:
        self.tree = tree
        # What every shape of these cards shares: the order and each card's breadth and depth extent.
        self.shared = shared if shared is not None else _Shared(tree)
        self.span = self.shared.span
        self.frames_at: dict[str, list[Frame]] = defaultdict(list)
        for frame in tree.frames:
            self.frames_at[frame.root].append(frame)
        self.level: dict[str, int] = {}
        self.stacked: set[str] = set()
        self.wrapped: set[str] = set()
        self.spines: dict[str, list[str | _Spine]] = {}
        self.blocks: dict[str, _Block] = {}
        self.frame_rects: dict[str, Rect] = {}  # abstract (b0, t0, b1, t1), relative to the root
        self.heading_rects: dict[str, Rect] = {}

    # -- structure ---------------------------------------------------------------------------

    def _order(self) -> list[str]:
        """Every line-manager-reachable node, depth first in spec order."""
        return self.shared.order

    def _height(self, order: list[str]) -> dict[str, int]:
        """How many levels each subtree spans (a spine of leaves counts a level per row, to be safe)."""
        height: dict[str, int] = {}
        for node in reversed(order):
            items = self.spines[node]
            if not items:
                height[node] = 1
            elif node in self.wrapped:
                height[node] = 1 + max(sum(self._row_heights(t, height)) for t in self._trunks(node))
            else:
                height[node] = 1 + max(len(i.centres_rows()) if isinstance(i, _Spine) else height[i] for i in items)
        return height

    def _row_heights(self, trunk: tuple[list[str], list[str]], height: dict[str, int]) -> list[int]:
        left, right = trunk
        return [max(height[left[k]] if k < len(left) else 0, height[right[k]] if k < len(right) else 0)
                for k in range(max(len(left), len(right)))]

    def _trunks(self, node: str) -> list[tuple[list[str], list[str]]]:
        """A wrapped manager's reports in runs, one per trunk, each as its left and right column."""
        kids = [i for i in self.spines[node] if isinstance(i, str)]
        by = self.tree.wrap_by or len(kids)
        out = []
        for start in range(0, len(kids), by):
            run = kids[start:start + by]
            half = (len(run) + 1) // 2 if self.tree.wrap_sides == 2 or not self.tree.wrap_by else 0
            out.append((run[:half], run[half:]))
        return out

    def _levels(self, order: list[str]) -> None:
        if not self.wrapped:  # each report a level below its manager, in every shape that wraps none
            self.level.update(self.shared.levels(self.tree))
            return
        height = self._height(order)
        for root in self.tree.roots:
            self.level[root] = 0
        for node in order:  # parents before children
            lv = self.level[node]
            for aide in self.tree.assistants.get(node, ()):
                self.level[aide] = lv
            if node in self.wrapped:
                for left, right in self._trunks(node):
                    at = lv + 1
                    for k, rows in enumerate(self._row_heights((left, right), height)):
                        for kid in (*left[k:k + 1], *right[k:k + 1]):
                            self.level[kid] = at
                        at += rows
            else:
                for item in self.spines[node]:
                    for kid in (item.leaves if isinstance(item, _Spine) else [item]):
                        self.level[kid] = lv + 1

    def _is_leaf(self, node: str) -> bool:
        return not self.tree.reports.get(node) and not self.tree.assistants.get(node) and node not in self.frames_at

    def _items(self, node: str) -> list[str | _Spine]:
        """A manager's reports in spec order, runs of leaves gathered into spines when the span is wide."""
        found = self.tree.reports.get(node)
        if not found:
            return []
        kids = list(found)
        if node in self.tree.wrap and len(kids) >= 3 and not any(self.tree.assistants.get(k) for k in kids):
            self.wrapped.add(node)
            return list(kids)
        rows = self.tree.stack_rows
        if len(kids) <= self.tree.stack_over or rows <= 0:
            return list(kids)
        sides = self.tree.stack_sides
        items: list[str | _Spine] = []
        for entry in self.shared.plan(node, kids, rows, sides, self._is_leaf):
            if isinstance(entry, str):
                items.append(entry)
            else:
                leaves, left, right, left_width, right_width = entry
                self.stacked.update(leaves)
                items.append(_Spine(list(leaves), list(left), list(right), left_width, right_width, []))
        return items

    # -- depth ---------------------------------------------------------------------------------

    def _depths(self, order: list[str]) -> None:
        """The depth of each level's centre line, and of each spine's rows."""
        extent: dict[int, float] = defaultdict(float)
        for node in order:
            if node not in self.stacked:
                extent[self.level[node]] = max(extent[self.level[node]], self.span[node][1])
                for aide in self.tree.assistants.get(node, ()):
                    extent[self.level[node]] = max(extent[self.level[node]], self.span[aide][1])
        # Room above a level for the frames that start there: each nested frame's heading and pad.
        lead_in: dict[int, float] = defaultdict(float)
        for root, frames in self.frames_at.items():
            if root in self.level:
                lead_in[self.level[root]] = max(lead_in[self.level[root]], self._frame_lead(frames))
        floor = max((self.span[n][1] for n in order), default=0.0) if self.wrapped else 0.0
        for lv in list(extent):
            extent[lv] = max(extent[lv], floor)
        self.top: dict[int, float] = {}
        depth = 0.0
        for lv in range(max([*extent, *self.level.values()], default=0) + 1):
            extent[lv] = max(extent[lv], floor)
            depth += lead_in[lv]
            self.top[lv] = depth
            depth += extent[lv] + LEVEL_GAP
        self.extent = extent
        self.lead_in = lead_in

    def _frame_lead(self, frames: list[Frame]) -> float:
        """Depth taken before a framed root: each frame's pad, plus its heading in a top-down flow."""
        if self.tree.direction == "LR":
            return FRAME_PAD * len(frames)
        return sum(FRAME_PAD + f.heading[1] + HEADING_GAP for f in frames)

    def centre_depth(self, node: str) -> float:
        lv = self.level[node]
        return self.top[lv] + self.extent[lv] / 2

    # -- breadth ---------------------------------------------------------------------------------

    def _own(self, node: str) -> Contour:
        """The contour of a card and its assistants, placed beside it."""
        b = self.span[node][0]
        band = (self.top[self.level[node]], self.top[self.level[node]] + self.extent[self.level[node]])
        hi = b / 2
        for aide in self.tree.assistants.get(node, ()):
            hi += SIBLING_GAP + self.span[aide][0]
        return {band: (-b / 2, hi)}

    def block(self, node: str) -> _Block:
        """Place the subtree under `node` (its children first), relative to the node's centre."""
        lv = self.level[node]
        own = self._own(node)
        items = self.spines[node]
        if node in self.wrapped:
            return self._wrapped_block(node, own)
        if not items:
            contour = own
            placed: list[tuple[str | _Spine, float]] = []
        else:
            below = self.top.get(lv + 1, self.top[lv] + self.extent[lv] + LEVEL_GAP)
            acc: Contour | None = None
            placed = []
            for item in items:
                sub = self.shared.spine(item, below) if isinstance(item, _Spine) else self.blocks[item].contour
                if acc is None:  # the first report sits at 0: its contour as it is (x + 0.0 is x)
                    acc = sub if self.owns or isinstance(item, _Spine) else dict(sub)
                    placed.append((item, 0.0))
                    continue
                # (kept in order even where contours do not meet)
                shift = max(_clearance(acc, sub, SIBLING_GAP), placed[-1][1] + 1.0)
                _merge(acc, sub, shift)
                placed.append((item, shift))
            assert acc is not None
            mid = (placed[0][1] + placed[-1][1]) / 2
            placed = [(item, off - mid) for item, off in placed]
            contour = _centred(acc, -mid, own)
            # The lines between the manager and the reports' row: the bus and its stem.
            bottom = self.top[lv] + self.extent[lv]
            lo, hi = placed[0][1], placed[-1][1]  # (each report's offset past the one before's)
            _merge(contour, {(bottom, below): (min(lo, 0.0) - 1.0, max(hi, 0.0) + 1.0)}, 0.0)
        for frame in reversed(self.frames_at.get(node, [])):  # innermost first
            contour = self._framed(node, frame, contour)
        return _Block(contour, placed)

    def _wrapped_block(self, node: str, own: Contour) -> _Block:
        """Reports in two columns, left then right, off a trunk below the manager; several trunks hang off a bus."""
        trunks = self._trunks(node)
        bottom = self.top[self.level[node]] + self.extent[self.level[node]]
        bus = bottom if len(trunks) == 1 else bottom + LEVEL_GAP / 2
        acc: Contour = {}
        offsets: list[float] = []
        members: list[list[tuple[str, float]]] = []
        for left, right in trunks:
            sub: Contour = {}
            placed: list[tuple[str, float]] = []
            for column, sign in ((left, -1.0), (right, 1.0)):
                if not column:
                    continue
                subs = [self.blocks[k].contour for k in column]
                if sign < 0:
                    shift = -SPINE_GAP - max(hi for c in subs for _, hi in c.values())
                else:
                    shift = SPINE_GAP - min(lo for c in subs for lo, _ in c.values())
                for kid, c in zip(column, subs):
                    _merge(sub, c, shift)
                    placed.append((kid, shift))
            last = max(self.centre_depth(k) for k in left + right)
            _merge(sub, {(bus, last): (-1.0, 1.0)}, 0.0)
            shift = 0.0 if not offsets else max(_clearance(acc, sub, SIBLING_GAP), offsets[-1] + 1.0)
            _merge(acc, sub, shift)
            offsets.append(shift)
            members.append(placed)
        mid = (offsets[0] + offsets[-1]) / 2
        contour = dict(own)
        _merge(contour, acc, -mid)
        if len(trunks) > 1:  # the manager's stem and the bus the trunks hang from
            _merge(contour, {(bottom, bus + 1.0): (min(offsets[0] - mid, 0.0) - 1.0,
                                                   max(offsets[-1] - mid, 0.0) + 1.0)}, 0.0)
        for frame in reversed(self.frames_at.get(node, [])):
            contour = self._framed(node, frame, contour)
        items: list[tuple[str | _Spine, float]] = [(k, o + off - mid) for off, run in zip(offsets, members)
                                                   for k, o in run]
        trunk_list = [(off - mid, [k for k, _ in run]) for off, run in zip(offsets, members)]
        return _Block(contour, items, trunks=trunk_list)

    def _framed(self, node: str, frame: Frame, contour: Contour) -> Contour:
        """Wrap a subtree's contour in its frame: one rectangle, heading clear of the incoming line."""
        b0 = min(lo for lo, _ in contour.values()) - FRAME_PAD
        b1 = max(hi for _, hi in contour.values()) + FRAME_PAD
        t0 = min(t for t, _ in contour) - FRAME_PAD
        t1 = max(t for _, t in contour) + FRAME_PAD
        hw, hh = frame.heading
        if self.tree.direction == "LR":
            # A line comes in at the root's left or, off a trunk, at its top: the heading sits on top,
            # right-aligned past the root card, clear of both.
            b0 -= hh + HEADING_GAP
            root_end = self.centre_depth(node) + self.span[node][1] / 2
            t1 = max(t1, root_end + 2 * FRAME_PAD + hw)
            heading = (b0 + FRAME_PAD / 2, t1 - FRAME_PAD - hw, b0 + FRAME_PAD / 2 + hh, t1 - FRAME_PAD)
        else:
            # The line comes down into the root's centre: the heading sits left of it, above the cards.
            t0 -= hh + HEADING_GAP
            b0 = min(b0, -hw - 2 * FRAME_PAD - SIBLING_GAP / 2)
            heading = (b0 + FRAME_PAD, t0 + FRAME_PAD / 2, b0 + FRAME_PAD + hw, t0 + FRAME_PAD / 2 + hh)
        self.frame_rects[frame.id] = (b0, t0, b1, t1)
        self.heading_rects[frame.id] = heading
        return {(t0, t1): (b0, b1)}

    # -- the whole placement -----------------------------------------------------------------

    def arrange(self) -> Hashable:
        """Gather each manager's reports into spines or trunks as the shape says; what the placement then reads
        of the shape, as one value: two shapes of the same cards with equal values place them the same."""
        order = self._order()
        spines = self.spines
        items = self._items
        arranged = []
        reports = self.tree.reports
        for at, node in enumerate(order):
            if not reports.get(node):
                spines[node] = []
                continue
            got = spines[node] = items(node)
            if any(isinstance(i, _Spine) for i in got):  # (a spine's leaves are its reports, in turn)
                arranged.append((at, tuple((len(i.left), len(i.right)) if isinstance(i, _Spine) else -1 for i in got)))
        tree = self.tree
        wrapped = (frozenset(self.wrapped), tree.wrap_by, tree.wrap_sides) if self.wrapped else None
        return tree.direction, tuple(arranged), wrapped

    def contour(self) -> tuple[Contour, list[float]]:
        """Place every subtree; the whole forest's contour and each root's offset."""
        order = self._order()
        if not self.spines:
            self.arrange()
        self._levels(order)
        self._depths(order)
        for node in reversed(order):
            if node not in self.stacked:
                self.blocks[node] = self.block(node)
        # Roots side by side, in spec order.
        acc: Contour = {}
        offsets: list[float] = []
        for root in self.tree.roots:
            sub = self.blocks[root].contour
            shift = 0.0 if not offsets else max(_clearance(acc, sub, 2 * SIBLING_GAP), offsets[-1] + 1.0)
            _merge(acc, sub, shift)
            offsets.append(shift)
        return acc, offsets

    def bounds(self) -> tuple[float, float]:
        """The width and height of the whole forest (what `extent` gives)."""
        contour, _ = self.contour()
        if not contour:
            return 0.0, 0.0
        breadth = max(hi for _, hi in contour.values()) - min(lo for lo, _ in contour.values())
        depth = max(t for _, t in contour) - min(t for t, _ in contour)
        return (depth, breadth) if self.tree.direction == "LR" else (breadth, depth)

    def run(self) -> Placed:
        _, offsets = self.contour()
        breadth: dict[str, float] = {}
        out = _Output(self)
        for root, off in zip(self.tree.roots, offsets):
            self._assign(root, off, breadth, out)
        return out.finish()

    def _assign(self, root: str, offset: float, breadth: dict[str, float], out: _Output) -> None:
        stack = [(root, offset)]
        while stack:
            node, at = stack.pop()
            breadth[node] = at
            out.card(node, at, self.centre_depth(node))
            side = at + self.span[node][0] / 2
            for aide in self.tree.assistants.get(node, ()):
                centre = side + SIBLING_GAP + self.span[aide][0] / 2
                out.card(aide, centre, self.centre_depth(node))
                out.side_line(node, aide, side, centre - self.span[aide][0] / 2, self.centre_depth(node))
                side = centre + self.span[aide][0] / 2
            for frame in self.frames_at.get(node, []):
                out.frame(frame.id, at, self.frame_rects[frame.id], self.heading_rects[frame.id])
            block = self.blocks[node]
            if block.wrapped:
                out.trunks(node, at, block)
            elif block.items:
                out.bus(node, at, block.items)
            for item, off in block.items:
                if isinstance(item, _Spine):
                    out.spine(node, at + off, item)
                else:
                    stack.append((item, at + off))


def place(tree: Tree) -> Placed:
    """Place every card of the tree and draw its reporting lines (points, y growing downward)."""
    return _Placer(tree).run()


def extent(tree: Tree, shared: _Shared | None = None) -> tuple[float, float]:
    """The width and height `place` would cover, without drawing the lines (a quicker answer).

    `shared`: what another shape of the same cards (and direction) made (`_Shared`), to make it once."""
    return _Placer(tree, shared).bounds()
