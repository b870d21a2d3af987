"""`orgcharts export`: a spec -> CSV of people, JSON of the spec, or Mermaid / D2 source per view."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..spec import OrgSpec
from .export_csv import export_csv
from .export_d2 import export_d2
from .export_json import export_json
from .export_mermaid import export_mermaid
from ..names import chart_id
from .export_scope import VIEW_NAMES, available

__all__ = ["EXPORT_FORMATS", "export_files", "ExportError"]

# format -> (file suffix, writer of the whole spec, writer of one view); exactly one writer is set.
_WHOLE: dict[str, tuple[str, Callable[[OrgSpec], str]]] = {"csv": (".csv", export_csv), "json": (".json", export_json)}
_PER_VIEW: dict[str, tuple[str, Callable[[OrgSpec, str], str]]] = {
    "mermaid": (".mmd", export_mermaid), "d2": (".d2", export_d2),
}
EXPORT_FORMATS = (*_WHOLE, *_PER_VIEW)


class ExportError(ValueError):
    """An export that cannot be made as asked (a view the spec has no data for, --view with csv)."""


def export_files(spec: OrgSpec, stem: str, fmt: str, views: Sequence[str] = ()) -> list[tuple[str, str]]:
    """(file name, text) for each file the export makes: one for csv and json, one per view otherwise."""
    if fmt in _WHOLE:
        if views:
            raise ExportError(f"--view applies to mermaid and d2; {fmt} holds the whole spec")
        suffix, whole = _WHOLE[fmt]
        return [(f"{stem}{suffix}", whole(spec))]
    suffix, per_view = _PER_VIEW[fmt]
    chosen = available(spec, views)
    missing = [v for v in views if v not in chosen]
    if missing:
        raise ExportError(f"this spec has no data for the {', '.join(missing)} view; "
                          f"it has: {', '.join(available(spec)) or 'none'}")
    if not chosen:
        raise ExportError(f"this spec has no data for any view ({', '.join(VIEW_NAMES)})")
    return [(chart_id(stem, view) + suffix, per_view(spec, view)) for view in chosen]
