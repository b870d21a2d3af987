"""HR table rows -> seats (people, open and unnamed seats) in the file's own conventions; every bad cell at once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from pydantic import TypeAdapter, ValidationError

from ...errors import Finding, Position, SpecError
from ...spec.models import Text
from .columns import match_columns
from .formats import UNDISCLOSED_NAMES, VACANT_NAMES, Conventions, detect, is_junior
from .read import Table

__all__ = ["Seat", "Cell", "RowReader", "read_rows", "YES", "NO", "key"]

YES = frozenset({"yes", "y", "true", "t", "1", "x", "✓", "✔", "ja", "oui", "si", "sí"})
NO = frozenset({"", "no", "n", "false", "f", "0", "-", "nein", "non"})
_VACANT_WORDS = frozenset({"open", "vacant", "vacancy", "tbh", "to be hired", "hiring"})
_FILLED_WORDS = frozenset({"filled", "active", "closed", "occupied"})
_VACANCY_YES = YES | _VACANT_WORDS
_VACANCY_NO = NO | _FILLED_WORDS
_STATED_FILLED = _VACANCY_NO - {""}
_PLACEHOLDER = "placeholder"
_NO_VALUE = UNDISCLOSED_NAMES | VACANT_NAMES | {"n/a", "na", "none", "-", "--"}  # ids and emails that are none
_TEXT: TypeAdapter[str] = TypeAdapter(Text)


def key(text: str) -> str:
    """Text as compared: case and runs of spaces do not count."""
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class Cell:
    """A cell's text and where it is: file row and column (both 1-based), and the column's header."""

    text: str
    line: int
    col: int
    header: str


@dataclass
class Seat:
    """One row: a person, an open seat (`vacant`), or a filled seat whose holder is not named."""

    line: int
    name: str
    title: str
    department: str
    employee_id: str
    email: str
    assistant: bool
    vacant: bool = False
    placeholder: bool = False
    fte: float | None = None
    grade: str = ""
    location: str = ""
    role_key: str = ""
    unit_key: str = ""
    unit_parent: str = ""
    unit_lead: str = ""
    manager_cell: Cell | None = None
    dotted_cell: Cell | None = None
    manager: int | None = None  # index into the seat list
    dotted: tuple[int, ...] = ()
    share_of: int | None = None  # a job share: the seat of the post's first row


def _header_row(table: Table, overrides: dict[str, str]) -> int:
    """The index of the header: the first of the first ten rows naming two known fields, else the first."""
    for i, (_, cells) in enumerate(table.rows[:10]):
        try:
            fields, _ = match_columns(cells, overrides)
        except ValueError:
            fields = {}
        if len(fields) >= 2:
            return i
    return 0


class RowReader:
    """Collects findings while turning rows into seats."""

    def __init__(self, table: Table, overrides: dict[str, str]) -> None:
        self.path = table.path
        self.findings: list[Finding] = []
        start = _header_row(table, overrides)
        self.header_line, self.headers = table.rows[start] if table.rows else (1, ())
        self.rows = table.rows[start + 1:]
        self.format: Conventions = detect(self.headers)
        self.columns, notes = match_columns(self.headers, overrides, self.format.known)
        self.notes: list[str] = [*table.notes, *notes]
        if self.format.name:
            self.notes.insert(0, f"read {self.path} as the {self.format.name} format")

    def error(self, line: int, col: int, header: str, message: str, code: str) -> None:
        self.findings.append(Finding(self.path, Position(line, col), header, message, code=code))

    def header_of(self, field: str) -> tuple[int, str]:
        """The 1-based column and header a field is read from (1 and '' when none)."""
        index = self.columns.get(field)
        return (1, "") if index is None else (index + 1, self.headers[index])

    def cell(self, line: int, cells: tuple[str, ...], name: str) -> Cell | None:
        index = self.columns.get(name)
        if index is None:
            return None
        text = cells[index] if index < len(cells) else ""
        return Cell(text, line, index + 1, self.headers[index]) if text or name == "title" else _NONE

    def text(self, cell: Cell | None, limit: int | None = None) -> str:
        """A cell as spec text (spacing collapsed), or '' after reporting why it cannot be."""
        if cell is None or not cell.text:
            return ""
        value = " ".join(cell.text.split())
        try:
            value = _TEXT.validate_python(value)
        except ValidationError as exc:
            err = exc.errors()[0]
            message = (f"is longer than {err['ctx']['max_length']} characters; shorten it"
                       if err["type"] == "string_too_long" else err["msg"])
            self.error(cell.line, cell.col, cell.header, message, "invalid-value")
            return ""
        if limit is not None and len(value) > limit:
            self.error(cell.line, cell.col, cell.header, f"is longer than {limit} characters; shorten it",
                       "invalid-value")
            return ""
        return value

    def flag(self, cell: Cell | None, yes: frozenset[str] = YES, no: frozenset[str] = NO) -> bool:
        if cell is None:
            return False
        word = key(cell.text)
        if word in yes:
            return True
        if word not in no:
            self.error(cell.line, cell.col, cell.header, f"'{cell.text}' is not yes or no; write yes, no or "
                       "leave it empty", "invalid-value")
        return False

    def fte(self, cell: Cell | None, vacant: bool) -> float | None:
        """A share of full time in (0, 1]: `0.5`, `0,5` or `50%`; None when empty (or 0 on an open seat)."""
        if cell is None or not cell.text.strip():
            return None
        text = cell.text.strip().replace(",", ".")
        try:
            value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
        except ValueError:
            value = float("nan")
        if value == 0 and vacant:
            return None
        if not 0 < value <= 1:  # NaN fails too
            self.error(cell.line, cell.col, cell.header, f"'{cell.text}' is not a share of full time; write a "
                       "number above 0 and at most 1 (0.5 is half time), or 50%", "invalid-value")
            return None
        return None if value == 1 else round(value, 4)


def required(reader: RowReader) -> None:
    """A finding for each of name, title and manager that no column gives, with the `--map` that would."""
    cols = reader.columns
    wanted = [("name", ("name", "first_name", "last_name"), "the person's name"),
              ("title", ("title",), "the job title"),
              ("manager", ("manager", "manager_id", "manager_email"), "the manager")]
    shown = ", ".join(f"'{h}'" for h in reader.headers if h) or "none"
    for field_name, fields, what in wanted:
        if not any(f in cols for f in fields):
            reader.error(reader.header_line, 1, "", f"no column gives {what}; columns: {shown}; name one with "
                         f"--map 'COLUMN={field_name}'", "missing-column")


_NONE = Cell("", 0, 0, "")  # an empty cell: where it is never matters


def _value(cell: Cell | None) -> str:
    """An id or email cell's text; '' for the words that mean none (`N/D`, `N/A`, `Vacant`)."""
    return "" if cell is None or key(cell.text) in _NO_VALUE else cell.text


