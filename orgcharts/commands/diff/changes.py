"""The change model: what differs between two versions of a spec, role by role, computed once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from ...lint.wording import stems
from ...names import RACI_FIELD_OF, RACI_SHOWN, RACI_WORDS
from ...spec.roles import ancestors, filled_seats
from ...spec.models import Activity, OrgSpec, Role, Unit
from .accountchange import AccountChange, account_changes
from .match import match_roles, normal, pair
from .roledetails import Detail, role_details

__all__ = ["SIDES", "LETTER_NAMES", "DutyChange", "RoleChange", "UnitChange", "ActivityChange", "AccountChange",
           "Span", "Changes", "compute", "letters", "unit_path"]

Side = Literal["client_facing", "internal"]
SIDES: tuple[Side, Side] = ("client_facing", "internal")
DutyKind = Literal["same", "added", "removed", "moved-in", "moved-out", "side", "reworded"]
LETTER_NAMES = RACI_WORDS
REWORDED = 0.5  # share of word stems two duties of one role and side must share to count as reworded


@dataclass(frozen=True)
class DutyChange:
    """One duty of a role, and what became of it: kept, new, dropped, moved or reworded."""

    text: str
    side: Side
    kind: DutyKind
    other: str | None = None  # moved: the role key it came from or went to
    was: str | None = None  # reworded: the old text; side: the old side


@dataclass(frozen=True)
class RoleChange:
    """A role in either version (or both), keyed by its new id, or its old id when it was removed."""

    key: str
    old: Role | None
    new: Role | None
    old_unit: tuple[str, ...] = ()  # unit names, innermost first
    new_unit: tuple[str, ...] = ()
    old_manager: str | None = None  # role keys
    new_manager: str | None = None
    duties: tuple[DutyChange, ...] = ()
    raci: tuple[tuple[str, str, str], ...] = ()  # (activity, old letters, new letters), changed only
    details: tuple[Detail, ...] = ()  # seats, FTE, grade, location, dotted lines, other texts

    @property
    def title(self) -> str:
        """The role's title now, or its last title when it was removed."""
        role = self.new or self.old
        assert role is not None
        return role.title

    @property
    def renamed(self) -> bool:
        """The role is in both versions under different titles."""
        return self.old is not None and self.new is not None and self.old.title != self.new.title

    @property
    def moved_unit(self) -> bool:
        """The role sits in another unit, or its unit sits somewhere else."""
        return self.old is not None and self.new is not None and self.old_unit != self.new_unit

    @property
    def new_manager_line(self) -> bool:
        """The role reports to someone else."""
        return self.old is not None and self.new is not None and self.old_manager != self.new_manager

    @property
    def people_gone(self) -> tuple[str, ...]:
        """People who held the role before and do not now."""
        now = {p.name for p in self.new.people} if self.new else set()
        return tuple(p.name for p in (self.old.people if self.old else []) if p.name not in now)

    @property
    def people_joined(self) -> tuple[str, ...]:
        """People who hold the role now and did not before."""
        then = {p.name for p in self.old.people} if self.old else set()
        return tuple(p.name for p in (self.new.people if self.new else []) if p.name not in then)

    @property
    def status(self) -> str:
        """added, removed, moved (unit, manager or duties moved), changed (anything else), or same."""
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        if self.moved_unit or self.new_manager_line or any(d.kind in ("moved-in", "moved-out", "side")
                                                          for d in self.duties):
            return "moved"
        if (self.renamed or self.raci or self.people_gone or self.people_joined or self.details
                or any(d.kind != "same" for d in self.duties)):
            return "changed"
        return "same"


@dataclass(frozen=True)
class UnitChange:
    """A unit in either version, matched by id, then by name."""

    key: str
    old: Unit | None
    new: Unit | None
    old_parent: str | None = None  # unit names
    new_parent: str | None = None
    old_lead: str | None = None  # role keys
    new_lead: str | None = None

    @property
    def name(self) -> str:
        """The unit's name now, or its last name when it was removed."""
        unit = self.new or self.old
        assert unit is not None
        return unit.name

    def differences(self) -> list[tuple[str, str | None, str | None]]:
        """(field, old, new) for each field that changed, for units in both versions."""
        if self.old is None or self.new is None:
            return []
        found = [("parent", self.old_parent, self.new_parent), ("lead", self.old_lead, self.new_lead)]
        found += [(f, getattr(self.old, f), getattr(self.new, f))
                  for f in ("name", "nickname", "owns", "key_responsibility", "faces")]
        return [(f, a, b) for f, a, b in found if a != b]


@dataclass(frozen=True)
class ActivityChange:
    """A RACI activity in either version, matched by its name; letters by role key."""

    name: str
    phase: str | None
    old: dict[str, str] | None  # role key -> letters, e.g. "A/R"
    new: dict[str, str] | None
    old_accountable: str | None = None  # role key
    new_accountable: str | None = None


