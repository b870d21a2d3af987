"""The slide-fit rule as plain math, and a DOT's drawn size measured in process (layout only).

A chart is fitted without distortion into a 1920x1080 slide (1 pt of the SVG is 1 px at scale 1).
It passes when it covers at least MIN_FILL of the slide and its smallest text, scaled with it, is
at least MIN_TEXT_PX pixels high. Layouts call `slide_fit` on sizes they predict or measure, and
`measure_dot` to ask Graphviz for a drawing's size without rendering it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..engine.gvengine import Layout, session
from .memo import Memo, remembered

__all__ = ["SLIDE_W", "SLIDE_H", "MIN_FILL", "MIN_TEXT_PX", "SlideFit", "slide_fit", "max_extent",
           "smallest_font", "measure_dot", "forget_measured", "DrawnSize"]

SLIDE_W, SLIDE_H = 1920.0, 1080.0
MIN_FILL = 0.70  # share of the slide a chart covers
MIN_TEXT_PX = 9.0  # smallest text on the slide, in pixels
DEFAULT_FONT_PT = 14.0  # Graphviz's size for text that names none


@dataclass(frozen=True)
class SlideFit:
    """How a w x h chart sits on the slide: its scale, the share it covers, its smallest text."""

    scale: float
    fill: float
    smallest_px: float

    @property
    def ok(self) -> bool:
        """True when the chart meets the slide rule (fill and smallest text)."""
        return self.fill >= MIN_FILL and self.smallest_px >= MIN_TEXT_PX


def slide_fit(width: float, height: float, smallest_pt: float) -> SlideFit:
    """The fit of a `width` x `height` chart (points) whose smallest text is `smallest_pt`.

    >>> f = slide_fit(1920, 1080, 11)
    >>> (f.scale, f.fill, f.smallest_px, f.ok)
    (1.0, 1.0, 11.0, True)
    >>> f = slide_fit(1000, 2000, 11)  # a portrait strip: scaled to 1080 px high
    >>> (round(f.scale, 3), round(f.fill, 3), round(f.smallest_px, 2), f.ok)
    (0.54, 0.281, 5.94, False)
    >>> slide_fit(0, 10, 11).ok
    False
    """
    if width <= 0 or height <= 0:
        return SlideFit(0.0, 0.0, 0.0)
    scale = min(SLIDE_W / width, SLIDE_H / height)
    fill = scale * scale * width * height / (SLIDE_W * SLIDE_H)
    return SlideFit(scale, fill, smallest_pt * scale)


def max_extent(smallest_pt: float) -> tuple[float, float]:
    """The largest width and height (points) at which text of `smallest_pt` stays readable.

    >>> max_extent(9)
    (1920.0, 1080.0)
    >>> [round(v) for v in max_extent(11)]
    [2347, 1320]
    """
    grow = smallest_pt / MIN_TEXT_PX
    return SLIDE_W * grow, SLIDE_H * grow


_FONTS = re.compile(r'POINT-SIZE="([0-9.]+)"[^>]*>(.*?)</FONT>', re.S)
_ATTRS = re.compile(r'\bfontsize="?([0-9.]+)')
_TAGS = re.compile(r"<[^>]*>|&#160;|&nbsp;")


def smallest_font(dot: str) -> float:
    """The smallest font size a DOT text names for visible text, else Graphviz's 14.

    Label fonts count when they hold text (a spacer of blanks does not); `fontsize` attributes count.
    >>> smallest_font('a [label=<<FONT POINT-SIZE="11">x</FONT><FONT POINT-SIZE="13"><B>y</B></FONT>>]')
    11.0
    >>> smallest_font('a [label=<<FONT POINT-SIZE="4">\u00a0</FONT><FONT POINT-SIZE="12">y</FONT>>]')
    12.0
    >>> smallest_font('a [fontsize=9.5]')
    9.5
    >>> smallest_font('a')
    14.0
    """
    lines = dot.split("\n")
    if all(map(_closes_on_line, lines)):
        # No match spans lines, so each line is read on its own (and a line seen before is remembered).
        fonts = [size for line in lines for size in _line_fonts(line)]
    else:
        fonts = _fonts(dot)
    sizes = fonts + ([float(v) for v in _ATTRS.findall(dot)] if "fontsize" in dot else [])
    return min(sizes) if sizes else DEFAULT_FONT_PT


def _closes_on_line(line: str) -> bool:
    """True when every font size the line names is followed, on the line, by its tag's end and a `</FONT>`."""
    last = line.rfind('POINT-SIZE="')
    if last < 0:
        return True
    end = line.find(">", last)
    return end >= 0 and line.find("</FONT>", end + 1) >= 0


def _fonts(text: str) -> list[float]:
    return [float(size) for size, body in _FONTS.findall(text) if _TAGS.sub("", body).strip()]


@remembered(16384)  # a pure function of the line: the same card in many drawings is read once
def _line_fonts(line: str) -> tuple[float, ...]:
    return tuple(_fonts(line))


@dataclass(frozen=True)
class DrawnSize:
    """A DOT's drawn size in points, padding included (the SVG's width and height), and its smallest text."""

    width: float
    height: float
    smallest_pt: float

    def fit(self) -> SlideFit:
        """How this drawing sits on the slide."""
        return slide_fit(self.width, self.height, self.smallest_pt)


# DOT text (its SHA-256) -> drawn size. Graphviz's layout is a function of the text alone in one
# process (one Graphviz, one shipped font), so a warm process (`watch`) re-measures only the pieces a
# save changed: at 100 roles the responsibilities view tries ~120 column flows, each a layout.
_MEASURED: Memo[DrawnSize] = Memo(4096)


def forget_measured() -> None:
    """Drop every size measured by this process (tests start without them)."""
    _MEASURED.clear()


def measure_dot(dot: str, keep: bool = True) -> DrawnSize:
    """Lay `dot` out with the bundled Graphviz, in process and with the shipped font, and read its size.

    Nothing is rendered: one `dot` layout, then its bounding box and padding, at 72 dpi; the layout
    is kept (`engine.kept`) so that the drawing chosen is rendered from it, not laid out again. A
    text this process measured before is answered from memory.
    """
    import hashlib

    return _MEASURED.get(hashlib.sha256(dot.encode("utf-8")).digest(), lambda: _measure_fresh(dot, keep))


def _measure_fresh(dot: str, kept: bool) -> DrawnSize:
    """Lay `dot` out and read its size; with `kept`, the layout is kept open for the render to draw from."""
    from ..engine.kept import keep

    with session(strict=False) as printed:
        layout = Layout(dot, 72, what="the DOT")
        bb = (layout.get("bb") or b"0,0,0,0").decode()
        pad_text = (layout.get("pad") or b"").decode()
    if kept:
        keep(dot, layout, printed.errors, printed.warnings)
    else:
        layout.close()
    x0, y0, x1, y1 = (float(v) for v in re.split(r"[, ]+", bb.strip()))
    pads = [float(v) * 72 for v in pad_text.split(",") if v.strip()] or [4.0]  # Graphviz's default 4 pt
    pad_x, pad_y = pads[0], pads[-1]
    return DrawnSize(x1 - x0 + 2 * pad_x, y1 - y0 + 2 * pad_y, smallest_font(dot))
