"""The process's memos, registered in one place: a bounded `Memo`, memoised functions, and `forget_all`.

A warm process (`watch`) reuses layouts and measurements it already found. Every memo of the package
is registered here when it is made (a `Memo` registers itself; a memoised function is made with
`remembered`; any other table with `register`), so `forget_all()` drops every one of them: the test
suite starts each test with none, and a long-running process can free the memory, without a list
of memos kept by hand anywhere else.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import _lru_cache_wrapper, lru_cache
from typing import Generic, TypeVar

__all__ = ["Memo", "remembered", "register", "registered", "forget_all"]

V = TypeVar("V")
R = TypeVar("R")

_CLEARS: list[Callable[[], None]] = []  # each registered memo's way to forget, in the order they were made


def register(clear: Callable[[], None]) -> Callable[[], None]:
    """Register a memo by the call that empties it (`forget_all` calls it); returns `clear`."""
    _CLEARS.append(clear)
    return clear


def registered() -> tuple[Callable[[], None], ...]:
    """Every registered memo's clearing call (for the tests that hold every memo is registered)."""
    return tuple(_CLEARS)


def forget_all() -> None:
    """Empty every memo registered so far (those of modules not yet imported hold nothing)."""
    for clear in _CLEARS:
        clear()


def remembered(maxsize: int) -> Callable[[Callable[..., R]], _lru_cache_wrapper[R]]:
    """`functools.lru_cache(maxsize)`, registered: for pure functions of their arguments only."""

    def wrap(function: Callable[..., R]) -> _lru_cache_wrapper[R]:
        cached = lru_cache(maxsize=maxsize)(function)
        register(cached.cache_clear)
        return cached

    return wrap


class Memo(Generic[V]):
    """Values by key, the least recently used dropped past `size` entries; registered when made.

    A key must hold everything the value is computed from: a changed input is a new key, never a
    stale value. Make memos at module level: each one is registered for the life of the process.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self.hits = 0
        self.misses = 0
        register(self.clear)

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

