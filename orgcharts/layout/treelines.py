"""The reporting lines of a placed org tree: stems, buses, trunks and spines as straight pieces between named points."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .treemodel import LEVEL_GAP, SPINE_GAP, Placed, Point, Rect, Segment, _Block, _Spine

if TYPE_CHECKING:
    from .tree import _Placer

__all__ = ["_Output", "STUB_STAGGER"]

STUB_STAGGER = 0.25  # of the shorter card's depth: how far stubs either side of a trunk sit off its row's centre


class _Output:
    """Turns abstract (breadth, depth) placements into points and line pieces."""

    def __init__(self, placer: _Placer) -> None:
        self.p = placer
        self.lr = placer.tree.direction == "LR"
        self.placed = Placed()
        self.kid_at: dict[str, float] = {}  # breadth of the reports of the manager being drawn

    def xy(self, b: float, t: float) -> Point:
        return (t, b) if self.lr else (b, t)

    def card(self, node: str, b: float, t: float) -> None:
        self.placed.centres[node] = self.xy(b, t)

    def junction(self, name: str, b: float, t: float) -> str:
        self.placed.junctions[name] = self.xy(b, t)
        return name

    def line(self, tail: str, head: str, a: tuple[float, float], z: tuple[float, float]) -> None:
        self.placed.segments.append(Segment(tail, head, (self.xy(*a), self.xy(*z))))

    def side_line(self, node: str, aide: str, b0: float, b1: float, t: float) -> None:
        self.line(node, aide, (b0, t), (b1, t))

    def frame(self, frame_id: str, at: float, rect: Rect, heading: Rect) -> None:
        b0, t0, b1, t1 = rect
        x0, y0 = self.xy(b0 + at, t0)
        x1, y1 = self.xy(b1 + at, t1)
        self.placed.frames[frame_id] = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        hb0, ht0, hb1, ht1 = heading
        x0, y0 = self.xy(hb0 + at, ht0)
        x1, y1 = self.xy(hb1 + at, ht1)
        self.placed.headings[frame_id] = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))

    def bus(self, node: str, at: float, items: list[tuple[str | _Spine, float]]) -> None:
        """Stem, bus and drops from a manager to the tops of its reports (or its spines)."""
        p = self.p
        lv = p.level[node]
        bottom = p.centre_depth(node) + p.span[node][1] / 2
        bus_t = p.top[lv] + p.extent[lv] + LEVEL_GAP / 2
        # Junctions along the bus, one per distinct breadth, in order; named after the manager.
        stops = sorted({round(at, 2)} | {round(at + off, 2) for _, off in items})
        names = {b: self.junction(f"{node}_bus{i}", b, bus_t) for i, b in enumerate(stops)}
        self.line(node, names[round(at, 2)], (at, bottom), (at, bus_t))
        for a, z in zip(stops, stops[1:]):
            self.line(names[a], names[z], (a, bus_t), (z, bus_t))
        for item, off in items:
            b = round(at + off, 2)
            if isinstance(item, _Spine):
                continue  # the spine starts at its bus junction
            top = p.centre_depth(item) - p.span[item][1] / 2
            self.line(names[b], item, (b, bus_t), (b, top))
        self._bus_names = names

    def trunks(self, node: str, at: float, block: _Block) -> None:
        """From the manager (through a bus when there are several) a line down each trunk, a stub to each report."""
        p = self.p
        trunks = block.trunks
        self.kid_at = {k: at + off for k, off in block.items if isinstance(k, str)}
        stem: tuple[str, tuple[float, float]] = (node, (at, p.centre_depth(node) + p.span[node][1] / 2))
        if len(trunks) == 1:
            self.trunk(node, stem, at, trunks[0][1], "")
            return
        lv = p.level[node]
        bus_t = p.top[lv] + p.extent[lv] + LEVEL_GAP / 2
        stops = sorted({round(at, 2)} | {round(at + off, 2) for off, _ in trunks})
        names = {b: self.junction(f"{node}_wbus{i}", b, bus_t) for i, b in enumerate(stops)}
        self.line(node, names[round(at, 2)], stem[1], (round(at, 2), bus_t))
        for a, z in zip(stops, stops[1:]):
            self.line(names[a], names[z], (a, bus_t), (z, bus_t))
        for t, (off, kids) in enumerate(trunks):
            b = round(at + off, 2)
            self.trunk(node, (names[b], (b, bus_t)), b, kids, str(t))

    def trunk(self, node: str, here: tuple[str, tuple[float, float]], at: float, kids: list[str], tag: str) -> None:
        """A line down from `here`, a junction level with each row of reports, a stub to each report's side.

        Where a row has reports on both sides of the trunk, the left stubs sit a little above the row's centre
        and the right ones a little below, so no stub lines up with one across the trunk: two cards either
        side of a trunk must not read as joined to each other.
        """
        p = self.p
        stops: dict[float, list[str]] = {}
        for depth in sorted({p.centre_depth(k) for k in kids}):
            row = [k for k in kids if abs(p.centre_depth(k) - depth) < 0.01]
            both = any(self.kid_at[k] < at for k in row) and any(self.kid_at[k] > at for k in row)
            nudge = min(p.span[k][1] for k in row) * STUB_STAGGER if both else 0.0
            for kid in row:
                stops.setdefault(depth + (nudge if self.kid_at[kid] > at else -nudge), []).append(kid)
        for i, depth in enumerate(sorted(stops)):
            name = self.junction(f"{node}_trunk{tag}{'x' if tag else ''}{i}", at, depth)
            self.line(here[0], name, here[1], (at, depth))
            here = (name, (at, depth))
            for kid in stops[depth]:
                centre = self.kid_at[kid]
                side = centre + (p.span[kid][0] / 2 if centre < at else -p.span[kid][0] / 2)
                self.line(name, kid, (at, depth), (side, depth))

    def spine(self, node: str, s: float, spine: _Spine) -> None:
        """A line down the spine, a stub to each leaf's side; facing leaves' stubs staggered as off a trunk."""
        p = self.p
        joint = self._bus_names[round(s, 2)]
        here = (round(s, 2), p.top[p.level[node]] + p.extent[p.level[node]] + LEVEL_GAP / 2)
        first = spine.leaves[0]
        stops: list[tuple[float, str, float, float]] = []  # stub depth, leaf, leaf centre, leaf side
        for i, depth in enumerate(spine.centres):
            row = [*spine.left[i:i + 1], *spine.right[i:i + 1]]
            nudge = min(p.span[k][1] for k in row) * STUB_STAGGER if len(row) == 2 else 0.0
            if i < len(spine.left):
                leaf = spine.left[i]
                centre = s - SPINE_GAP - spine.left_width / 2
                stops.append((depth - nudge, leaf, centre, centre + p.span[leaf][0] / 2))
            if i < len(spine.right):
                leaf = spine.right[i]
                centre = s + SPINE_GAP + spine.right_width / 2
                stops.append((depth + nudge, leaf, centre, centre - p.span[leaf][0] / 2))
            for k, (at, leaf, centre, side) in enumerate(stops[-len(row):]):
                self.card(leaf, centre, depth)
                name = self.junction(f"{node}_spine{first}_{i}{'_b' if k else ''}", s, at)
                self.line(joint, name, here, (s, at))
                joint, here = name, (s, at)
                self.line(name, leaf, (s, at), (side, at))

    def finish(self) -> Placed:
        return self.placed
