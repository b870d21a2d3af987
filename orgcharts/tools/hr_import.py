"""`orgcharts import`: an HR export (CSV or .xlsx) -> spec YAML that `orgcharts check` accepts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import Finding, SpecError
from ..loader import load
from .hr_columns import parse_map
from .hr_read import Table, read_table
from .hr_rows import read_seats
from .hr_spec import build_spec
from .yaml_out import dump_yaml

__all__ = ["Imported", "import_table", "import_file"]

@dataclass(frozen=True)
class Imported:
    """The spec's YAML text, what `check` says of it, and notes on the input (unused columns)."""

    text: str
    warnings: tuple[Finding, ...]
    notes: tuple[str, ...]
    people: int
    seats: int
    roles: int
    units: int


def import_table(table: Table, org: str, mapping: Sequence[str] = (), shown_as: str = "<import>") -> Imported:
    """Rows -> spec text, validated by the spec loader; SpecError lists every bad row of the input."""
    seats, notes = read_seats(table, parse_map(mapping))
    data = build_spec(seats, org)
    text = dump_yaml(data)
    try:
        loaded = load(text, shown_as)
    except SpecError as exc:  # the importer wrote a spec the loader refuses: a bug, not a user mistake
        raise AssertionError(f"imported spec does not load:\n{exc}") from None
    return Imported(text, loaded.warnings, tuple(notes), people=sum(1 for s in seats if s.name),
                    seats=len(seats), roles=len(data["roles"]), units=len(data.get("units", [])))


def import_file(path: Path, shown: str, *, org: str | None = None, mapping: Sequence[str] = (),
                encoding: str = "utf-8", sheet: str | None = None, shown_as: str = "<import>") -> Imported:
    """Read an HR export file and import it; the org is named after the file unless `org` is given."""
    table = read_table(path, shown, encoding=encoding, sheet=sheet)
    return import_table(table, org or path.stem, mapping, shown_as)
