"""The only module that wires the stages: load -> check -> views -> dot -> render -> write.

Each stage is imported where it is first used, so a command pays only for the stages it runs:
`check` never loads the drawing code, and a render served whole from the cache never loads the
models, the views or Graphviz (nor `errors`: only a failure needs its classes).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .options import DEFAULT_TIMEOUT, FORMATS, OUTPUT_FORMATS, VIEW_NAMES, Look

if TYPE_CHECKING:
    from .cache import ChartCache, SpecEntry
    from .errors import Finding, RenderError
    from .diagram import Diagram
    from .spec import OrgSpec, ThemeSpec
    from .themes import Theme
    from .workers import Job

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
    from .errors import Finding, SpecError
    from .loader import load_file

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
    from .errors import SpecError

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
    from .views import VIEWS

    if views:
        return list(views)
    if spec.views is not None:
        return [name for name, options in spec.views if options is not None]
    return list(VIEWS)


def resolve_theme(own: ThemeSpec | None, override: ThemeSpec | None = None) -> Theme:
    """The theme a spec is drawn in: the command line's, else the spec's, else the default."""
    from .spec import ThemeSpec
    from .themes import get_theme

    chosen = override or own or ThemeSpec()
    base = get_theme(chosen.base)
    colours = {k: v for k, v in chosen.colors.model_dump().items() if v is not None}
    return base.adjusted(colours, chosen.font) if colours or chosen.font else base


def plan_charts(specs: Sequence[SpecFile], views: Sequence[str], theme: ThemeSpec | None = None,
                split: bool = True, dots: dict[tuple[Diagram, Theme], str] | None = None) -> list[Chart]:
    """The charts to draw, skipping views a spec has no data for; `split=False` draws no view in pieces.

    `dots`: DOT already written for a diagram in a theme (a warm process, `watch`, keeps those of
    its last render: a chart a save did not change is not written again).
    """
    from .dot import to_dot
    from .spec import ViewOptions
    from .views import get_view

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
                dot = dots.get((diagram, look)) if dots is not None else None
                charts.append(Chart(stem, name, diagram, dot or to_dot(diagram, look), item.path, look))
    return charts


def check_output_names(charts: Sequence[Chart], formats: Sequence[str]) -> None:
    """Refuse, before anything is drawn, two specs whose charts would write the same file.

    Names are compared as a case-insensitive file system would (`Acme.yaml` and `acme.yml` clash).
    """
    owned: list[tuple[Path, str]] = []
    for chart in charts:
        if chart.source is None:
            continue
        owned.extend((chart.source, chart.file_name(fmt)) for fmt in formats if fmt in FORMATS)
        if "pptx" in formats:
            owned.append((chart.source, f"{chart.stem}.pptx"))
    _refuse_clashes(owned)


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
    from .errors import Finding, Position, SpecError

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
    from .workers import draw_jobs

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


def render_charts(charts: Sequence[Chart], formats: Sequence[str], timeout: float = DEFAULT_TIMEOUT,
                  look: Look = Look(), decks: dict[str, str] | None = None,
                  cache: ChartCache | None = None, pptx_pictures: bool = False,
                  template: Path | None = None) -> Rendered:
    """Draw every chart in worker processes; a chart that fails is reported, the others kept.

    With "pptx" among the formats, each spec also gets a deck (`decks` maps spec stems to titles):
    native shapes, or with `pptx_pictures` each chart as a picture.
    """
    from .errors import RenderError
    from .scene import SCENE, read_scene
    from .svg import finish_svg

    wanted = [f for f in formats if f in FORMATS]
    drawn = list(dict.fromkeys([*wanted, "svg", "png"])) if "pptx" in formats else wanted
    if "pptx" in formats and not pptx_pictures:
        drawn.append(SCENE)  # the native slides are drawn from the render's own layout
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
            scene = read_scene(result[SCENE]) if SCENE in result else None
            slides.setdefault(chart.stem, []).append(Slide(chart.diagram.title, result["svg"], result["png"],
                                                           chart.diagram, scene, chart.theme))
    for stem, deck_slides in slides.items():
        files[f"{stem}.pptx"] = build_deck((decks or {}).get(stem, stem), deck_slides, pptx_pictures, template)
    return Rendered(files, tuple(failures), tuple(diagnostics))


def _cached_specs(paths: Sequence[Path], options: dict[str, Any],
                  cache: ChartCache | None) -> tuple[dict[Path, tuple[str, bytes]], dict[Path, SpecEntry]]:
    """Each spec's key and bytes, and the entries the cache has for specs whose bytes are unchanged."""
    keys: dict[Path, tuple[str, bytes]] = {}
    entries: dict[Path, SpecEntry] = {}
    if cache is None:
        return keys, entries
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue  # the loader reports it
        keys[path] = (cache.spec_key(data, path.stem, options), data)
        entry = cache.get_spec(keys[path][0])
        if entry is not None:
            entries[path] = entry
    return keys, entries


def _split_files(files: dict[str, bytes], charts: Sequence[Chart],
                 path: Path) -> tuple[list[tuple[str, bytes]], list[tuple[str, bytes]]]:
    """The chart files and the deck of one spec among the files of a render, in their order."""
    mine = [c for c in charts if c.source == path]
    names = {c.name for c in mine}
    chart_files = [(n, d) for n, d in files.items() if not n.endswith(".pptx") and n.rsplit(".", 1)[0] in names]
    deck = f"{path.stem}.pptx"
    return chart_files, ([(deck, files[deck])] if mine and deck in files else [])


