"""Spec -> CSV of people (one row per person or open seat) in columns `orgcharts import csv` reads back exactly."""

from __future__ import annotations

from ...spec.models import OrgSpec, Role
from .scope import seat_count
from ..hrimport.columns import SYNONYMS
from ..hrimport.read import SEPARATORS, guard_cell

__all__ = ["export_csv", "COLUMNS", "guard_cell", "csv_line"]

_FIELDS = ("employee_id", "role_id", "name", "title", "department", "unit_id", "unit_parent", "unit_lead",
           "manager_id", "dotted_manager", "assistant", "vacancy", "fte", "grade", "location")
# (field, header): each header is the field's first synonym, title-cased, so import maps it back.
COLUMNS = tuple((field, SYNONYMS[field][0].title().replace("Id", "ID").replace("Fte", "FTE")) for field in _FIELDS)
_QUOTED = frozenset(SEPARATORS + '"\r\n')


def _quote(cell: str) -> str:
    """A cell as CSV: quoted when it holds a separator of any locale, a quote, a line break or a guard."""
    guarded = guard_cell(cell)
    if guarded != cell or any(c in _QUOTED for c in guarded):
        return '"' + guarded.replace('"', '""') + '"'
    return guarded


def csv_line(cells: list[str]) -> str:
    """One CSV line (`,`-separated, `\\n`-ended) with every risky cell guarded and quoted.

    >>> print(csv_line(["a", "b;=cmd|x", "=1+1", 'a "b" c']), end="")
    a,"b;'=cmd|x","'=1+1","a ""b"" c"
    """
    return ",".join(_quote(c) for c in cells) + "\n"


def _seat_ids(role: Role) -> list[str]:
    """Stable ids for a role's seats: the role id, or `role-id.N` when it has several (ids have no dots)."""
    seats = seat_count(role)
    return [role.id] if seats == 1 else [f"{role.id}.{n}" for n in range(1, seats + 1)]


def _number(value: float | None) -> str:
    return "" if value is None or value == 1 else repr(value)


def export_csv(spec: OrgSpec) -> str:
    """Every seat of every role, in spec order: people first, then unnamed seats, then open ones; managers by
    seat id.

    A manager role with several seats is referenced by its first seat. The CSV carries the reporting
    structure (roles and their ids, titles, units, managers, dotted lines, assistants, vacancies, FTE,
    grade, location), not duties or RACI.
    """
    ids = {r.id: _seat_ids(r) for r in spec.roles}
    units = {u.id: u for u in spec.units}
    lines = [csv_line([header for _, header in COLUMNS])]
    for role in spec.roles:
        seats = ids[role.id]
        open_from = len(seats) - role.open  # named seats first, then unnamed filled ones, then the open ones
        manager = ids[role.reports_to][0] if role.reports_to in ids else ""
        dotted = "; ".join(ids[d][0] for d in role.dotted_to if d in ids)
        for k, seat in enumerate(seats):
            person = role.people[k] if k < len(role.people) else None
            if role.placeholder and not role.people:
                vacancy = "placeholder"
            else:
                vacancy = "yes" if k >= open_from else ("" if person else "no")
            fte = _number(person.fte if person else role.fte)
            unit = units.get(role.unit or "")
            lines.append(csv_line([seat, role.id, person.name if person else "", role.title,
                                   unit.name if unit else "", role.unit or "", unit and unit.parent or "",
                                   unit and unit.lead or "", manager, dotted,
                                   "yes" if role.assistant else "", vacancy, fte, role.grade or "",
                                   role.location or ""]))
    return "".join(lines)
