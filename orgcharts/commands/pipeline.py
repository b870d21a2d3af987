"""The only module that wires the stages: load -> check -> views -> dot -> render -> write.

Each stage is imported where it is first used, so a command pays only for the stages it runs:
`check` never loads the drawing code, and a render served whole from the cache never loads the
models, the views or Graphviz (nor `errors`: only a failure needs its classes).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..names import DECK_FORMAT, FORMATS, OUTPUT_FORMATS, VIEW_NAMES, deck_name, file_name
from ..options import ChartOptions

if TYPE_CHECKING:
    from ..out.cache import ChartCache
    from ..errors import Finding, RenderError
    from ..views.diagram import Diagram
    from ..spec.models import OrgSpec, ThemeSpec
    from ..themes import Theme
    from ..engine.workers import Job

__all__ = ["OUTPUT_FORMATS", "SpecFile", "Chart", "Rendered", "resolve_theme", "chosen_views", "find_specs",
           "load_specs", "lint_specs", "planning", "plan_charts", "check_output_names", "render_charts", "render_specs",
           "write_files", "display_path"]

SPEC_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class SpecFile:
    """A loaded spec: where it came from, the model, and its warnings."""

    path: Path
    spec: OrgSpec
    warnings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class Chart:
    """One chart to draw: which spec, which view, and its DOT; a split view gives several."""

    stem: str
    view: str
    diagram: Diagram
    dot: str
    source: Path | None = None  # the spec it comes from
    theme: Theme | None = None  # what the DOT was drawn in (native decks colour their shapes with it)

    @property
    def name(self) -> str:
        """SPEC-VIEW, with the piece's number when the view was split (the diagram's id)."""
        return self.diagram.id

    def file_name(self, fmt: str) -> str:
        return file_name(self.name, fmt)

    def files(self, formats: Sequence[str]) -> list[str]:
        """The files this chart writes in these formats; its spec's deck among them when a deck is asked for."""
        names = [self.file_name(fmt) for fmt in formats if fmt in FORMATS]
        return [*names, deck_name(self.stem)] if DECK_FORMAT in formats else names


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def find_specs(inputs: Sequence[Path]) -> list[Path]:
    """Spec files named directly, plus every *.yaml / *.yml directly inside named folders, sorted."""
    found: list[Path] = []
    for item in inputs:
        if item.is_dir():
            found.extend(sorted(p for p in item.iterdir() if p.suffix in SPEC_SUFFIXES and p.is_file()))
        else:
            found.append(item)
    return list(dict.fromkeys(found))


def _load_all(paths: Sequence[Path]) -> tuple[list[SpecFile], list[Finding]]:
    """Every spec that loads, and every finding (errors and warnings) of every file, sorted."""
    from ..errors import Finding, SpecError
    from ..spec.loader import load_file

    loaded: list[SpecFile] = []
    findings: list[Finding] = []
    for path in paths:
        try:
            result = load_file(path, display_path(path))
            loaded.append(SpecFile(path, result.spec, result.warnings))
            findings.extend(result.warnings)
        except SpecError as exc:
            findings.extend(exc.findings)
    return loaded, sorted(findings, key=Finding.sort_key)


def load_specs(paths: Sequence[Path]) -> list[SpecFile]:
    """Load every spec, collecting the errors of all files before failing."""
    from ..errors import SpecError

    loaded, findings = _load_all(paths)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise SpecError(errors)
    return loaded


def lint_specs(paths: Sequence[Path]) -> list[Finding]:
    """The front half of the pipeline only: every error and warning of every spec, in file order."""
    return _load_all(paths)[1]


def chosen_views(spec: OrgSpec, views: Sequence[str]) -> list[str]:
    """The views named on the command line, else those the spec's `views:` lists, else all."""
    from ..views.registry import VIEWS

    if views:
        return list(views)
    if spec.views is not None:
        return [name for name, options in spec.views if options is not None]
    return list(VIEWS)