def _merge(paths: Sequence[Path], entries: dict[Path, SpecEntry], charts: Sequence[Chart],
           drawn: Rendered) -> Rendered:
    """The cached specs' files and the drawn ones, in the order one render of them all gives:
    every chart spec by spec, then every deck."""
    if not entries:
        return drawn
    chart_files: list[tuple[str, bytes]] = []
    deck_files: list[tuple[str, bytes]] = []
    diagnostics: list[tuple[str, str]] = []
    failures: list[tuple[str, str]] = []
    for path in paths:
        if path in entries:
            chart_files.extend(entries[path].charts)
            deck_files.extend(entries[path].decks)
            diagnostics.extend(entries[path].diagnostics)
            continue
        files, deck = _split_files(drawn.files, charts, path)
        chart_files.extend(files)
        deck_files.extend(deck)
        mine = {c.name for c in charts if c.source == path}
        diagnostics.extend(d for d in drawn.diagnostics if d[0] in mine)
        failures.extend(f for f in drawn.failures if f[0] in mine)
    return Rendered(dict([*chart_files, *deck_files]), tuple(failures), tuple(diagnostics), drawn.notes)


def _store_specs(cache: ChartCache, keys: dict[Path, tuple[str, bytes]], paths: Sequence[Path],
                 entries: dict[Path, SpecEntry], charts: Sequence[Chart], drawn: Rendered) -> None:
    """Remember each spec drawn in full, under its key, if its file still has the bytes it was keyed by."""
    from .cache import SpecEntry

    failed = {name for name, _ in drawn.failures}
    for path in paths:
        if path in entries or path not in keys:
            continue
        mine = [c for c in charts if c.source == path]
        if any(c.name in failed for c in mine):
            continue
        names = {c.name for c in mine}
        chart_files, decks = _split_files(drawn.files, charts, path)
        diagnostics = tuple(d for d in drawn.diagnostics if d[0] in names)
        try:
            unchanged = path.read_bytes() == keys[path][1]
        except OSError:
            unchanged = False
        if unchanged:
            cache.put_spec(keys[path][0], SpecEntry(tuple(chart_files), tuple(decks), diagnostics))


def _write_changed(out_dir: Path, name: str, data: bytes) -> Path:
    """Write a file atomically, unless it is already a regular file with exactly these bytes: then
    it is left as it is (an fsync per file is most of an unchanged re-render's time)."""
    from .write import write_atomic

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
    from .prune import chart_owner, sweep_charts

    drawn = {name.rsplit(".", 1)[0] for name in rendered.files if chart_owner(name)}
    gone = sweep_charts(out_dir, {p.stem for p in paths}, views or VIEW_NAMES, formats, drawn,
                        (name for name, _ in rendered.failures))
    notes = tuple(f"removed {display_path(p)}: this run no longer draws that chart" for p in gone)
    return replace(rendered, notes=(*rendered.notes, *notes)) if notes else rendered


def _file_digest(path: Path) -> str:
    """The SHA-256 of a file (hashlib only when one is given: a cache hit loads no OpenSSL)."""
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def render_specs(inputs: Sequence[Path], out_dir: Path, formats: Sequence[str], views: Sequence[str] = (),
                 theme: ThemeSpec | None = None, timeout: float = DEFAULT_TIMEOUT,
                 look: Look = Look(), cache: ChartCache | None = None,
                 split: bool = True, pptx_pictures: bool = False,
                 template: Path | None = None) -> tuple[list[Path], Rendered]:
    """Load, check, draw, then write each chart that drew; an invalid spec writes nothing at all.

    A chart that fails to draw keeps its earlier files; the charts that drew are written.
    """
    from .gallery import gallery_html, is_ours
    from .write import refuse_links, sweep_stale

    refuse_links(out_dir)
    paths = find_specs(inputs)
    options = {"formats": list(formats), "views": list(views), "look": look, "split": split, "pictures": pptx_pictures,
               "theme": theme.model_dump(mode="json") if theme is not None else None,
               # the template's bytes decide the decks (issue 21): a changed template re-renders them
               "template": _file_digest(template) if template is not None else None}
    keys, entries = _cached_specs(paths, options, cache)
    missing = [p for p in paths if p not in entries]
    specs = load_specs(missing) if missing else []  # every spec from the cache: no parser, no models
    charts = plan_charts(specs, views, theme, split) if specs else []
    owned: list[tuple[Path, str]] = []
    for path in paths:  # the file names each spec would write, as check_output_names lists them
        if path in entries:
            owned.extend((path, name) for name, _ in (*entries[path].charts, *entries[path].decks))
        for chart in (c for c in charts if c.source == path):
            owned.extend((path, chart.file_name(fmt)) for fmt in formats if fmt in FORMATS)
            if "pptx" in formats:
                owned.append((path, f"{chart.stem}.pptx"))
    _refuse_clashes(owned)
    decks = {item.path.stem: item.spec.title or item.spec.org for item in specs}
    drawn = (render_charts(charts, formats, timeout, look, decks, cache, pptx_pictures, template) if charts
             else Rendered({}))
    rendered = _merge(paths, entries, charts, drawn)
    if cache is not None:
        _store_specs(cache, keys, paths, entries, charts, drawn)
    sweep_stale(out_dir)
    written = [_write_changed(out_dir, name, data) for name, data in rendered.files.items()]
    rendered = _remove_leftovers(out_dir, paths, views, formats, rendered)
    if written:
        index = out_dir / "index.html"
        if is_ours(index):
            written.append(_write_changed(out_dir, "index.html", gallery_html(out_dir).encode("utf-8")))
        else:
            note = (f"{display_path(index)} was not written by orgcharts; it was left as it is "
                    "(the gallery was not updated)")
            rendered = replace(rendered, notes=(*rendered.notes, note))
    return written, rendered
