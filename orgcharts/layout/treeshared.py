"""What every stacking shape of one tree's cards shares, made once for them all: order, spans, levels, spines."""

from __future__ import annotations

from collections.abc import Callable

from .treemodel import SPINE_GAP, STACK_GAP, Contour, Tree, _Spine

__all__ = ["_Shared", "_Run"]

_Run = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], float, float]  # a spine's leaves, columns, widths


class _Shared:
    """What placing a tree reads of its cards alone, the same in every stacking shape (and one direction)."""

    def __init__(self, tree: Tree) -> None:
        lr = tree.direction == "LR"
        # Breadth and depth extent of each card.
        self.span = {k: ((h, w) if lr else (w, h)) for k, (w, h) in tree.sizes.items()}
        order: list[str] = []  # every line-manager-reachable node, depth first in spec order
        stack = list(reversed(tree.roots))
        reports = tree.reports
        while stack:
            node = stack.pop()
            order.append(node)
            kids = reports.get(node)
            if kids:
                stack.extend(reversed(kids))
        self.order = order
        self._levels: dict[str, int] | None = None
        self._spines: dict[tuple[tuple[str, ...], tuple[str, ...], float], tuple[Contour, list[float]]] = {}
        self._plans: dict[tuple[str, int, int], tuple[str | _Run, ...]] = {}

    def levels(self, tree: Tree) -> dict[str, int]:
        """Each card's level when no manager's reports are wrapped (`_Placer._levels`): a report one below its
        manager, an assistant beside it."""
        if self._levels is None:
            level = self._levels = {}
            for root in tree.roots:
                level[root] = 0
            for node in self.order:  # parents before children
                lv = level[node]
                for aide in tree.assistants.get(node, ()):
                    level[aide] = lv
                for kid in tree.reports.get(node, ()):
                    level[kid] = lv + 1
        return self._levels

    def plan(self, node: str, kids: list[str], rows: int, sides: int,
             is_leaf: Callable[[str], bool]) -> tuple[str | _Run, ...]:
        """A wide manager's reports as `_Placer._items` gathers them, `rows` a spine column on `sides` sides: each
        report on its own, or a run of leaves (its columns and their widths) for a spine."""
        key = (node, rows, sides)
        found = self._plans.get(key)
        if found is not None:
            return found
        items: list[str | _Run] = []
        run: list[str] = []

        def flush() -> None:
            if len(run) < sides + 1:
                items.extend(run)
            else:
                for start in range(0, len(run), sides * rows):
                    chunk = run[start:start + sides * rows]
                    # A lone leaf left over drops straight from the bus, not off a spine of its own.
                    items.extend(chunk) if len(chunk) == 1 else items.append(self._run(chunk, sides))
            run.clear()

        for kid in kids:
            if is_leaf(kid):
                run.append(kid)
            else:
                flush()
                items.append(kid)
        flush()
        found = self._plans[key] = tuple(items)
        return found

    def _run(self, leaves: list[str], sides: int) -> _Run:
        half = (len(leaves) + 1) // 2 if sides == 2 else 0
        left, right = leaves[:half], leaves[half:]
        return (tuple(leaves), tuple(left), tuple(right), max((self.span[k][0] for k in left), default=0.0),
                max((self.span[k][0] for k in right), default=0.0))

    def spine(self, spine: _Spine, top: float) -> Contour:
        """The contour of a spine whose first row starts at depth `top`, its rows' centres set on it; a copy
        each time (the caller merges into it)."""
        key = (tuple(spine.left), tuple(spine.right), top)
        found = self._spines.get(key)
        if found is None:
            found = self._spines[key] = self._spine(spine, top)
        spine.centres = list(found[1])
        return dict(found[0])

    def _spine(self, spine: _Spine, top: float) -> tuple[Contour, list[float]]:
        contour: Contour = {}
        centres: list[float] = []
        rows = max(len(spine.left), len(spine.right))
        depth = top
        for i in range(rows):
            pair = [k for k in (spine.left[i:i + 1] + spine.right[i:i + 1])]
            tall = max(self.span[k][1] for k in pair)
            centres.append(depth + tall / 2)
            lo = -(SPINE_GAP + spine.left_width) if i < len(spine.left) else -1.0
            hi = SPINE_GAP + spine.right_width if i < len(spine.right) else 1.0
            contour[(depth, depth + tall)] = (lo, hi)
            if i + 1 < rows:
                contour[(depth + tall, depth + tall + STACK_GAP)] = (-1.0, 1.0)
            depth += tall + STACK_GAP
        return contour, centres
