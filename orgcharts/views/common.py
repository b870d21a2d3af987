"""Helpers shared by the views: scoping by unit, which side a role faces, who holds a role."""

from __future__ import annotations

from ..diagram import Tone
from ..spec import OrgSpec, Role, Unit, ViewOptions

__all__ = ["ancestors", "in_scope", "client_share", "role_tone", "people_line"]


def ancestors(unit_id: str | None, units: dict[str, Unit]) -> list[str]:
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


def role_tone(role: Role) -> Tone:
    """The side a role mostly faces, which colours it in every view."""
    share = client_share(role)
    if share is None:
        return "neutral"
    return "client" if share >= 0.5 else "team"


def people_line(role: Role) -> str:
    """Who holds a role, for a card: names, then open seats."""
    names = ", ".join(p.name for p in role.people)
    open_seats = role.vacancies
    if open_seats and names:
        return f"{names} + {open_seats} open"
    if open_seats:
        return "Vacant" if open_seats == 1 else f"{open_seats} open seats"
    return names
