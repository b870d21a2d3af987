"""The command line: a thin click group that calls the pipeline and maps errors to exit codes.

Each command imports what it uses when it runs (`--help`, `check` and `schema` never load the
drawing code, a render served from the cache never loads the models; see tests/test_speed_paths.py):
only click and `options` (choices and defaults, imports nothing) are imported here.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__
from .options import (DEFAULT_TIMEOUT, FIT_NAMES, OUTPUT_FORMATS, PNG_SCALE, REPORT_FORMATS, THEME_NAMES,
                      VIEW_NAMES)
from .terminal import for_terminal

if TYPE_CHECKING:
    from .errors import Finding, SpecError
    from .spec import ThemeSpec

__all__ = ["main"]


class _LazyChoice(click.Choice):  # type: ignore[type-arg]
    """A choice whose values live in a module imported only when the option is used or shown."""

    def __init__(self, module: str, name: str) -> None:
        self._where = (module, name)
        super().__init__(())

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        import importlib

        return tuple(getattr(importlib.import_module(self._where[0], __package__), self._where[1]))

    @choices.setter
    def choices(self, value: Any) -> None:
        pass

DEFAULT_SPECS = Path("specs")
DEFAULT_OUT = Path("output")

_spec_args = click.argument(
    "inputs", metavar="[SPEC_OR_DIR]...", nargs=-1,
    type=click.Path(exists=True, dir_okay=True, file_okay=True, path_type=Path),
)


def display_path(path: Path) -> str:
    """A path as the user would type it (pipeline.display_path, imported when first needed)."""
    from .pipeline import display_path as shown

    return shown(path)


def find_specs(inputs: tuple[Path, ...] | list[Path]) -> list[Path]:
    """The spec files named or inside the named folders (pipeline.find_specs)."""
    from .pipeline import find_specs as found

    return found(inputs)


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


def _theme_option(ctx: click.Context, param: click.Parameter, value: str | None) -> ThemeSpec | None:
    """A built-in theme's name, or a theme file's path (validated like a spec)."""
    if value is None:
        return None
    from .errors import SpecError
    from .loader import load_theme_file
    from .spec import ThemeSpec

    if value in THEME_NAMES:
        return ThemeSpec(base=value)  # type: ignore[arg-type]
    path = Path(value)
    if path.suffix in (".yaml", ".yml") and not path.is_file():
        raise click.BadParameter(f"theme file '{value}' does not exist")
    if path.suffix in (".yaml", ".yml"):
        try:
            return load_theme_file(path, display_path(path))
        except SpecError as exc:
            _fail(exc)
    raise click.BadParameter(f"unknown theme '{value}'; must be one of [{', '.join(sorted(THEME_NAMES))}] "
                             "or a theme file (.yaml)")


class FiniteRange(click.FloatRange):
    """A number in a range, never NaN or an infinity (which pass every comparison or defeat it)."""

    name = "number"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        number = click.FLOAT.convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number; give a number such as {self.min or 1:g}", param, ctx)
        return float(super().convert(number, param, ctx))


MAX_TIMEOUT = 86400.0  # seconds: a day; more is a typo, and too large a number breaks the clock arithmetic

_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


def _background_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None or value in ("transparent", "white") or _COLOUR.match(value):
        return value
    raise click.BadParameter(f"'{value}' is not a background; use transparent, white or #RRGGBB")


@contextmanager
def _writing_to(out_dir: Path) -> Iterator[None]:
    """What a command that reads specs and writes files can fail with: one message each, exit 1."""
    try:
        yield
    except Exception as exc:  # the classes are imported only when something failed
        from .errors import SpecError
        from .tools.gitrev import GitError
        from .write import OutputPathError

        if isinstance(exc, SpecError):
            _fail(exc)
        if isinstance(exc, (GitError, OutputPathError)):
            click.echo(for_terminal(f"error: {exc}"), err=True)
            sys.exit(1)
        if isinstance(exc, OSError):
            click.echo(for_terminal(f"error: cannot write to {display_path(out_dir)}: {exc.strerror}"), err=True)
            sys.exit(1)
        raise


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


def _template_option(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """A PowerPoint template the decks can be rendered into (opened once here: a bad file is refused early)."""
    if value is None:
        return None
    from .decktemplate import open_template
    from .errors import RenderError

    try:
        open_template(value)
    except RenderError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


@main.command()
@_spec_args
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Folder to write the charts into.")
@click.option("--format", "-f", "formats", type=click.Choice(OUTPUT_FORMATS), multiple=True,
              help="Output format; repeat for several. Default: svg and png. "
                   "pptx: a 16:9 deck per spec, one slide per chart, drawn with editable shapes.")
@click.option("--pptx-pictures", is_flag=True,
              help="With -f pptx: put each chart on its slide as a picture (SVG with a PNG fallback) "
                   "instead of editable shapes.")
@click.option("--view", "views", type=click.Choice(list(VIEW_NAMES)), multiple=True,
              help="Chart to draw; repeat for several. Default: every view the spec has data for.")
@click.option("--theme", "theme", callback=_theme_option, metavar="NAME|FILE",
              help=f"A built-in theme ({', '.join(THEME_NAMES)}) or a theme file (.yaml); "
                   "overrides the spec's `theme:`.")
@click.option("--fit", type=click.Choice(list(FIT_NAMES)), default="none", show_default=True,
              help="Pad the drawing (never stretch it) to this aspect, centred.")
@click.option("--background", callback=_background_option, metavar="transparent|white|#RRGGBB",
              help="Background colour; default: the theme's.")
@click.option("--scale", type=FiniteRange(0.5, 8), default=PNG_SCALE, show_default=True,
              help="PNG resolution as a multiple of the chart's size in points.")
@click.option("--timeout", type=FiniteRange(0.1, MAX_TIMEOUT), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds Graphviz may spend on one chart before it is stopped (at most a day).")
@click.option("--no-cache", is_flag=True,
              help="Draw every chart afresh. By default a chart whose DOT and options are unchanged is "
                   "taken from the cache ($ORGCHARTS_CACHE, else ~/.cache/orgcharts; "
                   "ORGCHARTS_NO_CACHE=1 turns it off).")
@click.option("--no-split", is_flag=True,
              help="Draw each view whole, as a poster, even when it is too dense for one slide. By default "
                   "such a chart is split along the organisation's structure, one file per piece.")
@click.option("--verbose", "-v", is_flag=True, help="Also show the warnings Graphviz printed for each chart.")
# issue 21 (decks): --template; on main it belongs in commands/chartoptions.py with ChartOptions.
@click.option("--template", type=click.Path(exists=True, dir_okay=False, path_type=Path), callback=_template_option,
              metavar="FILE.pptx|.potx", help="With -f pptx: render the decks into this PowerPoint template "
                                              "(its masters, title-only layout, theme fonts and logo).")
def render(inputs: tuple[Path, ...], out_dir: Path, formats: tuple[str, ...], views: tuple[str, ...],
           theme: ThemeSpec | None, fit: str, background: str | None, scale: float, timeout: float,
           no_cache: bool, no_split: bool, verbose: bool, pptx_pictures: bool, template: Path | None) -> None:
    """Draw every chart of the given specs (default: ./specs) into --out.

    Files are named SPEC-VIEW.FORMAT and written atomically. An invalid spec writes nothing;
    a chart Graphviz cannot draw keeps its earlier files while the other charts are written.
    """
    from .cache import PRUNE_EVERY, from_environment
    from .options import Look
    from .pipeline import render_specs

    with _writing_to(out_dir):
        cache = None if no_cache else from_environment()
        written, rendered = render_specs(_inputs(inputs), out_dir, formats or ("svg", "png"), views, theme,
                                         timeout, Look(fit=fit, background=background, scale=scale), cache,
                                         split=not no_split, pptx_pictures=pptx_pictures, template=template)
        if cache is not None:
            cache.prune(every=PRUNE_EVERY)
    if not written and not rendered.failures:
        asked = ", ".join(views) if views else "any view"
        click.echo(f"error: nothing to draw: no spec has data for {asked} (see `orgcharts render --help`)",
                   err=True)
        sys.exit(1)
    for path in written:
        click.echo(for_terminal(f"wrote {display_path(path)}"))
    for note in rendered.notes:
        click.echo(for_terminal(f"note: {note}"), err=True)
    if verbose:
        for chart, message in rendered.diagnostics:
            click.echo(for_terminal(f"warning: {chart}: Graphviz: {message}"), err=True)
    for chart, message in rendered.failures:
        click.echo(for_terminal(f"error: {chart}: {message}; its earlier files were left as they were"),
                   err=True)
    if rendered.failures:
        sys.exit(1)


def _codes_option(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    """Rule codes for --select/--ignore, comma-separated or repeated; each must be a waivable rule."""
    from .lintrules import code_problem

    codes = tuple(c.strip() for item in value for c in item.split(",") if c.strip())
    for code in codes:
        problem = code_problem(code)
        if problem:
            raise click.BadParameter(for_terminal(problem))
    return codes


@main.command()
@_spec_args
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too; suggestions never fail.")
@click.option("--format", "report", type=click.Choice(REPORT_FORMATS), default="text", show_default=True,
              help="text: one line a finding on stderr; json: one document on stdout; "
                   "github: GitHub Actions annotations on stdout.")
@click.option("--select", "chosen", multiple=True, callback=_codes_option, metavar="CODE[,CODE]",
              help="Report only these warning and suggestion codes (errors are always reported).")
@click.option("--ignore", "ignored", multiple=True, callback=_codes_option, metavar="CODE[,CODE]",
              help="Do not report these warning and suggestion codes.")
def check(inputs: tuple[Path, ...], strict: bool, report: str, chosen: tuple[str, ...],
          ignored: tuple[str, ...]) -> None:
    """Lint specs without drawing anything (default: ./specs).

    Errors make a spec invalid; warnings point at what is unclear; suggestions are hints. Exit 0
    when no errors (and, with --strict, no warnings); 1 otherwise; 2 for usage errors.
    """
    from .lintrules import select
    from .pipeline import lint_specs
    from .report import as_github, as_json, failing, summary

    paths = find_specs(_inputs(inputs))
    findings = select(lint_specs(paths), chosen, ignored)
    shown = [display_path(p) for p in paths]
    if report == "json":
        click.echo(as_json(shown, findings))
    elif report == "github":
        if findings:
            click.echo(as_github(findings))
    else:
        if findings:  # one write, not one a finding: 5,000 findings cost 36 ms printed one by one
            click.echo("\n".join(str(finding) for finding in findings), err=True)
        by_path: dict[str, list[Finding]] = {}
        for finding in findings:
            by_path.setdefault(finding.path, []).append(finding)
        for name in shown:
            mine = by_path.get(name, [])
            click.echo(f"{for_terminal(name)}: {summary(mine) if mine else 'ok'}")
    code = 1 if failing(findings, strict) else 0
    # Nothing of this process needs collecting at exit: the final collection of a large spec's
    # objects (~45 ms at 1,000 roles) is skipped by freezing them.
    import gc

    gc.freeze()
    sys.exit(code)


@main.command()
def themes() -> None:
    """List the built-in themes and their side colours."""
    from .themes import THEMES

    for name, theme in THEMES.items():
        click.echo(f"{name:<14} client {theme.client}  team {theme.team}  background {theme.background}  "
                   f"{theme.description}")


@main.command()
def schema() -> None:
    """Print the spec format's JSON Schema (for editor completion and validation)."""
    from .specschema import schema_text

    click.echo(schema_text())


