"""The org chart's parts: who is on it, its cards and unit frames, and one piece prepared, routed and drawn."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING

from .diagram import Card, Diagram, Edge, Group, Junction, Line, Node, Tone
from ..layout.fit import SlideFit
from .orgdotted import Pair, dotted_edges, works_with
from ..layout.subtrees import Piece
from ..layout.memo import Memo
from ..layout.extents import forget as forget_subtrees
from ..layout.tree import Frame, Placed, Tree
from ..engine.labels import card_label, group_label, title_label
from ..layout.measure import label_sizes
from ..spec.models import OrgSpec, Person, Role, Unit, ViewOptions
from ..themes import get_theme
from ..spec.roles import ancestors, filled_seats, in_scope, is_vacant, listed_sides, people_line, role_tone

if TYPE_CHECKING:
    from .org import _Chooser

__all__ = ["CARD_WIDTH", "MIN_PIECE_ROLES", "SMALLEST_PT", "SAY_ROUNDS", "MEASURE_THEME", "STAND_IN", "NOMINAL",
           "Dress", "Org", "org_of", "one_holder", "_side_legend", "_subtree_root", "_unit_order", "_card", "_heading",
           "_Drawn", "_LABELS", "_GROUP_LABELS", "_SIZES", "_ASSESSED", "_PLACED", "forget", "_Sizer", "_Prepared",
           "_prepare", "_continued", "_routed", "_laid", "_diagram", "_node", "_nest", "_summary"]


CARD_WIDTH = 26  # characters: org cards are compact, many sit side by side
MIN_PIECE_ROLES = 4  # a split exists because a chart is dense: no piece is a manager and a report or two
SMALLEST_PT = 13  # the smallest text an org chart draws (people, headcounts)
SAY_ROUNDS = 3  # times a piece is placed again with dotted lines said on cards (a line still blocked is left out)
MEASURE_THEME = get_theme("default")  # themes change colours, never sizes: one measurement serves all
# The holder line the arrangement is chosen with on a one-holder role's card, whether the spec names the
# holder or gives a headcount: a name adds a line a headcount does not, and the chart's shape must not
# depend on which the writer chose (a short stand-in: a real name rarely makes the card wider than its title).
STAND_IN = "N"
NOMINAL = "nominal:"  # a nominal card's key among the labels measured (no role id holds a colon)


@dataclass(frozen=True)
class Dress:
    """What a caller (a change chart) changes on each role card and unit heading before they are measured and placed."""

    card: Callable[[Card], Card] = lambda card: card
    heading: Callable[[Group], Group] = lambda group: group
    sides: bool = True  # say what the side colours mean under the title (a change chart has colours of its own)


@dataclass
class Org:
    """The reporting tree of the roles in scope, and how each unit is shown."""

    spec: OrgSpec
    roles: dict[str, Role]  # in spec order
    units: dict[str, Unit]
    reports: dict[str, list[str]] = field(default_factory=dict)  # line reports, spec order
    assistants: dict[str, list[str]] = field(default_factory=dict)
    roots: list[str] = field(default_factory=list)
    framed: dict[str, str] = field(default_factory=dict)  # unit id -> the role at the top of its subtree
    members: dict[str, list[str]] = field(default_factory=dict)  # unit id -> role ids within it
    unit_order: list[str] = field(default_factory=list)  # framed units, outermost first
    legend: tuple[tuple[str, Tone], ...] = ()  # what the card colours mean, under the title


def org_of(spec: OrgSpec, options: ViewOptions) -> Org | None:
    """The tree of the roles in scope; None when no role reports to another."""
    roles = {r.id: r for r in in_scope(spec, options)}
    if not any(r.reports_to in roles for r in roles.values()):
        return None
    org = Org(spec, roles, {u.id: u for u in spec.units})
    managers = {r.reports_to for r in roles.values()}
    org.reports = {r: [] for r in roles}
    org.assistants = {r: [] for r in roles}
    for role in roles.values():
        if role.reports_to in roles:
            # An assistant sits beside their manager; one with a team of their own heads it like any report.
            beside = role.assistant and role.id not in managers
            (org.assistants if beside else org.reports)[role.reports_to].append(role.id)
        else:
            org.roots.append(role.id)
    for role in roles.values():
        for unit_id in ancestors(role.unit, org.units):
            org.members.setdefault(unit_id, []).append(role.id)
    for unit_id, members in org.members.items():
        top = _subtree_root(org, set(members))
        if top is not None:
            org.framed[unit_id] = top
    org.unit_order = _unit_order(org.units, set(org.framed))
    org.legend = _side_legend(org)
    return org


def _side_legend(org: Org) -> tuple[tuple[str, Tone], ...]:
    """What each side colour on the cards means, for the sides some card below the top is drawn in."""
    listed = listed_sides(org.spec.sides)
    drawn = {role_tone(r, org.units, listed) for r in org.roles.values() if r.reports_to in org.roles}
    sides = org.spec.sides
    keys: tuple[tuple[str, Tone], ...] = ((f"faces the {sides.client.name}", "client"),
                                          (f"faces the {sides.team.name}", "team"), ("faces both sides", "both"))
    return tuple((meaning, tone) for meaning, tone in keys if tone in drawn)


def _subtree_root(org: Org, members: set[str]) -> str | None:
    """The role whose whole subtree is exactly `members`, if there is one."""
    tops = [m for m in members if org.roles[m].reports_to not in members]
    if len(tops) != 1:
        return None
    seen = 0
    stack = [tops[0]]
    while stack:
        node = stack.pop()
        if node not in members:
            return None
        seen += 1
        stack.extend(org.reports[node] + org.assistants[node])
    return tops[0] if seen == len(members) else None


def _unit_order(units: dict[str, Unit], present: set[str]) -> list[str]:
    """Units (with members) outermost first, in a depth-first walk of the unit tree in spec order."""
    children: dict[str | None, list[str]] = defaultdict(list)
    for unit_id, unit in units.items():
        if unit_id in present:
            parent = unit.parent if unit.parent in present else None
            children[parent].append(unit_id)
    order: list[str] = []
    stack = list(reversed(children[None]))
    while stack:
        unit_id = stack.pop()
        if unit_id not in order:
            order.append(unit_id)
            stack.extend(reversed(children[unit_id]))
    return order


def one_holder(role: Role) -> bool:
    """A role held by one person, who the spec may name (`people: [..]`) or count (`headcount: 1`)."""
    return not role.placeholder and role.seats == 1 and not role.open


def _card(org: Org, role: Role, extra: tuple[Line, ...] = (), shown: frozenset[str] = frozenset(),
          nominal: bool = False) -> Card:
    """A role's card; its unit is named on it unless `shown` (framed, or the whole chart) already says it.

    `nominal`: the card the arrangement is chosen with, its one holder named by the stand-in either way.
    """
    if nominal and one_holder(role):
        role = role.model_copy(update={"people": [Person(name=STAND_IN)], "headcount": None})
    lines: list[Line] = []
    unit = org.units.get(role.unit or "")
    if unit is not None and unit.id not in shown:
        lines.append(Line(f"in {unit.name}", "note"))  # the unit, where no frame says it
    who = people_line(role)
    if who:
        lines.append(Line(who, "vacancy" if is_vacant(role) else "people"))
    listed = listed_sides(org.spec.sides)
    tone: Tone = "lead" if role.reports_to not in org.roles else role_tone(role, org.units, listed)
    return Card(id=f"role-{role.id}", title=role.title, tone=tone, lines=tuple(lines) + extra, width=CARD_WIDTH,
                dashed=is_vacant(role))


def _heading(org: Org, unit_id: str) -> Group:
    roles = [org.roles[r] for r in org.members[unit_id]]
    people = sum(filled_seats(r) for r in roles)
    open_seats = sum(r.vacancies for r in roles)
    count = f"{people} {'person' if people == 1 else 'people'}"
    if open_seats:
        count += f" · {open_seats} open"
    return Group(id=f"unit-{unit_id}", title=org.units[unit_id].name, lines=(Line(count),))


@dataclass
class _Drawn:
    """One piece laid out: its cards, frames and where everything went."""

    cards: dict[str, Card]
    frames: list[tuple[str, Group]]  # unit id, heading group
    placed: Placed
    sizes: dict[str, tuple[float, float]]


# Kept for the life of the process, so a warm process (`watch`) measures and lays out only what a
# save changed. Each key holds everything its value is computed from (a label's text; a piece's
# whole tree with every card size, its heading's size and the shapes tried), so no change is ever
# served an old value, and charts of other specs or options share an entry only when it is the same.
_LABELS: Memo[str] = Memo(8192)  # card -> its label
_GROUP_LABELS: Memo[str] = Memo(1024)  # unit heading -> its label
_SIZES: Memo[tuple[float, float]] = Memo(8192)  # label -> drawn size (points)
_ASSESSED: Memo[tuple[bool, float]] = Memo(4096)  # piece -> readable in some shape, best fill
_PLACED: Memo[tuple[Placed, SlideFit]] = Memo(256)  # piece -> the placement of its best shape, its fit


def forget() -> None:
    """Drop every measurement and layout kept by this process (tests; a long-running process to free memory)."""
    for memo in (_LABELS, _GROUP_LABELS, _SIZES, _ASSESSED, _PLACED):
        memo.clear()
    forget_subtrees()


class _Sizer:
    """Card and heading sizes, measured in batches and remembered by label; the cards of one chart call."""

    def __init__(self) -> None:
        # by role, extra, unit shown, nominal
        self.cards: dict[tuple[str, tuple[Line, ...], bool, bool], tuple[Card, str]] = {}
        self.headings: dict[str, tuple[Group, str]] = {}  # dressed unit headings and their labels, by unit

    def label(self, card: Card) -> str:
        """The card's label, built once."""
        return _LABELS.get(card, lambda: card_label(card, MEASURE_THEME))

    def sizes(self, labels: dict[str, str]) -> dict[str, tuple[float, float]]:
        measured = label_sizes({label: label for label in labels.values() if label not in _SIZES})

        def size(label: str) -> Callable[[], tuple[float, float]]:
            return lambda: measured[label] if label in measured else label_sizes({label: label})[label]

        return {key: _SIZES.get(label, size(label)) for key, label in labels.items()}


