"""The org chart: reporting lines as a tidy tree, units framed or tagged, split into slide-sized pieces."""

from __future__ import annotations

from dataclasses import replace

from .diagram import Card, Diagram
from ..layout.fit import MIN_FILL, SlideFit, max_extent, slide_fit
from ..layout.subtrees import Piece, split
from ..layout.extents import extents, places
from ..layout.tree import LEVEL_GAP, Placed, Tree, tree_key
from ..engine.labels import title_label
from ..names import ORG, chart_id
from ..spec.models import OrgSpec, ViewOptions
from .orgparts import (CARD_WIDTH, Dress, MEASURE_THEME, MIN_PIECE_ROLES, Org, SMALLEST_PT, _ASSESSED, _Drawn, _PLACED,
                       _Sizer, _card, _diagram, _laid, _prepare, _summary, forget, org_of)

__all__ = ["build", "charts", "forget", "Dress", "Org", "org_of", "MIN_PIECE_ROLES", "SMALLEST_PT"]


def build(spec: OrgSpec, stem: str, options: ViewOptions) -> Diagram | None:
    """The whole org chart in one piece (a poster when large); None when no role reports to another."""
    found = charts(spec, stem, options.model_copy(update={"split": False}))
    return found[0] if found else None


PAD = 0.4 * 72  # the graph's pad on each side, as dot.py writes it
SAFETY = 0.98  # text predicted this much smaller: a chart predicted at the limit may be drawn a few points larger


# Stack past N reports, R cards per spine column, 1 or 2 sides; wrap the top's reports off trunks of
# K reports each (0: one trunk), with 1 or 2 sides.
Shape = tuple[int, int, int, bool, int, int]


def _shapes(options: ViewOptions) -> list[Shape]:
    """Ways to arrange reports, tried in turn: leaf spines of several sizes, the top's reports off trunks."""
    overs = sorted({options.stack, 1}, reverse=True)
    plain = [(over, rows, sides, False, 0, 2) for sides in (2, 1) for rows in (2, 3, 5, 8) for over in overs]
    wrapped = [(1, 3, 2, True, 0, 2), (1, 5, 1, True, 0, 2), (1, 8, 1, True, 0, 2), (1000, 0, 2, True, 0, 2)]
    trunks = [(over, 3, 2, True, by, sides) for over in (1000, 1)
              for by, sides in ((2, 1), (3, 1), (3, 2), (4, 2), (6, 2))]
    return [*plain, (1000, 0, 2, False, 0, 2), *wrapped, *trunks]


def _shaped(tree: Tree, shape: Shape) -> Tree:
    """The tree to place in `shape`."""
    wrap = frozenset(_heads(tree)) if shape[3] else frozenset()
    return replace(tree, stack_over=shape[0], stack_rows=shape[1], stack_sides=shape[2], wrap=wrap,
                   wrap_by=shape[4], wrap_sides=shape[5])


def _heads(tree: Tree) -> list[str]:
    """The top roles, and below each the first manager of several (a chain of one report each leads to it)."""
    heads = list(tree.roots)
    for root in tree.roots:
        node = root
        while len(tree.reports.get(node, ())) == 1:
            node = tree.reports[node][0]
        if node != root and len(tree.reports.get(node, ())) > 1:
            heads.append(node)
    return heads


