"""A bounded memo kept for the life of the process, so a warm process (`watch`) reuses layouts it already found."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["Memo"]

V = TypeVar("V")


class Memo(Generic[V]):
    """Values by key, the least recently used dropped past `size` entries.

    A key must hold everything the value is computed from: a changed input is a new key, never a
    stale value.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._items

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        """The value under `key`, computed (and kept) when not known."""
        try:
            value = self._items[key]
        except KeyError:
            self.misses += 1
            value = compute()
            self._items[key] = value
            if len(self._items) > self.size:
                self._items.popitem(last=False)
            return value
        self.hits += 1
        self._items.move_to_end(key)
        return value

    def clear(self) -> None:
        """Forget every value."""
        self._items.clear()
        self.hits = self.misses = 0
