"""The deck's type: the font it names, the smallest size it writes, and text measured to size its boxes."""

from __future__ import annotations


from pathlib import Path
from typing import Any

from ...layout.memo import remembered
from ...themes import SHIPPED_FONT, Theme
from .slidesize import MIN_TEXT_PT  # the charts' own floor, 4.5 pt on the slide

__all__ = ["DECK_FONT", "MIN_TEXT_PT", "deck_font", "text_width", "wrap_measured", "box_height"]

# Every chart is measured with the shipped Liberation Sans, which has Arial's metrics (every glyph the
# same advance width): a deck that names Arial lays out in PowerPoint, Keynote and Google Slides
# (which all have Arial) exactly as we measured it, where naming Liberation Sans made each of them
# substitute a font of its own. LibreOffice maps Arial to Liberation Sans, the very font we measured.
DECK_FONT = "Arial"
FONT_DIR = Path(__file__).resolve().parent.parent.parent / "fonts"
LINE_HEIGHT = 1.2  # PowerPoint's single line spacing of Arial, in ems


def deck_font(theme: Theme) -> str:
    """The font a deck names for this theme: a brand font named first stays; the shipped one becomes Arial."""
    first = theme.font.split(",")[0].strip().strip('"')
    return DECK_FONT if first == SHIPPED_FONT else first


@remembered(8)
def _face(bold: bool) -> Any:
    from PIL import ImageFont  # Pillow comes with python-pptx

    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), 1000)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width in points of `text` at `size` points, in the shipped font (Arial's metrics)."""
    return float(_face(bold).getlength(text)) * size / 1000


def wrap_measured(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """`text` wrapped greedily at spaces into lines no wider than `width` points (a longer word stands alone)."""
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        line = ""
        for word in para.split(" "):
            trial = f"{line} {word}" if line else word
            if line and text_width(trial, size, bold) > width:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


def box_height(lines: int, size: float, insets: float) -> float:
    """The height in points of a box of `lines` lines of `size`-point text and these insets (top + bottom)."""
    return lines * size * LINE_HEIGHT + insets