@main.command()
@click.argument("specs", metavar="OLD NEW | SPEC --since REV", nargs=-1, type=click.Path(path_type=Path))
@click.option("--since", metavar="REV", help="Compare SPEC with itself at this git revision (git show REV:path).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Folder for the change charts and NEWSTEM-diff.md.")
@click.option("--format", "changelog_format", type=_LazyChoice(".tools.changelog", "CHANGELOG_FORMATS"), default="text",
              show_default=True, help="The changelog printed on stdout: plain text or Markdown.")
@click.option("-f", "--chart-format", "formats", type=click.Choice(OUTPUT_FORMATS), multiple=True,
              help="Change chart format; repeat for several. Default: svg and png.")
@click.option("--view", "views", type=click.Choice(list(VIEW_NAMES)), multiple=True,
              help="Change chart to draw; repeat for several. Default: every view with data in both versions.")
@click.option("--side-by-side", "sbs", is_flag=True, help="Draw before and after next to each other.")
@click.option("--theme", "theme", callback=_theme_option, metavar="NAME|FILE",
              help="A built-in theme or a theme file; the change colours are fitted to it.")
@click.option("--fit", type=click.Choice(list(FIT_NAMES)), default="none", show_default=True,
              help="Pad the drawing (never stretch it) to this aspect, centred.")
