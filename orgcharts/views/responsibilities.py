"""The flagship view: the client | each unit's roles, flowed into columns | the team, left to right.

Units run from client-facing through both to team-facing (the side each states, else its duties'),
flowed column by column into as many columns as bring the chart closest to a slide's shape. A chart
that cannot meet the slide rule (`layout.fit`) is split into pieces of whole units, each titled to
stand alone. No lines are drawn: the side a unit faces is its colour, named in the legend.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from .diagram import Card, Column, Diagram, Edge, Group, Line, Tone
from ..engine.labels import wrap
from ..layout.columns import columns_of, partition
from ..layout.fit import SLIDE_H, SLIDE_W, max_extent
from ..layout.slides import GOOD_FILL, Measured, pick
from ..layout.split import evened, split
from ..names import RESPONSIBILITIES, chart_id
from ..spec.models import Faces, OrgSpec, Role, Unit, ViewOptions
from ..themes import get_theme
from ..spec.roles import ancestors, in_scope, listed_sides, people_line, role_side, unit_side

__all__ = ["build", "charts", "SIDE_ORDER", "MAX_COLUMNS"]

NO_DUTY = "—"
SIDE_ORDER: dict[Faces, int] = {"client": 0, "both": 1, "team": 2}
MAX_COLUMNS = 6  # more unit columns than this never reads well on one slide
TRIES = 3  # column counts measured per piece, best predicted first
ALL = 2.0  # `enough` that no drawing reaches: every try is measured and the closest to the slide kept
MAX_SHIFTS = 4  # blocks moved into the emptiest piece, per piece, when evening out a split
EVEN = 0.5  # a split's emptiest piece holds at least half the fullest's role cards, where pieces allow it


@dataclass(frozen=True)
class _Block:
    """A unit's roles (or a lone role) drawn as one framed block; `cont` marks a unit's later part."""

    unit: str | None
    roles: tuple[str, ...]
    side: Faces
    cont: bool = False


@dataclass(frozen=True)
class _Ctx:
    """What every piece of one chart shares."""

    spec: OrgSpec
    stem: str
    options: ViewOptions
    units: dict[str, Unit]
    roles: dict[str, Role]
    container: Unit | None
    header: Role | None
    legend: tuple[tuple[str, Tone], ...]
    # Each block's predicted height, once per chart: the flow is tried many times.
    weights: dict[_Block, float] = field(default_factory=dict, compare=False, repr=False)


def _context(spec: OrgSpec, stem: str, options: ViewOptions) -> tuple[_Ctx, list[_Block]] | None:
    with_duties = [r for r in in_scope(spec, options) if r.client_facing or r.internal]
    if not with_duties:
        return None
    units = {u.id: u for u in spec.units}
    container = _common_unit(with_duties, units)
    header = _lead_of(container, with_duties)
    listed = listed_sides(spec.sides)
    blocks = _blocks([r for r in with_duties if r is not header], units, listed)
    # The colours drawn: each block's side, and a role's own where it differs (the lead is drawn as the lead).
    sides = {b.side for b in blocks} | {role_side(r, units, listed) for r in with_duties if r is not header}
    client, team = spec.sides.client.name, spec.sides.team.name
    legend: tuple[tuple[str, Tone], ...] = ((f"faces the {client}", "client"),)
    if "both" in sides:
        legend += (("faces both sides", "both"),)
    legend += ((f"faces the {team}", "team"),)
    ctx = _Ctx(spec, stem, options, units, {r.id: r for r in spec.roles}, container, header, legend)
    return ctx, blocks


def _blocks(roles: list[Role], units: dict[str, Unit], listed: dict[str, Faces]) -> list[_Block]:
    """One block per unit (its roles in spec order) or lone role, ordered client, both, team; spec order within."""
    blocks: list[tuple[int, _Block]] = []
    by_unit: dict[str, list[Role]] = {}
    first: dict[str, int] = {}
    for index, role in enumerate(roles):
        if role.unit is None:
            blocks.append((index, _Block(None, (role.id,), role_side(role, units, listed) or "both")))
        else:
            by_unit.setdefault(role.unit, []).append(role)
            first.setdefault(role.unit, index)
    for unit_id, members in by_unit.items():
        side = unit_side(units[unit_id], members, units, listed) or "both"
        blocks.append((first[unit_id], _Block(unit_id, tuple(r.id for r in members), side)))
    blocks.sort(key=lambda pair: (SIDE_ORDER[pair[1].side], pair[0]))
    return [b for _, b in blocks]


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


def _unit_lines(unit: Unit) -> tuple[Line, ...]:
    lines = []
    if unit.description:
        lines.append(Line(unit.description, "note"))
    if unit.nickname:
        lines.append(Line(unit.nickname, "nickname"))
    if unit.owns:
        lines.append(Line(unit.owns, "owns"))
    if unit.key_responsibility:
        lines.append(Line(unit.key_responsibility, "key"))
    return tuple(lines)


def _role_card(role: Role, ctx: _Ctx, tone: Tone = "neutral") -> Card:
    lines: list[Line] = []
    # A role that names no one and states no seats is about duties: no line; an open seat always shows.
    who = people_line(role) if role.people or role.headcount is not None or role.open else ""
    if who:
        lines.append(Line(who, "people" if role.people else "vacancy"))
    unit = ctx.units.get(role.unit or "")
    if role.nickname and not (unit and unit.nickname == role.nickname):
        lines.append(Line(role.nickname, "nickname"))
    if role.owns:
        lines.append(Line(role.owns, "owns"))
    if role.key_responsibility:
        lines.append(Line(role.key_responsibility, "key"))
    sides = ctx.spec.sides
    # A side the role has no duties on draws no box: an empty "WITH THE GUESTS —" says nothing.
    both: tuple[tuple[str, list[str], Tone], ...] = ((f"With the {sides.client.name}", role.client_facing, "client"),
                                                     (f"With the {sides.team.name}", role.internal, "team"))
    columns = tuple(Column(heading, tuple(duties), tone) for heading, duties, tone in both if duties) or (
        Column(f"With the {sides.team.name}", (NO_DUTY,), "team"),)
    return Card(id=f"role-{role.id}", title=role.title, tone=tone, lines=tuple(lines), columns=columns)


def _side_card(card_id: str, name: str, note: str | None, members: tuple[str, ...], tone: Tone) -> Card:
    lines = (Line(note),) if note else ()
    columns = (Column("Includes", members, tone),) if members else ()
    return Card(id=card_id, title=name, tone=tone, lines=lines, columns=columns)


def _unframed(block: _Block, ctx: _Ctx) -> bool:
    """A lone role, or roles of the unit framing the whole chart: no frame of their own."""
    return block.unit is None or (ctx.container is not None and block.unit == ctx.container.id)


def _block_group(block: _Block, ctx: _Ctx) -> Group | None:
    if block.unit is None or _unframed(block, ctx):
        return None
    unit = ctx.units[block.unit]
    if block.cont:
        return Group(id=f"unit-{unit.id}-from-{block.roles[0]}", title=f"{unit.name} (continued)", tone=block.side,
                     cards=tuple(f"role-{r}" for r in block.roles), same_rank=True)
    return Group(id=f"unit-{unit.id}", title=unit.name, tone=block.side, lines=_unit_lines(unit),
                 cards=tuple(f"role-{r}" for r in block.roles), same_rank=True)


def _role_tone(role: Role, block: _Block, ctx: _Ctx) -> Tone:
    """A role facing another side than its unit shows its own colour; otherwise the unit's frame says it."""
    side = role_side(role, ctx.units, listed_sides(ctx.spec.sides)) or block.side
    return side if _unframed(block, ctx) or side != block.side else "neutral"


