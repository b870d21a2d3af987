"""The organogram's junior-staff file -> roles under each senior post, their posts (in FTE) as headcount."""

from __future__ import annotations

import math
from typing import Any

from ...errors import Finding, Position
from .columns import normal_header
from .formats import JUNIOR_COLUMNS
from .read import Table
from .rows import key
from .spec import slug

__all__ = ["junior_roles"]


def _number(text: str) -> float | None:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) and value >= 0 else None


def junior_roles(table: Table, posts: dict[str, tuple[str, str | None]], units: dict[str, str],
                 taken: set[str]) -> tuple[list[dict[str, Any]], dict[int, int], list[Finding]]:
    """Roles for the junior rows, grouped by senior post, title, grade and unit; the row each role starts on
    (by its index in the list); and a finding per bad row.

    `posts`: senior post reference (casefolded) -> (role id, unit id); `units`: unit name (casefolded) ->
    unit id; `taken`: role ids in use (extended here). A group of 2.5 FTE is 3 seats of 0.8333 FTE.
    """
    findings: list[Finding] = []
    if not table.rows:
        return [], {}, findings
    header_line, headers = table.rows[0]
    normals = [normal_header(h) for h in headers]
    cols = {field: normals.index(name) for field, name in JUNIOR_COLUMNS.items() if name in normals}
    groups: dict[tuple[str, str, str, str], list[Any]] = {}
    for line, cells in table.rows[1:]:
        values = {field: cells[i].strip() if i < len(cells) else "" for field, i in cols.items()}
        get = values.get
        post, title, fte_text = get("post", ""), " ".join(get("title", "").split()), get("fte", "")

        def where(field: str, line: int = line) -> Position:
            return Position(line, cols.get(field, 0) + 1)
        if key(post) not in posts:
            findings.append(Finding(table.path, where("post"), headers[cols["post"]] if "post" in cols else "",
                                    f"'{post}' is no senior post in the senior-staff file; use its Post Unique "
                                    "Reference", "unknown-manager"))
            continue
        fte = _number(fte_text)
        if fte is None:
            findings.append(Finding(table.path, where("fte"), headers[cols["fte"]] if "fte" in cols else "",
                                    f"'{fte_text}' is not a number of posts; write a number such as 3 or 2.5",
                                    "invalid-value"))
            continue
        if fte == 0:
            continue
        if not title:
            findings.append(Finding(table.path, where("title"), headers[cols["title"]] if "title" in cols else "",
                                    "no job title; every post needs one", "missing-title"))
            continue
        grade, unit = get("grade", ""), get("unit", "")
        group = (key(post), key(title), key(grade), key(unit))
        if group not in groups:
            groups[group] = [line, title, grade, unit, 0.0]
        groups[group][4] += fte
    roles: list[dict[str, Any]] = []
    origin: dict[int, int] = {}
    for (post, _, _, unit_key), (line, title, grade, _, total) in groups.items():
        boss, boss_unit = posts[post]
        role_id = _free(slug(title, "role"), taken)
        seats = max(1, math.ceil(round(total, 4)))
        role: dict[str, Any] = {"id": role_id, "title": title}
        unit_id = units.get(unit_key) or boss_unit
        if unit_id:
            role["unit"] = unit_id
        role["reports_to"] = boss
        role["headcount"] = seats
        if abs(total - seats) > 1e-9:
            role["fte"] = round(total / seats, 4)
        if grade:
            role["grade"] = grade[:80]
        origin[len(roles)] = line
        roles.append(role)
    return roles, origin, findings


def _free(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate
