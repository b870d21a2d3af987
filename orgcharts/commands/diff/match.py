"""Pair the roles (and other items) of two versions of a spec: by id first, then by title."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from ...spec.models import OrgSpec

__all__ = ["normal", "pair", "match_roles"]

T = TypeVar("T")


def normal(text: str) -> str:
    """Text compared loosely: case, spacing and a final full stop do not count.

    >>> normal("  Runs  QA.") == normal("runs qa")
    True
    """
    return " ".join(text.lower().split()).rstrip(".")


def pair(old: Sequence[T], new: Sequence[T], *keys: Callable[[T], str]) -> dict[int, int]:
    """Old index -> new index: items matched by the first key, the rest by the next key, and so on.

    A key pairs items only while it is unambiguous on both sides (one item each).
    >>> pair(["a", "b"], ["B", "c"], str, str.lower)
    {1: 0}
    """
    found: dict[int, int] = {}
    for key in keys:
        taken = set(found.values())
        old_by: dict[str, list[int]] = {}
        new_by: dict[str, list[int]] = {}
        for i, item in enumerate(old):
            if i not in found:
                old_by.setdefault(key(item), []).append(i)
        for j, item in enumerate(new):
            if j not in taken:
                new_by.setdefault(key(item), []).append(j)
        for value, olds in old_by.items():
            news = new_by.get(value, [])
            if len(olds) == 1 and len(news) == 1:
                found[olds[0]] = news[0]
    return dict(sorted(found.items()))


def match_roles(old: OrgSpec, new: OrgSpec) -> dict[str, str]:
    """Old role id -> new role id for every role present in both: same id, else same title."""
    pairs = pair(old.roles, new.roles, lambda r: r.id, lambda r: normal(r.title))
    return {old.roles[i].id: new.roles[j].id for i, j in pairs.items()}