@dataclass(frozen=True)
class Span:
    """A manager's direct reports before and after: roles and people."""

    key: str
    old_roles: int
    new_roles: int
    old_people: int
    new_people: int


@dataclass(frozen=True)
class Changes:
    """Everything that changed between `old` and `new`, in the new spec's order, removed items last."""

    old: OrgSpec
    new: OrgSpec
    roles: tuple[RoleChange, ...]
    units: tuple[UnitChange, ...]
    activities: tuple[ActivityChange, ...]
    accounts: tuple[AccountChange, ...]
    spans: tuple[Span, ...]
    old_key: dict[str, str] = field(default_factory=dict)  # old role id -> role key

    def role(self, key: str) -> RoleChange:
        """The change of the role with this key."""
        return next(r for r in self.roles if r.key == key)

    def title(self, key: str | None) -> str:
        """A role's title now, or its last title when it was removed."""
        return self.role(key).title if key else "no one"

    def duties(self, *kinds: str) -> Iterator[tuple[RoleChange, DutyChange]]:
        """Every duty of these kinds, with its role, in role order."""
        for change in self.roles:
            for duty in change.duties:
                if duty.kind in kinds:
                    yield change, duty


def letters(activity: Activity, role_id: str) -> str:
    """'A/R', 'C', '' ...: what a role is for an activity, in the order letters are shown (A, R, C, I)."""
    return "/".join(letter for letter in RACI_SHOWN if role_id in getattr(activity, RACI_FIELD_OF[letter]))


def unit_path(unit_id: str | None, units: dict[str, Unit]) -> tuple[str, ...]:
    """The names of a unit and the units it sits in, innermost first."""
    return tuple(units[u].name for u in ancestors(unit_id, units))


def compute(old: OrgSpec, new: OrgSpec) -> Changes:
    """The change model of two specs; roles matched by id, then by title."""
    matched = match_roles(old, new)
    old_key = {r.id: matched.get(r.id, r.id) for r in old.roles}
    duties = _duties(old, new, old_key)
    raci = _raci(old, new, old_key)
    old_units, new_units = {u.id: u for u in old.units}, {u.id: u for u in new.units}
    by_new_id = {matched[k]: k for k in matched}
    olds = {r.id: r for r in old.roles}
    titles = {old_key[r.id]: r.title for r in old.roles} | {r.id: r.title for r in new.roles}
    roles: list[RoleChange] = []
    for role in new.roles:
        before = olds.get(by_new_id.get(role.id, ""))
        roles.append(RoleChange(
            key=role.id, old=before, new=role,
            old_unit=unit_path(before.unit, old_units) if before else (),
            new_unit=unit_path(role.unit, new_units),
            old_manager=old_key.get(before.reports_to or "") if before else None,
            new_manager=role.reports_to,
            duties=tuple(duties.get(role.id, ())), raci=tuple(raci.get(role.id, ())),
            details=role_details(before, role, old_key, titles) if before else (),
        ))
    for role in old.roles:
        if role.id not in matched:
            roles.append(RoleChange(key=role.id, old=role, new=None, old_unit=unit_path(role.unit, old_units),
                                    old_manager=old_key.get(role.reports_to or ""),
                                    duties=tuple(duties.get(role.id, ())), raci=tuple(raci.get(role.id, ()))))
    return Changes(old, new, tuple(roles), _units(old, new, old_key), _activities(old, new, old_key),
                   account_changes(old, new, old_key), _spans(old, new, old_key), old_key)


def _duties(old: OrgSpec, new: OrgSpec, old_key: dict[str, str]) -> dict[str, list[DutyChange]]:
    """Each role key's duties: a duty text found in both versions is kept, moved or moved to the other side."""
    before: dict[str, list[tuple[str, Side, str]]] = {}  # normal text -> [(role key, side, text)]
    for role in old.roles:
        for side in SIDES:
            for text in getattr(role, side):
                before.setdefault(normal(text), []).append((old_key[role.id], side, text))
    found: dict[str, list[DutyChange]] = {}
    for role in new.roles:
        for side in SIDES:
            for text in getattr(role, side):
                olds = before.get(normal(text), [])
                # Prefer the same role and side, then the same role, then any role.
                ranked = sorted(olds, key=lambda o: (o[0] != role.id, o[1] != side))
                if not ranked:
                    found.setdefault(role.id, []).append(DutyChange(text, side, "added"))
                    continue
                key, old_side, _ = ranked[0]
                olds.remove(ranked[0])
                if key == role.id:
                    moved_side = old_side != side
                    found.setdefault(role.id, []).append(
                        DutyChange(text, side, "side", was=old_side) if moved_side else DutyChange(text, side, "same"))
                else:
                    found.setdefault(role.id, []).append(DutyChange(text, side, "moved-in", other=key))
                    found.setdefault(key, []).append(DutyChange(text, old_side, "moved-out", other=role.id))
    for texts in before.values():
        for key, side, text in texts:
            found.setdefault(key, []).append(DutyChange(text, side, "removed"))
    return {key: _reworded(items) for key, items in found.items()}


