"""Text extents from the shipped Liberation Sans, measured with Pillow, as the chart's text is drawn."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from checks.geometry import Box
from checks.svggeom import Text

__all__ = ["text_width", "text_box", "ASCENT", "DESCENT"]

FONTS = Path(__file__).resolve().parent.parent / "orgcharts" / "fonts"
REFERENCE_SIZE = 200  # measured at this size, then scaled: fractional sizes need no font of their own
ASCENT = 0.905  # Liberation Sans, in ems
DESCENT = 0.212


@lru_cache(maxsize=4)
def _font(bold: bool, italic: bool) -> ImageFont.FreeTypeFont:
    style = ("Bold" if bold else "") + ("Italic" if italic else "")
    name = f"LiberationSans-{style or 'Regular'}.ttf"
    return ImageFont.truetype(str(FONTS / name), REFERENCE_SIZE, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=65536)
def text_width(text: str, size: float, bold: bool, italic: bool = False) -> float:
    """The advance width of `text` at `size` points, in points, in the shipped face of that weight and style."""
    return _font(bold, italic).getlength(text) * size / REFERENCE_SIZE


def text_box(text: Text) -> Box:
    """The box a drawn text covers: from its anchor by its measured width, ascent above the baseline."""
    width = text_width(text.text, text.size, text.bold, text.italic)
    x0 = {"middle": text.x - width / 2, "end": text.x - width}.get(text.anchor, text.x)
    return Box(x0, text.y - ASCENT * text.size, x0 + width, text.y + DESCENT * text.size)
