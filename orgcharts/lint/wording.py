"""Suggestions from word stems: duties and RACI activities that do not seem to meet."""

from __future__ import annotations

import re

from ..names import RACI_FIELDS
from ..spec.models import Activity, Role
from .registry import Facts, Report, rule

__all__ = ["stems", "STOPWORDS"]

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
    """A crude stem: the singular without -ing/-ed, cut to six letters, so `planning` meets `plan`."""
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
                word = word[:-1]  # planning -> plan, but not calling -> cal
            break
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
    >>> stems("planning testing") == stems("plan tests")
    True
    """
    words = re.findall(r"[a-z0-9]+", text.lower().replace("'s", ""))
    return {_stem(w) for w in words if w not in STOPWORDS and len(w) > 1}


def _applies(facts: Facts) -> bool:
    return bool(facts.spec.raci) and any(r.client_facing or r.internal for r in facts.spec.roles)


@rule("activity-without-duty", "suggestion", "an activity that no duty of its R or A roles mentions (matched "
      "by shared word stems, so a hint, not a fault)")
def activity_without_duty(facts: Facts, report: Report) -> None:
    """An activity its doers never mention may be missing from their duties."""
    if not _applies(facts):
        return
    for i, act in enumerate(facts.spec.raci):
        owners = [facts.roles[r] for r in (*act.responsible, *act.accountable) if r in facts.roles]
        duties = [d for role in owners for d in (*role.client_facing, *role.internal)]
        if owners and duties and not any(stems(act.activity) & stems(d) for d in duties):
            report.at(("raci", i, "activity"), f"no duty of its Responsible or Accountable roles mentions "
                      f"'{act.activity}'; if one of them does it, a duty could say so")


@rule("duty-without-activity", "suggestion", "a role in the RACI none of whose duties shares a word with any of "
      "its activities (a RACI need not name every duty, so only a role whose duties and rows never meet)")
def duty_without_activity(facts: Facts, report: Report) -> None:
    """A role whose duties and RACI rows never meet may be described in two different ways."""
    if not _applies(facts):
        return
    act_stems = [stems(a.activity) for a in facts.spec.raci]
    for i, role in enumerate(facts.spec.roles):
        rows = [k for k, a in enumerate(facts.spec.raci) if _named(a, role)]
        duties = [*role.client_facing, *role.internal]
        involved: set[str] = set().union(*(act_stems[k] for k in rows))
        if rows and duties and not any(stems(d) & involved for d in duties):
            report.at(("roles", i), f"none of '{role.id}''s duties mentions any of its {len(rows)} RACI "
                      "activities; check that the duties and the RACI describe the same role")


def _named(activity: Activity, role: Role) -> bool:
    return any(role.id in getattr(activity, letter) for letter in RACI_FIELDS)