@click.option("--background", callback=_background_option, metavar="transparent|white|#RRGGBB",
              help="Background colour; default: the theme's.")
@click.option("--scale", type=click.FloatRange(0.5, 8), default=PNG_SCALE, show_default=True,
              help="PNG resolution as a multiple of the chart's size in points.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds Graphviz may spend on one chart before it is stopped.")
@click.option("--no-cache", is_flag=True, help="Draw every chart afresh.")
def diff(specs: tuple[Path, ...], since: str | None, out_dir: Path, changelog_format: str, formats: tuple[str, ...],
         views: tuple[str, ...], sbs: bool, theme: ThemeSpec | None, fit: str, background: str | None,
         scale: float, timeout: float, no_cache: bool) -> None:
    """Show what changed between two versions of a spec: change charts and a changelog.

    `orgcharts diff OLD NEW` compares two files; `orgcharts diff SPEC --since REV` compares SPEC
    with itself at a git revision. Roles are matched by id, then by title. Charts are written as
    NEWSTEM-diff-VIEW.FORMAT, the changelog as NEWSTEM-diff.md; the changelog is also printed.
    """
    if since is not None and len(specs) != 1:
        raise click.UsageError("with --since, name one spec: orgcharts diff SPEC --since REV")
    if since is None and len(specs) != 2:
        raise click.UsageError("name two specs (orgcharts diff OLD NEW), or one with --since REV")
    from .cache import PRUNE_EVERY, from_environment
    from .options import Look
    from .tools.diff import load_since, load_version, run_diff

    with _writing_to(out_dir):
        new = load_version(specs[-1])
        old = load_since(specs[0], since) if since is not None else load_version(specs[0])
        cache = None if no_cache else from_environment()
        result = run_diff(old, new, specs[-1].stem, out_dir, changelog_format, formats or ("svg", "png"), views,
                          theme, Look(fit=fit, background=background, scale=scale), sbs, timeout, cache)
        if cache is not None:
            cache.prune(every=PRUNE_EVERY)
    click.echo("\n".join(for_terminal(line) for line in result.changelog.split("\n")), nl=False)
    for path in result.written:
        click.echo(for_terminal(f"wrote {display_path(path)}"), err=True)
    for chart, message in result.rendered.failures:
        click.echo(for_terminal(f"error: {chart}: {message}"), err=True)
    if result.rendered.failures:
        sys.exit(1)