class _Chooser:
    """Lays pieces out in every stacking shape and keeps the one that best fits the slide."""

    def __init__(self, org: Org, options: ViewOptions, title: str, subtitle: str, dress: Dress) -> None:
        self.org, self.options, self.dress = org, options, dress
        self.sizer = _Sizer()
        self.shapes = _shapes(options)
        self.whole = (title, subtitle)
        self.assessed: dict[tuple[tuple[str, ...], frozenset[str], int], tuple[bool, float]] = {}
        self.headings: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[float, float]] = {}  # pieces' sizes

    def heading(self, title: str, subtitle: str) -> tuple[float, float]:
        """The drawn size of a chart's title and subtitle."""
        return self.sizer.sizes({"t": title_label(title, subtitle, MEASURE_THEME, self.org.legend)})["t"]

    def piece_heading(self, piece: Piece) -> tuple[float, float]:
        """The size of the heading `piece` will carry, its place among the pieces not yet known (one digit each)."""
        if len(piece.roles) == len(self.org.roles):
            return self.heading(*self.whole)
        key = (tuple(piece.roots), tuple(piece.roles))  # all _piece_heading reads of the piece
        if key not in self.headings:
            first = 1 if piece.roots == self.org.roots else 2
            self.headings[key] = self.heading(*_piece_heading(self.org, self.options, piece, first, 2))
        return self.headings[key]

    def size(self, drawn: _Drawn, heading: tuple[float, float]) -> tuple[float, float]:
        """The chart's drawn size with its heading and padding (as the SVG will have it)."""
        x0, y0, x1, y1 = drawn.placed.bounds(drawn.sizes)
        return max(x1 - x0, heading[0] + 16) + 2 * PAD, y1 - y0 + heading[1] + 2 * PAD

    def best(self, piece: Piece, markers: dict[str, str], heading: tuple[float, float]) -> tuple[_Drawn, SlideFit]:
        """The shape that meets the slide rule with the most fill (or, failing that, the most readable)."""
        prepared = _prepare(self.org, piece, self.options, self.sizer, markers, self.dress)

        nominal = {**prepared.sizes, **prepared.tree.sizes}

        def search() -> tuple[Placed, SlideFit]:
            # The shape is chosen on nominal card sizes (names or a headcount alike), then placed as drawn.
            shaped = [_shaped(prepared.tree, shape) for shape in self.shapes]
            chosen: tuple[Tree, SlideFit] | None = None
            for tree, outline in zip(shaped, places(shaped, lines=False)):  # bounds need no lines
                drawn = _Drawn(prepared.cards, prepared.frames, outline, nominal)
                fit = slide_fit(*self.size(drawn, heading), SMALLEST_PT * SAFETY)
                if chosen is None or _better(fit, chosen[1]):
                    chosen = (tree, fit)
            assert chosen is not None
            return places([prepared.drawn(chosen[0])])[0], chosen[1]

        key = (tree_key(prepared.tree), tuple(prepared.sizes.items()), heading, tuple(self.shapes))
        placed, fit = _PLACED.get(key, search)
        return _Drawn(prepared.cards, prepared.frames, placed, prepared.sizes), fit

    def assess(self, piece: Piece) -> tuple[bool, float]:
        """Whether some shape keeps the piece's text readable on the slide, and the best fill such a shape gives."""
        key = (tuple(piece.roots), frozenset(piece.cut), len(piece.roles))
        if key in self.assessed:
            return self.assessed[key]
        markers = {r: "continues in chart 00 of 00" for r in piece.cut}
        prepared = _prepare(self.org, piece, self.options, self.sizer, markers, self.dress)
        head = self.piece_heading(piece)

        def search() -> tuple[bool, float]:
            width, height = max_extent(SMALLEST_PT)
            found = (False, 0.0)
            if sum(w * h for w, h in prepared.tree.sizes.values()) <= width * height * 0.6:  # else no shape fits
                shaped = [_shaped(prepared.tree, shape) for shape in self.shapes]
                for w, h in extents(shaped):
                    fit = slide_fit(max(w, head[0] + 16) + 2 * PAD, h + head[1] + 2 * PAD, SMALLEST_PT * SAFETY)
                    if fit.readable and fit.fill > found[1]:
                        found = (True, fit.fill)
            return found

        found = _ASSESSED.get((tree_key(prepared.tree), head, tuple(self.shapes)), search)
        self.assessed[key] = found
        return found

    def levels(self) -> int | None:
        """How many levels below its roots a readable piece can span at most (None: any the org has).

        Along the depth, a piece whose reports run L levels down holds at least L + 1 cards one
        below the other and L gaps between levels; each card is at least as deep as the role's
        card with no extra line (what `_card` adds only grows it). Past that, no shape is readable.
        """
        lr = self.options.direction == "LR"
        room = max_extent(SMALLEST_PT * SAFETY)[0 if lr else 1] - 2 * PAD
        tiny = self.sizer.sizes({"x": self.sizer.label(Card(id="role-x", title="x", width=CARD_WIDTH))})["x"]
        if _deepest(self.org) <= _most_levels(room, tiny[0 if lr else 1] / 2):
            return None  # no piece can be that deep: nothing to bound (and nothing more to measure)
        every = frozenset(self.org.units)
        labels = {r: self.sizer.label(self.dress.card(_card(self.org, role, (), every, nominal=True)))
                  for r, role in self.org.roles.items()}
        least = min(size[0 if lr else 1] for size in self.sizer.sizes(labels).values())
        return _most_levels(room, least * 0.999)


