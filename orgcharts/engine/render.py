"""DOT -> SVG / PNG / PDF bytes with the Graphviz bundled in pygraphviz's wheel, in process."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from .gvengine import Layout, diagnostics, font_config, load_engine, reported, session
from .kept import take
from ..options import FORMATS, PNG_SCALE, Look
from ..draw.pdf import stable_pdf
from ..layout.scene import SCENE, scene_bytes, scene_from_json
from ..draw.svg import unscale

__all__ = ["FORMATS", "FITS", "Look", "Drawn", "render", "font_config", "load_engine", "png_dpi", "fit_pad",
           "diagnostics", "SCENE"]

VECTOR_DPI = 72  # SVG and PDF in points, as authored
MAX_PNG_SIDE = 8192  # pixels; a bigger chart's PNG is drawn at less than 2x (cairo stops at 32767)


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


class _Drawing:
    """One Graphviz layout of a chart, framed and rendered to as many formats as wanted."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.plain = layout.data("plain")
        self.pad = float((layout.get("pad") or b"0.0555").split(b",")[0])

    def canvas(self, look: Look) -> tuple[float, float]:
        """The drawn canvas in inches, margins included, as `render` will frame it."""
        width, height = _size(self.plain)
        px, py = fit_pad(self.plain, self.pad, look.fit)
        return width + 2 * px, height + 2 * py

    def frame(self, look: Look) -> tuple[float, float]:
        """Set the padding and background (read when rendering, so one layout serves every framing);
        the padding in inches, as set."""
        px, py = (round(p, 4) for p in fit_pad(self.plain, self.pad, look.fit))  # as Graphviz reads it back
        self.layout.set("pad", f"{px:.4f},{py:.4f}")
        if look.background:
            self.layout.set("bgcolor", look.background)
        # The PDF device adds a 36 pt margin of its own around the padded canvas; without it the
        # PDF is the size of the SVG, and a fitted PDF has the exact ratio.
        self.layout.set("margin", "0")
        return px, py

    def render(self, formats: Sequence[str], look: Look) -> dict[str, bytes]:
        self.frame(look)
        out: dict[str, bytes] = {}
        for fmt in sorted(formats, key=lambda f: f != "svg"):  # the SVG first: it gives the PNG its size
            out[fmt] = self._png(out.get("svg")) if fmt == "png" else self.layout.data(fmt)
        return {fmt: out[fmt] for fmt in formats}

    def _png(self, svg: bytes | None) -> bytes:
        """The PNG: Graphviz draws it, raster.draw_png encodes it (the same pixels, in less time
        and fewer bytes); Graphviz's own PNG where that cannot be done."""
        from ..draw.png import canvas_pixels, draw_png  # ctypes and threads: only when a PNG is wanted

        layout = self.layout
        if layout.get("bgcolor"):  # the device drawn through paints no default white
            png = draw_png(layout.gvc, layout.graph, canvas_pixels(svg or layout.data("svg")))
            if png is not None:
                return png
        return layout.data("png")


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


def _capped_png(dot: str, look: Look, dpi: int) -> bytes:
    """The PNG of a chart too large for `scale` times, laid out again at the resolution that fits
    (only where Graphviz's resolution cannot be changed on the layout already made)."""
    layout = Layout(dot, dpi)
    for _ in range(4):  # a layout at a lower resolution may come out a little larger
        drawing = _Drawing(layout)
        lower = png_dpi(drawing.plain, look.scale, drawing.canvas(look))
        if lower >= dpi:
            break
        layout.close()
        dpi, layout = lower, Layout(dot, lower)
    try:
        return _Drawing(layout).render(["png"], look)["png"]
    finally:
        layout.close()


