"""Graphviz behind one door: the bundled library with the shipped font, one layout handle, one error text."""

from __future__ import annotations

import ctypes
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .cstderr import captured_stderr
from ..errors import RenderError
from .fonts import font_config

__all__ = ["load_engine", "engine", "diagnostics", "reported", "Session", "session", "Layout", "font_config"]

_graphviz: Any = None


def load_engine() -> None:
    """Load the bundled Graphviz now (workers forked afterwards start with it loaded)."""
    engine()


def engine() -> Any:
    """pygraphviz, imported on first use (its shared libraries take ~140 ms to load) with the shipped font."""
    global _graphviz
    if _graphviz is None:
        # Must be set before the bundled fontconfig initialises: the same metrics on every machine.
        os.environ["FONTCONFIG_FILE"] = font_config()
        import pygraphviz

        _graphviz = pygraphviz
    return _graphviz


_MESSAGE = re.compile(r"(Error|Warning):\s*(.*)")


def diagnostics(text: str) -> tuple[list[str], list[str]]:
    """Graphviz's errors and warnings in what it printed, one line each; fontconfig's noise dropped.

    >>> diagnostics("Warning: using box for unknown shape x\\nError: mismatched tag\\nin label of node a\\n")
    (['mismatched tag in label of node a'], ['using box for unknown shape x'])
    """
    errors: list[str] = []
    warnings: list[str] = []
    current: list[str] | None = None
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if "fontconfig" in line.lower():
            current = None
            continue
        match = _MESSAGE.match(line)
        if match:
            current = errors if match.group(1) == "Error" else warnings
            current.append(match.group(2))
        elif line and current is not None:
            current[-1] = f"{current[-1]} {line}".strip()
    return errors, warnings


def reported(errors: tuple[str, ...] | list[str]) -> RenderError:
    """The one error for the `Error:` lines Graphviz printed (the first five, and how many more).

    >>> str(reported(["a", "b"]))
    'Graphviz reported an error: a; b'
    """
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return RenderError("Graphviz reported an error: " + "; ".join(errors[:5]) + more)


@dataclass
class Session:
    """What Graphviz printed during a `session` block: its errors, and its warnings once each, in order."""

    warnings: tuple[str, ...] = field(default=())
    errors: tuple[str, ...] = field(default=())


@contextmanager
def session(strict: bool = True) -> Iterator[Session]:
    """Run Graphviz calls with its output kept off the terminal, and map it to one error text.

    A RenderError raised in the block comes out with Graphviz's first messages appended; with
    `strict`, an `Error:` Graphviz printed fails the block too. The warnings are on the Session.
    """
    result = Session()
    failure: RenderError | None = None
    with captured_stderr() as printed:
        try:
            yield result
        except RenderError as exc:
            failure = exc
    failed, warned = diagnostics(printed[0])
    result.warnings = tuple(dict.fromkeys(warned))
    result.errors = tuple(failed)
    if failure is not None:
        detail = "; ".join(failed[:5] or warned[:5])
        raise RenderError(f"{failure}: {detail}" if detail else str(failure)) from None
    if failed and strict:
        raise reported(failed)


# Where Graphviz keeps the resolution a layout was made at: GD_drawing(g)->dpi, a double 24 bytes
# into the layout_t that the root graph's record (Agraphinfo_t, after its 16-byte Agrec_t header)
# points to 16 bytes in; the record itself is the graph object's `data`, 16 bytes in (Agobj_t).
_DATA_AT, _DRAWING_AT, _DPI_AT = 16, 16, 24


class Layout:
    """One Graphviz layout of a DOT text (in the bundled library, under the caller's session),
    rendered to as many formats as wanted; close it (or use it in a `with`) to free it."""

    def __init__(self, dot: str, dpi: int | None = 72, algorithm: str = "dot",
                 what: str = "the generated DOT") -> None:
        pgv = engine()
        self.dot = dot
        try:
            self.agraph = pgv.AGraph(string=dot)
        except Exception as exc:  # pygraphviz raises DotError, or ValueError on an empty graph
            raise RenderError(f"Graphviz could not read {what} ({exc})") from None
        self.gv, self.graph = pgv.graphviz, self.agraph.handle
        self.gvc = self.gv.gvContextWithBuiltins()
        self.dpi = dpi
        if dpi is not None:
            self.gv.agattr(self.graph, 0, b"dpi", str(dpi).encode())
        if self.gv.gvLayout(self.gvc, self.graph, algorithm.encode()) != 0:
            self.gv.gvFreeContext(self.gvc)
            raise RenderError("Graphviz layout failed")

    def __enter__(self) -> Layout:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, name: str) -> bytes | None:
        """A root graph attribute as Graphviz holds it after layout (`bb`, `pad` ...)."""
        value = self.gv.agget(self.graph, name.encode())
        return bytes(value) if value else None

    def set(self, name: str, value: str) -> None:
        """Set a root graph attribute that rendering reads (`pad`, `bgcolor`, `margin`)."""
        self.gv.agattr(self.graph, 0, name.encode(), value.encode())

    def data(self, fmt: str) -> bytes:
        """The layout rendered to `fmt` (`svg`, `pdf`, `json`, `plain` ...)."""
        err, data = self.gv.gvRenderData(self.gvc, self.graph, fmt.encode())
        if err:
            raise RenderError(f"Graphviz could not render {fmt}")
        return bytes(data)

    def at_dpi(self, dpi: int) -> bool:
        """Draw from now on at `dpi`, as if laid out at it (Graphviz places everything in points, so
        the positions do not change); False, and nothing changed, where that cannot be done."""
        if dpi == self.dpi:
            return True
        slot = self._dpi_slot()
        if slot is None:
            return False
        slot.value = float(dpi)
        self.dpi = dpi
        self.set("dpi", str(dpi))
        return True

    def _dpi_slot(self) -> ctypes.c_double | None:
        if self.dpi is None:
            return None
        try:
            data = ctypes.c_void_p.from_address(int(self.graph) + _DATA_AT).value
            drawing = ctypes.c_void_p.from_address(data + _DRAWING_AT).value if data else None
        except (TypeError, ValueError, OSError):
            return None
        if not drawing:
            return None
        slot = ctypes.c_double.from_address(drawing + _DPI_AT)
        return slot if slot.value == float(self.dpi) else None  # not where we expect it: leave it be

    @contextmanager
    def drawn_at(self, dpi: int) -> Iterator[bool]:
        """Render in the block at `dpi` rather than the layout's own resolution (the positions do
        not change: Graphviz lays out in points); yields False where that cannot be done."""
        slot = self._dpi_slot()
        if slot is None or self.dpi is None:
            yield dpi == self.dpi
            return
        slot.value = float(dpi)
        try:
            yield True
        finally:
            slot.value = float(self.dpi)

    def close(self) -> None:
        self.gv.gvFreeLayout(self.gvc, self.graph)
        self.gv.gvFreeContext(self.gvc)