def resolve_theme(own: ThemeSpec | None, override: ThemeSpec | None = None) -> Theme:
    """The theme a spec is drawn in: the command line's, else the spec's, else the default."""
    from ..spec.models import ThemeSpec
    from ..themes import get_theme

    chosen = override or own or ThemeSpec()
    base = get_theme(chosen.base)
    colours = {k: v for k, v in chosen.colors.model_dump().items() if v is not None}
    return base.adjusted(colours, chosen.font) if colours or chosen.font else base


@contextmanager
def planning(min_text: float | None = None) -> Iterator[None]:
    """The views decide their pieces under the slide rule of `--min-text` (None: the charts' own floor).

    Every caller of the views goes through here (`plan_charts`, and `diff` for its change charts).
    """
    from ..layout.fit import SlideRule, use_rule

    with use_rule(SlideRule.with_min_text(min_text)):
        yield


def plan_charts(specs: Sequence[SpecFile], views: Sequence[str], theme: ThemeSpec | None = None,
                split: bool = True, dots: dict[tuple[Diagram, Theme], str] | None = None,
                min_text: float | None = None) -> list[Chart]:
    """The charts to draw, skipping views a spec has no data for; `split=False` draws no view in pieces.

    `dots`: DOT already written for a diagram in a theme (a warm process, `watch`, keeps those of
    its last render: a chart a save did not change is not written again; DOT is a function of the
    diagram and theme alone, whatever rule chose the diagram). `min_text`: `--min-text` (see `planning`).
    """
    with planning(min_text):
        return _plan(specs, views, theme, split, dots)


def _plan(specs: Sequence[SpecFile], views: Sequence[str], theme: ThemeSpec | None,
          split: bool, dots: dict[tuple[Diagram, Theme], str] | None) -> list[Chart]:
    from ..engine.dot import to_dot
    from ..layout.slides import measuring_in
    from ..spec.models import ViewOptions
    from ..views.registry import get_view

    charts: list[Chart] = []
    for item in specs:
        stem = item.path.stem
        look = resolve_theme(item.spec.theme, theme)
        for name in chosen_views(item.spec, views):
            options = getattr(item.spec.views, name, None) or ViewOptions()
            if not split:
                options = options.model_copy(update={"split": False})
            # The stem names the files; SVG ids are made from it with svg.safe_id (in finish_svg).
            with measuring_in(look):  # the drawing chosen is then rendered from the layout measured
                diagrams = list(get_view(name)(item.spec, stem, options))
            for diagram in diagrams:
                dot = dots.get((diagram, look)) if dots is not None else None
                charts.append(Chart(stem, name, diagram, dot or to_dot(diagram, look), item.path, look))
    return charts


def check_output_names(charts: Sequence[Chart], formats: Sequence[str]) -> None:
    """Refuse, before anything is drawn, two specs whose charts would write the same file.

    Names are compared as a case-insensitive file system would (`Acme.yaml` and `acme.yml` clash).
    """
    _refuse_clashes([(chart.source, name) for chart in charts if chart.source is not None
                     for name in chart.files(formats)])


def _refuse_clashes(owned: Sequence[tuple[Path, str]]) -> None:
    """A finding for each pair of specs that would write a same file (`owned`: spec, file name)."""
    owner: dict[str, Path] = {}
    clashes: dict[tuple[Path, Path], str] = {}
    for source, name in owned:
        first = owner.setdefault(name.casefold(), source)
        if first != source:
            clashes.setdefault((first, source), name)
    if not clashes:
        return
    from ..errors import Finding, Position, SpecError

    findings = [
        Finding(display_path(second), Position(1, 1), "",
                f"its charts would overwrite those of {display_path(first)} (both write {name}); rename one "
                "of the two files, or render them into different --out folders", code="output-clash")
        for (first, second), name in clashes.items()
    ]
    raise SpecError(findings)


