"""What a role is, read from the spec for every view and rule: its unit scope, the side it faces, its seats."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .models import Faces, OrgSpec, Role, Sides, Unit, ViewOptions

if TYPE_CHECKING:  # the rules read roles too, and need none of the drawing model
    from ..views.diagram import Tone

__all__ = ["ReportingLines", "ancestors", "in_scope", "client_share", "side_of_duties", "listed_sides", "stated_side",
           "role_side",
           "unit_side", "role_tone",
           "people_line", "seats_line", "shared_note",
           "filled_seats", "is_vacant", "MAJORITY"]

MAJORITY = 0.6  # a side holding at least this share of the duties is the side faced; closer is "both"


def ancestors(unit_id: str | None, units: Mapping[str, Unit]) -> list[str]:
    """The unit and its parents, innermost first (cycles are rejected before views run)."""
    chain: list[str] = []
    while unit_id is not None and unit_id in units and unit_id not in chain:
        chain.append(unit_id)
        unit_id = units[unit_id].parent
    return chain


def in_scope(spec: OrgSpec, options: ViewOptions) -> list[Role]:
    """The roles inside the units the options name (and units within them); all roles by default."""
    if not options.units:
        return list(spec.roles)
    units = {u.id: u for u in spec.units}
    wanted = set(options.units)
    return [r for r in spec.roles if wanted.intersection(ancestors(r.unit, units))]


def client_share(role: Role) -> float | None:
    """The share of a role's duties that face the client, or None when it lists none."""
    total = len(role.client_facing) + len(role.internal)
    return len(role.client_facing) / total if total else None


def side_of_duties(client: int, team: int) -> Faces | None:
    """The side a set of duties faces: 60% or more on one side faces it, a closer split faces both.

    >>> side_of_duties(3, 1), side_of_duties(1, 1), side_of_duties(3, 2), side_of_duties(4, 3), side_of_duties(0, 2)
    ('client', 'both', 'client', 'both', 'team')
    >>> side_of_duties(0, 0) is None
    True
    """
    total = client + team
    if not total:
        return None
    if client / total >= MAJORITY:
        return "client"
    if team / total >= MAJORITY:
        return "team"
    return "both"


def listed_sides(sides: Sides) -> dict[str, Faces]:
    """The units `sides:` lists, each with the side that lists it (`both` when both sides do)."""
    out: dict[str, Faces] = {u: "team" for u in sides.team.units}
    for unit in sides.client.units:
        out[unit] = "both" if out.get(unit) == "team" else "client"
    return out


def stated_side(unit_id: str | None, units: Mapping[str, Unit], listed: Mapping[str, Faces] | None = None
                ) -> Faces | None:
    """The side stated for the innermost unit around `unit_id` that has one: its `faces:`, or the `sides:` list."""
    for uid in ancestors(unit_id, units):
        if units[uid].faces:
            return units[uid].faces
        if listed and uid in listed:
            return listed[uid]
    return None


def role_side(role: Role, units: Mapping[str, Unit] | None = None, listed: Mapping[str, Faces] | None = None
              ) -> Faces | None:
    """The side a role faces: its own `faces:`; else the side 60% of its duties face; else its unit's
    stated side (`faces:` or a `sides:` list); else `both` for balanced duties (None without any).

    What a person does all day outweighs the unit they sit in: a producer in a client pod whose duties
    are mostly internal faces the team.
    """
    if role.faces:
        return role.faces
    duties = side_of_duties(len(role.client_facing), len(role.internal))
    if duties in ("client", "team"):
        return duties
    return stated_side(role.unit, units or {}, listed) or duties


def unit_side(unit: Unit, roles: Iterable[Role], units: Mapping[str, Unit],
              listed: Mapping[str, Faces] | None = None) -> Faces | None:
    """The side a unit faces: its own (or an enclosing unit's) stated side, else its roles' duties pooled."""
    stated = stated_side(unit.id, units, listed)
    if stated:
        return stated
    members = list(roles)
    return side_of_duties(sum(len(r.client_facing) for r in members), sum(len(r.internal) for r in members))


def role_tone(role: Role, units: Mapping[str, Unit] | None = None, listed: Mapping[str, Faces] | None = None
              ) -> Tone:
    """The side a role faces, as the tone that colours it in every view."""
    return role_side(role, units, listed) or "neutral"


def filled_seats(role: Role) -> int:
    """How many people hold the role, named or not (open seats and placeholders hold nobody)."""
    return max(0, role.seats - role.open)


def is_vacant(role: Role) -> bool:
    """Whether every seat of the role is open: drawn dashed, in the vacancy style."""
    return role.open > 0 and filled_seats(role) == 0


def seats_line(role: Role) -> str:
    """Who holds a role's seats: names, then filled seats without names, then open seats.

    >>> seats_line(Role(id="a", title="A", people=["Sam"], headcount=4, open=1))
    'Sam + 2 more + 1 open'
    >>> seats_line(Role(id="a", title="A", headcount=3)), seats_line(Role(id="a", title="A", open=1))
    ('3 people', 'Vacant')
    >>> seats_line(Role(id="a", title="A", headcount=2, open=1))  # one seat filled, one open: not "Vacant"
    '1 person + 1 open'
    >>> seats_line(Role(id="a", title="A", headcount=1))  # the one holder, unnamed: nothing to say
    ''
    """
    if role.placeholder:
        return ""
    names = ", ".join(p.name for p in role.people)
    parts = [names] if names else []
    if role.unnamed and names:
        parts.append(f"{role.unnamed} more")
    elif role.unnamed > 1 or (role.unnamed and role.open):
        parts.append(f"{role.unnamed} people" if role.unnamed > 1 else "1 person")
    if role.open and parts:
        parts.append(f"{role.open} open")
    elif role.open:
        parts.append("Vacant" if role.open == 1 else f"{role.open} open seats")
    return " + ".join(parts)


def shared_note(role: Role) -> str:
    """How a shared or lent role is marked on cards: '' when it is the team's own.

    >>> shared_note(Role(id="a", title="A", shared=True)), shared_note(Role(id="a", title="A", shared="IT"))
    ('shared', 'shared with IT')
    """
    if role.shared is True:
        return "shared"
    return f"shared with {role.shared}" if role.shared else ""


def people_line(role: Role) -> str:
    """Who holds a role, for a card: names, unnamed and open seats, and whether it is shared."""
    return " · ".join(part for part in (seats_line(role), shared_note(role)) if part)


class ReportingLines:
    """Who reports to whom, solid and dotted, indexed once per spec (pages and neighbourhoods read it)."""

    def __init__(self, spec: OrgSpec) -> None:
        self.roles = {r.id: r for r in spec.roles}
        self.units = {u.id: u for u in spec.units}
        self.reports: defaultdict[str, list[Role]] = defaultdict(list)  # manager id -> reports, in spec order
        self.dotted_reports: defaultdict[str, list[Role]] = defaultdict(list)
        for role in spec.roles:
            if role.reports_to in self.roles:
                self.reports[role.reports_to].append(role)
            for boss in role.dotted_to:
                self.dotted_reports[boss].append(role)