@main.command()
@_spec_args
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT / "docs",
              show_default=True, help="Folder for the pages: OUT/SPEC/ROLE.FORMAT and OUT/index.FORMAT.")
@click.option("--format", "fmt", type=_LazyChoice(".tools.docs", "DOCS_FORMATS"), default="md", show_default=True,
              help="md: Markdown pages; html: the same pages with the role highlighted in the org chart.")
def docs(inputs: tuple[Path, ...], out_dir: Path, fmt: str) -> None:
    """Write a page per role (default: every spec in ./specs): a starting point for job descriptions.

    Each page gives the role's title, nickname, what it owns, its key responsibility, reporting
    lines, duties on each side, RACI activities, accounts and people; an index lists them.
    """
    from .tools.docs import write_docs

    with _writing_to(out_dir):
        docs = write_docs(_inputs(inputs), out_dir, fmt)
    for path in docs.written:
        click.echo(for_terminal(f"wrote {display_path(path)}"))
    for path in docs.removed:
        click.echo(for_terminal(f"removed {display_path(path)}: that role is no longer in the spec"))


_import_options = [
    click.argument("source", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path)),
    click.option("-o", "--out", "out", type=click.Path(dir_okay=False, path_type=Path),
                 help="Write the spec here (atomically). Default: stdout."),
    click.option("--org", help="The organisation's name. Default: the file's name without its suffix."),
    click.option("--map", "mapping", multiple=True, metavar="COLUMN=FIELD",
                 help="Read COLUMN as FIELD (repeatable), or `COLUMN=ignore`; fields: "
                      "name, first_name, last_name, title, department, manager, manager_id, manager_email, "
                      "employee_id, email, dotted_manager, assistant, vacancy, shape."),
]


