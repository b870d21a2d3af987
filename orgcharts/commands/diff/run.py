"""`orgcharts diff`: load two versions, compute the changes, plan and draw change charts, write the changelog."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ... import names
from ...views.diagram import Diagram
from ...engine.dot import to_dot
from ...errors import Finding, Position, SpecError
from ...spec.loader import load, load_file
from ...names import diff_stem, file_name
from ...options import ChartOptions
from ..pipeline import Chart, Rendered, display_path, planning, render_charts, resolve_theme, write_files
from ...spec.models import OrgSpec, ViewOptions
from ...themes import Theme
from ...views.registry import get_view
from ...out.write import refuse_links
from .changechart import CHANGE_VIEWS, change_diagram, change_diagrams, with_legend
from .changelog import as_markdown, as_text
from .changes import Changes, compute
from .changespec import accounts_spec
from .gitrev import text_at
from .racichange import raci_dot
from .sidebyside import side_by_side
from .tones import change_theme

__all__ = ["Version", "load_version", "load_since", "diff_views", "plan_diff", "DiffResult", "run_diff",
           "VIEW_TITLES"]

VIEW_TITLES = {names.RESPONSIBILITIES: "who owns what", names.ORG: "reporting lines",
               names.RACI: "who is responsible for what", names.ACCOUNTS: "account teams"}


@dataclass(frozen=True)
class Version:
    """One version of a spec: the model, and the name it is shown by."""

    spec: OrgSpec
    name: str


def load_version(path: Path) -> Version:
    """A spec file as one side of a diff; errors are positioned findings."""
    return Version(load_file(path, display_path(path)).spec, display_path(path))


def load_since(path: Path, rev: str) -> Version:
    """The spec at `path` as it was at git revision `rev` (raises GitError or SpecError)."""
    raw, shown = text_at(path, rev)
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise SpecError([Finding(shown, Position(raw[: exc.start].count(b"\n") + 1, 1), "",
                                 "not UTF-8 at that revision", code="encoding")]) from None
    return Version(load(text, shown).spec, shown)


def diff_views(changes: Changes, views: Sequence[str]) -> list[str]:
    """The views asked for (default: all) that have data in both versions."""
    wanted = list(views) or list(CHANGE_VIEWS)
    options = ViewOptions(split=False)
    return [v for v in wanted if get_view(v)(changes.old, "old", options) and get_view(v)(changes.new, "new", options)]


def plan_diff(changes: Changes, stem: str, old: str, new: str, theme: Theme, views: Sequence[str],
              sbs: bool) -> list[Chart]:
    """The change charts to draw: one per view with data in both versions."""
    look = change_theme(theme)
    charts: list[Chart] = []
    for view in diff_views(changes, views):
        chart_id = names.chart_id(diff_stem(stem), view)
        title = f"{changes.new.org} — what changed: {VIEW_TITLES[view]}"
        subtitle = f"Before: {old} · after: {new}" + (" · before on the left, after on the right" if sbs else "")
        description = (f"Change chart of {changes.new.org}, {VIEW_TITLES[view]}, from {old} to {new}: added items "
                       "in one colour, removed in another, moved or changed in a third, the rest muted.")
        if view == names.RACI:
            # Drawn from its own DOT (a matrix of before -> after cells); the diagram carries its titles.
            diagram = Diagram(id=chart_id, title=title, subtitle=subtitle, description=description)
            dot = raci_dot(changes, chart_id, title, subtitle, look, sbs)
            charts.append(Chart(diff_stem(stem), view, diagram, dot))
            continue
        if sbs:
            # Before and after side by side: each version drawn whole, so the two halves match.
            before = change_diagram(changes, view, chart_id, "old")
            after = change_diagram(changes, view, chart_id, "new")
            assert before is not None and after is not None
            pieces = [replace(side_by_side(before, after, after), id=chart_id)]
        else:
            # Both versions merged, in as many pieces as the view draws the spec in (ids `STEM-diff-VIEW...`).
            spec = accounts_spec(changes) if view == names.ACCOUNTS else None
            pieces = change_diagrams(changes, view, diff_stem(stem), "both", spec)
        for i, piece in enumerate(pieces, 1):
            part = f" ({i} of {len(pieces)})" if len(pieces) > 1 else ""
            diagram = with_legend(replace(piece, title=title + part, subtitle=subtitle, description=description))
            charts.append(Chart(diff_stem(stem), view, diagram, to_dot(diagram, look)))
    return charts


@dataclass(frozen=True)
class DiffResult:
    """What a diff produced: the changelog in the asked format, files written, charts that failed."""

    changelog: str
    written: tuple[Path, ...]
    rendered: Rendered


def run_diff(old: Version, new: Version, stem: str, out_dir: Path, options: ChartOptions = ChartOptions(),
             changelog_format: str = "text", sbs: bool = False) -> DiffResult:
    """Compute the changes, draw the change charts (in `options`), write them and `STEM-diff.md` into `out_dir`."""
    refuse_links(out_dir)
    changes = compute(old.spec, new.spec)
    theme = resolve_theme(new.spec.theme, options.theme)
    with planning(options.min_text):  # the change charts are cut under the same slide rule as `render`'s
        charts = plan_diff(changes, stem, old.name, new.name, theme, options.views, sbs) if options.formats else []
    decks = {diff_stem(stem): f"{new.spec.org} — what changed"}
    cache = options.chart_cache()
    rendered = render_charts(charts, options, decks, cache)
    if cache is not None:
        cache.prune_daily()
    markdown = as_markdown(changes, old.name, new.name)
    files = dict(rendered.files) | {file_name(diff_stem(stem), "md"): markdown.encode("utf-8")}
    written = tuple(write_files(out_dir, files))
    text = markdown if changelog_format == "md" else as_text(changes, old.name, new.name)
    return DiffResult(text, written, rendered)
