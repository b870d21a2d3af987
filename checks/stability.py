"""Arrangement stability: the org chart keeps its shape when names stand in for a headcount, or the other way."""

from __future__ import annotations

from orgcharts.views.diagram import Card
from orgcharts.spec.models import OrgSpec, Person, ViewOptions
from orgcharts.views.org import charts

__all__ = ["swapped", "arrangement", "unstable"]

Relation = tuple[int, int, int]  # piece, and where the card sits from its manager's: -1, 0 or 1 across and down


def swapped(spec: OrgSpec) -> OrgSpec:
    """The spec with every one-seat role's holder swapped: a named one made a headcount, an unnamed one given
    initials (`people: [SO]` for a Sales Officer), as a writer might for a first draft."""
    roles = []
    for role in spec.roles:
        if role.placeholder or role.seats != 1 or role.open:
            roles.append(role)
        elif role.people:
            roles.append(role.model_copy(update={"people": [], "headcount": 1}))
        else:
            initials = "".join(w[0] for w in role.title.split() if w[:1].isalpha()).upper()[:3] or "X"
            roles.append(role.model_copy(update={"people": [Person(name=initials)], "headcount": None}))
    return spec.model_copy(update={"roles": roles})


def _sign(value: float) -> int:
    return 0 if abs(value) < 1.0 else (1 if value > 0 else -1)


def arrangement(spec: OrgSpec, options: ViewOptions) -> dict[str, Relation]:
    """Each role card's piece and where it sits from its manager's card (when both are on that piece)."""
    out: dict[str, Relation] = {}
    bosses = {r.id: r.reports_to for r in spec.roles}
    for index, diagram in enumerate(charts(spec, "x", options)):
        at = {c.id.removeprefix("role-"): c.at for c in diagram.cards if isinstance(c, Card) and c.at is not None}
        for role_id, point in at.items():
            boss = at.get(bosses.get(role_id) or "")
            if point is not None and boss is not None:
                out[role_id] = (index, _sign(point[0] - boss[0]), _sign(point[1] - boss[1]))
    return out


def unstable(spec: OrgSpec, options: ViewOptions) -> list[str]:
    """The roles whose place (piece, or side of their manager) changes when the spec's holders are swapped."""
    before, after = arrangement(spec, options), arrangement(swapped(spec), options)
    return [r for r in before if after.get(r) != before[r]]
