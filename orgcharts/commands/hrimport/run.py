"""`orgcharts import`: an HR export (CSV or .xlsx) -> spec YAML that `orgcharts check` accepts.

The importer only returns specs that load: the text goes through the spec loader and its limits
before anyone writes it, and whatever the loader refuses comes back as a finding on the row that
made it (`file:ROW:COL`), never as a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from ...errors import Finding, Position, SpecError, for_terminal
from ...spec.loader import load
from ...spec.models import Text, visible
from ...spec.yamltree import MAX_BYTES
from .columns import parse_map
from .formats import is_junior
from .junior import junior_roles
from .people import resolve
from .read import Table, read_table
from .rows import RowReader, Seat, key, read_rows
from .spec import Built, build_spec
from ...out.yamltext import dump_yaml

__all__ = ["Imported", "import_table", "import_file", "junior_file_of", "org_from_name"]

_TEXT: TypeAdapter[str] = TypeAdapter(Text)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FALLBACK_ORG = "Imported organisation"
_ITEM = re.compile(r"^(roles|units)\[(\d+)\]")


@dataclass(frozen=True)
class Imported:
    """The spec's YAML text, what `check` says of it, notes on the input (unused columns; safe to print),
    and counts: `seats` is people plus open seats."""

    text: str
    warnings: tuple[Finding, ...]
    notes: tuple[str, ...]
    people: int
    seats: int
    roles: int
    units: int


def org_from_name(name: str) -> str:
    """An organisation name from a file name: invisible and control characters dropped, at most 120 characters.

    >>> org_from_name("acme\u200b-hr"), org_from_name("\u200b"), org_from_name("a\x1bb")
    ('acme-hr', 'Imported organisation', 'ab')
    """
    text = " ".join(_CONTROL.sub("", visible(name)).split())[:120].strip()
    return text or _FALLBACK_ORG


def _org(table: Table, reader: RowReader, org: str | None, fallback: str) -> str:
    """`--org` as given (refused when it could not be a spec's `org:`), else the file's one organisation
    name (organogram `Organisation`), else the file's name."""
    if org is not None:
        try:
            return _TEXT.validate_python(org)
        except ValidationError as exc:
            err = exc.errors()[0]
            message = (f"is longer than {err['ctx']['max_length']} characters; shorten it"
                       if err["type"] == "string_too_long" else err["msg"])
            raise SpecError([Finding(table.path, Position(1, 1), "--org", message, code="invalid-value")]) from None
    column = reader.columns.get("organisation")
    if column is not None:
        names = {key(cells[column]): cells[column] for _, cells in reader.rows
                 if column < len(cells) and cells[column].strip()}
        if len(names) == 1:
            (name,) = names.values()
            try:
                return _TEXT.validate_python(" ".join(name.split()))
            except ValidationError:
                pass
    return org_from_name(fallback)


def _posts(seats: list[Seat], built: Built) -> dict[str, tuple[str, str | None]]:
    unit_of = {r["id"]: r.get("unit") for r in built.data["roles"]}
    return {key(s.employee_id): (built.role_of_seat[i], unit_of[built.role_of_seat[i]])
            for i, s in enumerate(seats) if s.employee_id and s.share_of is None}


def _add_junior(junior: Table, seats: list[Seat], built: Built,
                origin: dict[str, tuple[str, int, int]]) -> list[Finding]:
    units = {key(u["name"]): u["id"] for u in built.data.get("units", [])}
    taken = {r["id"] for r in built.data["roles"]}
    roles, lines, findings = junior_roles(junior, _posts(seats, built), units, taken)
    start = len(built.data["roles"])
    built.data["roles"].extend(roles)
    for k, line in lines.items():
        origin[f"roles[{start + k}]"] = (junior.path, line, 1)
    return findings


def _on_rows(exc: SpecError, origin: dict[str, tuple[str, int, int]], where: tuple[str, int, int]) -> SpecError:
    """The loader's findings on the spec, moved to the rows that made each role or unit."""
    moved: list[Finding] = []
    for f in exc.findings:
        match = _ITEM.match(f.field)
        path, line, col = origin.get(match.group(0), where) if match else where
        detail = f"{f.field}: {f.message}" if f.field else f.message
        moved.append(Finding(path, Position(line, col), "", f"the spec made from this row is refused: {detail}",
                             code=f.code))
    return SpecError(moved)


def import_table(table: Table, org: str | None, mapping: Sequence[str] = (), shown_as: str = "<import>",
                 junior: Table | None = None, name: str = "") -> Imported:
    """Rows -> spec text, validated by the spec loader; SpecError lists every bad row of the input.

    `org`: the organisation's name (`--org`), else the file's own, else `name` (the file's stem).
    `junior`: the organogram's junior-staff file, whose posts become headcount under the senior posts.
    """
    reader, seats = read_rows(table, parse_map(mapping))
    resolve(reader, seats)
    org_name = _org(table, reader, org, name or table.path)
    built = build_spec(seats, org_name, reader.header_of("department")[0])
    origin = {item: (table.path, line, col) for item, (line, col) in built.origin.items()}
    notes = list(reader.notes)
    if junior is not None:
        findings = _add_junior(junior, seats, built, origin)
        if findings:
            raise SpecError(findings)
        notes.append(f"read junior staff from {junior.path}")
    header = (table.path, reader.header_line, 1)
    text = dump_yaml(built.data)
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise SpecError([Finding(table.path, Position(reader.header_line, 1), "", f"the spec made from these "
                                 f"{len(seats):,} rows would be {size:,} bytes, more than the {MAX_BYTES:,} a spec "
                                 "may hold; import one department at a time", code="too-large")])
    try:
        loaded = load(text, shown_as)
    except SpecError as exc:
        raise _on_rows(exc, origin, header) from None
    roles = built.data["roles"]
    people = sum(len(r.people) for r in loaded.spec.roles)
    return Imported(text, loaded.warnings, tuple(for_terminal(n) for n in notes), people=people,
                    seats=people + sum(r.open for r in loaded.spec.roles), roles=len(roles),
                    units=len(built.data.get("units", [])))


def junior_file_of(path: Path) -> Path | None:
    """The organogram junior-staff file published beside a senior-staff one (`...senior...` -> `...junior...`)."""
    for old, new in (("senior", "junior"), ("Senior", "Junior"), ("SENIOR", "JUNIOR")):
        if old in path.name:
            candidate = path.with_name(path.name.replace(old, new))
            if candidate.is_file():
                return candidate
    return None


def import_file(path: Path, shown: str, *, org: str | None = None, mapping: Sequence[str] = (),
                encoding: str = "utf-8", sheet: str | None = None, shown_as: str = "<import>") -> Imported:
    """Read an HR export file and import it. An organogram's junior-staff file beside it is read too."""
    table = read_table(path, shown, encoding=encoding, sheet=sheet)
    junior = None
    sibling = junior_file_of(path)
    if sibling is not None and table.rows:
        header = table.rows[0][1]
        candidate = read_table(sibling, str(Path(shown).with_name(sibling.name)), encoding=encoding, sheet=sheet)
        if candidate.rows and is_junior(candidate.rows[0][1]) and not is_junior(header):
            junior = candidate
    return import_table(table, org, mapping, shown_as, junior=junior, name=path.stem)