def _most_levels(room: float, card: float) -> int:
    """The most levels below the top of a piece that fit `room` points of depth, each card at least `card` deep."""
    return max(0, int((room - card) // (card + LEVEL_GAP))) + 1  # one more: float rounding never excludes a fit


def _deepest(org: Org) -> int:
    """How many levels the reporting lines run below the top roles."""
    deepest = 0
    stack = [(r, 0) for r in org.roots]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((k, depth + 1) for k in org.reports[node])
    return deepest


def _better(a: SlideFit, b: SlideFit) -> bool:
    if a.ok != b.ok:
        return a.ok
    readable_a, readable_b = a.readable, b.readable
    if readable_a != readable_b:
        return readable_a
    if a.ok:
        return a.fill > b.fill + 1e-9
    return min(a.fill / MIN_FILL, a.smallest_px / a.floor_px) > min(b.fill / MIN_FILL, b.smallest_px / b.floor_px)


def charts(spec: OrgSpec, stem: str, options: ViewOptions, dress: Dress = Dress()) -> list[Diagram]:
    """The org chart: one chart when it fits a slide (or `split` is off), else pieces along subtrees.

    `dress` changes each card and unit heading before layout, so text a caller adds is placed too.
    """
    org = org_of(spec, options)
    if org is None:
        return []
    if not dress.sides:
        org.legend = ()
    title = options.title or f"{spec.org} — reporting lines"
    summary = _summary(list(org.roles.values()))
    chooser = _Chooser(org, options, title, summary, dress)
    whole = Piece(roots=list(org.roots), roles=list(org.roles), cut=set())
    levels = chooser.levels() if options.split else None
    pieces = split(org.reports, org.assistants, whole, chooser.assess, min_roles=MIN_PIECE_ROLES, levels=levels) \
        if options.split else [whole]
    if len(pieces) == 1 and options.split:
        readable, fill = chooser.assess(whole)
        if readable and fill < MIN_FILL:
            # Readable but a strip on the slide: pieces along subtrees, kept when they fill it better on average.
            strict = split(org.reports, org.assistants, whole, chooser.assess, strict=True, min_roles=MIN_PIECE_ROLES,
                           levels=levels)
            fills = [chooser.assess(p)[1] for p in strict]
            # Never a sliver: a piece that small is better kept whole, a little short of the fill rule.
            if (len(strict) > 1 and sum(fills) / len(fills) > fill + 0.1
                    and min(len(p.roles) for p in strict) >= MIN_PIECE_ROLES):
                pieces = strict
    if len(pieces) == 1:
        drawn, dotted = _laid(chooser, pieces[0], {}, chooser.heading(title, summary))
        return [_diagram(org, drawn, chart_id(stem, ORG), title, summary, options, chooser.sizer, dotted)]
    diagrams = []
    for k, piece in enumerate(pieces, 1):
        markers = {r: f"continues in chart {_next_piece(org, pieces, k - 1, r) + 1} of {len(pieces)}"
                   for r in piece.cut}
        head, sub = _piece_heading(org, options, piece, k, len(pieces))
        drawn, dotted = _laid(chooser, piece, markers, chooser.heading(head, sub))
        diagrams.append(_diagram(org, drawn, chart_id(stem, ORG, k), head, sub, options, chooser.sizer, dotted))
    return diagrams


def _piece_heading(org: Org, options: ViewOptions, piece: Piece, k: int, count: int) -> tuple[str, str]:
    """The title and subtitle of the `k`th of `count` pieces."""
    name = _piece_name(org, piece) if k > 1 else (options.title or org.spec.org)
    sub = _summary([org.roles[r] for r in piece.roles])
    return f"{name} — {k} of {count}", f"{org.spec.org} reporting lines · {sub}"


def _next_piece(org: Org, pieces: list[Piece], index: int, role: str) -> int:
    """The first later piece that carries on from `role`: it starts with the role or one of its reports."""
    below = {role, *org.reports[role], *org.assistants[role]}
    return next(i for i in range(index + 1, len(pieces)) if below & set(pieces[i].roots))


def _piece_name(org: Org, piece: Piece) -> str:
    """What a piece shows, in words: the units (or teams) its top roles lead, first to last."""
    names = [_team_name(org, r) for r in piece.roots]
    if len(names) == 1:
        return names[0]
    if len(names) <= 3:
        return ", ".join(names[:-1]) + " and " + names[-1]
    return f"{names[0]} to {names[-1]}"


def _team_name(org: Org, role_id: str) -> str:
    """The unit a role heads (framed under it, or led by it), else '<title>'s team'."""
    for unit_id in org.unit_order:
        if org.framed[unit_id] == role_id:
            return org.units[unit_id].name
    led = [u for u in org.units.values() if u.lead == role_id]
    return led[0].name if led else f"{org.roles[role_id].title}'s team"
