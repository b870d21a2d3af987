"""The commands that read or write specs without drawing: `check`, `themes`, `schema`, `import`, `export`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from ..names import VIEW_NAMES
from ..options import REPORT_FORMATS
from ..terminal import for_terminal
from .common import LazyChoice, chosen_inputs, display_path, fail, failures, find_specs, say, spec_args

if TYPE_CHECKING:
    from ..errors import Finding

__all__ = ["check", "themes", "schema", "import_group", "export"]

F = TypeVar("F", bound=Callable[..., None])


def _codes_option(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    """Rule codes for --select/--ignore, comma-separated or repeated; each must be a waivable rule."""
    from ..lint import code_problem

    codes = tuple(c.strip() for item in value for c in item.split(",") if c.strip())
    for code in codes:
        problem = code_problem(code)
        if problem:
            raise click.BadParameter(for_terminal(problem))
    return codes


@click.command()
@spec_args
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
    from ..lint import select
    from .pipeline import lint_specs
    from ..lint.report import as_github, as_json, failing, summary

    paths = find_specs(chosen_inputs(inputs))
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


@click.command()
def themes() -> None:
    """List the built-in themes and their side colours."""
    from ..themes import THEMES

    for name, theme in THEMES.items():
        click.echo(f"{name:<14} client {theme.client}  team {theme.team}  background {theme.background}  "
                   f"{theme.description}")


@click.command()
def schema() -> None:
    """Print the spec format's JSON Schema (for editor completion and validation)."""
    from ..spec.schema import schema_text

    click.echo(schema_text())


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=Path("specs"))
@click.option("--name", default="team", show_default=True, help="The spec's file name, without .yaml.")
@click.option("--org", default="My Organisation", show_default=True, help="The organisation's name.")
def init(folder: Path, name: str, org: str) -> None:
    """Write a starter spec into FOLDER, with the JSON Schema beside it for editor completion."""
    from ..spec.schema import schema_text
    from ..spec.starter import StarterError, write_starter

    with failures(folder):
        try:
            written = write_starter(folder, name, org, schema_text())
        except StarterError as exc:
            raise click.UsageError(for_terminal(str(exc))) from None
    for path in written:
        click.echo(f"wrote {for_terminal(display_path(path))}", err=True)
    click.echo(f"next: orgcharts render {for_terminal(display_path(written[0]))}", err=True)


# The fields `--map` takes, as hr_columns.field_help() lists them (typed here so `--help` imports no
# importer; tests/test_import_cli.py holds the two equal).
MAP_FIELDS = ("employee_id, role_id, name, first_name, last_name, title, department, unit_id, unit_parent, "
              "unit_lead, manager_id, manager_email, manager, email, dotted_manager, assistant, vacancy, shape, "
              "fte, grade, location, organisation")

_import_options = [
    click.argument("source", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path)),
    click.option("-o", "--out", "out", type=click.Path(dir_okay=False, path_type=Path),
                 help="Write the spec here (atomically). Default: stdout."),
    click.option("--org", help="The organisation's name. Default: the file's name without its suffix."),
    click.option("--map", "mapping", multiple=True, metavar="COLUMN=FIELD",
                 help="Read COLUMN as FIELD (repeatable), or `COLUMN=ignore`; fields: " + MAP_FIELDS + "."),
]


def _with_import_options(command: F) -> F:
    for option in reversed(_import_options):
        command = option(command)
    return command


@click.group("import")
def import_group() -> None:
    """Turn an HR export (CSV or Excel) into a spec.

    Columns are found by their headers (Name, Job Title, Reports To, Manager Email, Department,
    Employee ID, ...; case and spacing ignored). People with the same title and manager share a
    role; departments become units; a row flagged as a vacancy, or without a name, is an open seat.
    """


def _run_import(source: Path, out: Path | None, org: str | None, mapping: tuple[str, ...],
                encoding: str = "utf-8", sheet: str | None = None) -> None:
    from ..errors import SpecError
    from ..lint.report import summary
    from .hrimport.run import import_file
    from ..out.write import write_file

    shown_out = display_path(out) if out else "<stdout>"
    with failures(out or Path(".")):
        try:
            result = import_file(source, display_path(source), org=org, mapping=mapping, encoding=encoding,
                                 sheet=sheet, shown_as=shown_out)
        except SpecError as exc:
            fail(exc, display_path(source))
        for note in result.notes:
            say(f"note: {note}", err=True)
        if out is None:
            click.echo(result.text, nl=False)
        else:
            write_file(out, result.text.encode("utf-8"))  # a regular file only, never through a link
    for finding in result.warnings:
        click.echo(str(finding), err=True)
    open_seats = result.seats - result.people
    say(f"{'wrote ' + shown_out if out else 'imported'}: {result.people} people and {open_seats} open "
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


@click.command("export")
@click.argument("source", metavar="SPEC", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--to", "fmt", required=True, type=LazyChoice("orgcharts.commands.export.run", "EXPORT_FORMATS"),
              help="csv: one row per person or open seat, in the columns `import csv` reads; json: the whole "
                   "spec; mermaid, d2: diagram source, one file per view.")
@click.option("--view", "views", type=click.Choice(VIEW_NAMES), multiple=True,
              help="The view to export (mermaid, d2); repeat for several. Default: every view with data.")
@click.option("-o", "--out", "out", type=click.Path(path_type=Path),
              help="A file with the format's suffix (.csv .json .mmd .d2), else a folder to write SPEC.csv, "
                   "SPEC.json or SPEC-VIEW.mmd / .d2 into. Default: stdout.")
def export(source: Path, fmt: str, views: tuple[str, ...], out: Path | None) -> None:
    """Export a spec for other tools: spreadsheets, scripts, Mermaid (GitHub, GitLab, Notion) and D2."""
    from ..spec.loader import load_file
    from ..out.pathnames import output_stems
    from .export.run import export_files
    from ..out.write import write_atomic, write_file

    with failures(out or Path(".")):
        output_stems([source], [display_path(source)])  # the stem names the files: never `.` or `..`
        spec = load_file(source, display_path(source)).spec
        files = export_files(spec, source.stem, fmt, views)
    if out is None:
        if len(files) > 1:
            raise click.UsageError(for_terminal(f"{len(files)} charts to export ({', '.join(n for n, _ in files)}); "
                                                "name one with --view, or give a folder with -o"))
        click.echo(files[0][1], nl=False)
        return
    # A path with the format's suffix (org.mmd, people.csv) is the file; any other path is a folder.
    into_folder = len(files) > 1 or out.is_dir() or out.suffix != Path(files[0][0]).suffix
    folder = out if into_folder else out.parent
    with failures(out):
        for name, text in files:
            written = (write_atomic(folder, name, text.encode("utf-8")) if into_folder
                       else write_file(out, text.encode("utf-8")))
            say(f"wrote {display_path(written)}")
