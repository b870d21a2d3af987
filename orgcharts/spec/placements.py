"""Pods and matrix teams: a role written once with several placements, expanded into one role per placement."""

from __future__ import annotations

from collections.abc import Mapping

from .roles import ancestors
from .models import Account, Member, OrgSpec, Role, Unit
from ..names import RACI_FIELDS


__all__ = ["placement_id", "placement_ids", "nearest", "expand"]


def placement_id(role_id: str, unit_id: str) -> str:
    """The id a placement is drawn and referred to by.

    >>> placement_id("account-manager", "pod-acme")
    'account-manager-pod-acme'
    """
    return f"{role_id}-{unit_id}"


def placement_ids(spec: OrgSpec) -> dict[str, str]:
    """Every placement's id and the id of the role it places."""
    return {placement_id(r.id, p.unit): r.id for r in spec.roles for p in r.placements}


def nearest(ref: str | None, unit_id: str | None, placed: Mapping[str, Role], units: Mapping[str, Unit]) -> str | None:
    """What a reference means from inside `unit_id`: a placed role's placement in that unit (or the nearest
    enclosing one), else its first placement; any other id as written."""
    role = placed.get(ref or "")
    if role is None:
        return ref
    held = {p.unit for p in role.placements}
    here = next((u for u in ancestors(unit_id, units) if u in held), role.placements[0].unit)
    return placement_id(role.id, here)


def _every(refs: list[str], placed: Mapping[str, Role]) -> list[str]:
    """A RACI list with each placed role replaced by all its placements, in order, once each."""
    out: list[str] = []
    for ref in refs:
        ids = [placement_id(ref, p.unit) for p in placed[ref].placements] if ref in placed else [ref]
        out += [i for i in ids if i not in out]
    return out


def _member(member: Member, placed: Mapping[str, Role]) -> Member:
    """An account member naming a placed role: the placement its person holds, else the first."""
    role = placed.get(member.role)
    if role is None:
        return member
    held = next((p for p in role.placements if member.person in {x.name for x in p.people}), role.placements[0])
    return member.model_copy(update={"role": placement_id(role.id, held.unit)})


def expand(spec: OrgSpec) -> OrgSpec:
    """The spec with every placed role replaced by one role per placement (the spec itself when none is placed)."""
    placed = {r.id: r for r in spec.roles if r.placements}
    if not placed:
        return spec
    units = {u.id: u for u in spec.units}
    roles: list[Role] = []
    for r in spec.roles:
        if not r.placements:
            roles.append(r.model_copy(update={"reports_to": nearest(r.reports_to, r.unit, placed, units),
                                              "dotted_to": [nearest(d, r.unit, placed, units) for d in r.dotted_to]}))
            continue
        for p in r.placements:
            roles.append(r.model_copy(update={
                "id": placement_id(r.id, p.unit), "unit": p.unit,
                "reports_to": nearest(p.reports_to or r.reports_to, p.unit, placed, units),
                "dotted_to": [nearest(d, p.unit, placed, units) for d in [*r.dotted_to, *p.dotted_to]],
                "people": p.people, "headcount": p.headcount, "open": p.open, "placements": [],
            }))
    new_units = [u.model_copy(update={"lead": nearest(u.lead, u.id, placed, units)}) for u in spec.units]
    raci = [a.model_copy(update={f: _every(getattr(a, f), placed)
                                 for f in RACI_FIELDS})
            for a in spec.raci]
    accounts = [_account(a, placed) for a in spec.accounts]
    return spec.model_copy(update={"roles": roles, "units": new_units, "raci": raci, "accounts": accounts})


def _account(account: Account, placed: Mapping[str, Role]) -> Account:
    pm = account.project_manager
    return account.model_copy(update={
        "lead": _member(account.lead, placed),
        "project_manager": _member(pm, placed) if pm is not None else None,
        "contributors": [_member(m, placed) for m in account.contributors],
    })