F = TypeVar("F", bound=Callable[..., None])


def _with_import_options(command: F) -> F:
    for option in reversed(_import_options):
        command = option(command)
    return command


@main.group("import")
def import_group() -> None:
    """Turn an HR export (CSV or Excel) into a spec.

    Columns are found by their headers (Name, Job Title, Reports To, Manager Email, Department,
    Employee ID, ...; case and spacing ignored). People with the same title and manager share a
    role; departments become units; a row flagged as a vacancy, or without a name, is an open seat.
    """


def _run_import(source: Path, out: Path | None, org: str | None, mapping: tuple[str, ...],
                encoding: str = "utf-8", sheet: str | None = None) -> None:
    from .errors import SpecError
    from .report import summary
    from .tools.hr_columns import ColumnError
    from .tools.hr_import import import_file
    from .write import OutputPathError, write_atomic

    shown_out = display_path(out) if out else "<stdout>"
    try:
        result = import_file(source, display_path(source), org=org, mapping=mapping, encoding=encoding,
                             sheet=sheet, shown_as=shown_out)
    except ColumnError as exc:
        raise click.UsageError(str(exc)) from None
    except SpecError as exc:
        for finding in exc.findings:
            click.echo(str(finding), err=True)
        count = len(exc.findings)
        click.echo(f"{count} error{'s' * (count != 1)} in {display_path(source)}; nothing was written", err=True)
        sys.exit(1)
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    if out is None:
        click.echo(result.text, nl=False)
    else:
        try:
            write_atomic(out.parent, out.name, result.text.encode("utf-8"))
        except (OSError, OutputPathError) as exc:
            click.echo(f"error: cannot write {shown_out}: {getattr(exc, 'strerror', None) or exc}", err=True)
            sys.exit(1)
    for finding in result.warnings:
        click.echo(str(finding), err=True)
    open_seats = result.seats - result.people
    click.echo(f"{'wrote ' + shown_out if out else 'imported'}: {result.people} people and {open_seats} open "
               f"seat{'s' * (open_seats != 1)} in {result.roles} roles and {result.units} units; "
               f"{summary(list(result.warnings)) if result.warnings else 'checks clean'}", err=True)


@import_group.command("csv")
@_with_import_options
@click.option("--encoding", default="utf-8", show_default=True,
              help="The file's text encoding, e.g. cp1252 for a CSV that older Excel saved.")
def import_csv(source: Path, out: Path | None, org: str | None, mapping: tuple[str, ...], encoding: str) -> None:
    """Import a CSV HR export (`,` `;` tab or `|` delimited; BOM and CRLF accepted)."""
    _run_import(source, out, org, mapping, encoding=encoding)


@import_group.command("xlsx")
@_with_import_options
@click.option("--sheet", help="The worksheet to read. Default: the first.")
def import_xlsx(source: Path, out: Path | None, org: str | None, mapping: tuple[str, ...], sheet: str | None) -> None:
    """Import an Excel (.xlsx) HR export or Visio org-chart wizard sheet."""
    _run_import(source, out, org, mapping, sheet=sheet)


@main.command("export")
@click.argument("source", metavar="SPEC", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--to", "fmt", required=True, type=click.Choice(["csv", "json", "mermaid", "d2"]),
              help="csv: one row per person or open seat, in the columns `import csv` reads; json: the whole "
                   "spec; mermaid, d2: diagram source, one file per view.")
@click.option("--view", "views", type=click.Choice(list(VIEW_NAMES)), multiple=True,
              help="The view to export (mermaid, d2); repeat for several. Default: every view with data.")
