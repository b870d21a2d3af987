"""The specs a change chart is drawn from: either version, or both merged, with duties annotated."""

from __future__ import annotations

from typing import Literal

from ...names import RACI_FIELDS, SIDES
from ...spec.roles import ancestors
from ...spec.models import Account, Activity, Member, OrgSpec, Role, Unit
from .changes import Changes, DutyChange, RoleChange

__all__ = ["Which", "JOINED", "LEFT", "annotated_spec", "accounts_spec", "duty_text", "unit_keys"]

Which = Literal["old", "new", "both"]
JOINED, LEFT = "+ ", "× "  # how an account member who joined, or left, is marked


def unit_keys(changes: Changes) -> dict[str, str]:
    """Old unit id -> the unit's key (its new id when it survived)."""
    return {u.old.id: u.key for u in changes.units if u.old is not None}


def duty_text(changes: Changes, duty: DutyChange, which: Which) -> str | None:
    """A duty as a change chart shows it, or None when it does not belong in this version."""
    sides = changes.new.sides
    side_name = {"client_facing": sides.client.name, "internal": sides.team.name}
    if duty.kind == "same":
        return duty.text
    if duty.kind == "added":
        return None if which == "old" else f"+ new: {duty.text}"
    if duty.kind == "removed":
        return None if which == "new" else f"× dropped: {duty.text}"
    if duty.kind == "moved-in":
        return None if which == "old" else f"← from {changes.title(duty.other)}: {duty.text}"
    if duty.kind == "moved-out":
        return None if which == "new" else f"→ to {changes.title(duty.other)}: {duty.text}"
    if duty.kind == "side":
        if which == "old":
            return f"→ to the {side_name[duty.side]} side: {duty.text}"
        return f"← from the {side_name[duty.was or duty.side]} side: {duty.text}"
    # reworded
    return f"~ reworded later: {duty.was}" if which == "old" else f"~ reworded (was “{duty.was}”): {duty.text}"


def _duties(changes: Changes, change: RoleChange, which: Which) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"client_facing": [], "internal": []}
    for duty in change.duties:
        side = duty.was if duty.kind == "side" and which == "old" and duty.was else duty.side
        text = duty_text(changes, duty, which)
        if text is not None:
            found[side].append(text)
    return found


def _home(changes: Changes, change: RoleChange, keys: dict[str, str]) -> str | None:
    """Where a removed role is drawn among the new units: its old unit, or the nearest that did not move."""
    assert change.old is not None
    old_units = {u.id: u for u in changes.old.units}
    moved = {u.key for u in changes.units if u.old and u.new and u.old_parent != u.new_parent}
    gone = {u.key for u in changes.units if u.new is None}
    stay = (keys[u] for u in ancestors(change.old.unit, old_units))
    return next((key for key in stay if key not in moved and key not in gone), None)


def _role(changes: Changes, change: RoleChange, which: Which, keys: dict[str, str], present: set[str]) -> Role:
    duties = _duties(changes, change, which)
    if which == "old" or change.new is None:
        role = change.old
        assert role is not None
        unit = keys.get(role.unit or "", role.unit) if which == "old" else _home(changes, change, keys)
        boss = change.old_manager
        dotted = [changes.old_key.get(d, d) for d in role.dotted_to]
    else:
        role, unit, boss, dotted = change.new, change.new.unit, change.new_manager, list(change.new.dotted_to)
    return role.model_copy(update={
        "id": change.key, "unit": unit, "reports_to": boss if boss in present else None,
        "dotted_to": [d for d in dotted if d in present], **duties,
    })


def _roles(changes: Changes, which: Which) -> list[RoleChange]:
    if which == "new":
        return [r for r in changes.roles if r.new is not None]
    olds = [r for r in changes.roles if r.old is not None]
    if which == "old":
        order = {changes.old_key[r.id]: i for i, r in enumerate(changes.old.roles)}
        return sorted(olds, key=lambda r: order[r.key])
    # Both: the new order, each removed role placed after the role it followed before.
    out = [r for r in changes.roles if r.new is not None]
    previous: str | None = None
    for role in sorted(olds, key=lambda r: [changes.old_key[o.id] for o in changes.old.roles].index(r.key)):
        if role.new is None:
            at = next((i for i, r in enumerate(out) if r.key == previous), -1)
            out.insert(at + 1, role)
        previous = role.key
    return out


def _units(changes: Changes, which: Which, keys: dict[str, str]) -> list[Unit]:
    chosen = [u for u in changes.units if (u.old if which == "old" else u.new) is not None]
    if which == "both":
        chosen = list(changes.units)
    out = []
    for u in chosen:
        unit = u.new if which != "old" and u.new is not None else u.old
        assert unit is not None
        parent = keys.get(unit.parent or "", unit.parent) if unit is u.old else unit.parent
        lead = changes.old_key.get(unit.lead or "", unit.lead) if unit is u.old else unit.lead
        out.append(unit.model_copy(update={"id": u.key, "parent": parent, "lead": lead}))
    return out


