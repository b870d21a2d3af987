"""Arrangement stability: the org chart keeps its shape when names stand in for a headcount, or the other way."""

from __future__ import annotations

from orgcharts.views.diagram import Card
from orgcharts.spec.models import OrgSpec, Person, ViewOptions
from orgcharts.views.org import charts
from orgcharts.views.orgparts import one_holder

__all__ = ["LEVEL", "swapped", "arrangement", "unstable"]

Relation = tuple[int, int, int]  # piece, and where the card sits from its reference card: -1, 0 or 1 across and down


def swapped(spec: OrgSpec) -> OrgSpec:
    """The spec with every one-seat role's holder swapped: a named one made a headcount, an unnamed one given
    initials (`people: [SO]` for a Sales Officer), as a writer might for a first draft."""
    roles = []
    for role in spec.roles:
        if not one_holder(role):
            roles.append(role)
        elif role.people:
            roles.append(role.model_copy(update={"people": [], "headcount": 1}))
        else:
            initials = "".join(w[0] for w in role.title.split() if w[:1].isalpha()).upper()[:3] or "X"
            roles.append(role.model_copy(update={"people": [Person(name=initials)], "headcount": None}))
    return spec.model_copy(update={"roles": roles})


LEVEL = 24.0  # points: one holder line of a card (13 pt text, padded); centring moves a card at most that much


def _sign(value: float) -> int:
    return 0 if abs(value) < LEVEL else (1 if value > 0 else -1)


def arrangement(spec: OrgSpec, options: ViewOptions) -> dict[str, Relation]:
    """Each role card's piece, and where it sits from its reference: the report before it (in spec order) on
    that piece, or for a manager's first report there, the manager's card.

    Where a card sits is read with a tolerance of LEVEL either way, so in line means in line to a reader: a card
    one line taller moves the centring of a row by a few points, and a row's compaction can shift a manager over
    its reports, but a report moved into another row, column or side of a trunk moves a whole card.
    """
    out: dict[str, Relation] = {}
    reports: dict[str, list[str]] = {}
    for role in spec.roles:
        if role.reports_to:
            reports.setdefault(role.reports_to, []).append(role.id)
    for index, diagram in enumerate(charts(spec, "x", options)):
        at = {c.id.removeprefix("role-"): c.at for c in diagram.cards if isinstance(c, Card) and c.at is not None}
        for boss, kids in reports.items():
            before = at.get(boss)
            for kid in kids:
                point = at.get(kid)
                if point is None:
                    continue
                if before is not None:
                    out[kid] = (index, _sign(point[0] - before[0]), _sign(point[1] - before[1]))
                before = point
    return out


def unstable(spec: OrgSpec, options: ViewOptions) -> list[str]:
    """The roles whose place (piece, or side of their reference card) changes when the spec's holders are swapped."""
    before, after = arrangement(spec, options), arrangement(swapped(spec), options)
    return [r for r in before if after.get(r) != before[r]]
