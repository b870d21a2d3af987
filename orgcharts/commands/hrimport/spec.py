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

from ...spec.models import SLUG_PATTERN
from .rows import Seat, key

__all__ = ["build_spec", "slug", "Built"]

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


def _rolekey(seats: list[Seat], i: int, bosses: set[int | None]) -> Hashable:
    """What seats of one role share: a stated role id; else a post (job share) or a manager's own seat;
    else title, manager, unit, dotted lines, assistant flag, grade and the unnamed seats' FTE. (Location is
    not: a role's location is its seats' one location, and none when they differ.)"""
    s = seats[i]
    if s.role_key:
        return ("role", key(s.role_key))
    if s.share_of is not None:
        return ("own", s.share_of)
    if i in bosses:
        return ("own", i)
    return (key(s.title), s.manager, key(s.department), s.dotted, s.assistant, key(s.grade),
            None if s.name else s.fte, s.placeholder, key(s.unit_key))


def _group(seats: list[Seat]) -> tuple[list[_Role], dict[int, int]]:
    bosses = {s.manager for s in seats} | {d for s in seats for d in s.dotted}
    roles: list[_Role] = []
    by_key: dict[Hashable, int] = {}
    role_of: dict[int, int] = {}
    # Roles stated by id (our own export) keep the file's order; others go depth-first down the tree.
    order = range(len(seats)) if any(s.role_key for s in seats) else _tree_order(seats)
    for i in order:
        k = _rolekey(seats, i, bosses)
        if k not in by_key:
            by_key[k] = len(roles)
            roles.append(_Role())
        roles[by_key[k]].seats.append(i)
        role_of[i] = by_key[k]
    return roles, role_of


class _Taken(set[str]):
    """Ids in use, and for each base the next number to try, so numbering 10,000 clerks stays linear."""

    def __init__(self) -> None:
        super().__init__()
        self.next: dict[str, int] = {}


def _unique(base: str, taken: _Taken, alternatives: list[str]) -> str:
    for candidate in [base, *alternatives]:
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    n = taken.next.get(base, 2)
    while f"{base}-{n}" in taken:
        n += 1
    taken.next[base] = n + 1
    taken.add(f"{base}-{n}")
    return f"{base}-{n}"


def _name_ids(roles: list[_Role], seats: list[Seat]) -> None:
    taken = _Taken()
    for role in roles:  # stated ids first, so a made-up id never takes one the file states
        stated = seats[role.seats[0]].role_key
        if stated and re.match(SLUG_PATTERN, stated) and len(stated) <= _MAX_SLUG and stated not in taken:
            role.id = stated
            taken.add(stated)
    for role in roles:
        if role.id:
            continue
        first = seats[role.seats[0]]
        base = slug(first.title, "role")
        named = [seats[i].name for i in role.seats if seats[i].name]
        alternatives = [slug(f"{first.title} {named[0]}", "role", _MAX_SLUG)] if len(role.seats) == 1 and named else []
        role.id = _unique(base, taken, alternatives)


def _unit(unit_of: dict[int, str], role: int | None) -> str | None:
    return unit_of.get(role) if role is not None else None


def _unit_key(seat: Seat) -> str:
    return f"id:{key(seat.unit_key)}" if seat.unit_key else key(seat.department)