def _seat(reader: RowReader, line: int, cells: tuple[str, ...], skipped: dict[str, list[int]]) -> Seat | None:
    get = lambda name: reader.cell(line, cells, name)  # noqa: E731
    conventions = reader.format
    employee_id = _value(get("employee_id"))
    if employee_id and key(employee_id) in conventions.not_in_post:
        skipped["not in post"].append(line)
        return None
    name = reader.text(get("name"))
    if not name and ("first_name" in reader.columns or "last_name" in reader.columns):
        name = " ".join(p for p in (reader.text(get("first_name")), reader.text(get("last_name"))) if p)
    if key(name) in conventions.dropped_names:
        skipped[name].append(line)
        return None
    named_vacant = key(name) in VACANT_NAMES
    undisclosed = key(name) in UNDISCLOSED_NAMES
    shape_cell = get("shape")
    shape = key(shape_cell.text) if shape_cell else ""
    vacancy_cell = get("vacancy")
    placeholder = vacancy_cell is not None and key(vacancy_cell.text) == _PLACEHOLDER
    vacant = not placeholder and (reader.flag(vacancy_cell, _VACANCY_YES, _VACANCY_NO)
                                  or shape in _VACANT_WORDS or named_vacant)
    # A row without a name is an open seat, unless its vacancy cell says in so many words that it is filled,
    # or its name says it is not disclosed.
    stated_filled = vacancy_cell is not None and key(vacancy_cell.text) in _STATED_FILLED
    vacant = vacant or (not name and not stated_filled and not placeholder)
    if undisclosed or named_vacant:
        name = ""
    vacant = vacant and not undisclosed
    title_cell = get("title")
    title = reader.text(title_cell)
    if title_cell is not None and not title_cell.text:
        reader.error(line, title_cell.col, title_cell.header, "no job title; every person and open seat needs "
                     "one", "missing-title")
    manager_cell = next((c for c in (get("manager_id"), get("manager_email"), get("manager")) if c and c.text),
                        None)
    if manager_cell is not None and key(manager_cell.text) in conventions.top:
        manager_cell = None  # the format's mark for the top post
    dotted = get("dotted_manager")
    return Seat(line=line, name="" if vacant else name, vacant=vacant, placeholder=placeholder, title=title,
                department=reader.text(get("department")), employee_id=employee_id,
                email=_value(get("email")),
                assistant=reader.flag(get("assistant")) or shape == "assistant",
                fte=reader.fte(get("fte"), vacant), grade=reader.text(get("grade"), 80),
                location=reader.text(get("location")), role_key=(get("role_id") or _NONE).text,
                unit_key=(get("unit_id") or _NONE).text,
                unit_parent=(get("unit_parent") or _NONE).text,
                unit_lead=(get("unit_lead") or _NONE).text,
                manager_cell=manager_cell, dotted_cell=dotted if dotted and dotted.text else None)


def _skipped_notes(skipped: dict[str, list[int]]) -> list[str]:
    notes = []
    for what, lines in skipped.items():
        if not lines:
            continue
        rows = ", ".join(str(n) for n in lines[:10]) + (f" and {len(lines) - 10:,} more" if len(lines) > 10 else "")
        why = ("people paid but not in a post (post reference 0)" if what == "not in post"
               else f"named '{what}': posts that no longer exist")
        notes.append(f"{len(lines):,} row{'s' * (len(lines) != 1)} left out, {why}: row{'s' * (len(lines) != 1)} "
                     f"{rows}")
    return notes


def read_rows(table: Table, overrides: dict[str, str]) -> tuple[RowReader, list[Seat]]:
    """Every data row as a seat (managers not yet resolved); SpecError when a needed column is missing."""
    reader = RowReader(table, overrides)
    if is_junior(reader.headers) and not overrides:
        reader.error(reader.header_line, 1, "", "this is an organogram junior-staff file: import the senior-staff "
                     "file published with it (named alike, with 'senior' for 'junior'); its junior staff are read "
                     "with it", "junior-file")
        raise SpecError(reader.findings)
    required(reader)
    if reader.findings:
        raise SpecError(reader.findings)
    skipped: defaultdict[str, list[int]] = defaultdict(list)
    seats: list[Seat] = []
    for line, cells in reader.rows:
        seat = _seat(reader, line, cells, skipped)
        if seat is not None:
            seats.append(seat)
    reader.notes += _skipped_notes(skipped)
    if not seats:
        reader.error(reader.header_line, 1, "", "no rows below the header; nothing to import", "empty")
    return reader, seats
