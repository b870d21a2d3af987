"""The options of the commands that draw charts, each declared once and validated once, gathered into one
`options.ChartOptions` value.

`render`, `diff`, `watch` and `docs` take these through `@chart_options(...)`: a command names which it
takes, the option is the same declaration (flags, type, default, help, validation) in each, and the
command receives one frozen `options` instead of a parameter per option. tests/test_cli_options.py walks
the command tree and holds that each is accepted and refused the same way wherever it is taken.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..draw.pptx.slidesize import MIN_TEXT_PT
from ..options import (DEFAULT_FORMATS, DEFAULT_TIMEOUT, FIT_NAMES, MAX_MIN_TEXT, MAX_TIMEOUT, OUTPUT_FORMATS,
                       PNG_SCALE, SCALE_RANGE, THEME_NAMES, VIEW_NAMES, ChartOptions, Look)
from .common import display_path, fail

if TYPE_CHECKING:
    from ..spec.models import ThemeSpec

__all__ = ["FiniteRange", "Shared", "SharedOption", "SHARED", "chart_options", "build_options"]

F = TypeVar("F", bound=Callable[..., Any])


class FiniteRange(click.FloatRange):
    """A number in a range, never NaN or an infinity (which pass every comparison or defeat it)."""

    name = "number"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        number = click.FLOAT.convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number; give a number such as {self.min or 1:g}", param, ctx)
        return float(super().convert(number, param, ctx))


def _theme(ctx: click.Context, param: click.Parameter, value: str | None) -> ThemeSpec | None:
    """A built-in theme's name, or a theme file's path (validated like a spec)."""
    if value is None:
        return None
    from ..errors import SpecError
    from ..spec.loader import load_theme_file
    from ..spec.models import ThemeSpec

    if value in THEME_NAMES:
        return ThemeSpec(base=value)  # type: ignore[arg-type]
    path = Path(value)
    if path.suffix in (".yaml", ".yml") and not path.is_file():
        raise click.BadParameter(f"theme file '{value}' does not exist")
    if path.suffix in (".yaml", ".yml"):
        try:
            return load_theme_file(path, display_path(path))
        except SpecError as exc:
            fail(exc)
    raise click.BadParameter(f"unknown theme '{value}'; must be one of [{', '.join(sorted(THEME_NAMES))}] "
                             "or a theme file (.yaml)")


_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


def _background(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None or value in ("transparent", "white") or _COLOUR.match(value):
        return value
    raise click.BadParameter(f"'{value}' is not a background; use transparent, white or #RRGGBB")


def _template_option(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """The house template: a Word file for `docs`' pages, else a PowerPoint file the decks are rendered
    into (opened once here: a bad file is refused early)."""
    if value is None:
        return None
    if ctx.info_name == "docs":
        if value.suffix.lower() != ".docx":
            raise click.BadParameter(f"{value.name}: the pages' template is a Word file (.docx)")
        return value
    if value.suffix.lower() not in (".pptx", ".potx"):
        raise click.BadParameter(f"{value.name}: the decks' template is a PowerPoint file (.pptx or .potx)")
    from ..draw.pptx.template import open_template
    from ..errors import RenderError

    try:
        open_template(value)
    except RenderError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


class SharedOption(click.Option):
    """A click option made from a `Shared` declaration, which it keeps (for the test of the command tree)."""

    def __init__(self, *args: Any, declaration: Shared, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.declaration = declaration


class Shared:
    """One option of the drawing commands: its flags, its parameter name and everything click checks."""

    def __init__(self, dest: str, flags: tuple[str, ...], **attrs: Any) -> None:
        self.dest = dest
        self.flags = flags
        self.attrs = attrs

    def apply(self, command: F, flags: tuple[str, ...] | None = None) -> F:
        """Declare the option on `command`; `flags` renames it where a command's own option has its name."""
        option = click.option(*(flags or self.flags), self.dest, cls=SharedOption, declaration=self, **self.attrs)
        return option(command)  # type: ignore[no-any-return]


