"""The commands that draw charts: `render`, `watch`, `diff` and `docs`, each on the one options value."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..terminal import for_terminal
from .chartoptions import chart_options
from .common import DEFAULT_OUT, LazyChoice, chosen_inputs, display_path, failures, out_option, say, spec_args

if TYPE_CHECKING:
    from ..options import ChartOptions

__all__ = ["render", "watch", "diff", "docs", "EVERY_OPTION"]

# What `render` and `watch` take: every option of a drawing.
EVERY_OPTION = ("formats", "views", "theme", "fit", "background", "scale", "timeout", "no_cache", "no_split",
                "min_text", "pptx_pictures", "template")


@click.command()
@spec_args
@out_option(DEFAULT_OUT, "Folder to write the charts into.")
@chart_options(*EVERY_OPTION)
@click.option("--verbose", "-v", is_flag=True, help="Also show the warnings Graphviz printed for each chart.")
def render(inputs: tuple[Path, ...], out_dir: Path, options: ChartOptions, verbose: bool) -> None:
    """Draw every chart of the given specs (default: ./specs) into --out.

    Files are named SPEC-VIEW.FORMAT and written atomically. An invalid spec writes nothing;
    a chart Graphviz cannot draw keeps its earlier files while the other charts are written.
    """
    from .pipeline import render_specs

    with failures(out_dir):
        written, rendered = render_specs(chosen_inputs(inputs), out_dir, options)
    if not written and not rendered.failures:
        asked = ", ".join(options.views) if options.views else "any view"
        say(f"error: nothing to draw: no spec has data for {asked} (see `orgcharts render --help`)", err=True)
        sys.exit(1)
    for path in written:
        say(f"wrote {display_path(path)}")
    for note in rendered.notes:
        say(f"note: {note}", err=True)
    if verbose:
        for chart, message in rendered.diagnostics:
            say(f"warning: {chart}: Graphviz: {message}", err=True)
    for chart, message in rendered.failures:
        say(f"error: {chart}: {message}; its earlier files were left as they were", err=True)
    if rendered.failures:
        sys.exit(1)


@click.command()
@spec_args
@out_option(DEFAULT_OUT, "Folder to write the charts into.")
@chart_options(*EVERY_OPTION)
@click.option("--serve", "serve_out", is_flag=True,
              help="Also serve the output folder on http://127.0.0.1:PORT/; the gallery reloads itself "
                   "whenever charts are rewritten.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port for --serve (loopback only); 0 picks a free one.")
def watch(inputs: tuple[Path, ...], out_dir: Path, options: ChartOptions, serve_out: bool, port: int) -> None:
    """Render the specs (default: ./specs), then re-render each one whenever it is saved.

    Findings are printed and watching goes on; a save with errors writes nothing, so the last good
    charts stay in place. Stop with Ctrl-C.
    """
    from .watch.serve import Reloads, serve
    from .watch.run import Watcher, watch_loop

    from ..out.write import refuse_links

    chosen = chosen_inputs(inputs)
    with failures(out_dir):
        refuse_links(out_dir)  # as `render` does: never write through a linked --out
    reloads = Reloads()
    watcher = Watcher(chosen, out_dir, options, echo=say, on_written=reloads.bump, on_errors=reloads.show_errors)
    if serve_out:
        try:
            server = serve(out_dir, reloads, port)
        except OSError as exc:
            say(f"error: cannot serve on 127.0.0.1:{port}: {exc.strerror}; pick another with --port", err=True)
            sys.exit(1)
        say(f"serving {display_path(out_dir)} on http://127.0.0.1:{server.server_address[1]}/")
    first = watcher.handle(watcher.specs())
    say(f"rendered {len(first.written)} files in {first.seconds:.2f} s; watching "
        f"{', '.join(display_path(p) for p in watcher.folders())} (Ctrl-C stops)")
    try:
        watch_loop(watcher)
    except KeyboardInterrupt:
        pass


@click.command()
@click.argument("specs", metavar="OLD NEW | SPEC --since REV", nargs=-1, type=click.Path(path_type=Path))
@click.option("--since", metavar="REV",
              help="Compare SPEC with itself at this git revision (git cat-file blob REV:path; the "
                   "repository's hooks, fsmonitor, textconv and pager are off).")
@out_option(DEFAULT_OUT, "Folder for the change charts and NEWSTEM-diff.md.")
@click.option("--format", "changelog_format", type=LazyChoice("orgcharts.commands.diff.changelog", "CHANGELOG_FORMATS"),
              default="text",
              show_default=True, help="The changelog printed on stdout: plain text or Markdown.")
@click.option("--side-by-side", "sbs", is_flag=True, help="Draw before and after next to each other.")
# Every option of a drawing but --no-split (a change chart is cut where the new version's view is);
# the chart formats are -f/--chart-format here, --format being the changelog's.
@chart_options("formats", "views", "theme", "fit", "background", "scale", "timeout", "no_cache", "min_text",
               "pptx_pictures", "template",
               flags={"formats": ("-f", "--chart-format")})
def diff(specs: tuple[Path, ...], since: str | None, out_dir: Path, changelog_format: str, sbs: bool,
         options: ChartOptions) -> None:
    """Show what changed between two versions of a spec: change charts and a changelog.

    `orgcharts diff OLD NEW` compares two files; `orgcharts diff SPEC --since REV` compares SPEC
    with itself at a git revision. Roles are matched by id, then by title. Charts are written as
    NEWSTEM-diff-VIEW.FORMAT, the changelog as NEWSTEM-diff.md; the changelog is also printed.
    The change colours are fitted to the theme.
    """
    if since is not None and len(specs) != 1:
        raise click.UsageError("with --since, name one spec: orgcharts diff SPEC --since REV")
    if since is None and len(specs) != 2:
        raise click.UsageError("name two specs (orgcharts diff OLD NEW), or one with --since REV")
    from .diff.run import load_since, load_version, run_diff

    from ..out.pathnames import output_stems

    with failures(out_dir):
        output_stems([specs[-1]], [display_path(specs[-1])])  # NEWSTEM names the files: never `.` or `..`
        new = load_version(specs[-1])
        old = load_since(specs[0], since) if since is not None else load_version(specs[0])
        result = run_diff(old, new, specs[-1].stem, out_dir, options, changelog_format, sbs)
    click.echo("\n".join(for_terminal(line) for line in result.changelog.split("\n")), nl=False)
    for path in result.written:
        say(f"wrote {display_path(path)}", err=True)
    for chart, message in result.rendered.failures:
        say(f"error: {chart}: {message}", err=True)
    if result.rendered.failures:
        sys.exit(1)


@click.command()
@spec_args
@out_option(DEFAULT_OUT / "docs", "Folder for the pages: OUT/SPEC/ROLE.FORMAT and OUT/index.FORMAT.")
@click.option("--format", "fmt", type=LazyChoice("orgcharts.commands.docs.run", "DOCS_FORMATS"), default="md",
              show_default=True,
              help="md: Markdown pages; html: the same pages, each with a chart of the role's neighbourhood; "
                   "docx: Word files.")
# The options of the org chart the HTML pages show (an SVG: no PNG scale, no split, no deck).
@chart_options("theme", "fit", "background", "timeout", "no_cache", "min_text", "template")
def docs(inputs: tuple[Path, ...], out_dir: Path, fmt: str, options: ChartOptions) -> None:
    """Write a job description per role (default: every spec in ./specs), and an index.

    Each page gives the role's title, purpose, unit (in the unit's own words), reporting lines,
    grade, location, hours, headcount, open seats and FTE, duties on each side, requirements,
    key relationships (given, and found from dotted lines, RACI and account teams), RACI
    activities and accounts.
    """
    from .docs.run import write_docs

    if options.template is not None and fmt != "docx":
        raise click.UsageError("--template is for --format docx (Word files)")
    with failures(out_dir):
        written = write_docs(chosen_inputs(inputs), out_dir, fmt, options, options.template)
    for path in written.written:
        say(f"wrote {display_path(path)}")
    for path in written.removed:
        say(f"removed {display_path(path)}: that role is no longer in the spec")
