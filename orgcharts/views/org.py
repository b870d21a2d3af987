"""The org chart: reporting lines top-down, units as groups, people, vacancies, stacked wide spans."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field, replace

from ..diagram import Card, Diagram, Edge, Grid, Group, Junction, Line, Matrix, Node, Tone
from ..spec import OrgSpec, Role, Unit, ViewOptions
from .common import ancestors, filled_seats, in_scope, is_vacant, people_line, role_tone

__all__ = ["build", "charts", "stack_shape"]

CARD_WIDTH = 26  # characters: org cards are compact, many sit side by side


def stack_shape(count: int, stack: int) -> tuple[int, int]:
    """Columns and rows for `count` stacked reports: columns of up to `stack`, the grid never wider than tall.

    >>> stack_shape(8, 6)
    (2, 4)
    >>> stack_shape(30, 6)
    (5, 6)
    >>> stack_shape(100, 6)
    (10, 10)
    """
    cols = max(1, min(math.ceil(count / stack), math.ceil(math.sqrt(count))))
    return cols, math.ceil(count / cols)


@dataclass
class _Plan:
    """What the builder accumulates: cards, the unit each sits in, edges, and rank sets per unit."""

    cards: dict[str, Node] = field(default_factory=dict)
    home: dict[str, str | None] = field(default_factory=dict)  # card id -> unit id
    node_of: dict[str, str] = field(default_factory=dict)  # role id -> the card id that shows it
    edges: list[Edge] = field(default_factory=list)
    ranks: dict[str | None, list[tuple[str, ...]]] = field(default_factory=lambda: defaultdict(list))
    lines: dict[str, str] = field(default_factory=dict)  # union-find over alignment groups

    def add(self, card: Node, unit: str | None) -> None:
        self.cards[card.id] = card
        self.home[card.id] = unit

    def line_of(self, key: str) -> str:
        while self.lines.get(key, key) != key:
            key = self.lines[key]
        return key

    def same_line(self, a: str, b: str) -> None:
        """Keep the boxes of alignment groups a and b in one vertical line."""
        self.lines[self.line_of(b)] = self.line_of(a)

    def aligned_cards(self) -> tuple[Node, ...]:
        return tuple(replace(c, align=self.line_of(c.align)) if not isinstance(c, Matrix) and c.align else c
                     for c in self.cards.values())


def build(spec: OrgSpec, stem: str, options: ViewOptions) -> Diagram | None:
    """The org chart of the roles in scope; None when no role reports to another."""
    roles = in_scope(spec, options)
    ids = {r.id for r in roles}
    if not any(r.reports_to in ids for r in roles):
        return None
    units = {u.id: u for u in spec.units}
    reports: dict[str, list[Role]] = defaultdict(list)
    for role in roles:
        if role.reports_to in ids:
            reports[role.reports_to].append(role)

    # Siblings keep spec order within a unit; across units they follow the units' order, as the
    # unit frames do, so no line has to cross a frame to reach its box.
    rank = _unit_order(units)
    for siblings in reports.values():
        siblings.sort(key=lambda r: rank.get(r.unit or "", -1))

    plan = _Plan()
    for role in roles:
        plan.add(_card(role, units, is_top=role.reports_to not in ids), role.unit if role.unit in units else None)
        plan.node_of[role.id] = f"role-{role.id}"
    if len(roles) > options.stack**2:
        # A large org: a manager whose reports are all leaves becomes one framed team box, which
        # then stacks like a leaf under its own manager. That keeps the widest row to a few boxes.
        for role in roles:
            _fold_team(plan, role, reports, ids, options.stack)
    for role in roles:
        _connect(plan, role, reports[role.id], reports, options.stack)
    for role in roles:
        for boss in role.dotted_to:
            if boss in ids:
                plan.edges.append(_dotted(plan, boss, role.id))

    summary = _summary(roles)
    return Diagram(
        id=f"{stem}-org",
        title=options.title or f"{spec.org} — reporting lines",
        subtitle=summary,
        description=f"Org chart of {spec.org}: {summary}. Lines run from each manager to their reports.",
        direction=options.direction or "TB",
        lines="square",
        keep_order=True,
        cards=plan.aligned_cards(),
        groups=_groups(roles, units, plan),
        edges=tuple(plan.edges),
        ranks=tuple(plan.ranks[None]),
    )


def _dotted(plan: _Plan, boss: str, role: str) -> Edge:
    """A dashed line between two roles, reaching into a stacked grid through the card's port."""
    def port(role_id: str) -> str | None:
        return f"role-{role_id}" if plan.node_of[role_id] != f"role-{role_id}" else None

    return Edge(plan.node_of[boss], plan.node_of[role], dashed=True, constraint=False,
                tail_port=port(boss), head_port=port(role))


