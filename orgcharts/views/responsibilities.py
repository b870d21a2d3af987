"""The flagship view: the client | each role's two sides | the team, left to right."""

from __future__ import annotations

from dataclasses import dataclass

from ..diagram import Card, Column, Diagram, Edge, Group, Line, Tone
from ..spec import OrgSpec, Role, Unit, ViewOptions
from .common import ancestors, client_share, in_scope, people_line

__all__ = ["build", "charts"]

NO_DUTY = "—"


@dataclass(frozen=True)
class _Lane:
    """One column of the middle: a unit's roles (framed) or a lone role."""

    unit: Unit | None
    roles: tuple[Role, ...]
    first_index: int

    @property
    def client_share(self) -> float:
        shares = [s for s in map(client_share, self.roles) if s is not None]
        return sum(shares) / len(shares) if shares else 0.0


def build(spec: OrgSpec, stem: str, options: ViewOptions) -> Diagram | None:
    """The responsibilities diagram, or None when no role in scope lists a duty."""
    order = {r.id: i for i, r in enumerate(spec.roles)}
    with_duties = [r for r in in_scope(spec, options) if r.client_facing or r.internal]
    if not with_duties:
        return None
    units = {u.id: u for u in spec.units}
    container = _common_unit(with_duties, units)
    header = _lead_of(container, with_duties)
    lanes = _lanes([r for r in with_duties if r is not header], units, order)
    # The roles that face the client most sit nearest the client; spec order breaks ties.
    lanes.sort(key=lambda lane: (-lane.client_share, lane.first_index))

    client, team = spec.sides.client, spec.sides.team
    cards = [_side_card("side-client", client.name, client.description, (), "client")]
    team_units = tuple(units[u].name for u in team.units if u in units)
    cards.append(_side_card("side-team", team.name, team.description, team_units, "team"))
    cards += [_role_card(r, spec, units) for lane in lanes for r in lane.roles]

    lane_groups = [_lane_group(lane) for lane in lanes]
    groups: list[Group] = [g for g in lane_groups if g is not None]
    if container is not None:
        groups = [Group(
            id=f"unit-{container.id}", title=container.name, tone="lead",
            lines=_unit_lines(container),
            header=_role_card(header, spec, units, tone="lead") if header else None,
            groups=tuple(groups),
        )]

    return Diagram(
        id=f"{stem}-responsibilities",
        title=options.title or spec.title or spec.org,
        subtitle=spec.description,
        description=_describe(spec, lanes, header),
        direction="LR",
        cards=tuple(cards),
        groups=tuple(groups),
        edges=tuple(_chain(lanes, lane_groups)),
    )


def _common_unit(roles: list[Role], units: dict[str, Unit]) -> Unit | None:
    """The innermost unit holding every role, if there is one."""
    chains = [ancestors(r.unit, units) for r in roles]
    if not chains or not all(chains):
        return None
    shared = set(chains[0]).intersection(*chains[1:])
    for unit_id in chains[0]:
        if unit_id in shared:
            return units[unit_id]
    return None


def _lead_of(container: Unit | None, roles: list[Role]) -> Role | None:
    """The container's lead, drawn as its header, when that role has duties of its own."""
    if container is None or container.lead is None:
        return None
    return next((r for r in roles if r.id == container.lead and r.unit == container.id), None)


def _lanes(roles: list[Role], units: dict[str, Unit], order: dict[str, int]) -> list[_Lane]:
    """Group roles by unit, keeping each unit's roles in spec order."""
    by_unit: dict[str, list[Role]] = {}
    lanes: list[_Lane] = []
    for role in roles:
        if role.unit is None:
            lanes.append(_Lane(None, (role,), order[role.id]))
        else:
            by_unit.setdefault(role.unit, []).append(role)
    for unit_id, members in by_unit.items():
        lanes.append(_Lane(units[unit_id], tuple(members), order[members[0].id]))
    return lanes


