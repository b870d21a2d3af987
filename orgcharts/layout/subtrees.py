"""Split an org tree that cannot be read on one slide into pieces along its own subtrees (the org chart's split)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["Piece", "subtree", "split"]


@dataclass
class Piece:
    """One chart of a split org: its top roles, every role it draws, and the roles continued elsewhere."""

    roots: list[str]
    roles: list[str]
    cut: set[str] = field(default_factory=set)  # drawn here, their reports drawn in another piece
    stack_rows: int = 4


def subtree(reports: Mapping[str, Sequence[str]], assistants: Mapping[str, Sequence[str]], roots: Sequence[str],
            keep: int | None = None) -> Piece:
    """The roles under `roots`, down to `keep` levels below them (all when None); deeper ones are cut off."""
    roles: list[str] = []
    cut: set[str] = set()
    stack = [(r, 0) for r in reversed(roots)]
    while stack:
        node, depth = stack.pop()
        roles.append(node)
        below = list(assistants.get(node, ())) + list(reports.get(node, ()))
        if keep is not None and depth >= keep and below:
            cut.add(node)
            continue
        stack.extend((k, depth + 1) for k in reversed(below))
    return Piece(list(roots), roles, cut)


def _height(reports: Mapping[str, Sequence[str]], assistants: Mapping[str, Sequence[str]],
            roots: Sequence[str]) -> int:
    deepest = 0
    stack = [(r, 0) for r in roots]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((k, depth + 1) for k in [*assistants.get(node, ()), *reports.get(node, ())])
    return deepest


Assess = Callable[[Piece], tuple[bool, float]]  # a piece -> (readable on a slide, the share of it covered)


def split(reports: Mapping[str, Sequence[str]], assistants: Mapping[str, Sequence[str]], whole: Piece,
          assess: Assess, min_fill: float = 0.7, strict: bool = False) -> list[Piece]:
    """Pieces that are each readable on a slide: the upper levels first, then the subtrees they continue into.

    The top piece keeps as many levels as stay readable (fewer when only fewer also cover
    `min_fill`); each role it cuts off is drawn again at the top of a later piece with its whole
    subtree. Neighbouring subtrees share a piece while it stays readable and either covers
    `min_fill` of the slide or covers more than without them. A later piece that is readable but
    covers less is cut again when every smaller piece then covers `min_fill`.
    `strict`: the whole chart must also cover `min_fill` to stay in one piece.
    """
    return _split(reports, assistants, list(whole.roots), assess, min_fill, strict, whole=True)


def _split(reports: Mapping[str, Sequence[str]], assistants: Mapping[str, Sequence[str]], roots: list[str],
           assess: Assess, min_fill: float, strict: bool = False, whole: bool = False) -> list[Piece]:
    full = subtree(reports, assistants, roots)
    readable, fill = assess(full)
    if readable and (fill >= min_fill or (whole and not strict)):
        return [full]  # (the whole org readable in one chart is split only when `strict`)
    if readable and not strict:
        # A later piece readable but a strip: smaller pieces instead, when each of them fills the slide.
        finer = _split(reports, assistants, roots, assess, min_fill, strict=True)
        if len(finer) > 1 and all(assess(p)[0] and assess(p)[1] >= min_fill for p in finer):
            return finer
        return [full]
    top: Piece | None = None
    for keep in range(_height(reports, assistants, roots) - 1, 0, -1):
        candidate = subtree(reports, assistants, roots, keep)
        readable, fill = assess(candidate)
        if readable and top is None:
            top = candidate  # the most levels that stay readable, unless fewer also fill the slide
        if readable and fill >= min_fill:
            top = candidate
            break
    if top is None:
        if len(roots) > 1:
            half = len(roots) // 2
            return (_split(reports, assistants, roots[:half], assess, min_fill)
                    + _split(reports, assistants, roots[half:], assess, min_fill))
        # One manager whose direct reports alone do not fit: draw the manager, then the reports in groups.
        top = subtree(reports, assistants, roots, 0)
    pieces = [top]
    continued = [r for r in top.roles if r in top.cut]
    below = [k for r in continued for k in [*assistants.get(r, ()), *reports.get(r, ())]] \
        if top.roles == roots else continued
    group: list[str] = []
    for node in below:
        if group:
            readable, fill = assess(subtree(reports, assistants, [*group, node]))
            if readable and (fill >= min_fill or fill > assess(subtree(reports, assistants, group))[1]):
                group.append(node)
                continue
            pieces += _split(reports, assistants, group, assess, min_fill)
        group = [node]
    if group:
        pieces += _split(reports, assistants, group, assess, min_fill)
    return pieces
