"""Layouts made while planning, kept open for the render to draw from: each chart laid out once.

The views choose between drawings by how Graphviz lays them out (`layout/fit.measure_dot`); the
drawing they choose is then rendered from that same layout, not laid out again. A layout is kept
under its DOT text's digest with what Graphviz printed while making it, and taken (once) by
`engine.render`. Worker processes forked after planning inherit the kept layouts; the planning
process frees its own copies when the render is done (`forget_kept`). Layouts never taken are
dropped, least recently kept first, past MAX_KEPT layouts or MAX_KEPT_BYTES of DOT text.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass

from .gvengine import Layout
from .gvstate import GlobalState, restore_state, save_state
from ..layout.memo import register

__all__ = ["Kept", "keep", "take", "drop", "forget_kept", "kept_count", "MAX_KEPT", "MAX_KEPT_BYTES"]

MAX_KEPT = 256  # layouts held open at once
MAX_KEPT_BYTES = 4 * 1024 * 1024  # and at most this much DOT text behind them (~15x that in Graphviz memory)


@dataclass(frozen=True)
class Kept:
    """A layout of a DOT text, and the errors and warnings Graphviz printed while laying it out."""

    layout: Layout
    errors: tuple[str, ...]
    warnings: tuple[str, ...]
    size: int  # bytes of DOT text
    state: GlobalState  # Graphviz's global settings as this layout left them

    def resume(self) -> Layout:
        """The layout, with Graphviz's global settings put back as it left them (then draw it at once)."""
        restore_state(self.state)
        return self.layout


_KEPT: OrderedDict[bytes, Kept] = OrderedDict()
_BYTES = [0]


def _key(dot: str) -> bytes:
    return hashlib.sha256(dot.encode("utf-8")).digest()


def keep(dot: str, layout: Layout, errors: tuple[str, ...] = (), warnings: tuple[str, ...] = ()) -> bool:
    """Keep `layout` (of `dot`, laid out last) open for the render; the oldest kept are freed past the
    limits. False, and the layout closed, where Graphviz's global settings cannot be saved."""
    state = save_state()
    if state is None:
        layout.close()
        return False
    key = _key(dot)
    old = _KEPT.pop(key, None)
    if old is not None:
        _release(old)
    _KEPT[key] = Kept(layout, tuple(errors), tuple(warnings), len(dot), state)
    _BYTES[0] += len(dot)
    while _KEPT and (len(_KEPT) > MAX_KEPT or _BYTES[0] > MAX_KEPT_BYTES):
        _release(_KEPT.popitem(last=False)[1])
    return True


def take(dot: str) -> Kept | None:
    """The kept layout of `dot`, handed over (the caller closes it), or None."""
    kept = _KEPT.pop(_key(dot), None)
    if kept is not None:
        _BYTES[0] -= kept.size
    return kept


def drop(dot: str) -> None:
    """Free the kept layout of `dot`, if any (a drawing planning measured and did not choose)."""
    kept = take(dot)
    if kept is not None:
        kept.layout.close()


def _release(kept: Kept) -> None:
    _BYTES[0] -= kept.size
    kept.layout.close()


def forget_kept() -> None:
    """Free every kept layout (this process's copies; a forked worker's are its own)."""
    while _KEPT:
        _release(_KEPT.popitem()[1])


def kept_count() -> int:
    """How many layouts are kept open now."""
    return len(_KEPT)


register(forget_kept)
