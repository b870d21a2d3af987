"""The changelog: what changed for each role, in plain language, as text or Markdown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..docs.markdown import md
from .changes import LETTER_NAMES, Changes, DutyChange, RoleChange, UnitChange
from .review import Review, review
from .roledetails import DETAIL_COUNTS

__all__ = ["Section", "sections", "as_text", "as_markdown", "letters_phrase", "CHANGELOG_FORMATS"]

CHANGELOG_FORMATS = ("text", "md")


@dataclass(frozen=True)
class Section:
    """A titled part of the changelog: groups, each a heading and its plain-language lines."""

    title: str
    groups: tuple[tuple[str, tuple[str, ...]], ...]
    note: str = ""


def letters_phrase(marks: str) -> str:
    """'A/R' -> 'Accountable and Responsible'.

    >>> letters_phrase("A/R")
    'Accountable and Responsible'
    """
    return " and ".join(LETTER_NAMES[m] for m in marks.split("/") if m)


def _q(text: str) -> str:
    return f"“{text}”"


_PLURAL = {"duty": "duties", "new duty": "new duties", "person": "people"}


def _count(n: int, word: str) -> str:
    return f"{n} {word if n == 1 else _PLURAL.get(word, word + 's')}"


def _side(changes: Changes, side: str) -> str:
    sides = changes.new.sides
    return f"with the {sides.client.name if side == 'client_facing' else sides.team.name}"


def _by_other(duties: list[DutyChange]) -> dict[str, list[DutyChange]]:
    found: dict[str, list[DutyChange]] = {}
    for duty in duties:
        found.setdefault(duty.other or "", []).append(duty)
    return found


def _where(change: RoleChange) -> list[str]:
    lines: list[str] = []
    if change.moved_unit:
        old, new = change.old_unit, change.new_unit
        if old[:1] == new[:1] and old[:1]:
            lines.append(f"moved with {old[0]} from {old[1] if len(old) > 1 else 'the top'} into "
                         f"{new[1] if len(new) > 1 else 'the top'}")
        else:
            lines.append(f"moved from {old[0] if old else 'no unit'} to {new[0] if new else 'no unit'}")
    return lines


def _manager(changes: Changes, change: RoleChange) -> list[str]:
    if not change.new_manager_line:
        return []
    was = f"the {changes.title(change.old_manager)}" if change.old_manager else "no one"
    now = f"the {changes.title(change.new_manager)}" if change.new_manager else "no one"
    return [f"now reports to {now} (was {was})"]


def _duty_lines(changes: Changes, change: RoleChange) -> list[str]:
    lines: list[str] = []
    moved_in = [d for d in change.duties if d.kind == "moved-in"]
    for other, duties in _by_other(moved_in).items():
        lines.append(f"{_count(len(duties), 'duty')} moved here from {changes.title(other)}: "
                     + "; ".join(_q(d.text) for d in duties))
    moved_out = [d for d in change.duties if d.kind == "moved-out"]
    for other, duties in _by_other(moved_out).items():
        lines.append(f"{_count(len(duties), 'duty')} moved to {changes.title(other)}: "
                     + "; ".join(_q(d.text) for d in duties))
    for duty in change.duties:
        if duty.kind == "side":
            lines.append(f"{_q(duty.text)} is now a duty {_side(changes, duty.side)} "
                         f"(was {_side(changes, duty.was or '')})")
        elif duty.kind == "reworded":
            lines.append(f"reworded: {_q(duty.was or '')} is now {_q(duty.text)}")
    added = [d for d in change.duties if d.kind == "added"]
    if added and change.old is not None:
        lines.append(f"{_count(len(added), 'new duty')}: " + "; ".join(
            f"{_q(d.text)} ({_side(changes, d.side)})" for d in added))
    elif added:
        lines.append("duties: " + "; ".join(f"{_q(d.text)} ({_side(changes, d.side)})" for d in added))
    dropped = [d for d in change.duties if d.kind == "removed"]
    if dropped:
        lines.append(f"{_count(len(dropped), 'duty')} dropped, no one has it now: "
                     + "; ".join(_q(d.text) for d in dropped))
    return lines


def _raci_lines(changes: Changes, change: RoleChange) -> list[str]:
    gone = {a.name for a in changes.activities if a.new is None}
    grouped: dict[tuple[str, str], list[str]] = {}
    for activity, old, new in change.raci:
        grouped.setdefault((old, new), []).append(activity + (" (activity dropped)" if activity in gone else ""))
    lines = []
    for (old, new), names in grouped.items():
        what = ", ".join(names)
        if not old:
            lines.append(f"now {letters_phrase(new)} for {what}")
        elif not new:
            lines.append(f"no longer {letters_phrase(old)} for {what}")
        else:
            lines.append(f"now {letters_phrase(new)} for {what} (was {letters_phrase(old)})")
    return lines


def _people(change: RoleChange) -> list[str]:
    parts = []
    if change.people_gone:
        parts.append(", ".join(change.people_gone) + (" left" if change.new else ""))
    if change.people_joined and change.old is not None:
        parts.append(", ".join(change.people_joined) + " joined")
    return ["people: " + "; ".join(parts)] if parts else []


def _role_lines(changes: Changes, change: RoleChange) -> list[str]:
    if change.old is None:
        assert change.new is not None
        where = f" in {change.new_unit[0]}" if change.new_unit else ""
        boss = f"; reports to the {changes.title(change.new_manager)}" if change.new_manager else ""
        who = ", ".join(p.name for p in change.new.people) or "vacant"
        return [f"new role{where}{boss} ({who})", *_duty_lines(changes, change), *_raci_lines(changes, change)]
    if change.new is None:
        where = f" in {change.old_unit[0]}" if change.old_unit else ""
        boss = f", reporting to the {changes.title(change.old_manager)}" if change.old_manager else ""
        who = ", ".join(p.name for p in change.old.people)
        return [f"role removed (was{where}{boss}{'; held by ' + who if who else ''})",
                *_duty_lines(changes, change), *_raci_lines(changes, change)]
    lines = [f"renamed from {change.old.title}"] if change.renamed else []
    return [*lines, *_where(change), *_manager(changes, change), *_duty_lines(changes, change),
            *_raci_lines(changes, change), *_people(change), *(d.text for d in change.details)]


def _unit_lines(changes: Changes, unit: UnitChange) -> list[str]:
    if unit.old is None:
        return ["new unit" + (f" in {unit.new_parent}" if unit.new_parent else "")]
    if unit.new is None:
        return ["unit removed" + (f" (was in {unit.old_parent})" if unit.old_parent else "")]
    lines = []
    for field, old, new in unit.differences():
        if field == "parent":
            lines.append(f"moved from {old or 'the top'} into {new or 'the top'}")
        elif field == "lead":
            was = f"the {changes.title(old)}" if old else "no one"
            lines.append(f"now led by the {changes.title(new)} (was {was})")
        else:
            label = field.replace("_", " ")
            lines.append(f"{label} now {_q(new) if new else 'none'}" + (f" (was {_q(old)})" if old else ""))
    return lines


# What each count of roles in both versions counts, in the order the summary gives them.
_ROLE_COUNTS: tuple[tuple[str, Callable[[RoleChange], bool]], ...] = (
    ("renamed", lambda r: r.renamed),
    ("in another unit", lambda r: r.moved_unit),
    ("with a new manager", lambda r: r.new_manager_line),
    ("with duties moved, added, dropped or reworded", lambda r: any(d.kind != "same" for d in r.duties)),
    ("with RACI letters changed", lambda r: bool(r.raci)),
    ("with people joining or leaving", lambda r: bool(r.people_gone or r.people_joined)),
    *((f"with {what}", lambda r, k=kind: any(d.kind == k for d in r.details)) for kind, what in DETAIL_COUNTS.items()),
)
_DUTY_COUNTS = (("moved-in", "moved to another role"), ("side", "moved to the other side"), ("reworded", "reworded"),
                ("added", "new"), ("removed", "dropped"))


def _summary(changes: Changes) -> str:
    """Counts, each saying what it counts; a count of nothing is left out."""
    kept = [r for r in changes.roles if r.old is not None and r.new is not None]
    counts = [(sum(1 for r in changes.roles if r.old is None), "added"),
              (sum(1 for r in changes.roles if r.new is None), "removed")]
    counts += [(sum(1 for r in kept if test(r)), what) for what, test in _ROLE_COUNTS]
    counts.append((sum(1 for r in kept if r.status == "same"), "unchanged"))
    roles = ", ".join(f"{n} {what}" for n, what in counts if n)
    duties = ", ".join(f"{n} {what}" for n, what in ((sum(1 for _ in changes.duties(k)), w) for k, w in _DUTY_COUNTS)
                       if n)
    text = f"Roles (one may count under several headings): {roles}."
    return text + (f" Duties: {duties}." if duties else "")


def _review_section(changes: Changes, found: Review) -> Section:
    accountable = []
    for name, old, new in found.accountable:
        if new is None:
            accountable.append(f"{name}: activity dropped; the {changes.title(old)} answered for it")
        else:
            gone = " (role removed)" if old and changes.role(old).new is None else ""
            accountable.append(f"{name}: {changes.title(old)}{gone} → {changes.title(new)}")
    orphaned = [f"{_q(d.text)} — the {r.title} had it, {_side(changes, d.side)}" for r, d in found.orphaned]
    leads = [f"{client}: {old} → {new}" if new else f"{client}: account gone (was led by {old})"
             for client, old, new in found.leads]
    spans = [f"{changes.title(span.key)}: {_count(span.old_roles, 'direct report')} "
             f"({_count(span.old_people, 'person')}) → {span.new_roles} ({_count(span.new_people, 'person')})"
             + (" — role removed" if changes.role(span.key).new is None else "")
             for span in found.spans if (span.old_roles, span.old_people) != (span.new_roles, span.new_people)]
    none = ("none",)
    return Section("Accountability review", (
        ("Activities whose Accountable changed or was lost", tuple(accountable) or none),
        ("Duties nobody owns after the change", tuple(orphaned) or none),
        ("Accounts whose lead changed or was lost", tuple(leads) or none),
        ("Managers whose span of control (direct reports) changed, before → after", tuple(spans) or none),
    ))


def sections(changes: Changes) -> list[Section]:
    """The changelog's parts: roles that changed, units that changed, then the accountability review."""
    roles = tuple((f"{r.title} (was {r.old.title})" if r.renamed and r.old else r.title, tuple(_role_lines(changes, r)))
                  for r in changes.roles if r.status != "same")
    units = tuple((u.name, tuple(_unit_lines(changes, u))) for u in changes.units)
    units = tuple((name, lines) for name, lines in units if lines)
    out = [Section("Roles", roles or (("No role changed", ()),), note=_summary(changes))]
    if units:
        out.append(Section("Units", units))
    out.append(_review_section(changes, review(changes)))
    return out


def _heading(changes: Changes, old_name: str, new_name: str) -> str:
    return f"{changes.new.org}: what changed from {old_name} to {new_name}"


def as_text(changes: Changes, old_name: str, new_name: str) -> str:
    """The changelog as plain text: headings, then indented lines."""
    title = _heading(changes, old_name, new_name)
    out = [title, "=" * len(title)]
    for section in sections(changes):
        out += ["", section.title, "-" * len(section.title)]
        if section.note:
            out.append(section.note)
        for heading, lines in section.groups:
            out.append(heading)
            out += [f"  - {line}" for line in lines]
    return "\n".join(out) + "\n"


def as_markdown(changes: Changes, old_name: str, new_name: str) -> str:
    """The changelog as Markdown: a section per part, a heading per role."""
    out = [f"# {md(_heading(changes, old_name, new_name))}"]
    for section in sections(changes):
        out += ["", f"## {md(section.title)}"]
        if section.note:
            out += ["", md(section.note)]
        for heading, lines in section.groups:
            out += ["", f"### {md(heading)}", ""]
            out += [f"- {md(line)}" for line in lines]
    return "\n".join(out) + "\n"