def _unit_order(units: dict[str, Unit]) -> dict[str, int]:
    """Each unit's place in a depth-first walk of the unit tree, in spec order."""
    children: dict[str | None, list[str]] = defaultdict(list)
    for unit_id, unit in units.items():
        children[unit.parent if unit.parent in units else None].append(unit_id)
    order: dict[str, int] = {}
    stack = list(reversed(children[None]))
    while stack:
        unit_id = stack.pop()
        if unit_id not in order:
            order[unit_id] = len(order)
            stack.extend(reversed(children[unit_id]))
    return order


def _summary(roles: list[Role]) -> str:
    people = sum(filled_seats(r) for r in roles)
    open_seats = sum(r.vacancies for r in roles)
    summary = f"{people} people in {len(roles)} roles"
    if open_seats:
        summary += f" · {open_seats} open seat{'s' * (open_seats != 1)} (dashed boxes)"
    if any(r.dotted_to for r in roles):
        summary += " · dashed lines are dotted-line reporting"
    return summary


def _card(role: Role, units: dict[str, Unit], is_top: bool) -> Card:
    who = people_line(role)
    lines = (Line(who, "vacancy" if is_vacant(role) else "people"),) if who else ()
    tone: Tone = "lead" if is_top else role_tone(role, units)
    return Card(id=f"role-{role.id}", title=role.title, tone=tone, lines=lines, width=CARD_WIDTH,
                dashed=is_vacant(role), align=f"role-{role.id}")


def _fold_team(plan: _Plan, boss: Role, reports: dict[str, list[Role]], ids: set[str], stack: int) -> None:
    """Draw a manager and all-leaf reports of the same unit as one box, and forget their lines."""
    team = reports.get(boss.id, [])
    if boss.reports_to not in ids or not team:
        return
    home = plan.home[f"role-{boss.id}"]
    if any(reports.get(r.id) or r.dotted_to or plan.home[f"role-{r.id}"] != home for r in team):
        return
    cols, _ = stack_shape(len(team), 3)
    members: list[Card | Grid] = []
    for member in team:
        members.append(_box(plan.cards.pop(f"role-{member.id}")))
        del plan.home[f"role-{member.id}"]
        plan.node_of[member.id] = f"role-{boss.id}"
    head = plan.cards[f"role-{boss.id}"]
    assert isinstance(head, Card)
    plan.cards[head.id] = Grid(id=head.id, cards=tuple(members), columns=cols, head=head, align=head.id)
    reports[boss.id] = []  # the team is inside the box now: no lines, and the manager counts as a leaf


def _connect(plan: _Plan, boss: Role, direct: list[Role], reports: dict[str, list[Role]], stack: int) -> None:
    """Lines from a manager to their reports: assistants beside, wide spans of leaves stacked."""
    head = f"role-{boss.id}"
    for aide in (r for r in direct if r.assistant):
        plan.edges.append(Edge(head, f"role-{aide.id}"))
        if plan.home[f"role-{aide.id}"] == plan.home[head]:
            plan.ranks[plan.home[head]].append((head, f"role-{aide.id}"))
    line = [r for r in direct if not r.assistant]
    if not line:
        return
    leaves = [r for r in line if not reports.get(r.id)]
    if len(line) <= stack or len(leaves) < 2:
        below = [f"role-{r.id}" for r in line]
    else:
        below = _stack_leaves(plan, head, line, leaves, reports, stack)
    _bus(plan, head, below)


