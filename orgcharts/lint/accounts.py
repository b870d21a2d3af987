"""Account rules: members who are the role's people, and a lead who faces the client."""

from __future__ import annotations

from ..errors import listed
from ..spec.models import Member
from ..spec.roles import listed_sides, role_side
from .registry import Facts, Loc, Report, rule

__all__: list[str] = []


@rule("account-person", "error", "an account member who is not one of the role's people")
def account_person(facts: Facts, report: Report) -> None:
    """A named member holds the role."""
    names: dict[str, tuple[list[str], set[str], str]] = {}
    for i, account in enumerate(facts.spec.accounts):
        members: list[tuple[Loc, Member]] = [(("lead",), account.lead)]
        if account.project_manager is not None:
            members.append((("project_manager",), account.project_manager))
        members += [(("contributors", j), m) for j, m in enumerate(account.contributors)]
        for where, member in members:
            role = facts.roles.get(member.role)
            if role is None or member.person is None:
                continue
            if role.id not in names:  # once per role: a role of thousands is listed once, not per member
                people = [p.name for p in role.people]
                names[role.id] = (people, set(people), listed(people))
            people, known, shown = names[role.id]
            if people and member.person not in known:
                report.at(("accounts", i, *where, "person"), f"'{member.person}' is not one of {member.role}'s "
                          f"people ({shown}){facts.suggest(member.person, people)}")


@rule("account-lead-side", "warning", "an account led by a role that faces only the team")
def account_lead_side(facts: Facts, report: Report) -> None:
    """Somebody client-facing leads every account."""
    for i, account in enumerate(facts.spec.accounts):
        role = facts.roles.get(account.lead.role)
        if role is not None and role_side(role, facts.units, listed_sides(facts.spec.sides)) == "team":
            report.at(("accounts", i, "lead"), f"'{role.id}' faces only the team, so account '{account.id}' has "
                      "no client-facing lead; lead it with a client-facing role, or give this role "
                      "client-facing duties")
