"""DOT -> SVG / PNG / PDF bytes with the Graphviz bundled in pygraphviz's wheel, in process."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from typing import Any

from .errors import RenderError
from .fontsetup import font_config
from .options import FORMATS, PNG_SCALE, Look
from .pdf import stable_pdf
from .svg import unscale
from .cstderr import captured_stderr

__all__ = ["FORMATS", "FITS", "Look", "Drawn", "render", "font_config", "load_engine", "png_dpi", "fit_pad",
           "diagnostics"]

VECTOR_DPI = 72  # SVG and PDF in points, as authored
MAX_PNG_SIDE = 8192  # pixels; a bigger chart's PNG is drawn at less than 2x (cairo stops at 32767)


_graphviz: Any = None


def load_engine() -> None:
    """Load the bundled Graphviz now (workers forked afterwards start with it loaded)."""
    _engine()


def _engine() -> Any:
    """Import pygraphviz on first use: its shared libraries take ~140 ms to load."""
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


class Drawn(dict[str, bytes]):
    """A chart's bytes by format, with the warnings Graphviz printed while drawing it."""

    diagnostics: tuple[str, ...] = ()


def _size(plain: bytes) -> tuple[float, float]:
    """The drawing's width and height in inches, from Graphviz's `plain` output (`graph 1 W H`)."""
    _, _, width, height = plain.split(b"\n", 1)[0].split()[:4]
    return float(width), float(height)


FITS = {"none": None, "16:9": (16, 9), "4:3": (4, 3), "a4": (297, 210)}


