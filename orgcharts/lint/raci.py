"""RACI rules, from the checks the usual RACI guides give: per activity, per role, and across views."""

from __future__ import annotations

from collections import Counter

from ..errors import listed
from ..names import RACI_FIELDS
from ..spec.models import Activity
from .registry import Facts, Report, rule

__all__ = ["LETTERS", "MANY_RESPONSIBLE", "MANY_CONSULTED", "SHARE"]

LETTERS = RACI_FIELDS
MANY_RESPONSIBLE = 4  # more doers than this and nobody knows who does what
MANY_CONSULTED = 5  # more voices than this and every decision waits
SHARE = 0.5  # a role holding a letter in more than this share of the rows is overloaded (from 6 rows up)
MIN_ROWS = 6


@rule("raci-accountable", "error", "an activity without exactly one Accountable")
def raci_accountable(facts: Facts, report: Report) -> None:
    """One Accountable per activity: the A answers for the result."""
    for i, act in enumerate(facts.spec.raci):
        if not act.accountable:
            report.at(("raci", i, "accountable"), "no accountable role; name exactly one")
        elif len(act.accountable) > 1:
            report.at(("raci", i, "accountable"), f"{len(act.accountable)} accountable roles "
                      f"({listed(act.accountable)}); exactly one is allowed")


@rule("raci-responsible", "error", "an activity without a Responsible")
def raci_responsible(facts: Facts, report: Report) -> None:
    """Somebody does every activity."""
    for i, act in enumerate(facts.spec.raci):
        if not act.responsible:
            report.at(("raci", i, "responsible"), "no responsible role; name at least one")


@rule("raci-chain", "warning", "the Accountable reports (directly or not) to one of the activity's Responsible "
      "roles: the one answering for the work sits below someone doing it. A peer, or someone in another "
      "line, is fine: that is how matrixed teams work")
def raci_chain(facts: Facts, report: Report) -> None:
    """The Accountable does not sit below a Responsible in the reporting lines."""
    for i, act in enumerate(facts.spec.raci):
        if len(act.accountable) != 1 or act.accountable[0] not in facts.roles:
            continue
        owner = act.accountable[0]
        above = facts.managers(owner)
        doer = next((r for r in act.responsible if r in above and r != owner), None)
        if doer is not None:
            report.at(("raci", i, "accountable"), f"'{owner}' is Accountable but reports to '{doer}', who is "
                      f"Responsible: the one answering for '{act.activity}' sits below someone doing it; make "
                      f"'{doer}' Accountable, or waive this with the reason")


def _letters(facts: Facts) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {letter: Counter() for letter in LETTERS}
    for act in facts.spec.raci:
        for letter in LETTERS:
            counts[letter].update(set(getattr(act, letter)))
    return counts


@rule("raci-idle", "suggestion", "a role named in the RACI, or listing duties, that is never Responsible or "
      "Accountable (a RACI of a few activities need not give every role an R or A)")
def raci_idle(facts: Facts, report: Report) -> None:
    """Every role that works somewhere does (R) or answers for (A) something."""
    if not facts.spec.raci:
        return
    counts = _letters(facts)
    for i, role in enumerate(facts.spec.roles):
        if role.placeholder or counts["responsible"][role.id] or counts["accountable"][role.id]:
            continue
        if role.client_facing or role.internal or counts["consulted"][role.id] or counts["informed"][role.id]:
            report.at(("roles", i), f"'{role.id}' is never Responsible or Accountable in the RACI; if it does "
                      "or answers for one of its activities, mark it R or A there")


def _overloaded(facts: Facts, report: Report, letter: str, advice: str) -> None:
    rows = len(facts.spec.raci)
    if rows < MIN_ROWS:
        return
    counts = _letters(facts)[letter]
    for i, role in enumerate(facts.spec.roles):
        held = counts[role.id]
        if held > rows * SHARE and facts.role_index.get(role.id) == i:
            report.at(("roles", i), f"'{role.id}' is {letter.capitalize()} for {held} of {rows} activities; "
                      f"{advice}")


@rule("raci-many-responsible", "suggestion", "a role Responsible for more than half of the activities "
      "(from 6 activities)")
def raci_many_responsible(facts: Facts, report: Report) -> None:
    """One role doing most of the work is a bottleneck."""
    _overloaded(facts, report, "responsible", "share the work, or check that each R is really theirs")


@rule("raci-many-accountable", "suggestion", "a role Accountable for more than half of the activities "
      "(from 6 activities)")
def raci_many_accountable(facts: Facts, report: Report) -> None:
    """One role answering for most things is a bottleneck."""
    _overloaded(facts, report, "accountable", "delegate some of them to the roles that do the work")


@rule("raci-crowded", "suggestion", f"an activity with more than {MANY_RESPONSIBLE} Responsible roles")
def raci_crowded(facts: Facts, report: Report) -> None:
    """Too many doers blur who does what."""
    for i, act in enumerate(facts.spec.raci):
        if len(set(act.responsible)) > MANY_RESPONSIBLE:
            report.at(("raci", i, "responsible"), f"{len(set(act.responsible))} roles are Responsible for "
                      f"'{act.activity}'; split it into activities with one or two doers each", key=True)


@rule("raci-many-consulted", "suggestion", f"an activity with more than {MANY_CONSULTED} Consulted roles")
def raci_many_consulted(facts: Facts, report: Report) -> None:
    """Every C is a conversation before the work can finish."""
    for i, act in enumerate(facts.spec.raci):
        if len(set(act.consulted)) > MANY_CONSULTED:
            report.at(("raci", i, "consulted"), f"{len(set(act.consulted))} roles are Consulted on "
                      f"'{act.activity}'; keep those whose view changes the result, and Inform the rest",
                      key=True)


@rule("raci-silent", "suggestion", "an activity with nobody Consulted or Informed")
def raci_silent(facts: Facts, report: Report) -> None:
    """Somebody besides the doers usually needs to know."""
    for i, act in enumerate(facts.spec.raci):
        if not act.consulted and not act.informed and _others(facts, act):
            report.at(("raci", i, "activity"), f"nobody is Consulted or Informed on '{act.activity}'; add who "
                      "needs a say before it, or news after it")


def _others(facts: Facts, act: Activity) -> bool:
    """Whether the spec has roles besides the activity's R and A (else there is nobody to tell)."""
    return len(facts.roles) > len(set(act.responsible) | set(act.accountable))


@rule("raci-vacant-accountable", "warning", "an activity whose only Accountable is a role with every seat open")
def raci_vacant_accountable(facts: Facts, report: Report) -> None:
    """Somebody real answers for every activity."""
    for i, act in enumerate(facts.spec.raci):
        if len(act.accountable) != 1 or act.accountable[0] not in facts.roles:
            continue
        role = facts.roles[act.accountable[0]]
        if role.open and role.open >= role.seats:
            report.at(("raci", i, "accountable"), f"'{role.id}' is Accountable but every seat is open; name an "
                      "acting Accountable until the seat is filled")
