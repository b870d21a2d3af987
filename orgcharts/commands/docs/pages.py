"""The content of role pages (job descriptions), computed once from a spec; Markdown, HTML and Word only format it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ...spec.roles import ReportingLines, filled_seats
from ...spec.models import Account, OrgSpec, Role
from ..diff.changes import LETTER_NAMES, letters, unit_path
from ..diff.roledetails import filled_fte, number

__all__ = ["Link", "UnitText", "Relationship", "Staffing", "RolePage", "role_pages", "unit_sections",
           "ACCOUNT_PARTS", "staffing_line"]

ACCOUNT_PARTS = ("account lead", "project manager", "contributor")


@dataclass(frozen=True)
class Link:
    """A role named on a page: its id (the page it links to) and its title."""

    id: str
    title: str


@dataclass(frozen=True)
class UnitText:
    """The role's unit as the unit describes itself: shown as the unit's, never as the role's."""

    name: str
    nickname: str | None
    owns: str | None
    key_responsibility: str | None


@dataclass(frozen=True)
class Relationship:
    """Someone the role works with: a role (linked) or a group named in the spec, and how."""

    who: str
    how: str
    link: Link | None = None


@dataclass(frozen=True)
class Staffing:
    """The role's seats: all of them, the filled and the open ones, and the filled seats' FTE."""

    seats: int
    filled: int
    open: int
    fte: float
    people: tuple[str, ...]


@dataclass(frozen=True)
class RolePage:
    """Everything a role's page says, in a fixed order."""

    id: str
    title: str
    unit: tuple[str, ...]  # unit names, innermost first
    unit_text: UnitText | None  # the role's own unit, as the unit describes itself
    purpose: str | None
    nickname: str | None  # the role's own (not its unit's)
    owns: str | None
    key_responsibility: str | None
    grade: str | None
    location: str | None
    hours: str | None
    staffing: Staffing
    reports_to: Link | None
    dotted_to: tuple[Link, ...]
    direct_reports: tuple[Link, ...]
    dotted_reports: tuple[Link, ...]
    peers: tuple[Link, ...]  # other roles with the same manager
    chain: tuple[Link, ...]  # managers up to the top, nearest first
    client_side: str
    team_side: str
    client_duties: tuple[str, ...]
    team_duties: tuple[str, ...]
    requirements: tuple[str, ...]
    relationships: tuple[Relationship, ...]  # given ones first, then those derived from the spec
    raci: tuple[tuple[str, tuple[str, ...]], ...]  # (Accountable, activities) ... in A, R, C, I order
    accounts: tuple[tuple[str, str, str | None], ...]  # (client, part, person)


def staffing_line(staffing: Staffing) -> str:
    """'4 seats: 3 filled, 1 open · 3 FTE' — what a page says about headcount.

    >>> staffing_line(Staffing(4, 3, 1, 2.5, ()))
    '4 seats: 3 filled, 1 open · 2.5 FTE filled'
    >>> staffing_line(Staffing(1, 1, 0, 1.0, ()))
    '1 seat · 1 FTE'
    """
    seats = f"{staffing.seats} seat{'s' * (staffing.seats != 1)}"
    if staffing.open:
        seats += f": {staffing.filled} filled, {staffing.open} open"
        return f"{seats} · {number(staffing.fte)} FTE filled"
    return f"{seats} · {number(staffing.fte)} FTE"


def _members(account: Account) -> list[tuple[str, str | None, str]]:
    """(role id, person, part) for every member of an account's team."""
    found = [(account.lead.role, account.lead.person, ACCOUNT_PARTS[0])]
    if account.project_manager:
        found.append((account.project_manager.role, account.project_manager.person, ACCOUNT_PARTS[1]))
    found += [(m.role, m.person, ACCOUNT_PARTS[2]) for m in account.contributors]
    return found


class _Index(ReportingLines):
    """What every page looks up, built once, so all pages cost time linear in the spec."""

    def __init__(self, spec: OrgSpec) -> None:
        super().__init__(spec)
        self.order = {r.id: i for i, r in enumerate(spec.roles)}
        self.activities: dict[str, list[int]] = defaultdict(list)  # role id -> activity indexes
        for i, activity in enumerate(spec.raci):
            for rid in dict.fromkeys([*activity.accountable, *activity.responsible, *activity.consulted,
                                      *activity.informed]):
                self.activities[rid].append(i)
        self.accounts: dict[str, list[int]] = defaultdict(list)  # role id -> account indexes
        for i, account in enumerate(spec.accounts):
            for rid in dict.fromkeys(m[0] for m in _members(account)):
                self.accounts[rid].append(i)

    def link(self, role_id: str) -> Link:
        return Link(role_id, self.roles[role_id].title)