def _units(roles: list[_Role], seats: list[Seat],
           manager_role: dict[int, int | None]) -> tuple[list[dict[str, Any]], dict[int, str], dict[str, int]]:
    """Units in order of first role, each with its lead (its one top role) and parent (the lead's manager's);
    the role -> unit id map; and each unit's first role (where the file says it)."""
    names: dict[str, str] = {}
    for s in seats:  # the first spelling in the file names the unit
        if s.department or s.unit_key:
            names.setdefault(_unit_key(s), s.department or s.unit_key)
    order: dict[str, None] = {}  # an ordered set
    unit_of: dict[int, str] = {}
    for r, role in enumerate(roles):
        dept = _unit_key(seats[role.seats[0]])
        if dept:
            unit_of[r] = dept
            order.setdefault(dept)
    taken = _Taken()
    ids: dict[str, str] = {}
    for dept in order:  # stated ids first
        given = dept[3:] if dept.startswith("id:") else ""
        if given and re.match(SLUG_PATTERN, given) and len(given) <= _MAX_SLUG and given not in taken:
            ids[dept] = given
            taken.add(given)
    for dept in order:
        if dept not in ids:
            ids[dept] = _unique(slug(names[dept], "unit"), taken, [])
    units: list[dict[str, Any]] = []
    lead_of: dict[str, int] = {}
    tops: dict[str, list[int]] = {}
    first_role: dict[str, int] = {}
    for r, d in unit_of.items():  # in role order
        first_role.setdefault(ids[d], r)
        if _unit(unit_of, manager_role[r]) != d:
            tops.setdefault(d, []).append(r)
    for dept, top in tops.items():
        if len(top) == 1:
            lead_of[dept] = top[0]
    stated: dict[str, tuple[str, str]] = {}  # unit -> (parent, lead) as the file states them (our export)
    for s in seats:
        if s.unit_parent or s.unit_lead:
            stated.setdefault(_unit_key(s), (s.unit_parent, s.unit_lead))
    for dept in order:
        unit: dict[str, Any] = {"id": ids[dept], "name": names[dept]}
        lead = lead_of.get(dept)
        boss = manager_role[lead] if lead is not None else None
        if stated:  # a file that states units' parents and leads is taken at its word
            parent, lead_id = stated.get(dept, ("", ""))
            unit.update({k: v for k, v in (("parent", parent), ("lead", lead_id)) if v})
        else:
            if boss is not None and _unit(unit_of, boss) not in (None, dept):
                unit["parent"] = ids[unit_of[boss]]
            if lead is not None:
                unit["lead"] = roles[lead].id
        units.append(unit)
    return units, {r: ids[d] for r, d in unit_of.items()}, first_role


@dataclass(frozen=True)
class Built:
    """The spec as plain data; where in the file each role and unit comes from (`roles[3]` -> (row, col));
    and each seat's role id."""

    data: dict[str, Any]
    origin: dict[str, tuple[int, int]]
    role_of_seat: tuple[str, ...]


def _people(role: _Role, seats: list[Seat]) -> list[Any]:
    out: list[Any] = []
    for i in role.seats:
        seat = seats[i]
        if seat.name:
            out.append({"name": seat.name, "fte": seat.fte} if seat.fte is not None else seat.name)
    return out


def _role_item(role: _Role, seats: list[Seat], unit: str | None, boss: str | None,
               dotted: list[str]) -> dict[str, Any]:
    first = seats[role.seats[0]]
    item: dict[str, Any] = {"id": role.id, "title": first.title}
    if unit:
        item["unit"] = unit
    if boss:
        item["reports_to"] = boss
    if dotted:
        item["dotted_to"] = dotted
    if first.assistant:
        item["assistant"] = True
    if all(seats[i].placeholder for i in role.seats):
        item["placeholder"] = True
    else:
        people = _people(role, seats)
        if people:
            item["people"] = people
        open_seats = sum(1 for i in role.seats if seats[i].vacant)
        if len(people) + open_seats < len(role.seats):  # filled seats whose holders are not named
            item["headcount"] = len(role.seats)
        if open_seats:
            item["open"] = open_seats
        unnamed_fte = next((seats[i].fte for i in role.seats if not seats[i].name and seats[i].fte is not None),
                           None)
        if unnamed_fte is not None:
            item["fte"] = unnamed_fte
    if first.grade:
        item["grade"] = first.grade
    locations = {key(seats[i].location) for i in role.seats}
    if first.location and len(locations) == 1:
        item["location"] = first.location
    return item


def build_spec(seats: list[Seat], org: str, unit_col: int = 1) -> Built:
    """The spec as plain data, in the field order a person would write it."""
    roles, role_of = _group(seats)
    _name_ids(roles, seats)
    manager_role = {r: role_of[m] if (m := seats[role.seats[0]].manager) is not None else None
                    for r, role in enumerate(roles)}
    units, unit_ids, first_role = _units(roles, seats, manager_role)
    out_roles: list[dict[str, Any]] = []
    origin: dict[str, tuple[int, int]] = {}
    for r, role in enumerate(roles):
        boss = manager_role[r]
        dotted = [roles[role_of[d]].id for d in seats[role.seats[0]].dotted]
        out_roles.append(_role_item(role, seats, unit_ids.get(r), roles[boss].id if boss is not None else None,
                                    dotted))
        origin[f"roles[{r}]"] = (seats[role.seats[0]].line, 1)
    for u, unit in enumerate(units):
        origin[f"units[{u}]"] = (seats[roles[first_role[unit["id"]]].seats[0]].line, unit_col)
    spec: dict[str, Any] = {"version": 1, "org": org}
    if units:
        spec["units"] = units
    spec["roles"] = out_roles
    return Built(spec, origin, tuple(roles[role_of[i]].id for i in range(len(seats))))
