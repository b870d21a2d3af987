"""HR export columns: which header means which field, by synonym, with `--map COLUMN=FIELD` overrides."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from ..suggest import did_you_mean

__all__ = ["FIELDS", "IGNORE", "SYNONYMS", "normal_header", "parse_map", "match_columns", "ColumnError"]

# Field -> the headers that mean it (after normal_header), as HR systems and Visio's org-chart wizard
# name them. The first synonym is the one `export --to csv` writes.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "employee_id": ("employee id", "employee number", "employee no", "emp id", "emp no", "id", "unique id",
                    "staff id", "worker id", "person id", "position id", "personnel number", "badge id"),
    "name": ("name", "employee name", "full name", "employee", "person", "display name", "preferred name",
             "worker", "worker name", "staff name", "employee full name"),
    "first_name": ("first name", "given name", "forename", "legal first name", "preferred first name"),
    "last_name": ("last name", "surname", "family name", "legal last name"),
    "title": ("title", "job title", "position", "position title", "job", "role", "designation", "job name",
              "business title", "job role", "job profile"),
    "department": ("department", "dept", "org unit", "organizational unit", "organisational unit", "division",
                   "team", "business unit", "unit", "department name", "function"),
    "manager_id": ("manager id", "manager employee id", "supervisor id", "reports to id", "manager number",
                   "manager employee number", "parent id", "reports to employee id", "manager emp id",
                   "supervisor employee id", "line manager id"),
    "manager_email": ("manager email", "manager e mail", "supervisor email", "reports to email",
                      "manager work email", "manager email address", "line manager email"),
    "manager": ("manager", "manager name", "reports to", "supervisor", "supervisor name", "line manager",
                "direct manager", "reporting manager", "boss", "manager full name", "reports to name"),
    "email": ("email", "e mail", "work email", "email address", "e mail address", "business email",
              "work e mail"),
    "dotted_manager": ("dotted line manager", "dotted line", "dotted line to", "matrix manager",
                       "secondary manager", "indirect manager", "functional manager", "dotted manager",
                       "dotted line manager id", "dotted line manager email", "dotted line reports to"),
    "assistant": ("assistant", "is assistant", "assistant flag", "staff role", "assistant y n"),
    "vacancy": ("vacancy", "vacant", "open position", "is vacant", "open", "open seat", "vacancy flag",
                "vacancy y n"),
    "shape": ("master shape", "shape", "position type"),
}
FIELDS = tuple(SYNONYMS)
IGNORE = "ignore"
_BY_HEADER = {synonym: field for field, synonyms in SYNONYMS.items() for synonym in synonyms}


class ColumnError(ValueError):
    """A `--map` that names no column of the file, or no field."""


def normal_header(text: str) -> str:
    """A header as compared: case, accents, spacing and punctuation ignored.

    >>> normal_header("  Reports_To ")
    'reports to'
    >>> normal_header("E-Mail (Manager)")
    'e mail manager'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded).split())


def parse_map(items: Sequence[str]) -> dict[str, str]:
    """`--map COLUMN=FIELD` options -> {normal header: field}; FIELD may be `ignore`."""
    chosen: dict[str, str] = {}
    for item in items:
        column, sep, field = item.rpartition("=")
        field = field.strip().lower().replace("-", "_").replace(" ", "_")
        if not sep or not column.strip():
            raise ColumnError(f"--map '{item}' is not COLUMN=FIELD, e.g. --map 'Boss=manager'")
        if field not in (*FIELDS, IGNORE):
            hint = did_you_mean(field, (*FIELDS, IGNORE))
            raise ColumnError(f"--map '{item}': '{field}' is not a field{hint or ''}; fields: "
                              f"{', '.join(FIELDS)}, or {IGNORE}")
        chosen[normal_header(column)] = field
    return chosen


def match_columns(headers: Sequence[str], overrides: dict[str, str]) -> tuple[dict[str, int], list[str]]:
    """Field -> column index (0-based), and notes on the columns left out.

    An override wins; else, of two headers meaning one field, the one earlier in SYNONYMS does
    ("Department" over "Team"); a header that matches nothing is left out.
    """
    normals = [normal_header(h) for h in headers]
    for wanted in overrides:
        if wanted not in normals:
            named = [h for h in headers if h.strip()]
            raise ColumnError(f"--map names column '{wanted}', which the file does not have"
                              f"{did_you_mean(wanted, [normal_header(h) for h in named])}; its columns: "
                              f"{', '.join(named)}")
    best: dict[str, tuple[int, int]] = {}  # field -> (rank, column)
    notes: list[str] = []
    for index, normal in enumerate(normals):
        if normal in overrides:
            field, rank = overrides[normal], -1
        elif normal in _BY_HEADER:
            field = _BY_HEADER[normal]
            rank = SYNONYMS[field].index(normal)
        else:
            if normal:
                notes.append(f"column '{headers[index]}' is not used (--map '{headers[index]}=FIELD' to use it)")
            continue
        if field == IGNORE:
            continue
        if field in best:
            kept = min(best[field], (rank, index))
            dropped = index if kept != (rank, index) else best[field][1]
            best[field] = kept
            notes.append(f"column '{headers[dropped]}' also gives the {field.replace('_', ' ')}; "
                         f"'{headers[kept[1]]}' is used (--map '{headers[dropped]}={field}' to use it instead)")
            continue
        best[field] = (rank, index)
    return {field: index for field, (_, index) in best.items()}, notes