def _weight(block: _Block, ctx: _Ctx) -> float:
    """A block's height in text lines, predicted: each card is as tall as its longer duty column."""
    known = ctx.weights.get(block)
    if known is None:
        known = ctx.weights[block] = _predict_weight(block, ctx)
    return known


def _predict_weight(block: _Block, ctx: _Ctx) -> float:
    wrap_at = get_theme("default").wrap
    total = 3.0 + 2 * len(_unit_lines(ctx.units[block.unit])) if block.unit and not block.cont else 1.0
    for role_id in block.roles:
        role = ctx.roles[role_id]
        sides = [sum(len(wrap(d, wrap_at)) + 0.4 for d in duties) for duties in (role.client_facing, role.internal)]
        extra = sum(1 for x in (role.people, role.nickname, role.owns, role.key_responsibility) if x)
        total += 4.5 + extra + max(sides)
    return total


LINE_PT, COLUMN_PT, SIDES_PT, TOP_PT = 17.0, 580.0, 560.0, 140.0  # predicted sizes, checked by measuring


def _predicted(weights: list[float], k: int) -> tuple[float, float]:
    sizes = partition(weights, k)
    tallest = max((sum(col) for col in columns_of(weights, sizes)), default=0.0)
    return SIDES_PT + k * COLUMN_PT, TOP_PT + tallest * LINE_PT


