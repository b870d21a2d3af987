"""Split an org tree that cannot be read on one slide into pieces along its own subtrees (the org chart's split)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial

__all__ = ["Piece", "subtree", "split"]


@dataclass
class Piece:
    """One chart of a split org: its top roles, every role it draws, and the roles continued elsewhere."""

    roots: list[str]
    roles: list[str]
    cut: set[str] = field(default_factory=set)  # drawn here, their reports drawn in another piece
    stack_rows: int = 4
    levels: int = -1  # how far its reporting lines run below its roots (-1: not counted)


def subtree(reports: Mapping[str, Sequence[str]], assistants: Mapping[str, Sequence[str]], roots: Sequence[str],
            keep: int | None = None) -> Piece:
    """The roles under `roots`, down to `keep` levels below them (all when None); deeper ones are cut off."""
    roles: list[str] = []
    cut: set[str] = set()
    levels = 0  # the deepest report (an assistant sits beside its manager: no level of its own)
    stack = [(r, 0, 0) for r in reversed(roots)]
    while stack:
        node, depth, level = stack.pop()
        roles.append(node)
        levels = max(levels, level)
        aides, kids = assistants.get(node, ()), reports.get(node, ())
        if keep is not None and depth >= keep and (aides or kids):
            cut.add(node)
            continue
        stack.extend((k, depth + 1, level + 1) for k in reversed(kids))
        stack.extend((k, depth + 1, level) for k in reversed(aides))
    return Piece(list(roots), roles, cut, levels=levels)


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
          assess: Assess, min_fill: float = 0.7, strict: bool = False, min_roles: int = 1,
          levels: int | None = None) -> list[Piece]:
    """Pieces that are each readable on a slide: the upper levels first, then the subtrees they continue into.

    The top piece keeps as many levels as stay readable (fewer when only fewer also cover
    `min_fill`); each role it cuts off is drawn again at the top of a later piece with its whole
    subtree. Neighbouring subtrees share a piece while it stays readable and either covers
    `min_fill` of the slide or covers more than without them. A later piece that is readable but
    covers less is cut again when every smaller piece then covers `min_fill`.
    `strict`: the whole chart must also cover `min_fill` to stay in one piece.
    `min_roles`: no piece of a split holds fewer roles (a split exists because a chart is dense, so
    a sliver of a manager and one report is never wanted): small neighbours share a piece, a top
    piece keeps more levels, and a subtree that cannot be cut into such pieces stays whole.
    `levels`: a bound the caller guarantees: no piece whose reports run more than this many levels
    below its roots is readable. Such pieces are judged unreadable unseen, and the top piece's levels
    are tried from there down, so a deep chain splits in time linear in its roles, not cubic.
    """
    if levels is not None:
        assess = partial(_bounded, assess, levels)
    return _split(reports, assistants, list(whole.roots), assess, min_fill, strict, whole=True, min_roles=min_roles,
                  levels=levels)


def _bounded(assess: Assess, levels: int, piece: Piece) -> tuple[bool, float]:
    """`assess`, except that a piece deeper than `levels` is unreadable without asking."""
    return (False, 0.0) if piece.levels > levels else assess(piece)


def _split(reports: Mapping[str, Sequence[str]], assistants: Mapping[str, Sequence[str]], roots: list[str],
           assess: Assess, min_fill: float, strict: bool = False, whole: bool = False,
           min_roles: int = 1, levels: int | None = None) -> list[Piece]:
    full = subtree(reports, assistants, roots)
    if whole is False and len(full.roles) < 2 * min_roles and _readable(assess, full):
        return [full]  # too small to cut into two pieces that are not slivers
    readable, fill = assess(full)
    if readable and (fill >= min_fill or (whole and not strict)):
        return [full]  # (the whole org readable in one chart is split only when `strict`)
    if readable and not strict:
        # A later piece readable but a strip: smaller pieces instead, when each of them fills the slide.
        finer = _split(reports, assistants, roots, assess, min_fill, strict=True, min_roles=min_roles, levels=levels)
        if len(finer) > 1 and all(assess(p)[0] and assess(p)[1] >= min_fill and len(p.roles) >= min_roles
                                  for p in finer):
            return finer
        return [full]
    top: Piece | None = None
    for keep in range(_height(reports, assistants, roots) - 1, 0, -1):
        if levels is not None and min(keep, full.levels) > levels:
            continue  # deeper than any readable piece (`_bounded` would say so, after building it)
        candidate = subtree(reports, assistants, roots, keep)
        readable, fill = assess(candidate)
        if readable and top is None:
            top = candidate  # the most levels that stay readable, unless fewer also fill the slide
        if readable and fill >= min_fill and len(candidate.roles) >= min_roles:
            top = candidate
            break
    if top is None:
        if len(roots) > 1:
            half = len(roots) // 2
            return (_split(reports, assistants, roots[:half], assess, min_fill, min_roles=min_roles, levels=levels)
                    + _split(reports, assistants, roots[half:], assess, min_fill, min_roles=min_roles, levels=levels))
        # One manager whose direct reports alone do not fit: draw the manager, then the reports in groups.
        top = subtree(reports, assistants, roots, 0)
    pieces = [top]
    continued = [r for r in top.roles if r in top.cut]
    below = [k for r in continued for k in [*assistants.get(r, ()), *reports.get(r, ())]] \
        if top.roles == roots else continued
    groups: list[list[str]] = []
    group: list[str] = []
    for node in below:
        if group:
            readable, fill = assess(subtree(reports, assistants, [*group, node]))
            small = len(subtree(reports, assistants, group).roles) < min_roles
            if readable and (fill >= min_fill or small or fill > assess(subtree(reports, assistants, group))[1]):
                group.append(node)
                continue
            groups.append(group)
        group = [node]
    if group:
        groups.append(group)
    while len(groups) > 1 and len(groups[-2]) > 1:
        # A last group too small or short of the slide takes subtrees from the one before, while both then fill.
        last = subtree(reports, assistants, groups[-1])
        readable, fill = assess(last)
        if readable and fill >= min_fill and len(last.roles) >= min_roles:
            break
        before, after = groups[-2][:-1], [groups[-2][-1], *groups[-1]]
        readable_before, fill_before = assess(subtree(reports, assistants, before))
        readable_after, fill_after = assess(subtree(reports, assistants, after))
        if not (readable_before and readable_after and fill_before >= min_fill and fill_after > fill):
            break
        groups[-2:] = [before, after]
    if len(groups) > 1 and len(subtree(reports, assistants, groups[-1]).roles) < min_roles:
        merged = subtree(reports, assistants, [*groups[-2], *groups[-1]])
        if _readable(assess, merged):
            groups[-2:] = [[*groups[-2], *groups[-1]]]  # a small last group joins the one before it
    for group in groups:
        pieces += _split(reports, assistants, group, assess, min_fill, min_roles=min_roles, levels=levels)
    return pieces


def _readable(assess: Assess, piece: Piece) -> bool:
    """Whether `piece` is readable on a slide in some shape."""
    return assess(piece)[0]