def fit_pad(plain: bytes, pad: float, fit: str) -> tuple[float, float]:
    """Horizontal and vertical padding (inches) that bring the drawing to the aspect `fit`.

    The drawing is never scaled: only the margins grow, so it sits centred.
    >>> [round(p, 3) for p in fit_pad(b"graph 1 8 2\\n", 0.5, "16:9")]  # 9 x 3 in -> 656 x 369 pt
    [0.556, 1.562]
    >>> [round(p, 3) for p in fit_pad(b"graph 1 1 4\\n", 0.5, "4:3")]  # 2 x 5 in -> 480 x 360 pt
    [2.833, 0.5]
    """
    ratio = FITS[fit]
    width, height = _size(plain)
    # Work in whole points so the canvas lands on the exact ratio after Graphviz rounds it, and
    # every format (the PDF rounds its page to whole points) has the same size.
    w, h = math.ceil((width + 2 * pad) * 72 - 1e-6), math.ceil((height + 2 * pad) * 72 - 1e-6)
    if ratio is None:
        return (w / 72 - width) / 2, (h / 72 - height) / 2
    rw, rh = ratio
    units = max(-(-w // rw), -(-h // rh))
    return (units * rw / 72 - width) / 2, (units * rh / 72 - height) / 2


class _Layout:
    """One Graphviz layout of the DOT at a resolution, rendered to as many formats as wanted."""

    def __init__(self, pgv: Any, dot: str, dpi: int) -> None:
        try:
            self._agraph = pgv.AGraph(string=dot)
        except Exception as exc:  # pygraphviz raises DotError, or ValueError on an empty graph
            raise RenderError(f"Graphviz could not read the generated DOT ({exc})") from None
        self._gv, self._graph = pgv.graphviz, self._agraph.handle
        self._gvc = self._gv.gvContextWithBuiltins()
        self._gv.agattr(self._graph, 0, b"dpi", str(dpi).encode())
        if self._gv.gvLayout(self._gvc, self._graph, b"dot") != 0:
            self._gv.gvFreeContext(self._gvc)
            raise RenderError("Graphviz layout failed")
        self.plain = self._data("plain")
        self.pad = float((self._gv.agget(self._graph, b"pad") or b"0.0555").split(b",")[0])

    def canvas(self, look: Look) -> tuple[float, float]:
        """The drawn canvas in inches, margins included, as `render` will frame it."""
        width, height = _size(self.plain)
        px, py = fit_pad(self.plain, self.pad, look.fit)
        return width + 2 * px, height + 2 * py

    def _data(self, fmt: str) -> bytes:
        err, data = self._gv.gvRenderData(self._gvc, self._graph, fmt.encode())
        if err:
            raise RenderError(f"Graphviz could not render {fmt}")
        return bytes(data)

    def render(self, formats: Sequence[str], look: Look) -> dict[str, bytes]:
        # Padding and background are read when rendering, so one layout serves every framing.
        px, py = fit_pad(self.plain, self.pad, look.fit)
        self._gv.agattr(self._graph, 0, b"pad", f"{px:.4f},{py:.4f}".encode())
        if look.background:
            self._gv.agattr(self._graph, 0, b"bgcolor", look.background.encode())
        # The PDF device adds a 36 pt margin of its own around the padded canvas; without it the
        # PDF is the size of the SVG, and a fitted PDF has the exact ratio.
        self._gv.agattr(self._graph, 0, b"margin", b"0")
        out: dict[str, bytes] = {}
        for fmt in sorted(formats, key=lambda f: f != "svg"):  # the SVG first: it gives the PNG its size
            out[fmt] = self._png(out.get("svg")) if fmt == "png" else self._data(fmt)
        return {fmt: out[fmt] for fmt in formats}

    def _png(self, svg: bytes | None) -> bytes:
        """The PNG: Graphviz draws it, raster.draw_png encodes it (the same pixels, in less time
        and fewer bytes); Graphviz's own PNG where that cannot be done."""
        from .raster import canvas_pixels, draw_png  # ctypes and threads: only when a PNG is wanted

        if self._gv.agget(self._graph, b"bgcolor"):  # the device drawn through paints no default white
            png = draw_png(self._gvc, self._graph, canvas_pixels(svg or self._data("svg")))
            if png is not None:
                return png
        return self._data("png")

    def close(self) -> None:
        self._gv.gvFreeLayout(self._gvc, self._graph)
        self._gv.gvFreeContext(self._gvc)


def png_dpi(plain: bytes, scale: float = PNG_SCALE, canvas: tuple[float, float] | None = None) -> int:
    """The PNG resolution: `scale` times, unless the longer side of the canvas (the drawing and its
    margins, `canvas` in inches; else the drawing alone) would pass MAX_PNG_SIDE pixels.

    >>> png_dpi(b"graph 1 10 5\\n")
    144
    >>> png_dpi(b"graph 1 200 50\\n")
    40
    >>> png_dpi(b"graph 1 56.8 5\\n", canvas=(56.95, 5.12))  # 56.8 in fits at 144 dpi, not its margins
    143
    >>> png_dpi(b"graph 1 10 5\\n", scale=3)
    216
    """
    longest = max(*(canvas or _size(plain)), 1.0)
    # Graphviz sizes the bitmap as round(canvas in points x dpi / 72); the canvas is in whole points.
    points = math.ceil(longest * VECTOR_DPI - 1e-6)
    return max(1, min(int(VECTOR_DPI * scale), MAX_PNG_SIDE * VECTOR_DPI // points))


def _capped_png(pgv: Any, dot: str, look: Look, dpi: int) -> bytes:
    """The PNG of a chart too large for `scale` times, laid out at the resolution that fits."""
    layout = _Layout(pgv, dot, dpi)
    for _ in range(4):  # a layout at a lower resolution may come out a little larger
        lower = png_dpi(layout.plain, look.scale, layout.canvas(look))
        if lower >= dpi:
            break
        layout.close()
        dpi, layout = lower, _Layout(pgv, dot, lower)
    try:
        return layout.render(["png"], look)["png"]
    finally:
        layout.close()


def render(dot: str, formats: Sequence[str], look: Look = Look()) -> Drawn:
    """Render `dot` to each format: SVG and PNG from one layout, PDF from one in points; DOT as is.

    A Graphviz `Error:` is a RenderError with its message; its warnings come back on the result.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format '{unknown[0]}'; must be one of [{', '.join(FORMATS)}]")
    out: dict[str, bytes] = {}
    if "dot" in formats:
        out["dot"] = dot.encode("utf-8")
    drawn = [f for f in formats if f in ("svg", "png")]
    if not drawn and "pdf" not in formats:
        return Drawn(out)
    pgv = _engine()
    failure: RenderError | None = None
    with captured_stderr() as errors:
        try:
            if drawn:
                # SVG and PNG come from one layout at `scale` times, so they match to the pixel; the
                # SVG is then brought back to points. Graphviz fixes the resolution at layout time,
                # so a PNG that would pass MAX_PNG_SIDE is laid out again, alone, at a lower one: an
                # SVG never depends on whether a PNG was asked for, and -f svg lays out once.
                dpi = int(VECTOR_DPI * look.scale)
                layout = _Layout(pgv, dot, dpi)
                try:
                    capped = png_dpi(layout.plain, look.scale, layout.canvas(look))
                    done = layout.render([f for f in drawn if f != "png" or capped >= dpi], look)
                finally:
                    layout.close()
                if "svg" in done:
                    done["svg"] = unscale(done["svg"], dpi / VECTOR_DPI)
                if "png" in drawn and "png" not in done:
                    done["png"] = _capped_png(pgv, dot, look, capped)
                out.update({f: done[f] for f in drawn})
            if "pdf" in formats:
                layout = _Layout(pgv, dot, VECTOR_DPI)
                try:
                    out.update(layout.render(["pdf"], look))
                finally:
                    layout.close()
        except RenderError as exc:
            failure = exc
    failed, warned = diagnostics(errors[0])
    if failure is not None:
        detail = "; ".join(failed[:5] or warned[:5])
        raise RenderError(f"{failure}: {detail}" if detail else str(failure))
    if failed:
        more = f" (and {len(failed) - 5} more)" if len(failed) > 5 else ""
        raise RenderError("Graphviz reported an error: " + "; ".join(failed[:5]) + more)
    if "pdf" in out:
        out["pdf"] = stable_pdf(out["pdf"])
    result = Drawn({f: out[f] for f in formats})
    result.diagnostics = tuple(dict.fromkeys(warned))
    return result