SHARED = {s.dest: s for s in (
    Shared("formats", ("--format", "-f"), type=click.Choice(OUTPUT_FORMATS), multiple=True,
           help="Output format; repeat for several. Default: svg and png. pptx: a 16:9 deck per spec, one slide "
                "per chart, drawn with editable shapes."),
    Shared("views", ("--view",), type=click.Choice(VIEW_NAMES), multiple=True,
           help="Chart to draw; repeat for several. Default: every view the spec has data for."),
    Shared("theme", ("--theme",), callback=_theme, metavar="NAME|FILE",
           help=f"A built-in theme ({', '.join(THEME_NAMES)}) or a theme file (.yaml); overrides the spec's "
                "`theme:`."),
    Shared("fit", ("--fit",), type=click.Choice(FIT_NAMES), default="none", show_default=True,
           help="Pad the drawing (never stretch it) to this aspect, centred."),
    Shared("background", ("--background",), callback=_background, metavar="transparent|white|#RRGGBB",
           help="Background colour; default: the theme's."),
    Shared("scale", ("--scale",), type=FiniteRange(*SCALE_RANGE), default=PNG_SCALE, show_default=True,
           help="PNG resolution as a multiple of the chart's size in points."),
    Shared("timeout", ("--timeout",), type=FiniteRange(0.1, MAX_TIMEOUT), default=DEFAULT_TIMEOUT, show_default=True,
           help="Seconds Graphviz may spend on one chart before it is stopped (at most a day)."),
    Shared("no_cache", ("--no-cache",), is_flag=True,
           help="Draw every chart afresh. By default a chart whose DOT and options are unchanged is taken from "
                "the cache ($ORGCHARTS_CACHE, else ~/.cache/orgcharts; ORGCHARTS_NO_CACHE=1 turns it off)."),
    Shared("no_split", ("--no-split",), is_flag=True,
           help="Draw each view whole, as a poster, even when it is too dense for one slide. By default such a "
                "chart is split along the organisation's structure, one file per piece."),
    Shared("min_text", ("--min-text",), type=FiniteRange(MIN_TEXT_PT, MAX_MIN_TEXT), metavar="PT",
           help=f"The smallest text on a slide, in points (from {MIN_TEXT_PT:g}, the charts' own floor, to "
                f"{MAX_MIN_TEXT:g}): for presenters who need larger type. A chart whose text would be smaller on "
                "its slide is split into more pieces, in every format; a piece that cannot be split further is drawn "
                "as small as it must be."),
    Shared("pptx_pictures", ("--pptx-pictures",), is_flag=True,
           help="With -f pptx: put each chart on its slide as a picture (SVG with a PNG fallback) instead of "
                "editable shapes."),
    Shared("template", ("--template",), type=click.Path(exists=True, dir_okay=False, path_type=Path),
           callback=_template_option, metavar="FILE",
           help="The house template: with -f pptx a .pptx/.potx the decks are rendered into (its masters, "
                "title-only layout, theme fonts and logo); for `docs --format docx` a .docx whose styles, page "
                "setup, headers and footers the pages take."),
)}


def build_options(values: dict[str, Any]) -> ChartOptions:
    """The one options value from the parsed shared options (those a command does not take keep their default)."""
    look = Look(fit=values.get("fit", "none"), background=values.get("background"),
                scale=values.get("scale", PNG_SCALE))
    return ChartOptions(formats=tuple(values.get("formats") or DEFAULT_FORMATS), views=tuple(values.get("views", ())),
                        theme=values.get("theme"), look=look, timeout=values.get("timeout", DEFAULT_TIMEOUT),
                        split=not values.get("no_split", False), pptx_pictures=values.get("pptx_pictures", False),
                        template=values.get("template"), min_text=values.get("min_text"),
                        cache=not values.get("no_cache", False))


def chart_options(*dests: str, flags: dict[str, tuple[str, ...]] | None = None) -> Callable[[F], F]:
    """Give a command these shared options (by name, in this order in its help) and call it with
    `options=ChartOptions(...)` built from them, in place of one parameter each."""
    chosen = [SHARED[d] for d in dests]

    def wrap(command: F) -> F:
        @functools.wraps(command)
        def run(**kwargs: Any) -> Any:
            values = {s.dest: kwargs.pop(s.dest) for s in chosen}
            return command(options=build_options(values), **kwargs)

        for shared in reversed(chosen):
            run = shared.apply(run, (flags or {}).get(shared.dest))
        return run  # type: ignore[return-value]

    return wrap