def _accounts(spec: OrgSpec, role: Role, index: _Index) -> tuple[tuple[str, str, str | None], ...]:
    found = []
    for i in index.accounts[role.id]:
        account = spec.accounts[i]
        for rid, person, part in _members(account):
            if rid == role.id:
                found.append((account.client, part, person or (role.people[0].name if len(role.people) == 1
                                                                else None)))
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


def _relationships(spec: OrgSpec, role: Role, index: _Index) -> tuple[Relationship, ...]:
    """Given relationships, then the client, then roles met on account teams and in RACI activities.

    The manager, reports and dotted lines have their own lines on a page, so they are not repeated here.
    """
    found = [Relationship(text, "") for text in role.key_relationships]
    if role.client_facing:
        client = spec.sides.client
        found.append(Relationship(client.name + (f": {client.description}" if client.description else ""),
                                  f"the {len(role.client_facing)} dut{'ies' if len(role.client_facing) != 1 else 'y'}"
                                  f" with the {client.name}"))
    near = {role.id, role.reports_to, *role.dotted_to}
    near |= {r.id for r in index.reports[role.id]} | {r.id for r in index.dotted_reports[role.id]}
    teams: dict[str, list[str]] = defaultdict(list)  # role id -> clients whose account team both are on
    for i in index.accounts[role.id]:
        account = spec.accounts[i]
        for rid, _, _ in _members(account):
            if rid not in near and rid in index.roles and account.client not in teams[rid]:
                teams[rid].append(account.client)
    work: dict[str, list[str]] = defaultdict(list)  # role id -> activities both take part in
    for i in index.activities[role.id]:
        activity = spec.raci[i]
        mine = letters(activity, role.id)
        if "A" not in mine and "R" not in mine:
            continue  # consulted or informed: the doers answer to others
        for rid in dict.fromkeys([*activity.accountable, *activity.responsible, *activity.consulted]):
            if rid not in near and rid in index.roles:
                work[rid].append(activity.activity)
    for rid in sorted({*teams, *work}, key=index.order.__getitem__):
        how = [f"account teams: {', '.join(teams[rid])}" if teams[rid] else "",
               f"works together on {', '.join(work[rid])}" if work[rid] else ""]
        found.append(Relationship(index.roles[rid].title, "; ".join(h for h in how if h), index.link(rid)))
    return tuple(found)


def _staffing(role: Role) -> Staffing:
    return Staffing(role.seats, filled_seats(role), role.vacancies, filled_fte(role),
                    tuple(p.name for p in role.people))


def _page(spec: OrgSpec, role: Role, index: _Index) -> RolePage:
    unit = index.units.get(role.unit or "")
    raci = []
    for letter, name in LETTER_NAMES.items():
        acts = tuple(spec.raci[i].activity for i in index.activities[role.id]
                     if letter in letters(spec.raci[i], role.id).split("/"))
        if acts:
            raci.append((name, acts))
    peers = [r for r in index.reports[role.reports_to or ""] if r.id != role.id] if role.reports_to else []
    return RolePage(
        id=role.id, title=role.title, unit=unit_path(role.unit, index.units),
        unit_text=UnitText(unit.name, unit.nickname, unit.owns, unit.key_responsibility) if unit else None,
        purpose=role.purpose, nickname=role.nickname, owns=role.owns, key_responsibility=role.key_responsibility,
        grade=role.grade, location=role.location, hours=role.hours, staffing=_staffing(role),
        reports_to=index.link(role.reports_to) if role.reports_to in index.roles else None,
        dotted_to=tuple(index.link(b) for b in role.dotted_to if b in index.roles),
        direct_reports=tuple(Link(r.id, r.title) for r in index.reports[role.id]),
        dotted_reports=tuple(Link(r.id, r.title) for r in index.dotted_reports[role.id]),
        peers=tuple(Link(r.id, r.title) for r in peers),
        chain=_chain(role, index.roles),
        client_side=spec.sides.client.name, team_side=spec.sides.team.name,
        client_duties=tuple(role.client_facing), team_duties=tuple(role.internal),
        requirements=tuple(role.requirements), relationships=_relationships(spec, role, index),
        raci=tuple(raci), accounts=_accounts(spec, role, index),
    )


def role_pages(spec: OrgSpec) -> list[RolePage]:
    """One page per role, in spec order."""
    index = _Index(spec)
    return [_page(spec, role, index) for role in spec.roles]


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

