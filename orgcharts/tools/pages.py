"""The content of role pages, computed once from a spec; Markdown and HTML only format it."""

from __future__ import annotations

from dataclasses import dataclass

from ..spec import OrgSpec, Role, Unit
from .changes import LETTER_NAMES, letters, unit_path

__all__ = ["Link", "RolePage", "role_pages", "unit_sections", "ACCOUNT_PARTS"]

ACCOUNT_PARTS = ("account lead", "project manager", "contributor")


@dataclass(frozen=True)
class Link:
    """A role named on a page: its id (the page it links to) and its title."""

    id: str
    title: str


@dataclass(frozen=True)
class RolePage:
    """Everything a role's page says, in a fixed order."""

    id: str
    title: str
    unit: tuple[str, ...]  # unit names, innermost first
    nickname: str | None
    owns: str | None
    key_responsibility: str | None
    reports_to: Link | None
    dotted_to: tuple[Link, ...]
    direct_reports: tuple[Link, ...]
    dotted_reports: tuple[Link, ...]
    chain: tuple[Link, ...]  # managers up to the top, nearest first
    client_side: str
    team_side: str
    client_duties: tuple[str, ...]
    team_duties: tuple[str, ...]
    raci: tuple[tuple[str, tuple[str, ...]], ...]  # (Accountable, activities) ... in A, R, C, I order
    accounts: tuple[tuple[str, str, str | None], ...]  # (client, part, person)
    people: tuple[str, ...]
    open_seats: int


def _inherited(role: Role, unit: Unit | None, name: str) -> str | None:
    """A role's own nickname, owns or key responsibility, else its unit's."""
    own = getattr(role, name)
    return own if own is not None else (getattr(unit, name) if unit is not None else None)


def _accounts(spec: OrgSpec, role: Role) -> tuple[tuple[str, str, str | None], ...]:
    found = []
    for account in spec.accounts:
        members = [(account.lead, ACCOUNT_PARTS[0])]
        if account.project_manager:
            members.append((account.project_manager, ACCOUNT_PARTS[1]))
        members += [(m, ACCOUNT_PARTS[2]) for m in account.contributors]
        for member, part in members:
            if member.role == role.id:
                person = member.person or (role.people[0].name if len(role.people) == 1 else None)
                found.append((account.client, part, person))
    return tuple(found)


def _chain(role: Role, roles: dict[str, Role]) -> tuple[Link, ...]:
    chain: list[Link] = []
    seen = {role.id}
    boss = role.reports_to
    while boss in roles and boss not in seen:
        seen.add(boss)
        chain.append(Link(boss, roles[boss].title))
        boss = roles[boss].reports_to
    return tuple(chain)


def role_pages(spec: OrgSpec) -> list[RolePage]:
    """One page per role, in spec order."""
    roles = {r.id: r for r in spec.roles}
    units = {u.id: u for u in spec.units}
    pages = []
    for role in spec.roles:
        unit = units.get(role.unit or "")
        raci = []
        for letter, name in LETTER_NAMES.items():
            acts = tuple(a.activity for a in spec.raci if letter in letters(a, role.id).split("/"))
            if acts:
                raci.append((name, acts))
        pages.append(RolePage(
            id=role.id, title=role.title, unit=unit_path(role.unit, units),
            nickname=_inherited(role, unit, "nickname"), owns=_inherited(role, unit, "owns"),
            key_responsibility=_inherited(role, unit, "key_responsibility"),
            reports_to=Link(role.reports_to, roles[role.reports_to].title) if role.reports_to in roles else None,
            dotted_to=tuple(Link(b, roles[b].title) for b in role.dotted_to if b in roles),
            direct_reports=tuple(Link(r.id, r.title) for r in spec.roles if r.reports_to == role.id),
            dotted_reports=tuple(Link(r.id, r.title) for r in spec.roles if role.id in r.dotted_to),
            chain=_chain(role, roles),
            client_side=spec.sides.client.name, team_side=spec.sides.team.name,
            client_duties=tuple(role.client_facing), team_duties=tuple(role.internal),
            raci=tuple(raci), accounts=_accounts(spec, role),
            people=tuple(p.name for p in role.people), open_seats=role.vacancies,
        ))
    return pages


def unit_sections(spec: OrgSpec, pages: list[RolePage]) -> list[tuple[str, list[RolePage]]]:
    """Pages grouped for the index: by unit in spec order, roles without a unit last."""
    by_unit: dict[str, list[RolePage]] = {u.id: [] for u in spec.units}
    loose: list[RolePage] = []
    unit_of = {r.id: r.unit for r in spec.roles}
    for page in pages:
        unit = unit_of[page.id]
        (by_unit[unit] if unit in by_unit else loose).append(page)
    names = {u.id: u.name for u in spec.units}
    sections = [(names[u], members) for u, members in by_unit.items() if members]
    if loose:
        sections.append(("Other roles", loose))
    return sections