@dataclass
class _Prepared:
    """A piece's cards, frames and sizes, ready to be placed in any stacking shape."""

    cards: dict[str, Card]
    frames: list[tuple[str, Group]]
    sizes: dict[str, tuple[float, float]]  # as drawn
    tree: Tree  # with each card's nominal size (see STAND_IN): the shape is chosen on it, then placed with `sizes`

    def drawn(self, shaped: Tree) -> Tree:
        """`shaped` (the prepared tree in some shape) with the cards' drawn sizes."""
        return replace(shaped, sizes={r: self.sizes[r] for r in shaped.sizes})


def _prepare(org: Org, piece: Piece, options: ViewOptions, sizer: _Sizer, markers: dict[str, str],
             dress: Dress = Dress()) -> _Prepared:
    """The cards a piece draws (with markers), the units framed in it, and their measured sizes."""
    holds = set(piece.roles)
    for u in org.unit_order:
        if u not in sizer.headings:
            group = dress.heading(_heading(org, u))
            sizer.headings[u] = (group, _GROUP_LABELS.get(group, partial(group_label, group, MEASURE_THEME)))
    frames = [(u, sizer.headings[u][0]) for u in org.unit_order
              if org.framed[u] in holds and set(org.members[u]) < holds and not _continued(org, u, piece)]
    shown = frozenset([u for u, _ in frames] + [u for u, m in org.members.items() if holds <= set(m)])
    cards: dict[str, Card] = {}
    labels: dict[str, str] = {}
    for role_id in piece.roles:
        extra: tuple[Line, ...] = ()
        if role_id in markers:
            extra = (Line(markers[role_id], "note"),)
        elif role_id in piece.roots and org.roles[role_id].reports_to in org.roles:
            boss = org.roles[org.roles[role_id].reports_to or ""]
            extra = (Line(f"reports to {boss.title}", "note"),)
        for nominal in (False, True):
            made = (role_id, extra, (org.roles[role_id].unit or "") in shown, nominal)  # all _card reads
            if made not in sizer.cards:
                card = dress.card(_card(org, org.roles[role_id], extra, shown, nominal))
                sizer.cards[made] = (card, sizer.label(card))
        cards[role_id], labels[role_id] = sizer.cards[made[:3] + (False,)]
        labels[f"{NOMINAL}{role_id}"] = sizer.cards[made][1]
    labels |= {f"unit-{u}": sizer.headings[u][1] for u, _ in frames}
    sizes = sizer.sizes(labels)
    tree = Tree(
        sizes={r: sizes[f"{NOMINAL}{r}"] for r in cards},  # the shape is chosen on these; drawn with `sizes`
        roots=piece.roots,
        reports={r: [k for k in org.reports[r] if k in holds] if r not in piece.cut else [] for r in piece.roles},
        assistants={r: [k for k in org.assistants[r] if k in holds] if r not in piece.cut else [] for r in piece.roles},
        frames=[Frame(f"unit-{u}", org.framed[u], sizes[f"unit-{u}"]) for u, _ in frames],
        direction="LR" if options.direction == "LR" else "TB",
    )
    return _Prepared(cards, frames, {k: v for k, v in sizes.items() if not k.startswith(NOMINAL)}, tree)


