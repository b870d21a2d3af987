"""The options of a drawing command as one frozen value, and the command line's choices and defaults.

It imports only `names` (which imports nothing): `--help` stays instant.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .names import DEFAULT_FORMATS, FIT_NAMES, FORMATS, OUTPUT_FORMATS, THEME_NAMES, VIEW_NAMES

if TYPE_CHECKING:
    from pathlib import Path

    from .out.cache import ChartCache
    from .spec.models import ThemeSpec

__all__ = ["FORMATS", "OUTPUT_FORMATS", "DEFAULT_FORMATS", "FIT_NAMES", "VIEW_NAMES", "THEME_NAMES", "REPORT_FORMATS",
           "PNG_SCALE", "DEFAULT_TIMEOUT", "MAX_TIMEOUT", "SCALE_RANGE", "MAX_MIN_TEXT", "Look", "ChartOptions"]

REPORT_FORMATS = ("text", "json", "github")  # `check --format`; report.py writes them
PNG_SCALE = 2  # PNGs at 2x, sharp on slides and retina screens
SCALE_RANGE = (0.5, 8.0)  # PNG scales a command accepts
DEFAULT_TIMEOUT = 60.0  # seconds per chart; a spec's charts take well under one each
MAX_TIMEOUT = 86400.0  # seconds: a day; more is a typo, and too large a number breaks the clock arithmetic
MAX_MIN_TEXT = 24.0  # points: the largest `--min-text`; a slide's own title is 28 pt, a card's text 11-15 pt


@dataclass(frozen=True)
class Look:
    """How a drawn chart is framed: its aspect, its background, its PNG scale."""

    fit: str = "none"  # one of FIT_NAMES
    background: str | None = None  # None keeps the theme's; "transparent" or a colour
    scale: float = PNG_SCALE


@dataclass(frozen=True)
class ChartOptions:
    """Everything `render`, `diff`, `watch` and `docs` take about the charts they draw, built once by the
    command line (commands/chartoptions.py) and handed whole to the pipeline."""

    formats: tuple[str, ...] = DEFAULT_FORMATS  # of OUTPUT_FORMATS
    views: tuple[str, ...] = ()  # of VIEW_NAMES; none: every view the spec has data for
    theme: ThemeSpec | None = None  # overrides the spec's `theme:`
    look: Look = Look()
    timeout: float = DEFAULT_TIMEOUT  # seconds per chart, decks included
    split: bool = True  # a view too dense for one slide is drawn in pieces
    pptx_pictures: bool = False  # decks hold pictures of the charts, not editable shapes
    template: Path | None = None  # a .pptx/.potx the decks are rendered into
    min_text: float | None = None  # points: the smallest text on a slide (None: the charts' own floor, 4.5 pt)
    cache: bool = True  # use the user's chart cache (unless $ORGCHARTS_NO_CACHE says otherwise)

    def chart_cache(self) -> ChartCache | None:
        """The chart cache these options draw from and into, or None."""
        if not self.cache:
            return None
        from .out.cache import from_environment

        return from_environment()

    def cache_key(self) -> dict[str, object]:
        """What of these options decides a spec's files (the timeout and the cache switch do not)."""
        return {"formats": list(self.formats), "views": list(self.views), "look": self.look, "split": self.split,
                "min_text": self.min_text, "pictures": self.pptx_pictures,
                "theme": self.theme.model_dump(mode="json") if self.theme is not None else None,
                # the template's bytes decide the decks: a changed template re-renders them
                "template": _file_digest(self.template) if self.template is not None else None}


def _file_digest(path: Path) -> str:
    """The SHA-256 of a file (hashlib only when a template is given: a cache hit loads no OpenSSL)."""
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()
