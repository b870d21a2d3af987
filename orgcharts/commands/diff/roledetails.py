"""What changed about a role besides its place, title, duties and RACI: seats, FTE, grade, dotted lines, texts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ...spec.roles import filled_seats
from ...spec.models import Role

__all__ = ["DetailKind", "DETAIL_COUNTS", "Detail", "filled_fte", "number", "role_details"]

DetailKind = Literal["seats", "fte", "grade", "location", "dotted", "text"]
# What the changelog's summary says each kind counts: "N roles with ...".
DETAIL_COUNTS: dict[DetailKind, str] = {
    "seats": "open seats or headcount changed", "fte": "FTE changed", "grade": "a new grade",
    "location": "a new location", "dotted": "dotted lines changed", "text": "other role text changed",
}
# Role texts that a change shows as the new text, with the old one.
_TEXTS = (("nickname", "nickname"), ("owns", "owns"), ("key_responsibility", "key responsibility"),
          ("purpose", "purpose"), ("hours", "hours"), ("faces", "faces"))
_LISTS = (("requirements", "requirements"), ("key_relationships", "key relationships"))


@dataclass(frozen=True)
class Detail:
    """One fact about a role that changed, in plain language."""

    kind: DetailKind
    text: str
    note: str = ""  # the short form a change chart writes on the card; empty: the text

    @property
    def short(self) -> str:
        """The detail as a card note."""
        return self.note or self.text


def number(value: float) -> str:
    """A seat or FTE count as people write it.

    >>> number(3.0), number(2.5), number(0.3333)
    ('3', '2.5', '0.33')
    """
    return f"{round(value, 2):g}"


def filled_fte(role: Role) -> float:
    """The FTE of the role's filled seats: named people at their own share, unnamed seats at the role's."""
    return sum(p.fte for p in role.people) + role.unnamed * (role.fte or 1.0)


def _seats(old: Role, new: Role) -> list[Detail]:
    out: list[Detail] = []
    if old.vacancies != new.vacancies:
        n = new.vacancies - old.vacancies
        if n > 0:
            what = f"{n} seat{'s' * (n != 1)} opened"
        else:
            filled = min(-n, max(0, filled_seats(new) - filled_seats(old)))
            closed = -n - filled
            seats = f"{-n} open seat{'s' * (n != -1)}"
            what = (f"{seats} filled" if not closed else f"{seats} closed" if not filled
                    else f"{seats}: {filled} filled, {closed} closed")
        out.append(Detail("seats", f"{what} (open seats {old.vacancies} → {new.vacancies})",
                          f"open seats {old.vacancies} → {new.vacancies}"))
    implied = (len(new.people) - len(old.people)) + (new.vacancies - old.vacancies)
    if old.seats != new.seats and new.seats - old.seats != implied:
        out.append(Detail("seats", f"headcount {old.seats} → {new.seats}"))
    return out


def _fte(old: Role, new: Role) -> list[Detail]:
    """The share of a week of a seat changed: a person who stayed, or the role's unnamed and open seats."""
    parts: list[str] = []
    before = {p.name: p.fte for p in old.people}
    parts += [f"{p.name} {number(before[p.name])} → {number(p.fte)}" for p in new.people
              if p.name in before and before[p.name] != p.fte]
    if (old.fte or 1.0) != (new.fte or 1.0):
        parts.append(f"each unnamed or open seat {number(old.fte or 1.0)} → {number(new.fte or 1.0)}")
    if not parts:
        return []
    total = f" (filled FTE {number(filled_fte(old))} → {number(filled_fte(new))})"
    return [Detail("fte", "FTE: " + "; ".join(parts) + total,
                   f"FTE {number(filled_fte(old))} → {number(filled_fte(new))}")]


def _dotted(old: Role, new: Role, old_key: dict[str, str], titles: dict[str, str]) -> list[Detail]:
    then = [old_key.get(d, d) for d in old.dotted_to]
    added = [titles.get(d, d) for d in new.dotted_to if d not in then]
    gone = [titles.get(d, d) for d in then if d not in new.dotted_to]
    out = [Detail("dotted", f"new dotted line to the {t}") for t in added]
    return out + [Detail("dotted", f"no dotted line to the {t} any more") for t in gone]


def role_details(old: Role, new: Role, old_key: dict[str, str], titles: dict[str, str]) -> tuple[Detail, ...]:
    """Every change to a role in both versions that its unit, manager, title, people, duties and RACI do not say.

    `old_key` maps old role ids to role keys; `titles` maps role keys to titles.
    """
    found = _seats(old, new) + _fte(old, new)
    for field, kind in (("grade", "grade"), ("location", "location")):
        a, b = getattr(old, field), getattr(new, field)
        if a != b:
            found.append(Detail(kind, f"{field} {a or 'none'} → {b or 'none'}"))  # type: ignore[arg-type]
    found += _dotted(old, new, old_key, titles)
    for field, label in _TEXTS:
        a, b = getattr(old, field), getattr(new, field)
        if a != b:
            found.append(Detail("text", f"{label} now “{b}”" + (f" (was “{a}”)" if a else "") if b
                                else f"no {label} any more (was “{a}”)"))
    for field, label in _LISTS:
        a, b = getattr(old, field), getattr(new, field)
        if a != b:
            found.append(Detail("text", f"{label} now: " + ("; ".join(b) or "none")))
    flags = (("assistant", "an assistant role", "no longer an assistant role"),
             ("placeholder", "a placeholder", "no longer a placeholder"))
    for field, on, off in flags:
        if getattr(old, field) != getattr(new, field):
            found.append(Detail("text", f"now {on}" if getattr(new, field) else off))
    if old.shared != new.shared:
        found.append(Detail("text", f"shared: {old.shared or 'no'} → {new.shared or 'no'}"))
    return tuple(found)