def _reworded(items: list[DutyChange]) -> list[DutyChange]:
    """A dropped and a new duty of one role and side that share most word stems: one duty reworded."""
    out = list(items)
    merged: set[int] = set()
    for i, gone in enumerate(items):
        if gone.kind != "removed":
            continue
        best, score = None, REWORDED
        for j, came in enumerate(out):
            if came.kind == "added" and came.side == gone.side:
                a, b = stems(gone.text), stems(came.text)
                share = len(a & b) / max(1, len(a | b))
                if share >= score:
                    best, score = j, share
        if best is not None:
            out[best] = DutyChange(out[best].text, gone.side, "reworded", was=gone.text)
            merged.add(i)
    return [d for i, d in enumerate(out) if i not in merged]


def _raci(old: OrgSpec, new: OrgSpec, old_key: dict[str, str]) -> dict[str, list[tuple[str, str, str]]]:
    """Role key -> (activity, old letters, new letters) where a role's part in an activity changed."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for change in _activities(old, new, old_key):
        before, after = change.old or {}, change.new or {}
        for key in list(dict.fromkeys([*after, *before])):
            if before.get(key, "") != after.get(key, ""):
                found.setdefault(key, []).append((change.name, before.get(key, ""), after.get(key, "")))
    return found


def _letters_by_key(activity: Activity, ids: list[str], key: dict[str, str]) -> dict[str, str]:
    marks = {key.get(i, i): letters(activity, i) for i in ids}
    return {k: v for k, v in marks.items() if v}


def _activities(old: OrgSpec, new: OrgSpec, old_key: dict[str, str]) -> tuple[ActivityChange, ...]:
    pairs = pair(old.raci, new.raci, lambda a: normal(a.activity))
    back = {j: i for i, j in pairs.items()}
    old_ids, new_ids = [r.id for r in old.roles], [r.id for r in new.roles]
    same = {r: r for r in new_ids}

    def accountable(activity: Activity | None, key: dict[str, str]) -> str | None:
        return key.get(activity.accountable[0], activity.accountable[0]) if activity and activity.accountable \
            else None

    out: list[ActivityChange] = []
    for j, act in enumerate(new.raci):
        before = old.raci[back[j]] if j in back else None
        out.append(ActivityChange(
            act.activity, act.phase, _letters_by_key(before, old_ids, old_key) if before else None,
            _letters_by_key(act, new_ids, same), accountable(before, old_key), accountable(act, same)))
    for i, act in enumerate(old.raci):
        if i not in pairs:
            out.append(ActivityChange(act.activity, act.phase, _letters_by_key(act, old_ids, old_key), None,
                                      accountable(act, old_key), None))
    return tuple(out)


def _units(old: OrgSpec, new: OrgSpec, old_key: dict[str, str]) -> tuple[UnitChange, ...]:
    pairs = pair(old.units, new.units, lambda u: u.id, lambda u: normal(u.name))
    back = {j: i for i, j in pairs.items()}
    olds, news = {u.id: u for u in old.units}, {u.id: u for u in new.units}

    def parent(unit: Unit, units: dict[str, Unit]) -> str | None:
        return units[unit.parent].name if unit.parent in units else None

    out: list[UnitChange] = []
    for j, unit in enumerate(new.units):
        before = old.units[back[j]] if j in back else None
        out.append(UnitChange(unit.id, before, unit, parent(before, olds) if before else None,
                              parent(unit, news), old_key.get(before.lead or "") if before else None, unit.lead))
    for i, unit in enumerate(old.units):
        if i not in pairs:
            out.append(UnitChange(unit.id, unit, None, parent(unit, olds), None, old_key.get(unit.lead or "")))
    return tuple(out)


def _spans(old: OrgSpec, new: OrgSpec, old_key: dict[str, str]) -> tuple[Span, ...]:
    def count(spec: OrgSpec, key: dict[str, str]) -> dict[str, tuple[int, int]]:
        found: dict[str, tuple[int, int]] = {}
        for role in spec.roles:
            if role.reports_to:
                boss = key.get(role.reports_to, role.reports_to)
                roles, people = found.get(boss, (0, 0))
                found[boss] = (roles + 1, people + filled_seats(role))
        return found

    before, after = count(old, old_key), count(new, {r.id: r.id for r in new.roles})
    order = [r.id for r in new.roles] + [old_key[r.id] for r in old.roles if old_key[r.id] not in after]
    keys = [k for k in dict.fromkeys(order) if k in before or k in after]
    return tuple(Span(k, *before.get(k, (0, 0))[:1], *after.get(k, (0, 0))[:1],
                      before.get(k, (0, 0))[1], after.get(k, (0, 0))[1]) for k in keys)
