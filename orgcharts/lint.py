"""Lint rules: warnings about a valid spec that is unclear — shared duties, gaps, overload."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from .spec import OrgSpec, Role

__all__ = ["lint_spec", "stems", "STOPWORDS"]

Add = Callable[..., None]

# Words that say nothing about which activity a duty belongs to.
STOPWORDS = frozenset("""
a an and the of to for with in on at by from into onto as or nor but so than then that this these those
its it their our your his her each every all any some per via up out over under about after before
is are be been being was were has have had do does did can will would should may might must
who whom which what when where why how not no new own owns owning own's
run runs running lead leads leading make makes set sets keep keeps get gets give gives take takes
work works team teams client clients role roles day weekly every week
""".split())


def _stem(word: str) -> str:
    """A crude stem: the singular, cut to six letters, so `invoicing` meets `invoice`."""
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif re.search(r"(s|x|z|ch|sh)es$", word):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    return word[:6]


def stems(text: str) -> set[str]:
    """The meaningful word stems of a phrase, for matching duties with activities.

    >>> sorted(stems("Runs the weekly status call and sends the recap"))
    ['call', 'recap', 'send', 'status']
    >>> stems("SOWs and estimates") == stems("SOW and estimate")
    True
    >>> stems("Invoicing") == stems("before invoices")
    True
    """
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'s", ""))
    return {_stem(w) for w in words if w not in STOPWORDS and len(w) > 1}


def lint_spec(spec: OrgSpec, role_ids: dict[str, int], add: Add) -> None:
    """Every lint warning, each positioned at what it is about."""
    _tops(spec, add)
    _one_sided(spec, add)
    _duplicated_duties(spec, add)
    _overloaded_people(spec, add)
    _leaderless_units(spec, add)
    if spec.raci and any(r.client_facing or r.internal for r in spec.roles):
        _coverage(spec, add)


def _tops(spec: OrgSpec, add: Add) -> None:
    tops = [i for i, r in enumerate(spec.roles) if r.reports_to is None]
    if len(tops) > 1:
        names = ", ".join(spec.roles[i].id for i in tops)
        for i in tops[1:]:
            add(("roles", i), f"more than one role reports to no one ({names}); add `reports_to:` so the "
                "org has one top", "several-tops", "warning")


def _one_sided(spec: OrgSpec, add: Add) -> None:
    for i, role in enumerate(spec.roles):
        if bool(role.client_facing) != bool(role.internal):
            missing = "internal" if role.client_facing else "client_facing"
            add(("roles", i), f"'{role.id}' lists duties on one side only; add `{missing}:` duties, "
                "or say why it has none", "one-sided-role", "warning")


def _normal(duty: str) -> str:
    return " ".join(duty.lower().split()).rstrip(".")


def _duplicated_duties(spec: OrgSpec, add: Add) -> None:
    seen: dict[tuple[str, str], str] = {}
    for i, role in enumerate(spec.roles):
        for side in ("client_facing", "internal"):
            for j, duty in enumerate(getattr(role, side)):
                key = (side, _normal(duty))
                if key in seen and seen[key] != role.id:
                    add(("roles", i, side, j), f"the same duty is also on '{seen[key]}'; one owner per duty "
                        "(say how the two roles split it)", "duplicate-duty", "warning")
                seen.setdefault(key, role.id)


def _overloaded_people(spec: OrgSpec, add: Add) -> None:
    held: dict[str, list[tuple[int, int, float]]] = defaultdict(list)
    for i, role in enumerate(spec.roles):
        for j, person in enumerate(role.people):
            held[person.name].append((i, j, person.fte))
    for name, places in held.items():
        total = sum(fte for _, _, fte in places)
        if len(places) > 1 and total > 1.0 + 1e-9:
            roles = ", ".join(spec.roles[i].id for i, _, _ in places)
            i, j, _ = places[-1]
            add(("roles", i, "people", j), f"{name} holds {len(places)} roles ({roles}) adding up to "
                f"{total:g} of full time; set `fte:` on each", "over-full-time", "warning")


def _leaderless_units(spec: OrgSpec, add: Add) -> None:
    staffed = {r.unit for r in spec.roles}
    for i, unit in enumerate(spec.units):
        if unit.lead is None and unit.id in staffed:
            add(("units", i), f"unit '{unit.id}' has roles but no lead; add `lead:`", "unit-without-lead",
                "warning")


def _coverage(spec: OrgSpec, add: Add) -> None:
    """Duties and activities that do not meet: matched by shared word stems, within the roles involved."""
    roles = {r.id: r for r in spec.roles}
    act_stems = [stems(a.activity) for a in spec.raci]
    for i, act in enumerate(spec.raci):
        owners = [roles[r] for r in (*act.responsible, *act.accountable) if r in roles]
        duties = [d for role in owners for d in (*role.client_facing, *role.internal)]
        if owners and duties and not any(act_stems[i] & stems(d) for d in duties):
            add(("raci", i, "activity"), f"no duty of its Responsible or Accountable roles mentions "
                f"'{act.activity}'; add one, or rename the activity", "activity-without-duty", "warning")
    for i, role in enumerate(spec.roles):
        involved = set().union(*(act_stems[k] for k, a in enumerate(spec.raci) if _named(a, role)))
        for side in ("client_facing", "internal"):
            for j, duty in enumerate(getattr(role, side)):
                if not stems(duty) & involved:
                    add(("roles", i, side, j), f"no RACI activity of '{role.id}' covers this duty; add one, "
                        "or word the duty like its activity", "duty-without-activity", "warning")


def _named(activity: object, role: Role) -> bool:
    return any(role.id in getattr(activity, letter) for letter in ("responsible", "accountable", "consulted",
                                                                   "informed"))
