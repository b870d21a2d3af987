"""The account teams: each client account, and who serves it on each side."""

from __future__ import annotations

from ..diagram import Card, Column, Diagram, Edge, Line
from ..spec import Account, Member, OrgSpec, Role, ViewOptions
from .common import role_tone

__all__ = ["build", "charts", "member_text"]


def member_text(member: Member, role: Role, tag: str | None = None) -> str:
    """'Sam · Account Manager (lead)': who, in which role, and their part on the account."""
    person = member.person or (role.people[0].name if len(role.people) == 1 else None)
    text = f"{person} · {role.title}" if person else role.title
    return f"{text} ({tag})" if tag else text


def _members(account: Account, roles: dict[str, Role]) -> list[tuple[Member, str | None]]:
    found: list[tuple[Member, str | None]] = [(account.lead, "account lead")]
    if account.project_manager is not None:
        pm = account.project_manager
        # The tag only says what the title does not already say.
        found.append((pm, None if "project manager" in roles[pm.role].title.lower() else "project manager"))
    found += [(m, None) for m in account.contributors]
    return found


def build(spec: OrgSpec, stem: str, options: ViewOptions) -> Diagram | None:
    """One row per account: the client, then its team split by the side each member faces."""
    if not spec.accounts:
        return None
    roles = {r.id: r for r in spec.roles}
    units = {u.id: u for u in spec.units}
    client, team = spec.sides.client.name, spec.sides.team.name
    cards: list[Card] = []
    edges: list[Edge] = []
    for account in spec.accounts:
        facing: list[str] = []
        inside: list[str] = []
        for member, tag in _members(account, roles):
            role = roles[member.role]
            side = facing if role_tone(role, units) == "client" else inside
            side.append(member_text(member, role, tag))
        lines = (Line(account.description),) if account.description else ()
        # The client and its team share an alignment group, so the line between them runs level.
        cards.append(Card(id=f"account-{account.id}", title=account.client, tone="client", lines=lines,
                          width=30, align=f"account-{account.id}"))
        cards.append(Card(
            id=f"team-{account.id}", title=f"{account.client} team", align=f"account-{account.id}",
            columns=(Column(f"With the {client}", tuple(facing) or ("—",), "client"),
                     Column(f"In the {team}", tuple(inside) or ("—",), "team")),
        ))
        edges.append(Edge(f"account-{account.id}", f"team-{account.id}", tone="client"))
    ranks = (tuple(f"account-{a.id}" for a in spec.accounts),) if len(spec.accounts) > 1 else ()
    return Diagram(
        id=f"{stem}-accounts",
        title=options.title or f"{spec.org} — account teams",
        subtitle=f"{len(spec.accounts)} client accounts; client-facing members on the {client}'s side",
        description=f"Account teams of {spec.org}: for each client account, the members who work with "
                    f"the {client} and those who work in the {team}.",
        direction="LR",
        cards=tuple(cards),
        edges=tuple(edges),
        ranks=ranks,
    )


def charts(spec: OrgSpec, stem: str, options: ViewOptions) -> list[Diagram]:
    """Every chart this view draws: for now the whole chart, unsplit."""
    diagram = build(spec, stem, options)
    return [diagram] if diagram else []
