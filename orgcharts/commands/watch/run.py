"""`orgcharts watch`: re-render each spec when it is saved, in one warm process; an invalid save writes nothing."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from threading import Event
from typing import TYPE_CHECKING

from ...out.cache import ChartCache
from ...errors import Finding, SpecError
from ...out.gallery import gallery_html, is_ours
from ...names import DECK_FORMAT, VIEW_NAMES
from ...options import ChartOptions
from ...out.pathnames import output_stems
from ..pipeline import (SPEC_SUFFIXES, Chart, SpecFile, display_path, find_specs, load_specs, plan_charts,
                        render_charts, write_files)
from ...out.write import OutputPathError, write_atomic

if TYPE_CHECKING:
    from ...views.diagram import Diagram
    from ...themes import Theme

__all__ = ["Outcome", "Watcher", "watch_loop"]


@dataclass
class Outcome:
    """What one change set did: files written, findings printed, specs left as they were."""

    written: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # invalid saves: their last good charts stay
    failures: list[tuple[str, str]] = field(default_factory=list)
    preview_seconds: float = 0.0  # until the first SVG (what the gallery shows) was written
    seconds: float = 0.0  # until every format was written


class Watcher:
    """The state of a watch: which specs it follows, and how it renders one that changed."""

    def __init__(self, inputs: Sequence[Path], out_dir: Path, options: ChartOptions = ChartOptions(),
                 echo: Callable[[str, bool], None] | None = None,
                 on_written: Callable[[], None] | None = None,
                 on_errors: Callable[[Sequence[str]], None] | None = None) -> None:
        self.inputs = [p.resolve() for p in inputs]
        self.out_dir = out_dir
        self.options = options  # the same options as `orgcharts render`, for every re-render
        self.cache: ChartCache | None = options.chart_cache()
        self.echo = echo or (lambda text, err: None)
        self.on_written = on_written or (lambda: None)
        self.on_errors = on_errors or (lambda lines: None)  # the served page shows these instead of the charts
        self._errors: dict[Path, list[str]] = {}  # per spec that does not load now: its errors
        self._foreign_index = False  # a hand-written index.html was found (and told) once
        self._warned: dict[Path, set[tuple[str, str]]] = {}  # per spec: warnings already shown
        self._drawn: dict[tuple[str, tuple[str, ...]], str] = {}  # (chart name, formats) -> DOT on disk
        # Per spec, the DOT of each chart of its last render, by diagram and theme: a chart a save leaves
        # as it was is not written again (DOT is a pure function of the two).
        self._dots: dict[Path, dict[tuple[Diagram, Theme], str]] = {}

    def folders(self) -> list[Path]:
        """What to watch: named folders, and the folders of named files (editors replace files on save)."""
        return sorted({p if p.is_dir() else p.parent for p in self.inputs})

    def specs(self) -> list[Path]:
        """Every spec followed now: files named, and the *.yaml / *.yml directly inside named folders."""
        return [p.resolve() for p in find_specs(self.inputs) if p.is_file()]

    def follows(self, path: Path) -> bool:
        """Whether a changed path is one of the specs this watch renders."""
        path = path.resolve()
        if path.suffix not in SPEC_SUFFIXES or path.name.startswith("."):
            return False
        return any(path == item or (item.is_dir() and path.parent == item) for item in self.inputs)

    def handle(self, changed: Iterable[Path]) -> Outcome:
        """Re-render the changed specs that still exist; report, never raise on bad input.

        The SVGs (which the gallery shows) are drawn first, one chart at a time, each written and
        the gallery told to reload as soon as it is drawn; the slower formats (PNG, PDF, decks)
        follow in a second pass.
        """
        started = time.perf_counter()
        outcome = Outcome()
        paths = sorted({p.resolve() for p in changed if self.follows(p) and p.is_file()})
        loaded = [specs for path in paths if (specs := self._load(path, outcome)) is not None]
        for gone in [p for p in self._errors if not p.is_file()]:  # a broken spec since deleted
            del self._errors[gone]
        if paths:
            self.on_errors([line for path in sorted(self._errors) for line in self._errors[path]])
        s = self.options
        planned = [(plan_charts(specs, s.views, s.theme, s.split, dots=self._dots.get(specs[0].path),
                                min_text=s.min_text),
                    {item.path.stem: item.spec.title or item.spec.org for item in specs}) for specs in loaded]
        for specs, (charts, _) in zip(loaded, planned):  # each spec's last DOTs only: the table stays small
            self._dots[specs[0].path] = {(c.diagram, c.theme): c.dot for c in charts if c.theme is not None}
        if "svg" in s.formats:
            # Smallest chart first, each written as soon as drawn: the page shows it at once.
            for charts, decks in planned:
                for chart in sorted(charts, key=lambda c: len(c.dot)):
                    if self._draw([chart], ("svg",), decks, outcome):
                        self._gallery(outcome)
                        outcome.preview_seconds = outcome.preview_seconds or time.perf_counter() - started
                        self.on_written()
        rest = tuple(f for f in s.formats if f != "svg")
        if rest:
            wrote = [self._draw(charts, rest, decks, outcome) for charts, decks in planned]
            if any(wrote):
                self._gallery(outcome)
        if self._sweep(loaded, [charts for charts, _ in planned], outcome):
            self._gallery(outcome)
            self.on_written()
        outcome.seconds = time.perf_counter() - started
        return outcome

    def _sweep(self, loaded: list[list[SpecFile]], planned: list[list[Chart]], outcome: Outcome) -> bool:
        """Remove the files of charts and pieces these saves no longer draw (a split with fewer pieces
        now, a view whose data went), as `render` does; whether any went."""
        from ...out.prune import sweep_charts

        s = self.options
        gone = sweep_charts(self.out_dir, {item.path.stem for specs in loaded for item in specs}, s.views or VIEW_NAMES,
                            s.formats, {chart.name for charts in planned for chart in charts},
                            (name for name, _ in outcome.failures))
        for path in gone:
            self.echo(f"removed {display_path(path)}: this save no longer draws that chart", False)
        return bool(gone)

    def _load(self, path: Path, outcome: Outcome) -> list[SpecFile] | None:
        """The spec, or None after printing its errors; warnings are printed when new."""
        name = display_path(path)
        try:
            output_stems([path], [name])  # its stem names its files: never `.` or `..`
            loaded = load_specs([path])
        except SpecError as exc:
            outcome.findings.extend(exc.findings)
            outcome.kept.append(path)
            self._errors[path] = [str(finding) for finding in exc.findings]
            for finding in exc.findings:
                self.echo(str(finding), True)
            self.echo(f"{name}: not rendered; its last good charts stay in place", True)
            return None
        self._errors.pop(path, None)
        warnings = [w for item in loaded for w in item.warnings]
        outcome.findings.extend(warnings)
        seen = self._warned.get(path, set())
        # A warning is the same warning when only its line moved: shown once, then counted.
        keys = {(w.field, w.message) for w in warnings}
        for finding in warnings:
            if (finding.field, finding.message) not in seen:
                self.echo(str(finding), True)
        self._warned[path] = keys
        if warnings and keys <= seen:
            self.echo(f"{name}: {len(warnings)} warning{'s' * (len(warnings) != 1)}, as before", True)
        return loaded

    def _draw(self, charts: list[Chart], formats: tuple[str, ...], decks: dict[str, str], outcome: Outcome) -> bool:
        """Draw and write the charts in these formats; whether anything was written."""
        if DECK_FORMAT not in formats:  # a deck holds every chart of its spec; other files are per chart
            # A chart whose DOT is what this watch last wrote is already on disk as it would be drawn.
            charts = [c for c in charts if self._drawn.get((c.name, formats)) != c.dot]
        if not charts:
            return False
        rendered = render_charts(charts, replace(self.options, formats=formats), decks, self.cache)
        try:
            outcome.written.extend(write_files(self.out_dir, rendered.files))
        except (OSError, OutputPathError) as exc:
            self.echo(f"error: cannot write to {display_path(self.out_dir)}: {exc}", True)
            return False
        failed = {name for name, _ in rendered.failures}
        for chart in charts:
            if chart.name not in failed:  # a split view's pieces are charts of their own
                self._drawn[(chart.name, formats)] = chart.dot
        for name, message in rendered.failures:
            outcome.failures.append((name, message))
            self.echo(f"error: {name}: {message}; its earlier files were left as they were", True)
        return bool(rendered.files)

    def _gallery(self, outcome: Outcome) -> None:
        """Rewrite the gallery page, unless it already says exactly this (most saves change no chart's title)
        or is a page orgcharts did not write (left as it is, as `render` leaves it)."""
        index = self.out_dir / "index.html"
        if not is_ours(index):
            if not self._foreign_index:
                self.echo(f"note: {display_path(index)} was not written by orgcharts; it was left as it is "
                          "(the gallery was not updated)", True)
            self._foreign_index = True
            return
        data = gallery_html(self.out_dir).encode("utf-8")
        try:
            if index.is_file() and not index.is_symlink() and index.read_bytes() == data:
                return
            outcome.written.append(write_atomic(self.out_dir, "index.html", data))
        except (OSError, OutputPathError) as exc:
            self.echo(f"error: cannot write the gallery: {exc}", True)


def watch_loop(watcher: Watcher, stop: Event | None = None, *, ready: Callable[[], None] | None = None,
               step_ms: int = 30, debounce_ms: int = 300) -> None:
    """Wait for saves and hand each batch of changed paths to the watcher, until `stop` is set.

    watchfiles gathers the events of one save (editors write, rename and touch) into one batch:
    it yields once no new event came for `step_ms`, so a save is rendered about that long after.
    """
    import watchfiles

    for changes in watchfiles.watch(*watcher.folders(), stop_event=stop, step=step_ms, debounce=debounce_ms,
                                    yield_on_timeout=True, rust_timeout=200, raise_interrupt=False):
        if ready is not None:
            ready()
            ready = None
        paths = [Path(p) for kind, p in changes if kind != watchfiles.Change.deleted]
        if paths:
            outcome = watcher.handle(paths)
            for path in dict.fromkeys(outcome.written):
                watcher.echo(f"wrote {display_path(path)}", False)
            if outcome.written:
                watcher.echo(f"rendered in {outcome.seconds:.2f} s (gallery updated after "
                             f"{outcome.preview_seconds:.2f} s)", False)
