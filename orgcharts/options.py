"""The command line's choices and defaults, in a module that imports nothing: `--help` stays instant."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FORMATS", "OUTPUT_FORMATS", "FIT_NAMES", "VIEW_NAMES", "THEME_NAMES", "REPORT_FORMATS", "PNG_SCALE",
           "DEFAULT_TIMEOUT", "Look"]

FORMATS = ("svg", "png", "pdf", "dot")  # what Graphviz draws (render.FORMATS)
OUTPUT_FORMATS = (*FORMATS, "pptx")  # pptx: one deck per spec, a slide per chart
FIT_NAMES = ("none", "16:9", "4:3", "a4")  # the keys of render.FITS
# The keys of views.VIEWS, in its order (tests/test_speed_paths.py checks they agree): naming them
# here spares `render --view org` importing the views (and Pydantic) when the cache has the charts.
VIEW_NAMES = ("responsibilities", "org", "raci", "accounts")
# The keys of themes.THEMES, in its order (tests/test_speed_paths.py checks they agree): `--help`
# lists them without building the themes.
THEME_NAMES = ("default", "dark", "print", "high-contrast")
REPORT_FORMATS = ("text", "json", "github")  # `check --format`; report.py writes them
PNG_SCALE = 2  # PNGs at 2x, sharp on slides and retina screens
DEFAULT_TIMEOUT = 60.0  # seconds per chart; a spec's charts take well under one each


@dataclass(frozen=True)
class Look:
    """How a drawn chart is framed: its aspect, its background, its PNG scale."""

    fit: str = "none"  # one of FIT_NAMES
    background: str | None = None  # None keeps the theme's; "transparent" or a colour
    scale: float = PNG_SCALE