def _diagram(blocks: tuple[_Block, ...], k: int, ctx: _Ctx, title: str, subtitle: str | None, chart_id: str,
             with_header: bool) -> Diagram:
    """One drawing: the side cards, the blocks flowed into `k` columns, the container frame around them."""
    spec = ctx.spec
    client, team = spec.sides.client, spec.sides.team
    cards: list[Card] = [_side_card("side-client", client.name, client.description, (), "client")]
    team_units = tuple(ctx.units[u].name for u in team.units if u in ctx.units)
    cards.append(_side_card("side-team", team.name, team.description, team_units, "team"))
    for block in blocks:
        cards += [_role_card(ctx.roles[r], ctx, _role_tone(ctx.roles[r], block, ctx)) for r in block.roles]
    groups = [g for g in (_block_group(b, ctx) for b in blocks) if g is not None]
    container = ctx.container
    if container is not None:
        header = ctx.header if with_header else None
        lines = _unit_lines(container)
        header_card = None
        if header is not None:
            card = _role_card(header, ctx, tone="lead")
            # The container's own words sit on its lead's card, which heads the frame.
            desc = (Line(container.description),) if container.description else ()
            header_card = Card(id=card.id, title=card.title, tone=card.tone, lines=desc + card.lines,
                               columns=card.columns)
        # The container's own roles sit in its frame, each block of them one column.
        own = [tuple(f"role-{r}" for r in b.roles) for b in blocks if _unframed(b, ctx)]
        groups = [Group(id=f"unit-{container.id}", title=container.name, tone="lead", lines=lines,
                        header=header_card, groups=tuple(groups), cards=tuple(c for ids in own for c in ids),
                        ranks=tuple(ids for ids in own if len(ids) > 1))]
    names = ([ctx.header.title] if ctx.header and with_header else []) + [
        ctx.roles[r].title for b in blocks for r in b.roles]
    return Diagram(
        id=chart_id,
        title=title,
        subtitle=subtitle,
        description=(f"Responsibilities chart for {spec.org}: the {client.name} on the left, the {team.name} on "
                     f"the right, and each role's duties with the {client.name} and with the {team.name}, units "
                     f"coloured by the side they face. Roles: {', '.join(names)}."),
        direction="LR",
        cards=tuple(cards),
        groups=tuple(groups),
        edges=tuple(_placement(blocks, k, ctx)),
        legend=ctx.legend,
    )


def _placement(blocks: tuple[_Block, ...], k: int, ctx: _Ctx) -> list[Edge]:
    """Invisible links that put each column's blocks on one rank, in order: they draw nothing."""
    sizes = partition([_weight(b, ctx) for b in blocks], k)
    anchors = [f"role-{b.roles[0]}" for b in blocks]
    columns = columns_of(anchors, sizes)
    edges: list[Edge] = []
    before = "side-client"
    for column in columns:
        edges += [Edge(before, anchor, invisible=True) for anchor in column]
        before = column[0]
    edges.append(Edge(before, "side-team", invisible=True))
    return edges


def _best_columns(blocks: tuple[_Block, ...], ctx: _Ctx, title: str, subtitle: str | None, chart_id: str,
                  with_header: bool, enough: float = GOOD_FILL) -> tuple[int, Measured]:
    """The column count whose drawing sits best on a slide, of the few predicted to, likeliest first.

    The first that meets the rule and covers `enough` of the slide is kept; above 1, all are tried.
    """
    weights = [_weight(b, ctx) for b in blocks]
    ks = range(1, max(1, min(len(blocks), MAX_COLUMNS)) + 1)
    target = SLIDE_W / SLIDE_H  # the slide's shape, which the fill is measured against

    def predicted_fill(k: int) -> float:
        w, h = _predicted(weights, k)
        ratio = w / h
        return min(ratio / target, target / ratio)

    tries = sorted(ks, key=lambda k: (-predicted_fill(k), k))[:TRIES]
    return pick([(k, partial(_diagram, blocks, k, ctx, title, subtitle, chart_id, with_header)) for k in tries],
                enough)