@dataclass(frozen=True)
class Rendered:
    """What a render run produced: files to write, and the charts that failed with why."""

    files: dict[str, bytes]
    failures: tuple[tuple[str, str], ...] = ()  # (chart name, message)
    diagnostics: tuple[tuple[str, str], ...] = ()  # (chart name, a warning Graphviz printed)
    notes: tuple[str, ...] = ()  # what was deliberately not written, and why


def _draw_all(jobs: list[Job], timeout: float, cache: ChartCache | None) -> list[dict[str, bytes] | RenderError]:
    """Each job's drawing: from the cache where it has one, else drawn (then cached)."""
    from ..engine.workers import draw_jobs

    if cache is None:
        return draw_jobs(jobs, timeout)
    keys = [cache.key(dot, list(formats), look) for dot, formats, look in jobs]
    results: list[dict[str, bytes] | RenderError | None] = [cache.get(k, list(j[1])) for k, j in zip(keys, jobs)]
    missing = [i for i, r in enumerate(results) if r is None]
    if missing:
        for i, drawn in zip(missing, draw_jobs([jobs[i] for i in missing], timeout)):
            results[i] = drawn
            if isinstance(drawn, dict):
                cache.put(keys[i], drawn)
    return [r for r in results if r is not None]


def render_charts(charts: Sequence[Chart], options: ChartOptions = ChartOptions(), decks: dict[str, str] | None = None,
                  cache: ChartCache | None = None) -> Rendered:
    """Draw every chart in `options.formats`, in worker processes; a chart that fails is reported, the others kept.

    With "pptx" among the formats, each spec also gets a deck (`decks` maps spec stems to titles):
    native shapes, or with `options.pptx_pictures` each chart as a picture. `cache`: the chart cache
    to draw from and into (the caller opens it, once for all its calls).
    """
    from ..errors import RenderError
    from ..layout.scene import SCENE, read_scene
    from ..draw.svg import finish_svg

    formats, timeout, look = options.formats, options.timeout, options.look
    wanted = [f for f in formats if f in FORMATS]
    drawn = list(dict.fromkeys([*wanted, "svg", "png"])) if DECK_FORMAT in formats else wanted
    if DECK_FORMAT in formats and not options.pptx_pictures:
        drawn.append(SCENE)  # the native slides are drawn from the render's own layout
    files: dict[str, bytes] = {}
    failures: list[tuple[str, str]] = []
    diagnostics: list[tuple[str, str]] = []
    slides: dict[str, list[Any]] = {}
    if DECK_FORMAT in formats:
        # python-pptx (with lxml and Pillow) takes ~80 ms to import: only when a deck is wanted.
        from ..draw.pptx.deck import Slide, build_deck
    from ..engine.kept import forget_kept

    try:
        results = _draw_all([(chart.dot, drawn, look) for chart in charts], timeout, cache)
    finally:
        forget_kept()  # layouts planning kept and the render did not take (cached charts, probes)
    for chart, result in zip(charts, results):
        if isinstance(result, RenderError):
            failures.append((chart.name, str(result)))
            continue
        diagnostics.extend((chart.name, d) for d in getattr(result, "diagnostics", ()))
        if "svg" in result:
            result["svg"] = finish_svg(result["svg"], chart.diagram.title, chart.diagram.description,
                                       chart.diagram.id)
        for fmt in wanted:
            files[chart.file_name(fmt)] = result[fmt]
        if DECK_FORMAT in formats:
            scene = read_scene(result[SCENE]) if SCENE in result else None
            slides.setdefault(chart.stem, []).append(Slide(chart.diagram.title, result["svg"], result["png"],
                                                           chart.diagram, scene, chart.theme))
    for stem, deck_slides in slides.items():
        files[deck_name(stem)] = build_deck((decks or {}).get(stem, stem), deck_slides, options.pptx_pictures,
                                            options.template)
    return Rendered(files, tuple(failures), tuple(diagnostics))


