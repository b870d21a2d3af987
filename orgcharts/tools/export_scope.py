"""What each exported view covers: roles in scope, which views have data, and who holds a role."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..names import RACI_ROLES
from ..names import VIEW_NAMES as ALL_VIEWS
from ..roles import people_line
from ..spec import Activity, OrgSpec, Role, Unit, ViewOptions

__all__ = ["VIEW_NAMES", "Scope", "scope", "available", "people_text", "seat_count", "side_heading", "RACI_LETTERS"]

VIEW_NAMES = ALL_VIEWS
RACI_LETTERS = RACI_ROLES


@dataclass(frozen=True)
class Scope:
    """One view of one spec: its options, title, roles in scope and the units above them."""

    spec: OrgSpec
    view: str
    options: ViewOptions
    roles: tuple[Role, ...]

    @property
    def title(self) -> str:
        """The view's title, else the spec's, else the organisation's name."""
        return self.options.title or self.spec.title or self.spec.org

    @property
    def units(self) -> dict[str, Unit]:
        """Every unit of the spec by id."""
        return {u.id: u for u in self.spec.units}

    def chain(self, unit_id: str | None) -> list[str]:
        """The unit and the units it sits in, outermost first (stops at a cycle or unknown id)."""
        units = self.units
        out: list[str] = []
        while unit_id is not None and unit_id in units and unit_id not in out:
            out.append(unit_id)
            unit_id = units[unit_id].parent
        return out[::-1]

    def raci_roles(self) -> list[Role]:
        """The roles in scope that the RACI names, in spec order."""
        named = {r for act in self.spec.raci for field, _ in RACI_LETTERS for r in getattr(act, field)}
        return [r for r in self.roles if r.id in named]

    def activities(self) -> list[Activity]:
        """The RACI rows, in spec order."""
        return list(self.spec.raci)


def scope(spec: OrgSpec, view: str) -> Scope:
    """The spec's roles for `view`, cut to the view's `units:` (and units inside them) when it names any."""
    options = getattr(spec.views, view, None) if spec.views is not None else None
    options = options or ViewOptions()
    probe = Scope(spec, view, options, tuple(spec.roles))
    if options.units:
        wanted = set(options.units)
        roles = tuple(r for r in spec.roles if wanted.intersection(probe.chain(r.unit)))
        return Scope(spec, view, options, roles)
    return probe


def _has_data(s: Scope) -> bool:
    ids = {r.id for r in s.roles}
    if s.view == "org":
        return bool(s.roles)
    if s.view == "responsibilities":
        return any(r.client_facing or r.internal for r in s.roles)
    if s.view == "raci":
        return bool(s.spec.raci and s.raci_roles())
    return bool(s.spec.accounts) and bool(ids)


def available(spec: OrgSpec, asked: Sequence[str] = ()) -> list[str]:
    """The views to export: those asked for, else those the spec's `views:` lists, else all; each with data."""
    if asked:
        names = list(asked)
    elif spec.views is not None:
        names = [name for name, options in spec.views if options is not None]
    else:
        names = list(VIEW_NAMES)
    return [name for name in names if _has_data(scope(spec, name))]


def seat_count(role: Role) -> int:
    """Seats of a role: named, unnamed and open, and never none (a placeholder keeps one row)."""
    return max(1, len(role.people), role.seats)


def people_text(role: Role) -> str:
    """Who holds a role, as its cards say it: names, unnamed seats, open seats, shared."""
    return people_line(role)


def side_heading(side: str) -> str:
    """The heading over a role's duties toward a side: `With the client`; names like `NASA` keep their case.

    >>> side_heading("Client"), side_heading("NASA")
    ('With the client', 'With the NASA')
    """
    lowered = side[:1].lower() + side[1:] if side[1:2].islower() else side
    return f"With the {lowered}"