def _title(ctx: _Ctx) -> str:
    return ctx.options.title or ctx.spec.title or ctx.spec.org


def _too_big(blocks: tuple[_Block, ...], ctx: _Ctx) -> bool:
    """True when the blocks' predicted area is far past what a slide can hold at readable size."""
    w, h = max_extent(get_theme("default").heading_size)
    area = sum(_weight(b, ctx) for b in blocks) * LINE_PT * COLUMN_PT
    return area > w * h  # predictions run under the drawn size (about half): this never turns away a fit


def build(spec: OrgSpec, stem: str, options: ViewOptions) -> Diagram | None:
    """The whole responsibilities chart as one drawing (a poster when dense), or None when no role lists a duty."""
    found = _context(spec, stem, options)
    if found is None:
        return None
    ctx, blocks = found
    return _best_columns(tuple(blocks), ctx, _title(ctx), spec.description, chart_id(stem, RESPONSIBILITIES),
                         True, ALL)[1].diagram


def _divide(block: _Block) -> list[_Block]:
    """A unit too tall for a slide, as two blocks: its first roles, then the rest (continued)."""
    if len(block.roles) < 2:
        return [block]
    half = (len(block.roles) + 1) // 2
    return [_Block(block.unit, block.roles[:half], block.side, block.cont),
            _Block(block.unit, block.roles[half:], block.side, True)]


def charts(spec: OrgSpec, stem: str, options: ViewOptions) -> list[Diagram]:
    """The chart whole when it meets the slide rule (or `split` is off); else one piece per group of units."""
    found = _context(spec, stem, options)
    if found is None:
        return []
    ctx, blocks = found
    title = _title(ctx)
    if not options.split or not _too_big(tuple(blocks), ctx):
        whole = _best_columns(tuple(blocks), ctx, title, spec.description, chart_id(stem, RESPONSIBILITIES), True,
                              ALL)[1]
        if whole.fit.ok or not options.split or whole.fit.readable:
            return [whole.diagram]  # fitting, or not too big: smaller pieces would only cover less of the slide
    columns: dict[tuple[_Block, ...], int] = {}

    def fits(piece: tuple[_Block, ...]) -> bool:
        if _too_big(piece, ctx):
            return False
        k, drawn = _best_columns(piece, ctx, f"{title} — 9 of 9", _names(piece, ctx), "probe", first(piece))
        columns[piece] = k
        return drawn.fit.ok

    def first(piece: tuple[_Block, ...]) -> bool:
        """Whether the piece starts the chart (it carries the header, even if its unit is cut): measured as drawn."""
        return piece[0].roles[0] == blocks[0].roles[0]

    pieces = _evened(split(blocks, fits, lambda b: _weight(b, ctx), _divide), fits)
    return [_diagram(piece, columns.get(piece, 1), ctx, f"{title} — {n} of {len(pieces)}", _names(piece, ctx),
                     chart_id(stem, RESPONSIBILITIES, n), first(piece))
            for n, piece in enumerate(pieces, start=1)]


def _evened(pieces: list[tuple[_Block, ...]], fits: Callable[[tuple[_Block, ...]], bool]) -> list[tuple[_Block, ...]]:
    """As many pieces, near-equal in role cards, when every one still fits (see `layout.split.evened`)."""
    return evened(pieces, fits, lambda block: len(block.roles), _divide, _rejoined, EVEN, MAX_SHIFTS)


def _rejoined(piece: tuple[_Block, ...]) -> tuple[_Block, ...]:
    """The piece with the parts of a unit it holds side by side drawn as one block again (one frame, not two)."""
    out: list[_Block] = []
    for block in piece:
        if out and block.cont and block.unit is not None and out[-1].unit == block.unit:
            out[-1] = _Block(block.unit, out[-1].roles + block.roles, block.side, out[-1].cont)
        else:
            out.append(block)
    return tuple(out)


def _names(piece: tuple[_Block, ...], ctx: _Ctx) -> str:
    """The units (or lone roles) a piece shows, as its subtitle."""
    names: list[str] = []
    for block in piece:
        name = ctx.units[block.unit].name if block.unit else ctx.roles[block.roles[0]].title
        if name not in names:
            names.append(name)
    return " · ".join(names)
