"""`orgcharts export`: a spec -> CSV of people, JSON of the spec, or Mermaid / D2 source per chart."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ...views.diagram import Diagram
from ...spec.models import OrgSpec
from ...themes import Theme
from .csv import export_csv
from .d2 import export_d2
from .json import export_json
from .mermaid import export_mermaid
from .scope import ExportError, charts_by_view

__all__ = ["EXPORT_FORMATS", "export_files", "ExportError"]

# format -> (file suffix, writer of the whole spec) or (file suffix, writer of one chart).
_WHOLE: dict[str, tuple[str, Callable[[OrgSpec], str]]] = {"csv": (".csv", export_csv), "json": (".json", export_json)}
_PER_CHART: dict[str, tuple[str, Callable[[Diagram, Theme], str]]] = {
    "mermaid": (".mmd", export_mermaid), "d2": (".d2", export_d2),
}
EXPORT_FORMATS = (*_WHOLE, *_PER_CHART)


def export_files(spec: OrgSpec, stem: str, fmt: str, views: Sequence[str] = ()) -> list[tuple[str, str]]:
    """(file name, text) for each file the export makes: one for csv and json; for mermaid and d2, one per
    chart `render` draws (a view split into pieces gives one file per piece, named as its chart is)."""
    from ..pipeline import resolve_theme

    if fmt in _WHOLE:
        if views:
            raise ExportError(f"--view applies to mermaid and d2; {fmt} holds the whole spec")
        suffix, whole = _WHOLE[fmt]
        return [(f"{stem}{suffix}", whole(spec))]
    suffix, per_chart = _PER_CHART[fmt]
    theme = resolve_theme(spec.theme)
    return [(f"{diagram.id}{suffix}", per_chart(diagram, theme))
            for diagrams in charts_by_view(spec, stem, views).values() for diagram in diagrams]