def _unit_lines(unit: Unit) -> tuple[Line, ...]:
    lines = []
    if unit.nickname:
        lines.append(Line(unit.nickname, "nickname"))
    if unit.owns:
        lines.append(Line(unit.owns, "owns"))
    if unit.key_responsibility:
        lines.append(Line(unit.key_responsibility, "key"))
    return tuple(lines)


def _lane_group(lane: _Lane) -> Group | None:
    if lane.unit is None:
        return None
    tone: Tone = "client" if lane.client_share >= 0.5 else "team"
    return Group(id=f"unit-{lane.unit.id}", title=lane.unit.name, tone=tone, lines=_unit_lines(lane.unit),
                 cards=tuple(f"role-{r.id}" for r in lane.roles), same_rank=True)


def _role_card(role: Role, spec: OrgSpec, units: dict[str, Unit], tone: Tone = "neutral") -> Card:
    lines: list[Line] = []
    # A spec that names no one (and plans no seats) is about duties: no "Vacant" on every card.
    who = people_line(role) if role.people or role.headcount is not None else ""
    if who:
        lines.append(Line(who, "people" if role.people else "vacancy"))
    unit = units.get(role.unit or "")
    if role.nickname and not (unit and unit.nickname == role.nickname):
        lines.append(Line(role.nickname, "nickname"))
    if role.owns:
        lines.append(Line(role.owns, "owns"))
    if role.key_responsibility:
        lines.append(Line(role.key_responsibility, "key"))
    columns = (
        Column(f"With the {spec.sides.client.name}", tuple(role.client_facing) or (NO_DUTY,), "client"),
        Column(f"With the {spec.sides.team.name}", tuple(role.internal) or (NO_DUTY,), "team"),
    )
    return Card(id=f"role-{role.id}", title=role.title, tone=tone, lines=tuple(lines), columns=columns)


def _side_card(card_id: str, name: str, note: str | None, members: tuple[str, ...], tone: Tone) -> Card:
    lines = (Line(note),) if note else ()
    columns = (Column("Includes", members, tone),) if members else ()
    return Card(id=card_id, title=name, tone=tone, lines=lines, columns=columns)


def _chain(lanes: list[_Lane], groups: list[Group | None]) -> list[Edge]:
    """Lines client -> client-facing lanes -> team-facing lanes -> team, clipped at the lanes' frames.

    Lanes fall into two columns: those that mostly face the client and those that mostly face
    the team. Lanes of one column stack, so a chart of many units stays slide-shaped.
    """
    stops = [(f"role-{lane.roles[0].id}", g.id if g else None) for lane, g in zip(lanes, groups)]
    outward = [stop for stop, lane in zip(stops, lanes) if lane.client_share >= 0.5]
    inward = [stop for stop, lane in zip(stops, lanes) if lane.client_share < 0.5]
    client, team = ("side-client", None), ("side-team", None)
    edges: list[Edge] = []

    def link(a: tuple[str, str | None], b: tuple[str, str | None], tone: Tone) -> None:
        edges.append(Edge(a[0], b[0], tone=tone, tail_group=a[1], head_group=b[1]))

    for stop in outward or inward:
        link(client, stop, "client")
    if outward and inward:
        # Pair the columns' lanes in order; the longer column's extra lanes join the other's last.
        for i in range(max(len(outward), len(inward))):
            link(outward[min(i, len(outward) - 1)], inward[min(i, len(inward) - 1)], "neutral")
    for stop in inward or outward:
        link(stop, team, "team")
    return edges


def _describe(spec: OrgSpec, lanes: list[_Lane], header: Role | None) -> str:
    client, team = spec.sides.client.name, spec.sides.team.name
    names = [header.title] if header else []
    names += [r.title for lane in lanes for r in lane.roles]
    return (f"Responsibilities chart for {spec.org}: the {client} on the left, the {team} on the right, "
            f"and each role's duties with the {client} and with the {team}. Roles: {', '.join(names)}.")


def charts(spec: OrgSpec, stem: str, options: ViewOptions) -> list[Diagram]:
    """Every chart this view draws: for now the whole chart, unsplit."""
    diagram = build(spec, stem, options)
    return [diagram] if diagram else []