def _draw(layout: Layout, formats: Sequence[str], look: Look) -> dict[str, bytes]:
    """Every format asked for, from the one layout: SVG and PNG at its resolution (a PNG past
    MAX_PNG_SIDE at a lower one), the PDF in points, and the Scene the native deck reads.
    A PNG or PDF whose resolution could not be changed on the layout is left out (see `render`)."""
    drawing = _Drawing(layout)
    dpi = layout.dpi or VECTOR_DPI
    capped = png_dpi(drawing.plain, look.scale, drawing.canvas(look))
    done = drawing.render([f for f in formats if f == "svg" or (f == "png" and capped >= dpi)], look)
    if "svg" in done:
        done["svg"] = unscale(done["svg"], dpi / VECTOR_DPI)
    for fmt, at in (("png", capped), ("pdf", VECTOR_DPI)):
        if fmt not in formats or fmt in done:
            continue
        # Graphviz fixes the resolution when it lays out, yet places everything in points: the
        # resolution is changed on this layout for the drawing (the PDF is then byte for byte the
        # one a layout at 72 dpi gives). An SVG never depends on whether a PNG was asked for.
        with layout.drawn_at(at) as changed:
            if changed:
                done[fmt] = drawing.render([fmt], look)[fmt]
    if SCENE in formats:
        px, py = drawing.frame(look)
        width, height = drawing.canvas(look)  # in whole points: the SVG's and the PDF's size
        done[SCENE] = scene_bytes(scene_from_json(json.loads(layout.data("json")), (px * VECTOR_DPI, py * VECTOR_DPI),
                                                  (width * VECTOR_DPI, height * VECTOR_DPI)))
    return done


def _apart_pdf(dot: str, look: Look) -> bytes:
    with Layout(dot, VECTOR_DPI) as layout:
        return _Drawing(layout).render(["pdf"], look)["pdf"]


@contextmanager
def _layout(dot: str, dpi: int) -> Iterator[tuple[Layout, tuple[str, ...]]]:
    """The layout of `dot` at `dpi`, with the warnings Graphviz printed making it: the one planning
    kept when it measured this DOT (`engine.kept`), else a new one; freed after the block."""
    kept = take(dot)
    if kept is not None and kept.layout.at_dpi(dpi):
        layout, earlier = kept.resume(), kept.warnings
        if kept.errors:
            layout.close()
            raise reported(kept.errors)
    else:
        if kept is not None:
            kept.layout.close()
        layout, earlier = Layout(dot, dpi), ()
    try:
        yield layout, earlier
    finally:
        layout.close()


def render(dot: str, formats: Sequence[str], look: Look = Look()) -> Drawn:
    """Render `dot` to each format (and the Scene, with SCENE among them) from one layout (the one
    planning made when it measured this DOT, if it did); DOT as is.

    A Graphviz `Error:` is a RenderError with its message; its warnings come back on the result.
    """
    unknown = [f for f in formats if f not in (*FORMATS, SCENE)]
    if unknown:
        raise ValueError(f"unknown format '{unknown[0]}'; must be one of [{', '.join(FORMATS)}]")
    out: dict[str, bytes] = {}
    if "dot" in formats:
        out["dot"] = dot.encode("utf-8")
    drawn = [f for f in formats if f != "dot"]
    warnings: tuple[str, ...] = ()
    if drawn:
        # The resolution of the SVG and PNG (they match to the pixel; the SVG is then brought back to
        # points); a PDF alone is laid out in points.
        dpi = VECTOR_DPI if drawn == ["pdf"] else int(VECTOR_DPI * look.scale)
        with session() as printed:
            with _layout(dot, dpi) as (layout, earlier):
                out.update(_draw(layout, drawn, look))
            # Only where Graphviz's resolution could not be changed on the layout (never seen with
            # the bundled Graphviz), and after it is freed: one Graphviz layout at a time.
            if "png" in drawn and "png" not in out:
                out["png"] = _capped_png(dot, look, dpi)
            if "pdf" in drawn and "pdf" not in out:
                out["pdf"] = _apart_pdf(dot, look)
        warnings = tuple(dict.fromkeys((*earlier, *printed.warnings)))
    if "pdf" in out:
        out["pdf"] = stable_pdf(out["pdf"])
    result = Drawn({f: out[f] for f in formats})
    result.diagnostics = warnings
    return result
