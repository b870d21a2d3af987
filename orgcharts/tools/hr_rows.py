"""HR table rows -> seats (people and open seats) with resolved managers; every bad cell reported at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import TypeAdapter, ValidationError

from ..errors import Finding, Position, SpecError
from ..spec import Text
from ..suggest import did_you_mean
from .hr_columns import match_columns
from .hr_read import Table

__all__ = ["Seat", "read_seats", "Cell", "YES", "NO"]

YES = frozenset({"yes", "y", "true", "t", "1", "x", "✓", "✔", "ja", "oui", "si", "sí"})
NO = frozenset({"", "no", "n", "false", "f", "0", "-", "nein", "non"})
_VACANT_WORDS = frozenset({"open", "vacant", "vacancy", "tbh", "to be hired", "hiring"})
_FILLED_WORDS = frozenset({"filled", "active", "closed", "occupied"})
_TEXT: TypeAdapter[str] = TypeAdapter(Text)


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
    manager_cell: Cell | None = None
    dotted_cell: Cell | None = None
    manager: int | None = None  # index into the seat list
    dotted: tuple[int, ...] = ()


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


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


class _Reader:
    """Collects findings while turning rows into seats."""

    def __init__(self, table: Table, overrides: dict[str, str]) -> None:
        self.path = table.path
        self.findings: list[Finding] = []
        self.notes: list[str] = []
        start = _header_row(table, overrides)
        self.header_line, self.headers = table.rows[start] if table.rows else (1, ())
        self.rows = table.rows[start + 1:]
        self.columns, self.notes = match_columns(self.headers, overrides)

    def error(self, line: int, col: int, header: str, message: str, code: str) -> None:
        self.findings.append(Finding(self.path, Position(line, col), header, message, code=code))

    def cell(self, line: int, cells: tuple[str, ...], name: str) -> Cell | None:
        index = self.columns.get(name)
        if index is None:
            return None
        return Cell(cells[index] if index < len(cells) else "", line, index + 1, self.headers[index])

    def text(self, cell: Cell | None) -> str:
        """A cell as spec text (spacing collapsed), or '' after reporting why it cannot be."""
        if cell is None or not cell.text:
            return ""
        value = " ".join(cell.text.split())
        try:
            return _TEXT.validate_python(value)
        except ValidationError as exc:
            err = exc.errors()[0]
            message = (f"is longer than {err['ctx']['max_length']} characters; shorten it"
                       if err["type"] == "string_too_long" else err["msg"])
            self.error(cell.line, cell.col, cell.header, message, "invalid-value")
            return ""

    def flag(self, cell: Cell | None, yes: frozenset[str] = YES, no: frozenset[str] = NO) -> bool:
        if cell is None:
            return False
        word = _key(cell.text)
        if word in yes:
            return True
        if word not in no:
            self.error(cell.line, cell.col, cell.header, f"'{cell.text}' is not yes or no; write yes, no or "
                       "leave it empty", "invalid-value")
        return False


def _required(reader: _Reader) -> None:
    cols = reader.columns
    wanted = [("name", ("name", "first_name", "last_name"), "the person's name"),
              ("title", ("title",), "the job title"),
              ("manager", ("manager", "manager_id", "manager_email"), "the manager")]
    shown = ", ".join(f"'{h}'" for h in reader.headers if h) or "none"
    for field_name, fields, what in wanted:
        if not any(f in cols for f in fields):
            reader.error(reader.header_line, 1, "", f"no column gives {what}; columns: {shown}; name one with "
                         f"--map 'COLUMN={field_name}'", "missing-column")


def _seat(reader: _Reader, line: int, cells: tuple[str, ...]) -> Seat:
    get = lambda name: reader.cell(line, cells, name)  # noqa: E731
    name = reader.text(get("name"))
    if not name and ("first_name" in reader.columns or "last_name" in reader.columns):
        name = " ".join(p for p in (reader.text(get("first_name")), reader.text(get("last_name"))) if p)
    shape_cell = get("shape")
    shape = _key(shape_cell.text) if shape_cell else ""
    vacancy_cell = get("vacancy")
    vacant = reader.flag(vacancy_cell, YES | _VACANT_WORDS, NO | _FILLED_WORDS) or shape in _VACANT_WORDS
    # A row without a name is an open seat, unless its vacancy cell says in so many words that it is filled.
    stated_filled = vacancy_cell is not None and _key(vacancy_cell.text) in (NO | _FILLED_WORDS) - {""}
    vacant = vacant or (not name and not stated_filled)
    title_cell = get("title")
    title = reader.text(title_cell)
    if title_cell is not None and not title_cell.text:
        reader.error(line, title_cell.col, title_cell.header, "no job title; every person and open seat needs "
                     "one", "missing-title")
    manager_cell = next((c for c in (get("manager_id"), get("manager_email"), get("manager")) if c and c.text),
                        None)
    dotted = get("dotted_manager")
    return Seat(line=line, name="" if vacant else name, vacant=vacant, title=title,
                department=reader.text(get("department")),
                employee_id=(get("employee_id") or Cell("", 0, 0, "")).text,
                email=(get("email") or Cell("", 0, 0, "")).text,
                assistant=reader.flag(get("assistant")) or shape == "assistant",
                manager_cell=manager_cell, dotted_cell=dotted if dotted and dotted.text else None)


class _Index:
    """Who is who: employee ids, emails and names -> seat index, reporting people counted twice."""

    def __init__(self, reader: _Reader, seats: list[Seat]) -> None:
        self.ids: dict[str, int] = {}
        self.emails: dict[str, int] = {}
        self.names: dict[str, list[int]] = {}
        self.seats = seats
        first_by_name: dict[str, int] = {}
        for i, seat in enumerate(seats):
            for value, table, column in ((seat.employee_id, self.ids, "employee_id"),
                                         (seat.email, self.emails, "email")):
                if not value:
                    continue
                if _key(value) in table:
                    col = reader.columns[column] + 1
                    reader.error(seat.line, col, reader.headers[col - 1], f"'{value}' is also on row "
                                 f"{seats[table[_key(value)]].line}; list each person once", "duplicate-person")
                else:
                    table[_key(value)] = i
            if seat.name:
                other = first_by_name.setdefault(_key(seat.name), i)
                if other == i or seat.employee_id or seat.email or seats[other].employee_id or seats[other].email:
                    self.names.setdefault(_key(seat.name), []).append(i)
                else:  # the same person twice: reported here, and the name still names the first row
                    col = reader.columns.get("name", reader.columns.get("first_name", 0)) + 1
                    reader.error(seat.line, col, reader.headers[col - 1], f"'{seat.name}' is also on row "
                                 f"{seats[other].line}; list each person once, or give the two an employee "
                                 "id or email each", "duplicate-person")

    def resolve(self, value: str) -> tuple[int | None, str]:
        """The seat a manager cell names (by id, email or name), else None and why."""
        key = _key(value)
        for table in (self.ids, self.emails):
            if key in table:
                return table[key], ""
        found = self.names.get(key, [])
        if len(found) == 1:
            return found[0], ""
        if found:
            rows = ", ".join(str(self.seats[i].line) for i in found)
            return None, f"'{value}' names several people (rows {rows}); use their employee id or email"
        choices = [self.seats[v].employee_id for v in self.ids.values()] + [
            self.seats[v].email for v in self.emails.values()] + [self.seats[i[0]].name for i in self.names.values()]
        hint = did_you_mean(value, choices)
        return None, f"'{value}' is nobody in this file{hint or '; check the spelling'}"


def _managers(reader: _Reader, index: _Index, seats: list[Seat]) -> None:
    for i, seat in enumerate(seats):
        if seat.manager_cell is not None:
            seat.manager = _one_manager(reader, index, i, seat.manager_cell, seat.manager_cell.text)
        if seat.dotted_cell is not None:
            seat.dotted = _dotted(reader, index, i, seat, seat.dotted_cell)
        if seat.assistant and seat.manager is None and seat.manager_cell is None:
            col = reader.columns.get("assistant", reader.columns.get("shape", 0)) + 1
            reader.error(seat.line, col, reader.headers[col - 1], "an assistant is drawn beside a manager; give "
                         "this row a manager", "assistant-without-manager")


def _one_manager(reader: _Reader, index: _Index, me: int, cell: Cell, value: str) -> int | None:
    found, why = index.resolve(value)
    if found == me:
        found, why = None, f"'{value}' is this row itself; a person cannot report to themself"
    if found is None:
        reader.error(cell.line, cell.col, cell.header, why, "unknown-manager")
    return found


def _dotted(reader: _Reader, index: _Index, me: int, seat: Seat, cell: Cell) -> tuple[int, ...]:
    found, _ = index.resolve(cell.text)
    parts = [cell.text] if found is not None or ";" not in cell.text else [
        p.strip() for p in cell.text.split(";") if p.strip()]
    out: list[int] = []
    for part in parts:
        boss = _one_manager(reader, index, me, cell, part)
        if boss is not None and boss == seat.manager:
            reader.error(cell.line, cell.col, cell.header, f"'{part}' is already this row's manager; a dotted "
                         "line goes to someone else", "dotted-line")
        elif boss is not None and boss not in out:
            out.append(boss)
    return tuple(out)


def _cycles(reader: _Reader, seats: list[Seat]) -> None:
    """Report each reporting loop once, on the row of its first member in the file."""
    state = [0] * len(seats)  # 0 unseen, 1 on the current path, 2 done
    label: Callable[[int], str] = lambda i: f"{seats[i].name or seats[i].title} (row {seats[i].line})"  # noqa
    for start in range(len(seats)):
        path: list[int] = []
        node: int | None = start
        while node is not None and state[node] == 0:
            state[node] = 1
            path.append(node)
            node = seats[node].manager
        if node is not None and state[node] == 1:
            loop = path[path.index(node):]
            first = min(loop, key=lambda i: seats[i].line)
            at = loop.index(first)
            order = loop[at:] + loop[:at]
            cell = seats[first].manager_cell
            assert cell is not None
            reader.error(cell.line, cell.col, cell.header, "reporting lines form a cycle: "
                         + " -> ".join(label(i) for i in [*order, first]), "reporting-cycle")
        for i in path:
            state[i] = 2


def read_seats(table: Table, overrides: dict[str, str]) -> tuple[list[Seat], list[str]]:
    """Every row as a seat with its manager resolved, and notes on unused columns; SpecError lists all errors."""
    reader = _Reader(table, overrides)
    _required(reader)
    if reader.findings:
        raise SpecError(reader.findings)
    seats = [_seat(reader, line, cells) for line, cells in reader.rows]
    if not seats:
        reader.error(reader.header_line, 1, "", "no rows below the header; nothing to import", "empty")
    _managers(reader, _Index(reader, seats), seats)
    _cycles(reader, seats)
    if reader.findings:
        raise SpecError(reader.findings)
    return seats, reader.notes
