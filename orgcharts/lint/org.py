"""Organisation rules: one top, duties on both sides (or a stated side), seats and people that add up."""

from __future__ import annotations

from collections import defaultdict

from ..errors import listed
from ..names import DUTY_SIDES
from ..spec.roles import listed_sides, stated_side
from .registry import Facts, Report, rule

__all__: list[str] = []


@rule("several-tops", "warning", "more than one role reports to no one (one finding, listing them)")
def several_tops(facts: Facts, report: Report) -> None:
    """The org has one top; reported once, however many roles are loose."""
    tops = [i for i, r in enumerate(facts.spec.roles)
            if r.reports_to is None and not any(p.reports_to for p in r.placements)]
    if len(tops) > 1:
        names = listed(facts.spec.roles[i].id for i in tops)
        report.at(("roles", tops[1]), f"{len(tops):,} roles report to no one ({names}); add `reports_to:` so "
                  "the org has one top")


@rule("one-sided-role", "warning", "a role with duties on one side only, unless it (or its unit) states its "
      "side with `faces:` or its unit is listed under `sides:`")
def one_sided_role(facts: Facts, report: Report) -> None:
    """A role faces both sides, or says it faces one (its own `faces:`, its unit's, or a `sides:` list of units)."""
    listed = listed_sides(facts.spec.sides)
    for i, role in enumerate(facts.spec.roles):
        if bool(role.client_facing) == bool(role.internal) or role.placeholder:
            continue
        places: list[str | None] = [p.unit for p in role.placements] or [role.unit]
        stated = role.faces or any(stated_side(u, facts.units, listed) for u in places)
        if not stated:
            missing = "internal" if role.client_facing else "client_facing"
            only = "team" if role.internal else "client"
            report.at(("roles", i), f"'{role.id}' lists duties on one side only; add `{missing}:` duties, or "
                      f"state that it faces one side with `faces: {only}`")


def _normal(duty: str) -> str:
    return " ".join(duty.lower().split()).rstrip(".")


@rule("duplicate-duty", "warning", "the same duty (ignoring case and spacing) on the same side of two roles")
def duplicate_duty(facts: Facts, report: Report) -> None:
    """One owner per duty."""
    seen: dict[tuple[str, str], str] = {}
    for i, role in enumerate(facts.spec.roles):
        for side in DUTY_SIDES:
            for j, duty in enumerate(getattr(role, side)):
                key = (side, _normal(duty))
                if key in seen and seen[key] != role.id:
                    report.at(("roles", i, side, j), f"the same duty is also on '{seen[key]}'; one owner per "
                              "duty (say how the two roles split it)")
                seen.setdefault(key, role.id)


@rule("over-full-time", "warning", "a person in several roles adding up to more than full time "
      "(`fte:` per person, default 1)")
def over_full_time(facts: Facts, report: Report) -> None:
    """Nobody gives more than a full week."""
    held: dict[str, list[tuple[int, int, float]]] = defaultdict(list)
    for i, role in enumerate(facts.spec.roles):
        for j, person in enumerate(role.people):
            held[person.name].append((i, j, person.fte))
    for name, places in held.items():
        total = sum(fte for _, _, fte in places)
        if len(places) > 1 and total > 1.0 + 1e-9:
            roles = listed(facts.spec.roles[i].id for i, _, _ in places)
            i, j, _ = places[-1]
            report.at(("roles", i, "people", j), f"{name} holds {len(places)} roles ({roles}) adding up to "
                      f"{total:g} of full time; set `fte:` on each")


@rule("unit-without-lead", "warning", "a unit that has roles but no `lead:`")
def unit_without_lead(facts: Facts, report: Report) -> None:
    """A staffed unit says who leads it."""
    staffed = {r.unit for r in facts.spec.roles} | {p.unit for r in facts.spec.roles for p in r.placements}
    for i, unit in enumerate(facts.spec.units):
        if unit.lead is None and unit.id in staffed:
            report.at(("units", i), f"unit '{unit.id}' has roles but no lead; add `lead:`")


@rule("unnamed-seats", "suggestion", "in a spec that names people but states no `open:` anywhere, a role with "
      "seats nobody is named for: they are drawn filled (before `open:` existed, they were drawn vacant)")
def unnamed_seats(facts: Facts, report: Report) -> None:
    """Open seats are stated, so a role with unnamed seats says whether they are open."""
    if not any(r.people for r in facts.spec.roles):
        return  # a spec naming nobody is a plan of seats, not a staffing chart
    if any(("roles", i, "open") in facts.tree.keys for i in range(len(facts.spec.roles))) or any(
            ("roles", i, "placements", k, "open") in facts.tree.keys
            for i, r in enumerate(facts.spec.roles) for k in range(len(r.placements))):
        return  # a spec that states open seats somewhere means its unnamed seats
    for i, role in enumerate(facts.spec.roles):
        stated = ("roles", i, "open") in facts.tree.keys
        if role.unnamed and not stated and not role.placeholder and not role.placements:
            report.at(("roles", i), f"'{role.id}' has {role.unnamed} seat{'s' * (role.unnamed != 1)} with no "
                      f"name, drawn as filled; if {'they are' if role.unnamed != 1 else 'it is'} vacant, add "
                      f"`open: {role.unnamed}`, or `open: 0` to say they are filled")
