"""Who reports to whom in an HR table: managers by id, email or name, job shares, cycles and misread columns.

Cost: linear in rows. Names, ids and emails are indexed once; "did you mean" suggestions for
unknown managers share one budget of comparisons (`suggest.Suggester`), so 20,000 rows naming
nobody stay as fast as 20 rows.
"""

from __future__ import annotations

from collections.abc import Callable

from ...errors import SpecError
from ...spec.suggest import Suggester
from .rows import Cell, RowReader, Seat, key

__all__ = ["resolve", "Index"]

_GUESS_SHARE = 0.5  # a column read as the manager whose values mostly name nobody was probably misread


class Index:
    """Who is who: employee ids, emails and names -> seat index, reporting people counted twice."""

    def __init__(self, reader: RowReader, seats: list[Seat]) -> None:
        self.ids: dict[str, int] = {}
        self.emails: dict[str, int] = {}
        self.names: dict[str, list[int]] = {}
        self.seats = seats
        self.suggest = Suggester()
        self._choices: list[str] | None = None
        first_by_name: dict[str, int] = {}
        shared = reader.format.shared_posts
        for i, seat in enumerate(seats):
            for value, table, column in ((seat.employee_id, self.ids, "employee_id"),
                                         (seat.email, self.emails, "email")):
                if not value:
                    continue
                other = table.get(key(value))
                if other is None:
                    table[key(value)] = i
                elif shared and column == "employee_id" and _same_post(seats[other], seat):
                    seat.share_of = other  # a job share: the post's rows name one post
                else:
                    col, header = reader.header_of(column)
                    reader.error(seat.line, col, header, f"'{value}' is also on row {seats[other].line}; list "
                                 "each person once" + ("; rows of one job share keep its title and manager"
                                                       if shared and column == "employee_id" else ""),
                                 "duplicate-person")
            if seat.name:
                other = first_by_name.setdefault(key(seat.name), i)
                if other == i or seat.employee_id or seat.email or seats[other].employee_id or seats[other].email:
                    self.names.setdefault(key(seat.name), []).append(i)
                else:  # the same person twice: reported here, and the name still names the first row
                    col, header = reader.header_of("name" if "name" in reader.columns else "first_name")
                    reader.error(seat.line, col, header, f"'{seat.name}' is also on row {seats[other].line}; list "
                                 "each person once, or give the two an employee id or email each",
                                 "duplicate-person")

    def find(self, value: str) -> int | None:
        """The seat a cell names by id, email or (one person's) name, else None."""
        k = key(value)
        for table in (self.ids, self.emails):
            if k in table:
                return table[k]
        found = self.names.get(k, [])
        return found[0] if len(found) == 1 else None

    def resolve(self, value: str) -> tuple[int | None, str]:
        """The seat a manager cell names (by id, email or name), else None and why."""
        found = self.find(value)
        if found is not None:
            return found, ""
        several = self.names.get(key(value), [])
        if several:
            rows = ", ".join(str(self.seats[i].line) for i in several)
            return None, f"'{value}' names several people (rows {rows}); use their employee id or email"
        if self._choices is None:
            self._choices = [self.seats[v].employee_id for v in self.ids.values()] + [
                self.seats[v].email for v in self.emails.values()] + [
                self.seats[i[0]].name for i in self.names.values()]
        hint = self.suggest(value, self._choices)
        return None, f"'{value}' is nobody in this file{hint or '; check the spelling'}"


def _same_post(first: Seat, other: Seat) -> bool:
    cell = lambda s: key(s.manager_cell.text) if s.manager_cell else ""  # noqa: E731
    return key(first.title) == key(other.title) and cell(first) == cell(other)


def _one_manager(reader: RowReader, index: Index, me: int, cell: Cell, value: str) -> int | None:
    found, why = index.resolve(value)
    if found is not None and (found == me or index.seats[me].share_of == found):
        found, why = None, f"'{value}' is this row itself; a person cannot report to themself"
    if found is None:
        reader.error(cell.line, cell.col, cell.header, why, "unknown-manager")
    return found


def _dotted(reader: RowReader, index: Index, me: int, seat: Seat, cell: Cell) -> tuple[int, ...]:
    found = index.find(cell.text)
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


def _managers(reader: RowReader, index: Index, seats: list[Seat]) -> None:
    for i, seat in enumerate(seats):
        if seat.manager_cell is not None:
            seat.manager = _one_manager(reader, index, i, seat.manager_cell, seat.manager_cell.text)
            if seat.manager is not None and seats[seat.manager].share_of is not None:
                seat.manager = seats[seat.manager].share_of
        if seat.dotted_cell is not None:
            seat.dotted = _dotted(reader, index, i, seat, seat.dotted_cell)
        if seat.assistant and seat.manager is None and seat.manager_cell is None:
            col, header = reader.header_of("assistant" if "assistant" in reader.columns else "shape")
            reader.error(seat.line, col, header, "an assistant is drawn beside a manager; give this row a "
                         "manager", "assistant-without-manager")


def _misread(reader: RowReader, index: Index, seats: list[Seat]) -> None:
    """When most values of the manager column name nobody, say which column was guessed and what would fix it."""
    cells = [s.manager_cell for s in seats if s.manager_cell is not None]
    if len(cells) < 3:
        return
    header, col = cells[0].header, cells[0].col
    unknown = sum(1 for f in reader.findings if f.code == "unknown-manager" and f.position.col == col)
    if unknown <= _GUESS_SHARE * len(cells):
        return
    guessed = next((f for f in ("manager_id", "manager_email", "manager") if reader.columns.get(f) == col - 1), "")
    hint = ""
    best = 0
    own = {reader.columns.get(f) for f in ("employee_id", "email", "name", "first_name", "last_name")}
    for index_of, name in enumerate(reader.headers):
        if index_of == col - 1 or not name or index_of in own:  # a row's own id names itself, not its manager
            continue
        values = [row[index_of] for _, row in reader.rows if index_of < len(row) and row[index_of]]
        hits = sum(1 for v in values if index.find(v) is not None and key(v) not in reader.format.top)
        if values and hits > max(best, _GUESS_SHARE * len(values)):
            best, hint = hits, f"; column '{name}' names people in this file: --map '{name}=manager_id'"
    reader.error(reader.header_line, col, header, f"this column was read as the {guessed.replace('_', ' ')} "
                 f"from its header, but {unknown:,} of its {len(cells):,} values name nobody in this file; if it "
                 f"holds something else, pass --map '{header}=ignore'{hint}", "misread-column")


def _cycles(reader: RowReader, seats: list[Seat]) -> None:
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
            line, col, header = (cell.line, cell.col, cell.header) if cell else (seats[first].line, 1, "")
            reader.error(line, col, header, "reporting lines form a cycle: "
                         + " -> ".join(label(i) for i in [*order, first]), "reporting-cycle")
        for i in path:
            state[i] = 2


def resolve(reader: RowReader, seats: list[Seat]) -> None:
    """Set each seat's manager and dotted lines; SpecError lists every problem found in the rows."""
    index = Index(reader, seats)
    _managers(reader, index, seats)
    _misread(reader, index, seats)
    _cycles(reader, seats)
    if reader.findings:
        raise SpecError(reader.findings)
