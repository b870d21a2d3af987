"""The slide-fit rule as plain math, and a DOT's drawn size measured in process (layout only).

A chart is fitted without distortion into the box it gets on a 1920x1080 slide (1 pt of the SVG is
1 px at scale 1): the deck's chart area under its title band and note (draw/pptx/slidesize.py), so
every format splits as the deck needs. It passes when its shape covers at least MIN_FILL of a 16:9
slide and its smallest text, scaled into that box, is at least the rule's floor in pixels
(MIN_TEXT_PX, 4.5 pt on the slide, or `--min-text`). The rule in force is a `SlideRule`, set for a planning run with
`use_rule` (commands/pipeline.py does); changing it forgets every memo of the process, so no layout
decided under one rule is served under another. Layouts call `slide_fit` on sizes they predict or
measure, and `measure_dot` to ask Graphviz for a drawing's size without rendering it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..draw.pptx.slidesize import CHART_AREA_PT, MIN_TEXT_PT, SLIDE_W_PT
from ..engine.gvengine import Layout, session
from .memo import Memo, forget_all, remembered

__all__ = ["SLIDE_W", "SLIDE_H", "PX_PER_PT", "CHART_W", "CHART_H", "MIN_FILL", "MIN_TEXT_PX", "SlideRule",
           "DEFAULT_RULE", "current_rule", "use_rule", "SlideFit", "slide_fit", "slide_fill", "max_extent",
           "smallest_font", "measure_dot", "forget_measured", "DrawnSize"]

SLIDE_W, SLIDE_H = 1920.0, 1080.0  # the slide at 1080p, in pixels
PX_PER_PT = SLIDE_W / SLIDE_W_PT  # pixels of the 1080p slide per point of the deck's slide (2)
CHART_W, CHART_H = CHART_AREA_PT[0] * PX_PER_PT, CHART_AREA_PT[1] * PX_PER_PT  # the chart's box: 1804.8 x 812.8 px
MIN_FILL = 0.70  # share of a 16:9 slide a chart covers (its shape's fit, see `slide_fill`)
MIN_TEXT_PX = MIN_TEXT_PT * PX_PER_PT  # smallest text on the slide, in pixels (9)
DEFAULT_FONT_PT = 14.0  # Graphviz's size for text that names none


@dataclass(frozen=True)
class SlideRule:
    """The slide rule in force: the smallest text allowed (pixels at 1080p) and the box a chart gets (pixels)."""

    min_text_px: float = MIN_TEXT_PX
    width: float = CHART_W
    height: float = CHART_H

    @classmethod
    def with_min_text(cls, points: float | None) -> SlideRule:
        """The rule for `--min-text PT` (points on the slide); None keeps the charts' own floor.

        >>> SlideRule.with_min_text(None) == SlideRule.with_min_text(4.5) == DEFAULT_RULE
        True
        >>> SlideRule.with_min_text(10).min_text_px
        20.0
        """
        if points is None:
            return cls()
        if not math.isfinite(points) or points <= 0:
            raise ValueError(f"a text size must be a positive number of points, not {points!r}")
        return cls(min_text_px=points * PX_PER_PT)


DEFAULT_RULE = SlideRule()
_rule = DEFAULT_RULE  # the rule in force
_memos_under = DEFAULT_RULE  # the rule the process's memos were filled under


def current_rule() -> SlideRule:
    """The slide rule in force (DEFAULT_RULE unless inside `use_rule`)."""
    return _rule


def _enforce(rule: SlideRule) -> None:
    global _rule, _memos_under
    _rule = rule
    if rule != _memos_under:  # layouts kept under another rule would be wrong now: forget them all
        forget_all()
        _memos_under = rule


@contextmanager
def use_rule(rule: SlideRule) -> Iterator[SlideRule]:
    """Put `rule` in force for the block (the previous one after it); a change of rule forgets every memo."""
    previous = _rule
    _enforce(rule)
    try:
        yield rule
    finally:
        _enforce(previous)


@dataclass(frozen=True)
class SlideFit:
    """How a w x h chart sits on the slide: its scale, the share it covers, its smallest text."""

    scale: float
    fill: float
    smallest_px: float
    floor_px: float = field(default=MIN_TEXT_PX, compare=False)  # the rule's smallest text when it was fitted

    @property
    def readable(self) -> bool:
        """True when its smallest text, at this scale, is at least the rule's floor."""
        return self.smallest_px >= self.floor_px

    @property
    def ok(self) -> bool:
        """True when the chart meets the slide rule (fill and smallest text)."""
        return self.fill >= MIN_FILL and self.readable


def slide_fit(width: float, height: float, smallest_pt: float) -> SlideFit:
    """The fit of a `width` x `height` chart (points) whose smallest text is `smallest_pt`, under the rule in force.

    >>> f = slide_fit(1920, 1080, 11)  # a slide's shape: scaled into the chart's box on the slide
    >>> (round(f.scale, 3), f.fill, round(f.smallest_px, 2), f.ok)
    (0.753, 1.0, 8.28, False)
    >>> f = slide_fit(1000, 1626, 11)  # a portrait strip: scaled to the box's 812.8 px high
    >>> (round(f.scale, 3), round(f.fill, 3), round(f.smallest_px, 2), f.ok)
    (0.5, 0.346, 5.5, False)
    >>> slide_fit(0, 10, 11).ok
    False
    """
    rule = _rule
    if width <= 0 or height <= 0:
        return SlideFit(0.0, 0.0, 0.0, rule.min_text_px)
    scale = min(rule.width / width, rule.height / height)  # as the deck places it: its text on the slide
    return SlideFit(scale, slide_fill(width, height), smallest_pt * scale, rule.min_text_px)


def slide_fill(width: float, height: float) -> float:
    """The share of a whole 16:9 slide a `width` x `height` chart covers, fitted undistorted: its shape's
    fit to a slide (a picture placed full-slide, `--fit 16:9`), whatever box the deck gives it.

    >>> slide_fill(1920, 1080), slide_fill(3840, 1080)
    (1.0, 0.5)
    """
    if width <= 0 or height <= 0:
        return 0.0
    whole = min(SLIDE_W / width, SLIDE_H / height)
    return whole * whole * width * height / (SLIDE_W * SLIDE_H)


def max_extent(smallest_pt: float) -> tuple[float, float]:
    """The largest width and height (points) at which text of `smallest_pt` stays readable, under the rule in force.

    >>> [round(v, 1) for v in max_extent(9)]
    [1804.8, 812.8]
    >>> [round(v) for v in max_extent(11)]
    [2206, 993]
    """
    rule = _rule
    grow = smallest_pt / rule.min_text_px
    return rule.width * grow, rule.height * grow


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