def _bus(plan: _Plan, head: str, below: list[str]) -> None:
    """Draw the classic org-chart bus with straight lines only.

    A junction row sits between the manager and the boxes below: one junction above each box,
    chained left to right, the manager's line joining the chain in the middle. Each junction
    shares a Graphviz `group` with the box it serves, so every drop is vertical.
    """
    unit = plan.home[head]
    middle = len(below) // 2
    joints = []
    for i, child in enumerate(below):
        # With an odd count the middle drop is the manager's own line: one straight line through.
        joint = f"{head}-bus" if (len(below) % 2 and i == middle) else f"{head}-bus-{i}"
        plan.add(Junction(id=joint, align=child if joint != f"{head}-bus" else head), unit)
        if joint == f"{head}-bus":
            plan.same_line(head, child)  # the middle box hangs straight below its manager
        plan.edges.append(Edge(joint, child))
        joints.append(joint)
    if len(below) % 2 == 0:
        plan.add(Junction(id=f"{head}-bus", align=head), unit)
        joints.insert(middle, f"{head}-bus")
    plan.edges.append(Edge(head, f"{head}-bus"))
    for left, right in zip(joints, joints[1:]):
        plan.edges.append(Edge(left, right))
    if len(joints) > 1:
        plan.ranks[unit].append(tuple(joints))


def _stack_leaves(plan: _Plan, head: str, line: list[Role], leaves: list[Role], reports: dict[str, list[Role]],
                  stack: int) -> list[str]:
    """Past the threshold, leaf reports become grids (per unit), in the place of their first member."""
    below: list[str] = []
    # Team boxes and single cards stack apart: a grid row stretches every cell to its tallest.
    kind_of = {r.id: (plan.home[f"role-{r.id}"], isinstance(plan.cards[f"role-{r.id}"], Grid)) for r in line}
    stacks: dict[tuple[str | None, bool], list[Role]] = defaultdict(list)
    for leaf in leaves:
        stacks[kind_of[leaf.id]].append(leaf)
    for role in line:
        kind = kind_of[role.id]
        if reports.get(role.id):
            below.append(f"role-{role.id}")
        elif stacks.get(kind) and stacks[kind][0] is role:
            below.append(_stack(plan, head, stacks[kind], kind, stack))
    return below


def _stack(plan: _Plan, head: str, members: list[Role], kind: tuple[str | None, bool], stack: int) -> str:
    """Replace the members' cards by one grid card; return its id."""
    unit, teams = kind
    cols, _ = stack_shape(len(members), stack)
    grid_id = f"{head}-grid-{unit or 'top'}{'-teams' if teams else ''}"
    cards: list[Card | Grid] = []
    for member in members:
        card_id = f"role-{member.id}"
        cards.append(_box(plan.cards.pop(card_id)))
        del plan.home[card_id]
        plan.node_of[member.id] = grid_id
    plan.add(Grid(id=grid_id, cards=tuple(cards), columns=cols, align=grid_id), unit)
    return grid_id


def _box(node: Node) -> Card | Grid:
    """A node that can sit inside a grid: a role's card or a team box, never a junction."""
    assert isinstance(node, Card | Grid), node
    return node


def _groups(roles: list[Role], units: dict[str, Unit], plan: _Plan) -> tuple[Group, ...]:
    """Units as nested groups, each labelled with its headcount, holding its own cards."""
    members: dict[str, list[Role]] = defaultdict(list)
    for role in roles:
        for unit_id in ancestors(role.unit, units):
            members[unit_id].append(role)
    cards_in: dict[str, list[str]] = defaultdict(list)
    for card_id, unit in plan.home.items():
        if unit is not None:
            cards_in[unit].append(card_id)
    children: dict[str | None, list[str]] = defaultdict(list)
    for unit_id in units:
        if unit_id in members:
            parent = units[unit_id].parent
            children[parent if parent in members else None].append(unit_id)

    def group(unit_id: str) -> Group:
        people = sum(filled_seats(r) for r in members[unit_id])
        open_seats = sum(r.vacancies for r in members[unit_id])
        count = f"{people} {'person' if people == 1 else 'people'}"
        if open_seats:
            count += f" · {open_seats} open"
        return Group(id=f"unit-{unit_id}", title=units[unit_id].name, lines=(Line(count),),
                     cards=tuple(cards_in[unit_id]), groups=tuple(group(c) for c in children[unit_id]),
                     ranks=tuple(plan.ranks[unit_id]))

    return tuple(group(u) for u in children[None])


def charts(spec: OrgSpec, stem: str, options: ViewOptions) -> list[Diagram]:
    """Every chart this view draws: for now the whole chart, unsplit."""
    diagram = build(spec, stem, options)
    return [diagram] if diagram else []
