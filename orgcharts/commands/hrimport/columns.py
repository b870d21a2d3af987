"""HR export columns: which header means which field, by synonym, with `--map COLUMN=FIELD` overrides."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from ...spec.suggest import did_you_mean

__all__ = ["FIELDS", "IGNORE", "field_help", "SYNONYMS", "normal_header", "parse_map", "match_columns", "ColumnError"]

# Field -> the headers that mean it (after normal_header), as HR systems, publishers and Visio's org-chart
# wizard name them. The first synonym is the one `export --to csv` writes. Published column names:
# - UK organogram, senior staff: datagovuk/schemas organogram/organogram-senior-staff-csv-schema.json
#   (Post Unique Reference, Name, Grade (or equivalent), Job Title, Unit, Contact E-mail, Reports to
#   Senior Post, FTE, ...); junior staff: Reporting Senior Post, Generic Job Title, Number of Posts in FTE.
# - Workday worker reports: Worker, Employee ID, Business Title, Job Profile, Supervisory Organization,
#   Manager, Location, Management Level, Primary Work Email, Position ID (docs.workato.com/connectors/
#   workday-rest/get-worker-action.html; Workday's worker schema: businessTitle, primaryWorkEmail,
#   supervisoryOrganization, managementLevel, location).
# - BambooHR: Employee # / Employee ID, Display name, First name, Last name, Job title, Department,
#   Division, Location, Work Email, Reports To (docs.workato.com/connectors/bamboo-hr/
#   list-employees-in-directory-action.html; windsor.ai/documentation/fields/bamboo-hr).
# - HiBob: Employee ID, Display name, First name, Last name, Email, Department, Job title, Site, Reports to
#   (fivetran.com/docs/connectors/applications/hibob: display_name, reports_to_id_in_company, site).
# - Personio: First name, Last name, Email, Position, Department, Office, Supervisor, Supervisor ID,
#   Weekly working hours (help.okta.com Personio connector "Update Employee"; pipedream personio
#   create-employee: position, department, office).
# - Rippling: Employee name, Legal first name, Legal last name, Work email, Title, Department, Manager,
#   Manager - Work email, Work location (help.lattice.com "Import Your Organization from Rippling").
SYNONYMS: dict[str, tuple[str, ...]] = {
    "employee_id": ("employee id", "employee number", "employee no", "emp id", "emp no", "id", "unique id",
                    "staff id", "worker id", "person id", "position id", "personnel number", "badge id",
                    "post unique reference", "employee id in company", "seat id"),
    "role_id": ("role id",),
    "name": ("name", "employee name", "full name", "display name", "employee", "person", "preferred name",
             "worker", "worker name", "staff name", "employee full name"),
    "first_name": ("first name", "given name", "forename", "legal first name", "preferred first name"),
    "last_name": ("last name", "surname", "family name", "legal last name"),
    "title": ("title", "job title", "position", "position title", "job", "role", "designation", "job name",
              "business title", "job role", "job profile"),
    "department": ("department", "dept", "org unit", "organizational unit", "organisational unit", "division",
                   "team", "business unit", "unit", "department name", "function", "supervisory organization",
                   "supervisory organisation"),
    "unit_id": ("unit id", "department id"),
    "unit_parent": ("parent unit id", "parent unit"),
    "unit_lead": ("unit lead id", "unit lead"),
    "manager_id": ("manager id", "manager employee id", "supervisor id", "reports to id", "manager number",
                   "manager employee number", "parent id", "reports to employee id", "manager emp id",
                   "supervisor employee id", "line manager id", "reports to senior post",
                   "reports to id in company", "manager seat id"),
    "manager_email": ("manager email", "manager e mail", "supervisor email", "reports to email",
                      "manager work email", "manager email address", "line manager email"),
    "manager": ("manager", "manager name", "reports to", "supervisor", "supervisor name", "line manager",
                "direct manager", "reporting manager", "boss", "manager full name", "reports to name",
                "worker s manager"),
    "email": ("email", "e mail", "work email", "email address", "e mail address", "business email",
              "work e mail", "contact e mail", "contact email", "primary work email"),
    "dotted_manager": ("dotted line manager", "dotted line", "dotted line to", "matrix manager",
                       "secondary manager", "indirect manager", "functional manager", "dotted manager",
                       "dotted line manager id", "dotted line manager email", "dotted line reports to"),
    "assistant": ("assistant", "is assistant", "assistant flag", "staff role", "assistant y n"),
    "vacancy": ("vacancy", "vacant", "open position", "is vacant", "open", "open seat", "vacancy flag",
                "vacancy y n"),
    "shape": ("master shape", "shape", "position type"),
    "fte": ("fte", "full time equivalent", "fte value", "fte percent", "fte percentage"),
    "grade": ("grade", "grade or equivalent", "band", "job grade", "pay grade", "pay band", "job band",
              "management level", "job level", "career level", "level"),
    "location": ("location", "work location", "office", "site", "work site", "office location",
                 "primary work location", "location name"),
    "organisation": ("organisation", "organization", "organisation name", "organization name"),
}
FIELDS = tuple(SYNONYMS)
IGNORE = "ignore"
_BY_HEADER = {synonym: field for field, synonyms in SYNONYMS.items() for synonym in synonyms}


def field_help() -> str:
    """The fields `--map` accepts, for help texts."""
    return ", ".join(FIELDS)


class ColumnError(ValueError):
    """A `--map` that names no column of the file, or no field."""


def normal_header(text: str) -> str:
    """A header as compared: case, accents, spacing and punctuation ignored.

    >>> normal_header("  Reports_To ")
    'reports to'
    >>> normal_header("E-Mail (Manager)")
    'e mail manager'
    >>> normal_header("Employee #")
    'employee number'
    """
    folded = unicodedata.normalize("NFKD", text.replace("#", " number ")).encode("ascii", "ignore").decode().lower()
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


def match_columns(headers: Sequence[str], overrides: dict[str, str],
                  quiet: frozenset[str] = frozenset()) -> tuple[dict[str, int], list[str]]:
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
            if normal and normal not in quiet:
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
