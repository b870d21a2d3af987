"""The account part of the change model: each client account before and after, and who joined or left its team."""

from __future__ import annotations

from dataclasses import dataclass

from ...spec.models import Account, Member, OrgSpec, Role
from .match import normal, pair

__all__ = ["AccountChange", "account_changes"]


@dataclass(frozen=True)
class AccountChange:
    """A client account in either version, matched by id, then by client name."""

    key: str
    old: Account | None
    new: Account | None
    old_lead: tuple[str, str | None] | None = None  # (role key, person)
    new_lead: tuple[str, str | None] | None = None
    joined: tuple[str, ...] = ()  # member texts
    left: tuple[str, ...] = ()

    @property
    def client(self) -> str:
        """The client's name now, or its last name when the account is gone."""
        account = self.new or self.old
        assert account is not None
        return account.client



def _member(member: Member, roles: dict[str, Role], key: dict[str, str]) -> tuple[str, str | None]:
    role = roles.get(member.role)
    person = member.person or (role.people[0].name if role and len(role.people) == 1 else None)
    return key.get(member.role, member.role), person


def account_changes(old: OrgSpec, new: OrgSpec, old_key: dict[str, str]) -> tuple[AccountChange, ...]:
    """Every account in either version, matched by id, then by client name; members by role key."""
    pairs = pair(old.accounts, new.accounts, lambda a: a.id, lambda a: normal(a.client))
    back = {j: i for i, j in pairs.items()}
    old_roles, new_roles = {r.id: r for r in old.roles}, {r.id: r for r in new.roles}
    same = {r: r for r in new_roles}

    def team(account: Account | None, roles: dict[str, Role], key: dict[str, str]) -> list[tuple[str, str | None]]:
        if account is None:
            return []
        members = [account.lead, *([account.project_manager] if account.project_manager else []),
                   *account.contributors]
        return [_member(m, roles, key) for m in members]

    def text(member: tuple[str, str | None], titles: dict[str, str]) -> str:
        title = titles.get(member[0], member[0])
        return f"{member[1]} ({title})" if member[1] else title

    titles = {old_key[r.id]: r.title for r in old.roles} | {r.id: r.title for r in new.roles}
    out: list[AccountChange] = []
    items: list[tuple[Account | None, Account | None]] = [
        (old.accounts[back[j]] if j in back else None, a) for j, a in enumerate(new.accounts)]
    items += [(a, None) for i, a in enumerate(old.accounts) if i not in pairs]
    for before, after in items:
        then, now = team(before, old_roles, old_key), team(after, new_roles, same)
        out.append(AccountChange(
            (after or before).id,  # type: ignore[union-attr]
            before, after,
            then[0] if then else None, now[0] if now else None,
            tuple(text(m, titles) for m in now if m not in then) if before else (),
            tuple(text(m, titles) for m in then if m not in now) if after else (),
        ))
    return tuple(out)
