"""Seats -> spec data: people with the same title and manager share a role, departments become units.

A person whom anyone reports to (solid or dotted) holds a role of their own, so the spec keeps who
reports to whom person by person; everyone else is grouped by title, manager, department, dotted
lines and the assistant flag. Roles are listed depth-first down the reporting tree in file order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from .hr_rows import Seat

__all__ = ["build_spec", "slug"]

_MAX_SLUG = 64


def slug(text: str, fallback: str, limit: int = 48) -> str:
    """An id from a name: accents dropped, lowercase, hyphens, at most `limit` characters.

    >>> slug("Zoë's Café & Bar!", "unit")
    'zoe-s-cafe-bar'
    >>> slug("日本", "role")
    'role'
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    out = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if len(out) > limit:
        out = out[:limit].rsplit("-", 1)[0] if "-" in out[:limit] else out[:limit]
    return out.strip("-") or fallback


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass
class _Role:
    seats: list[int] = field(default_factory=list)
    id: str = ""


def _tree_order(seats: list[Seat]) -> list[int]:
    """Seat indexes depth-first from the tops, each level in file order."""
    children: dict[int | None, list[int]] = {}
    for i, seat in enumerate(seats):
        children.setdefault(seat.manager, []).append(i)
    order: list[int] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(reversed(children.get(node, [])))
    return order


def _group(seats: list[Seat]) -> tuple[list[_Role], dict[int, int]]:
    bosses = {s.manager for s in seats} | {d for s in seats for d in s.dotted}
    roles: list[_Role] = []
    by_key: dict[Hashable, int] = {}
    role_of: dict[int, int] = {}
    for i in _tree_order(seats):
        s = seats[i]
        key: Hashable = ("own", i) if i in bosses else (
            _key(s.title), s.manager, _key(s.department), s.dotted, s.assistant)
        if key not in by_key:
            by_key[key] = len(roles)
            roles.append(_Role())
        roles[by_key[key]].seats.append(i)
        role_of[i] = by_key[key]
    return roles, role_of


def _unique(base: str, taken: set[str], alternatives: list[str]) -> str:
    for candidate in [base, *alternatives]:
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    taken.add(f"{base}-{n}")
    return f"{base}-{n}"


def _name_ids(roles: list[_Role], seats: list[Seat]) -> None:
    taken: set[str] = set()
    for role in roles:
        first = seats[role.seats[0]]
        base = slug(first.title, "role")
        named = [seats[i].name for i in role.seats if seats[i].name]
        alternatives = [slug(f"{first.title} {named[0]}", "role", _MAX_SLUG)] if len(role.seats) == 1 and named else []
        role.id = _unique(base, taken, alternatives)


def _unit(unit_of: dict[int, str], role: int | None) -> str | None:
    return unit_of.get(role) if role is not None else None


def _units(roles: list[_Role], seats: list[Seat], role_of: dict[int, int],
           manager_role: dict[int, int | None]) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """Units in order of first role, each with its lead (its one top role) and parent (the lead's manager's)."""
    names: dict[str, str] = {}
    for s in seats:  # the first spelling in the file names the unit
        if s.department:
            names.setdefault(_key(s.department), s.department)
    order: list[str] = []
    unit_of: dict[int, str] = {}
    for r, role in enumerate(roles):
        dept = _key(seats[role.seats[0]].department)
        if dept:
            unit_of[r] = dept
            if dept not in order:
                order.append(dept)
    taken: set[str] = set()
    ids = {dept: _unique(slug(names[dept], "unit"), taken, []) for dept in order}
    units: list[dict[str, Any]] = []
    lead_of: dict[str, int] = {}
    for dept in order:
        tops = [r for r, d in unit_of.items() if d == dept and _unit(unit_of, manager_role[r]) != dept]
        if len(tops) == 1:
            lead_of[dept] = tops[0]
    for dept in order:
        unit: dict[str, Any] = {"id": ids[dept], "name": names[dept]}
        lead = lead_of.get(dept)
        boss = manager_role[lead] if lead is not None else None
        if boss is not None and _unit(unit_of, boss) not in (None, dept):
            unit["parent"] = ids[unit_of[boss]]
        if lead is not None:
            unit["lead"] = roles[lead].id
        units.append(unit)
    return units, {r: ids[d] for r, d in unit_of.items()}


def build_spec(seats: list[Seat], org: str) -> dict[str, Any]:
    """The spec as plain data, in the field order a person would write it."""
    roles, role_of = _group(seats)
    _name_ids(roles, seats)
    manager_role = {r: role_of[m] if (m := seats[role.seats[0]].manager) is not None else None
                    for r, role in enumerate(roles)}
    units, unit_ids = _units(roles, seats, role_of, manager_role)
    out_roles: list[dict[str, Any]] = []
    for r, role in enumerate(roles):
        first = seats[role.seats[0]]
        item: dict[str, Any] = {"id": role.id, "title": first.title}
        if r in unit_ids:
            item["unit"] = unit_ids[r]
        if manager_role[r] is not None:
            item["reports_to"] = roles[manager_role[r]].id  # type: ignore[index]
        if first.dotted:
            item["dotted_to"] = [roles[role_of[d]].id for d in first.dotted]
        if first.assistant:
            item["assistant"] = True
        people = [seats[i].name for i in role.seats if seats[i].name]
        if people:
            item["people"] = people
        open_seats = sum(1 for i in role.seats if seats[i].vacant)
        if len(people) + open_seats < len(role.seats):  # filled seats whose holders are not named
            item["headcount"] = len(role.seats)
        if open_seats:
            item["open"] = open_seats
        out_roles.append(item)
    spec: dict[str, Any] = {"version": 1, "org": org}
    if units:
        spec["units"] = units
    spec["roles"] = out_roles
    return spec