def _continued(org: Org, unit_id: str, piece: Piece) -> bool:
    """A unit whose subtree is cut in this piece is not framed here (part of it is drawn elsewhere)."""
    return any(m in piece.cut and (org.reports[m] or org.assistants[m]) for m in org.members[unit_id])


def _routed(org: Org, drawn: _Drawn, lr: bool, said: frozenset[Pair] = frozenset(),
            force: bool = False) -> tuple[list[Edge], list[Pair]]:
    """The piece's dotted lines, routed on its placement; and those no route clears of the reporting lines."""
    placed = drawn.placed.moved_to_origin(drawn.sizes)
    boxes = {r: placed.box(r, drawn.sizes) for r in drawn.cards}
    return dotted_edges(org.roles, list(drawn.cards), boxes, list(placed.headings.values()),
                        [s.points for s in placed.segments], lr, said, force)


def _laid(chooser: _Chooser, piece: Piece, markers: dict[str, str], heading: tuple[float, float]
          ) -> tuple[_Drawn, list[Edge]]:
    """A piece placed with its dotted lines; a dotted line that would cross a reporting line, or whose
    manager is drawn on another piece, is said on the report's card instead ("also works with ..."), as
    paper charts do, and the piece placed again."""
    org, lr = chooser.org, chooser.options.direction == "LR"
    said = _elsewhere(org, piece)
    drawn, _ = chooser.best(piece, markers | _notes(org, piece, markers, said), heading)
    edges, failed = _routed(org, drawn, lr, frozenset(said))
    for _ in range(SAY_ROUNDS):  # the notes make cards taller, which can close another route: say it too
        if not failed:
            break
        said += failed
        drawn, _ = chooser.best(piece, markers | _notes(org, piece, markers, said), heading)
        edges, failed = _routed(org, drawn, lr, frozenset(said))
    return drawn, edges