@click.option("-o", "--out", "out", type=click.Path(path_type=Path),
              help="A file with the format's suffix (.csv .json .mmd .d2), else a folder to write SPEC.csv, "
                   "SPEC.json or SPEC-VIEW.mmd / .d2 into. Default: stdout.")
def export(source: Path, fmt: str, views: tuple[str, ...], out: Path | None) -> None:
    """Export a spec for other tools: spreadsheets, scripts, Mermaid (GitHub, GitLab, Notion) and D2."""
    from .errors import SpecError
    from .loader import load_file
    from .tools.export import ExportError, export_files
    from .write import OutputPathError, write_atomic

    try:
        spec = load_file(source, display_path(source)).spec
        files = export_files(spec, source.stem, fmt, views)
    except SpecError as exc:
        _fail(exc)
        return
    except ExportError as exc:
        raise click.UsageError(str(exc)) from None
    if out is None:
        if len(files) > 1:
            raise click.UsageError(f"{len(files)} views to export ({', '.join(n for n, _ in files)}); "
                                   "name one with --view, or give a folder with -o")
        click.echo(files[0][1], nl=False)
        return
    # A path with the format's suffix (org.mmd, people.csv) is the file; any other path is a folder.
    into_folder = len(files) > 1 or out.is_dir() or out.suffix != Path(files[0][0]).suffix
    folder = out if into_folder else out.parent
    try:
        for name, text in files:
            target = name if into_folder else out.name
            click.echo(f"wrote {display_path(write_atomic(folder, target, text.encode('utf-8')))}")
    except (OSError, OutputPathError) as exc:
        click.echo(f"error: cannot write to {display_path(out)}: {getattr(exc, 'strerror', None) or exc}",
                   err=True)
        sys.exit(1)


@main.command()
@_spec_args
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Folder to write the charts into.")
@click.option("--format", "-f", "formats", type=click.Choice(OUTPUT_FORMATS), multiple=True,
              help="Output format; repeat for several. Default: svg and png.")
@click.option("--view", "views", type=click.Choice(list(VIEW_NAMES)), multiple=True,
              help="Chart to draw; repeat for several. Default: every view the spec has data for.")
@click.option("--theme", "theme", callback=_theme_option, metavar="NAME|FILE",
              help="A built-in theme or a theme file (.yaml); overrides the spec's `theme:`.")
@click.option("--serve", "serve_out", is_flag=True,
              help="Also serve the output folder on http://127.0.0.1:PORT/; the gallery reloads itself "
                   "whenever charts are rewritten.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port for --serve (loopback only); 0 picks a free one.")
@click.option("--no-cache", is_flag=True, help="Draw every chart afresh (see `render --help`).")
def watch(inputs: tuple[Path, ...], out_dir: Path, formats: tuple[str, ...], views: tuple[str, ...],
          theme: ThemeSpec | None, serve_out: bool, port: int, no_cache: bool) -> None:
    """Render the specs (default: ./specs), then re-render each one whenever it is saved.

    Findings are printed and watching goes on; a save with errors writes nothing, so the last good
    charts stay in place. Stop with Ctrl-C.
    """
    from .cache import from_environment
    from .serve import Reloads, serve
    from .watch import Settings, Watcher, watch_loop

    chosen = _inputs(inputs)
    reloads = Reloads()
    settings = Settings(out_dir, formats or ("svg", "png"), views, theme)
    watcher = Watcher(chosen, settings, None if no_cache else from_environment(),
                      echo=lambda text, err: click.echo(text, err=err), on_written=reloads.bump)
    if serve_out:
        try:
            server = serve(out_dir, reloads, port)
        except OSError as exc:
            click.echo(f"error: cannot serve on 127.0.0.1:{port}: {exc.strerror}; pick another with --port",
                       err=True)
            sys.exit(1)
        click.echo(f"serving {display_path(out_dir)} on http://127.0.0.1:{server.server_address[1]}/")
    first = watcher.handle(watcher.specs())
    click.echo(f"rendered {len(first.written)} files in {first.seconds:.2f} s; watching "
               f"{', '.join(display_path(p) for p in watcher.folders())} (Ctrl-C stops)")
    try:
        watch_loop(watcher)
    except KeyboardInterrupt:
        pass
