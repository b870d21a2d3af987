"""Spec -> CSV of people (one row per person or open seat) in columns `orgcharts import csv` reads."""

from __future__ import annotations

import csv
import io

from ..spec import OrgSpec, Role
from .export_scope import seat_count
from .hr_columns import SYNONYMS
from .hr_read import FORMULA_START

__all__ = ["export_csv", "COLUMNS", "guard_cell"]

# (field, header): each header is the field's first synonym, title-cased, so import maps it back.
COLUMNS = tuple((field, SYNONYMS[field][0].title().replace("Id", "ID"))
                for field in ("employee_id", "name", "title", "department", "manager_id", "dotted_manager",
                              "assistant", "vacancy"))


def guard_cell(text: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading `'` (import drops it again).

    >>> guard_cell("=HYPERLINK(1)"), guard_cell("Ann")
    ("'=HYPERLINK(1)", 'Ann')
    """
    return f"'{text}" if text.startswith(FORMULA_START) else text


def _seat_ids(role: Role) -> list[str]:
    """Stable ids for a role's seats: the role id, or `role-id.N` when it has several (ids have no dots)."""
    seats = seat_count(role)
    return [role.id] if seats == 1 else [f"{role.id}.{n}" for n in range(1, seats + 1)]


def export_csv(spec: OrgSpec) -> str:
    """Every seat of every role, in spec order: people first, then open seats; managers by seat id.

    A manager role with several seats is referenced by its first seat. The CSV carries the reporting
    structure (titles, units, managers, dotted lines, assistants, vacancies), not duties or RACI.
    """
    ids = {r.id: _seat_ids(r) for r in spec.roles}
    units = {u.id: u.name for u in spec.units}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([header for _, header in COLUMNS])
    for role in spec.roles:
        people = [p.name for p in role.people]
        seats = ids[role.id]
        open_from = len(seats) - role.open  # named seats first, then unnamed filled ones, then the open ones
        for k, seat in enumerate(seats):
            name = people[k] if k < len(people) else ""
            manager = ids[role.reports_to][0] if role.reports_to in ids else ""
            dotted = "; ".join(ids[d][0] for d in role.dotted_to if d in ids)
            row = [seat, name, role.title, units.get(role.unit or "", ""), manager, dotted,
                   "yes" if role.assistant else "", "yes" if k >= open_from else ("" if name else "no")]
            writer.writerow([guard_cell(cell) for cell in row])
    return out.getvalue()