def _member(member: Member, key: dict[str, str]) -> Member:
    return member.model_copy(update={"role": key.get(member.role, member.role)})


def _old_ids(spec: OrgSpec, changes: Changes, keys: dict[str, str]) -> tuple[list[Activity], list[Account]]:
    key = changes.old_key
    raci = [a.model_copy(update={f: [key.get(r, r) for r in getattr(a, f)]
                                 for f in RACI_FIELDS})
            for a in spec.raci]
    accounts = [a.model_copy(update={
        "lead": _member(a.lead, key),
        "project_manager": _member(a.project_manager, key) if a.project_manager else None,
        "contributors": [_member(m, key) for m in a.contributors]}) for a in spec.accounts]
    return raci, accounts


def annotated_spec(changes: Changes, which: Which) -> OrgSpec:
    """The old or new spec (or both merged) with ids as role keys and each duty saying what became of it."""
    keys = unit_keys(changes)
    roles = _roles(changes, which)
    present = {r.key for r in roles}
    base = changes.old if which == "old" else changes.new
    update: dict[str, object] = {
        "roles": [_role(changes, r, which, keys, present) for r in roles],
        "units": _units(changes, which, keys),
        "views": None,
    }
    if which == "old":
        update["raci"], update["accounts"] = _old_ids(changes.old, changes, keys)
    sides = base.sides.model_copy(update={
        side: getattr(base.sides, side).model_copy(update={
            "units": [keys.get(u, u) if which == "old" else u for u in getattr(base.sides, side).units]})
        for side in SIDES})
    update["sides"] = sides
    return base.model_copy(update=update)


def _marked(member: Member, spec: OrgSpec, key: dict[str, str], mark: str) -> Member:
    """A member whose person text says what changed ('+ Lena Ortiz', '× Owen Price, left')."""
    role = next((r for r in spec.roles if r.id == member.role), None)
    person = member.person or (role.people[0].name if role and len(role.people) == 1 else None)
    return Member.model_construct(role=key.get(member.role, member.role), person=mark.format(person or "open seat"))


def accounts_spec(changes: Changes) -> OrgSpec:
    """The accounts of both versions: members who joined marked '+', members who left marked '×'."""
    roles = [role.model_copy(update={"id": c.key}) for c in changes.roles for role in [c.new or c.old] if role]
    same = {r.id: r.id for r in changes.new.roles}
    accounts: list[Account] = []
    for change in changes.accounts:
        if change.new is None:
            assert change.old is not None
            old = _old_ids(changes.old.model_copy(update={"raci": [], "accounts": [change.old]}), changes, {})[1][0]
            accounts.append(old.model_copy(update={"client": f"{old.client} (account gone)"}))
            continue
        new = change.new
        if change.old is None:
            accounts.append(new.model_copy(update={"client": f"{new.client} (new account)"}))
            continue
        then = {(m.role, m.person) for m in _team(change.old, changes.old, changes.old_key)}
        now = {(m.role, m.person) for m in _team(new, changes.new, same)}

        def mark(member: Member, then: set[tuple[str, str | None]] = then) -> Member:
            found = _team_member(member, changes.new, same)
            joined = (found.role, found.person) not in then
            return _marked(member, changes.new, same, JOINED + "{}") if joined else member

        left = [m for m in _members(change.old)
                if (lambda t: (t.role, t.person))(_team_member(m, changes.old, changes.old_key)) not in now]
        accounts.append(new.model_copy(update={
            "lead": mark(new.lead),
            "project_manager": mark(new.project_manager) if new.project_manager else None,
            "contributors": [mark(m) for m in new.contributors]
            + [_marked(m, changes.old, changes.old_key, LEFT + "{} (left)") for m in left],
        }))
    return changes.new.model_copy(update={"roles": roles, "accounts": accounts, "views": None})


def _members(account: Account) -> list[Member]:
    return [account.lead, *([account.project_manager] if account.project_manager else []), *account.contributors]


def _team_member(member: Member, spec: OrgSpec, key: dict[str, str]) -> Member:
    role = next((r for r in spec.roles if r.id == member.role), None)
    person = member.person or (role.people[0].name if role and len(role.people) == 1 else None)
    return Member.model_construct(role=key.get(member.role, member.role), person=person)


def _team(account: Account, spec: OrgSpec, key: dict[str, str]) -> list[Member]:
    return [_team_member(m, spec, key) for m in _members(account)]