def write_files(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write each file into `out_dir` (atomically), leaving alone those that already hold these bytes."""
    return [_write_changed(out_dir, name, data) for name, data in files.items()]


def _write_changed(out_dir: Path, name: str, data: bytes) -> Path:
    """Write a file atomically, unless it is already a regular file with exactly these bytes: then
    it is left as it is (an fsync per file is most of an unchanged re-render's time)."""
    from ..out.write import write_atomic

    path = out_dir / name
    try:
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode) and info.st_size == len(data) and path.read_bytes() == data:
            return path
    except OSError:
        pass
    return write_atomic(out_dir, name, data)


def _remove_leftovers(out_dir: Path, paths: Sequence[Path], views: Sequence[str], formats: Sequence[str],
                      rendered: Rendered) -> Rendered:
    """Remove the files, in every format, of charts and pieces these specs no longer draw (a split with
    fewer pieces now, a view whose data was removed); each removal is told as a note."""
    from ..out.prune import chart_owner, sweep_charts

    drawn = {name.rsplit(".", 1)[0] for name in rendered.files if chart_owner(name)}
    gone = sweep_charts(out_dir, {p.stem for p in paths}, views or VIEW_NAMES, formats, drawn,
                        (name for name, _ in rendered.failures))
    notes = tuple(f"removed {display_path(p)}: this run no longer draws that chart" for p in gone)
    return replace(rendered, notes=(*rendered.notes, *notes)) if notes else rendered


def render_specs(inputs: Sequence[Path], out_dir: Path,
                 options: ChartOptions = ChartOptions()) -> tuple[list[Path], Rendered]:
    """Load, check, draw, then write each chart that drew; an invalid spec writes nothing at all.

    A chart that fails to draw keeps its earlier files; the charts that drew are written.
    """
    from ..out.gallery import gallery_html, is_ours
    from ..out.wholespecs import cached_specs, merge, store_specs
    from ..out.write import refuse_links, sweep_stale

    refuse_links(out_dir)
    paths = find_specs(inputs)
    from ..out.pathnames import output_stems

    output_stems(paths, [display_path(p) for p in paths], clashes=False)  # stems name the files: never `.` or `..`
    cache = options.chart_cache()
    keys, entries = cached_specs(paths, options.cache_key(), cache)
    missing = [p for p in paths if p not in entries]
    specs = load_specs(missing) if missing else []  # every spec from the cache: no parser, no models
    charts = plan_charts(specs, options.views, options.theme, options.split, min_text=options.min_text) if specs else []
    owned: list[tuple[Path, str]] = []
    for path in paths:  # the file names each spec would write, as check_output_names lists them
        if path in entries:
            owned.extend((path, name) for name, _ in (*entries[path].charts, *entries[path].decks))
        owned.extend((path, name) for chart in charts if chart.source == path for name in chart.files(options.formats))
    _refuse_clashes(owned)
    decks = {item.path.stem: item.spec.title or item.spec.org for item in specs}
    drawn = render_charts(charts, options, decks, cache) if charts else Rendered({})
    rendered = merge(paths, entries, charts, drawn)
    if cache is not None:
        store_specs(cache, keys, paths, entries, charts, drawn)
    sweep_stale(out_dir)
    written = write_files(out_dir, rendered.files)
    rendered = _remove_leftovers(out_dir, paths, options.views, options.formats, rendered)
    if written:
        index = out_dir / "index.html"
        if is_ours(index):
            written.append(_write_changed(out_dir, "index.html", gallery_html(out_dir).encode("utf-8")))
        else:
            note = (f"{display_path(index)} was not written by orgcharts; it was left as it is "
                    "(the gallery was not updated)")
            rendered = replace(rendered, notes=(*rendered.notes, note))
    if cache is not None:
        cache.prune_daily()
    return written, rendered
