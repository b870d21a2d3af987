"""The command line: a thin click group that calls the pipeline and maps errors to exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import RenderError, SpecError
from .pipeline import check_specs, display_path, find_specs, render_specs
from .render import FORMATS
from .spec import OrgSpec
from .themes import THEMES
from .views import VIEWS
from .write import OutputPathError

__all__ = ["main"]

DEFAULT_SPECS = Path("specs")
DEFAULT_OUT = Path("output")

_spec_args = click.argument(
    "inputs", metavar="[SPEC_OR_DIR]...", nargs=-1,
    type=click.Path(exists=True, dir_okay=True, file_okay=True, path_type=Path),
)


def _inputs(inputs: tuple[Path, ...]) -> list[Path]:
    """The named specs, or ./specs when none is named."""
    if inputs:
        chosen = list(inputs)
    elif DEFAULT_SPECS.is_dir():
        chosen = [DEFAULT_SPECS]
    else:
        raise click.UsageError("no spec named and no ./specs folder here; name a spec file or folder")
    if not find_specs(chosen):
        raise click.UsageError(f"no *.yaml or *.yml spec in {', '.join(map(display_path, chosen))}")
    return chosen


def _fail(exc: SpecError) -> None:
    for finding in exc.findings:
        click.echo(str(finding), err=True)
    files = len({f.path for f in exc.findings})
    count = len(exc.findings)
    click.echo(f"{count} error{'s' * (count != 1)} in {files} spec{'s' * (files != 1)}; "
               "nothing was written", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="orgcharts")
def main() -> None:
    """Org and responsibility charts kept as validated YAML specs.

    Write who-does-what in specs/*.yaml; `orgcharts render` draws the charts into output/.
    """


@main.command()
@_spec_args
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Folder to write the charts into.")
@click.option("--format", "-f", "formats", type=click.Choice(FORMATS), multiple=True,
              help="Output format; repeat for several. Default: svg and png.")
@click.option("--view", "views", type=click.Choice(list(VIEWS)), multiple=True,
              help="Chart to draw; repeat for several. Default: every view the spec has data for.")
@click.option("--theme", type=click.Choice(sorted(THEMES)), default="default", show_default=True,
              help="Colours and fonts.")
def render(inputs: tuple[Path, ...], out_dir: Path, formats: tuple[str, ...], views: tuple[str, ...],
           theme: str) -> None:
    """Draw every chart of the given specs (default: ./specs) into --out.

    Files are named SPEC-VIEW.FORMAT. Nothing is written unless every chart renders.
    """
    try:
        written = render_specs(_inputs(inputs), out_dir, formats or ("svg", "png"), views, theme)
    except SpecError as exc:
        _fail(exc)
    except (RenderError, OutputPathError) as exc:
        click.echo(f"error: {exc}; nothing was written", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"error: cannot write to {display_path(out_dir)}: {exc.strerror}", err=True)
        sys.exit(1)
    for path in written:
        click.echo(f"wrote {display_path(path)}")


@main.command()
@_spec_args
def check(inputs: tuple[Path, ...]) -> None:
    """Validate specs without drawing anything (default: ./specs)."""
    try:
        loaded = check_specs(_inputs(inputs))
    except SpecError as exc:
        _fail(exc)
    for item in loaded:
        for warning in item.warnings:
            click.echo(str(warning), err=True)
        count = len(item.warnings)
        status = f"ok, {count} warning{'s' * (count != 1)}" if count else "ok"
        click.echo(f"{display_path(item.path)}: {status}")


@main.command()
def schema() -> None:
    """Print the spec format's JSON Schema (for editor completion and validation)."""
    click.echo(json.dumps(OrgSpec.model_json_schema(), indent=2, sort_keys=True))
