"""The only module that wires the stages: load -> check -> views -> dot -> render -> write."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .diagram import Diagram
from .dot import to_dot
from .errors import Finding, Position, SpecError
from .gallery import gallery_html, is_ours
from .loader import load_file
from .errors import RenderError
from .cache import ChartCache
from .workers import DEFAULT_TIMEOUT, Job, render_jobs
from .render import FORMATS, Look
from .spec import OrgSpec, ThemeSpec, ViewOptions
from .svg import finish_svg
from .themes import Theme, get_theme
from .views import VIEWS, get_view
from .write import refuse_links, sweep_stale, write_atomic

__all__ = ["OUTPUT_FORMATS", "SpecFile", "Chart", "Rendered", "resolve_theme", "chosen_views", "find_specs",
           "load_specs", "lint_specs",
           "plan_charts", "check_output_names", "render_charts", "render_specs", "display_path"]

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
        return f"{self.name}.{fmt}"


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
    if views:
        return list(views)
    if spec.views is not None:
        return [name for name, options in spec.views if options is not None]
    return list(VIEWS)


def resolve_theme(own: ThemeSpec | None, override: ThemeSpec | None = None) -> Theme:
    """The theme a spec is drawn in: the command line's, else the spec's, else the default."""
    chosen = override or own or ThemeSpec()
    base = get_theme(chosen.base)
    colours = {k: v for k, v in chosen.colors.model_dump().items() if v is not None}
    return base.adjusted(colours, chosen.font) if colours or chosen.font else base


def plan_charts(specs: Sequence[SpecFile], views: Sequence[str], theme: ThemeSpec | None = None,
                split: bool = True) -> list[Chart]:
    """The charts to draw, skipping views a spec has no data for; `split=False` draws no view in pieces."""
    charts: list[Chart] = []
    for item in specs:
        stem = item.path.stem
        look = resolve_theme(item.spec.theme, theme)
        for name in chosen_views(item.spec, views):
            options = getattr(item.spec.views, name, None) or ViewOptions()
            if not split:
                options = options.model_copy(update={"split": False})
            # The stem names the files; SVG ids are made from it with svg.safe_id (in finish_svg).
            for diagram in get_view(name)(item.spec, stem, options):
                charts.append(Chart(stem, name, diagram, to_dot(diagram, look), item.path, look))
    return charts


def check_output_names(charts: Sequence[Chart], formats: Sequence[str]) -> None:
    """Refuse, before anything is drawn, two specs whose charts would write the same file.

    Names are compared as a case-insensitive file system would (`Acme.yaml` and `acme.yml` clash).
    """
    owner: dict[str, Path] = {}
    clashes: dict[tuple[Path, Path], str] = {}
    for chart in charts:
        if chart.source is None:
            continue
        names = [chart.file_name(fmt) for fmt in formats if fmt in FORMATS]
        if "pptx" in formats:
            names.append(f"{chart.stem}.pptx")
        for name in names:
            first = owner.setdefault(name.casefold(), chart.source)
            if first != chart.source:
                clashes.setdefault((first, chart.source), name)
    findings = [
        Finding(display_path(second), Position(1, 1), "",
                f"its charts would overwrite those of {display_path(first)} (both write {name}); rename one "
                "of the two files, or render them into different --out folders", code="output-clash")
        for (first, second), name in clashes.items()
    ]
    if findings:
        raise SpecError(findings)


@dataclass(frozen=True)
class Rendered:
    """What a render run produced: files to write, and the charts that failed with why."""

    files: dict[str, bytes]
    failures: tuple[tuple[str, str], ...] = ()  # (chart name, message)
    diagnostics: tuple[tuple[str, str], ...] = ()  # (chart name, a warning Graphviz printed)
    notes: tuple[str, ...] = ()  # what was deliberately not written, and why


OUTPUT_FORMATS = (*FORMATS, "pptx")  # pptx: one deck per spec, a slide per chart


def _draw_all(jobs: list[Job], timeout: float, cache: ChartCache | None) -> list[dict[str, bytes] | RenderError]:
    """Each job's drawing: from the cache where it has one, else from Graphviz workers (then cached)."""
    if cache is None:
        return render_jobs(jobs, timeout)
    keys = [cache.key(dot, list(formats), look) for dot, formats, look in jobs]
    results: list[dict[str, bytes] | RenderError | None] = [cache.get(k, list(j[1])) for k, j in zip(keys, jobs)]
    missing = [i for i, r in enumerate(results) if r is None]
    if missing:
        for i, drawn in zip(missing, render_jobs([jobs[i] for i in missing], timeout)):
            results[i] = drawn
            if isinstance(drawn, dict):
                cache.put(keys[i], drawn)
    return [r for r in results if r is not None]


def render_charts(charts: Sequence[Chart], formats: Sequence[str], timeout: float = DEFAULT_TIMEOUT,
                  look: Look = Look(), decks: dict[str, str] | None = None,
                  cache: ChartCache | None = None, pptx_pictures: bool = False) -> Rendered:
    """Draw every chart in worker processes; a chart that fails is reported, the others kept.

    With "pptx" among the formats, each spec also gets a deck (`decks` maps spec stems to titles):
    native shapes, or with `pptx_pictures` each chart as a picture.
    """
    wanted = [f for f in formats if f in FORMATS]
    drawn = list(dict.fromkeys([*wanted, "svg", "png"])) if "pptx" in formats else wanted
    files: dict[str, bytes] = {}
    failures: list[tuple[str, str]] = []
    diagnostics: list[tuple[str, str]] = []
    slides: dict[str, list[Any]] = {}
    if "pptx" in formats:
        # python-pptx (with lxml and Pillow) takes ~80 ms to import: only when a deck is wanted.
        from .deck import Slide, build_deck
    results = _draw_all([(chart.dot, drawn, look) for chart in charts], timeout, cache)
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
        if "pptx" in formats:
            slides.setdefault(chart.stem, []).append(Slide(chart.diagram.title, result["svg"], result["png"],
                                                           chart.diagram, chart.dot, chart.theme))
    for stem, deck_slides in slides.items():
        files[f"{stem}.pptx"] = build_deck((decks or {}).get(stem, stem), deck_slides, pptx_pictures)
    return Rendered(files, tuple(failures), tuple(diagnostics))


def render_specs(inputs: Sequence[Path], out_dir: Path, formats: Sequence[str], views: Sequence[str] = (),
                 theme: ThemeSpec | None = None, timeout: float = DEFAULT_TIMEOUT,
                 look: Look = Look(), cache: ChartCache | None = None,
                 split: bool = True, pptx_pictures: bool = False) -> tuple[list[Path], Rendered]:
    """Load, check, draw, then write each chart that drew; an invalid spec writes nothing at all.

    A chart that fails to draw keeps its earlier files; the charts that drew are written.
    """
    refuse_links(out_dir)
    specs = load_specs(find_specs(inputs))
    charts = plan_charts(specs, views, theme, split)
    check_output_names(charts, formats)
    decks = {item.path.stem: item.spec.title or item.spec.org for item in specs}
    rendered = render_charts(charts, formats, timeout, look, decks, cache, pptx_pictures)
    sweep_stale(out_dir)
    written = [write_atomic(out_dir, name, data) for name, data in rendered.files.items()]
    if written:
        index = out_dir / "index.html"
        if is_ours(index):
            written.append(write_atomic(out_dir, "index.html", gallery_html(out_dir).encode("utf-8")))
        else:
            note = (f"{display_path(index)} was not written by orgcharts; it was left as it is "
                    "(the gallery was not updated)")
            rendered = replace(rendered, notes=(*rendered.notes, note))
    return written, rendered