def _elsewhere(org: Org, piece: Piece) -> list[Pair]:
    """The dotted lines from a report on this piece to a manager drawn on another: said, never lost."""
    here = set(piece.roles)
    return [(boss, role_id) for role_id in piece.roles for boss in org.roles[role_id].dotted_to
            if boss in org.roles and boss not in here]


def _notes(org: Org, piece: Piece, markers: dict[str, str], said: list[Pair]) -> dict[str, str]:
    """Each report's card line for the dotted lines `said` (after its marker, or who a root reports to)."""
    notes = works_with(org.roles, org.units, said)
    for role_id, note in notes.items():
        boss = org.roles.get(org.roles[role_id].reports_to or "")
        if role_id in markers:
            notes[role_id] = f"{markers[role_id]} · {note}"
        elif role_id in piece.roots and boss is not None:
            notes[role_id] = f"reports to {boss.title} · {note}"
    return notes


def _diagram(org: Org, drawn: _Drawn, did: str, title: str, subtitle: str, options: ViewOptions,
             sizer: _Sizer, dotted: list[Edge]) -> Diagram:
    placed = drawn.placed.moved_to_origin(drawn.sizes)
    x0, y0, x1, y1 = placed.bounds(drawn.sizes)
    # The drawing is at least as wide as its title, which Graphviz would otherwise centre over it.
    x1 = max(x1, sizer.sizes({"t": title_label(title, subtitle, MEASURE_THEME, org.legend)})["t"][0] + 16)
    nodes: list[Node] = [replace(drawn.cards[r], at=placed.centres[r]) for r in drawn.cards]
    nodes += [Junction(id=j, at=p) for j, p in placed.junctions.items()]
    edges = [Edge(_node(s.tail), _node(s.head), route=s.points) for s in placed.segments]
    edges += dotted
    lr = (options.direction or "TB") == "LR"
    about = f"Org chart of {org.spec.org}: {subtitle}. Lines run from each manager to their reports."
    return Diagram(id=did, title=title, subtitle=subtitle, description=about, legend=org.legend,
                   direction="LR" if lr else "TB", lines="square", cards=tuple(nodes), groups=_nest(org, drawn, placed),
                   edges=tuple(edges), placed=(x1, y1),
                   placed_text=tuple((c.id, c.title, c.lines) for c in nodes if isinstance(c, Card)))


def _node(name: str) -> str:
    """The node id of a layout name: a role's card, or a junction (whose underscore no slug can hold)."""
    return name if "_" in name else f"role-{name}"


def _nest(org: Org, drawn: _Drawn, placed: Placed) -> tuple[Group, ...]:
    """Frames nested as their units are; each holds the cards of its members no inner frame holds."""
    ids = [u for u, _ in drawn.frames]
    heads = dict(drawn.frames)
    inside: dict[str, list[str]] = defaultdict(list)
    top: list[str] = []
    for unit_id in ids:
        parent = next((p for p in ancestors(org.units[unit_id].parent, org.units) if p in heads), None)
        (inside[parent] if parent else top).append(unit_id)
    placed_in: dict[str, str] = {}
    for unit_id in ids:  # outermost first, so inner frames claim their cards last
        for member in org.members[unit_id]:
            if member in drawn.cards:
                placed_in[member] = unit_id

    def group(unit_id: str) -> Group:
        head = heads[unit_id]
        cards = tuple(f"role-{r}" for r in drawn.cards if placed_in.get(r) == unit_id)
        return Group(id=head.id, title=head.title, tone=head.tone, lines=head.lines, cards=cards,
                     groups=tuple(group(c) for c in inside[unit_id]), frame=placed.frames[head.id])

    return tuple(group(u) for u in top)


def _summary(roles: list[Role]) -> str:
    people = sum(filled_seats(r) for r in roles)
    open_seats = sum(r.vacancies for r in roles)
    summary = f"{people} people in {len(roles)} roles"
    if open_seats:
        summary += f" · {open_seats} open seat{'s' * (open_seats != 1)} (dashed boxes)"
    if any(r.dotted_to for r in roles):
        summary += " · dashed lines are dotted-line reporting"
    return summary
