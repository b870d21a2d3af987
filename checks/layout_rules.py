"""The layout rules, each a function from a measured drawing to the violations it finds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from checks.geometry import Box, Grid, Segment, collinear_overlap, proper_crossing, segment_enters_box, union
from checks.svggeom import Drawing, EdgeLine, Element, Text
from checks.textmetrics import text_box
from orgcharts.layout.fit import MIN_FILL, current_rule, slide_fill

__all__ = ["Violation", "SlideFit", "RULES", "text_overflow", "cards", "headings", "solid_not_square",
           "lines_through_cards", "lines_through_headings", "solid_crossings", "dotted_along_solid",
           "sibling_order", "missing_lines", "curves", "slide_fit", "slide_violations", "drawn_lines",
           "role_cards", "slivers", "PENDING", "KNOWN", "MIN_PIECE_CARDS", "MIN_FILL"]

MIN_PIECE_CARDS = 4  # role cards: a view is split only because it is dense, so no piece may be a sliver
TEXT_TOL = 1.0  # points a text may pass its box's edge (glyph advances differ by fractions of a point)
AXIS_TOL = 0.5  # points off horizontal or vertical that still count as straight
CARD_INSET = 1.5  # points: lines end on a card's border; only deeper counts as entering it
POINT_SIZE = 3.0  # points: a node no larger than this either way is a junction or a drawn bar, not a card
CROSS_MARGIN = 1.0  # points from any end: closer is touching at a junction, not crossing
ALONG_TOL = 1.5  # points apart for two lines to run along each other
ALONG_MIN = 3.0  # points of common run before it counts

# Rule codes, in the order the table lists them, with a short column name.
RULES: dict[str, str] = {
    "render": "render failed or timed out",
    "spec": "spec does not load",
    "graphviz": "Graphviz warned while drawing (a lost edge, an ignored cluster)",
    "text": "text runs past its box",
    "square": "a reporting line is not horizontal and vertical segments",
    "card": "a solid line enters a card",
    "heading": "a solid line enters a unit heading",
    "cross": "two solid lines cross or run along each other",
    "order": "siblings out of spec order",
    "missing": "a reporting or dotted line of the spec is not drawn",
    "dot-card": "a dotted line crosses a card",
    "dot-heading": "a dotted line crosses a unit heading",
    "dot-along": "a dotted line runs along a solid line",
    "dot-cross": "a dotted line crosses a reporting line",
    "dot-merge": "two dotted lines run along each other, so neither can be followed",
    "join": "one straight run of line touches two cards that are not manager and report",
    "stable": "the arrangement changes when names stand in for a headcount (or the other way)",
    "raci-piece": "a RACI piece of one activity, or a RACI cut into more than 3 pieces",
    "curve": "a curved line",
    "fill": "covers less than 70% of a 16:9 slide",
    "small": "smallest text under 9 px in its box on a 1920x1080 slide",
    "sliver": "a piece of a split org chart holds fewer than 4 role cards",
    "balance": "a responsibilities piece holds fewer than half the role cards of its siblings (median)",
}

# Rules measured and reported in the table but not yet failing the check (none: `stable` fails since the
# chooser decides shapes on nominal card sizes, views/orgparts.STAND_IN; `join` since stubs are staggered).
PENDING: frozenset[str] = frozenset()

# Single charts known to break a rule, each open work named here (chart file name, direction, rule): the
# check reports them and does not fail on them, and fails when one of them passes (take it off the list),
# so the list only shrinks. Every other chart must pass every rule.
_LR_FILL = (
    "an LR split leaves a near-square last piece: the split along subtrees does not yet weigh each "
    "piece's fill (views/org.py, issue 18)"
)
_SMALL = (
    "the shape is chosen on nominal cards (views/orgparts.STAND_IN); drawn cards a little wider take the "
    "text just under the floor in the deck's chart box (issue 18)"
)
_STABLE = (
    "names and a headcount still choose different shapes here (issue 18)"
)
_BALANCE = (
    "a piece of one unit beside fuller ones: the even recut cannot move a whole unit without breaking the "
    "slide rule (views/responsibilities.py, issue 18)"
)
_DCROSS = (
    "a dotted line meets a reporting line where a bus ends: layout/route.crossings does not count it, the "
    "check does (issue 18)"
)
KNOWN: dict[tuple[str, str, str], str] = {
    ("product-company-org-2", "LR", "fill"): _LR_FILL,
    ("generated-tree-50-org-3", "LR", "fill"): _LR_FILL,
    ("generated-tree-300-org-3", "LR", "fill"): _LR_FILL,
    ("generated-tree-1000-org-20", "LR", "small"): _SMALL,
    ("football-backroom-org-2", "LR", "small"): _SMALL,
    ("generated-matrix-300-org-8", "LR", "stable"): _STABLE,
    ("generated-matrix-1000-org-26", "LR", "stable"): _STABLE,
    ("hospital-ward-responsibilities-3", "-", "balance"): _BALANCE,
    ("generated-matrix-100-responsibilities-1", "-", "balance"): _BALANCE,
    ("generated-matrix-100-responsibilities-2", "-", "balance"): _BALANCE,
    ("generated-matrix-1000-responsibilities-11", "-", "balance"): _BALANCE,
    ("generated-matrix-1000-responsibilities-14", "-", "balance"): _BALANCE,
    ("generated-tree-1000-org-5", "TB", "dot-cross"): _DCROSS,
}


@dataclass(frozen=True)
class Violation:
    """One broken rule: its code, what is wrong, and the DOT ids of the elements involved."""

    rule: str
    message: str
    ids: tuple[str, ...] = ()


def _innermost(shapes: Sequence[Box], x: float, y: float) -> Box | None:
    inside = [b for b in shapes if b.contains((x, y), 0.01)]
    return min(inside, key=lambda b: b.area) if inside else None


def _texts_in_boxes(texts: Sequence[Text], shapes: Sequence[Box], fallback: Box, owner: str) -> list[Violation]:
    found = []
    for text in texts:
        if not text.text.strip():
            continue
        drawn = text_box(text)
        probe_y = text.y - 0.3 * text.size  # inside the letters, above the baseline
        probe_x = {"start": drawn.x0 + 0.5, "end": drawn.x1 - 0.5}.get(text.anchor, text.x)
        box = _innermost(shapes, probe_x, probe_y) or fallback
        across = max(box.x0 - drawn.x0, drawn.x1 - box.x1)
        down = max(box.y0 - drawn.y0, drawn.y1 - box.y1)
        if max(across, down) > TEXT_TOL:
            way = "across" if across >= down else "up or down"
            over = max(across, down)
            found.append(Violation("text", f"'{text.text}' runs {over:.1f} pt past its box ({way})", (owner,)))
    return found


def text_overflow(d: Drawing) -> list[Violation]:
    """Texts wider than the innermost shape (cell, card or frame) around their anchor."""
    found = _texts_in_boxes(d.texts, [d.background], d.background, "graph")
    for item in [*d.nodes.values(), *d.clusters.values()]:
        shapes = [s.box for s in item.shapes]
        fallback = item.box or d.background
        found += _texts_in_boxes(item.texts, shapes, fallback, item.title)
    return found


def cards(d: Drawing) -> dict[str, Box]:
    """The boxes of nodes larger than a junction point (both ways), by DOT id."""
    found = {}
    for title, node in d.nodes.items():
        box = node.box
        if box is not None and box.width > POINT_SIZE and box.height > POINT_SIZE:
            found[title] = box
    return found


def headings(d: Drawing) -> dict[str, Box]:
    """The text box of each unit frame's heading (all its label lines), by cluster id."""
    found = {}
    for title, cluster in d.clusters.items():
        box = union(text_box(t) for t in cluster.texts if t.text.strip())
        if box is not None:
            found[title] = box
    return found


def role_cards(d: Drawing) -> list[str]:
    """The DOT ids of the role cards drawn (nodes `role-<id>` larger than a junction)."""
    return [title for title in cards(d) if title.startswith("role-")]


def slivers(d: Drawing, pieces: int, minimum: int = MIN_PIECE_CARDS) -> list[Violation]:
    """A piece of a view split into `pieces` charts that holds fewer than `minimum` role cards."""
    held = role_cards(d)
    if pieces < 2 or len(held) >= minimum:
        return []
    return [Violation("sliver", f"one of {pieces} pieces holds only {len(held)} role cards (at least {minimum})",
                      tuple(held))]


def drawn_lines(d: Drawing) -> list[EdgeLine]:
    """The edges that draw something."""
    return [e for e in d.edges if e.segments]


def solid_not_square(d: Drawing) -> list[Violation]:
    """Solid lines with a diagonal or curved piece."""
    found = []
    for edge in drawn_lines(d):
        if edge.dashed:
            continue
        slanted = [s for s in edge.segments if s.length > AXIS_TOL and not s.is_axis_aligned(AXIS_TOL)]
        if slanted or edge.curves:
            found.append(Violation("square", f"{len(slanted)} diagonal and {edge.curves} curved pieces",
                                   (edge.title,)))
    return found


def _through(d: Drawing, boxes: dict[str, Box], dashed: bool, inset: float, rule: str,
             skip_ends: bool) -> list[Violation]:
    index: Grid[str] = Grid()
    for title, box in boxes.items():
        index.add(box, title)
    found = []
    for edge in drawn_lines(d):
        if edge.dashed != dashed:
            continue
        # A line into a port ends inside its node (on a cell of a grid): that node is not crossed.
        exempt = {end for end, port in ((edge.tail, edge.tail_port), (edge.head, edge.head_port))
                  if port and skip_ends}
        hit: list[str] = []
        for seg in edge.segments:
            for box, title in index.near(seg.box):
                if title not in exempt and title not in hit and segment_enters_box(seg, box.shrunk(inset)):
                    hit.append(title)
        found += [Violation(rule, f"line {edge.title} goes through {title}", (edge.title, title)) for title in hit]
    return found


def lines_through_cards(d: Drawing, dashed: bool = False) -> list[Violation]:
    """Solid (or dotted) lines entering a card's interior; a line ends on its card's border."""
    return _through(d, cards(d), dashed, CARD_INSET, "dot-card" if dashed else "card", skip_ends=True)


def lines_through_headings(d: Drawing, dashed: bool = False) -> list[Violation]:
    """Solid (or dotted) lines entering the text box of a unit's heading."""
    return _through(d, headings(d), dashed, AXIS_TOL, "dot-heading" if dashed else "heading", skip_ends=False)


def _segments(d: Drawing, dashed: bool) -> list[tuple[Segment, str]]:
    return [(s, e.title) for e in drawn_lines(d) if e.dashed == dashed for s in e.segments if s.length > 0]


def solid_crossings(d: Drawing) -> list[Violation]:
    """Pairs of solid lines that cross (not at a shared end) or run along each other."""
    index: Grid[tuple[Segment, str]] = Grid()
    found: list[Violation] = []
    seen: set[tuple[str, str]] = set()
    for seg, title in _segments(d, dashed=False):
        for _, (other, other_title) in index.near(seg.box):
            pair = (other_title, title)
            if other_title == title or pair in seen:
                continue
            point = proper_crossing(seg, other, CROSS_MARGIN)
            if point is not None:
                seen.add(pair)
                found.append(Violation("cross", f"{title} crosses {other_title} at ({point[0]:.0f}, {point[1]:.0f})",
                                       pair))
            elif collinear_overlap(seg, other, ALONG_TOL) > ALONG_MIN:
                seen.add(pair)
                found.append(Violation("cross", f"{title} runs along {other_title}", pair))
        index.add(seg.box, (seg, title))
    return found


def dotted_along_solid(d: Drawing) -> list[Violation]:
    """Dotted lines that run along a solid line, where the two cannot be told apart."""
    index: Grid[tuple[Segment, str]] = Grid()
    for seg, title in _segments(d, dashed=False):
        index.add(seg.box, (seg, title))
    found = []
    seen: set[tuple[str, str]] = set()
    for seg, title in _segments(d, dashed=True):
        grown = Box(seg.box.x0 - ALONG_TOL, seg.box.y0 - ALONG_TOL, seg.box.x1 + ALONG_TOL, seg.box.y1 + ALONG_TOL)
        for _, (solid, solid_title) in index.near(grown):
            run = max(collinear_overlap(seg, solid, ALONG_TOL), collinear_overlap(solid, seg, ALONG_TOL))
            if run > ALONG_MIN and (title, solid_title) not in seen:
                seen.add((title, solid_title))
                found.append(Violation("dot-along", f"{title} runs {run:.0f} pt along {solid_title}",
                                       (title, solid_title)))
    return found


def sibling_order(d: Drawing, families: Sequence[tuple[str, Sequence[str]]], lr: bool) -> tuple[list[Violation], int]:
    """Siblings drawn out of spec order (left to right, or top to bottom in LR); and how many have no card here.

    `families` holds (manager node id, report node ids in spec order).
    """
    found = []
    skipped = 0
    for manager, children in families:
        placed: list[tuple[str, tuple[float, float]]] = []
        for child in children:
            node: Element | None = d.nodes.get(child)
            box = node.box if node is not None else None
            if box is None:
                skipped += 1
                continue
            x, y = box.centre
            placed.append((child, (y, x) if lr else (x, y)))
        for (a, pa), (b, pb) in zip(placed, placed[1:]):
            after = pb[0] > pa[0] + 1 or (abs(pb[0] - pa[0]) <= 1 and pb[1] > pa[1])
            if not after:
                found.append(Violation("order", f"under {manager}: {b} is drawn before {a}", (manager, a, b)))
    return found, skipped


def _linked(d: Drawing, dashed: bool) -> dict[str, set[str]]:
    """Which nodes each node's drawn lines (of one kind) reach directly, both ways."""
    links: dict[str, set[str]] = {}
    for edge in drawn_lines(d):
        if edge.dashed == dashed:
            links.setdefault(edge.tail, set()).add(edge.head)
            links.setdefault(edge.head, set()).add(edge.tail)
    return links


def _reaches(links: dict[str, set[str]], start: str, goal: str, cards: dict[str, Box]) -> bool:
    """Whether a line runs from start to goal, passing through junctions only (never through a card)."""
    seen, todo = {start}, [start]
    while todo:
        here = todo.pop()
        for nxt in links.get(here, ()):
            if nxt == goal:
                return True
            if nxt not in seen and nxt not in cards:
                seen.add(nxt)
                todo.append(nxt)
    return False


def missing_lines(d: Drawing, reporting: Sequence[tuple[str, str]],
                  dotted: Sequence[tuple[str, str]]) -> tuple[list[Violation], int]:
    """Reporting lines (solid) and dotted lines of the spec with no line drawn between the two cards.

    Pairs are (manager node id, report node id); a pair not both drawn as cards is skipped, and counted,
    except a dotted line whose report is drawn here and its manager not (on another piece of a split
    chart): that one is missing too unless the report's card says it (see checks/layout._said_instead).
    """
    boxes = cards(d)
    found = []
    skipped = 0
    for kind, pairs, dashed in (("reporting", reporting, False), ("dotted", dotted, True)):
        links = _linked(d, dashed)
        for boss, role in pairs:
            if dashed and role in boxes and boss not in boxes:
                found.append(Violation("missing", f"no dotted line from {boss} to {role} (not on this chart)",
                                       (boss, role)))
            elif boss not in boxes or role not in boxes:
                skipped += 1
            elif not _reaches(links, boss, role, boxes):
                found.append(Violation("missing", f"no {kind} line from {boss} to {role}", (boss, role)))
    return found, skipped


def curves(d: Drawing) -> list[Violation]:
    """Lines with a curved piece."""
    return [Violation("curve", f"{e.curves} curved pieces", (e.title,)) for e in drawn_lines(d) if e.curves]


@dataclass(frozen=True)
class SlideFit:
    """How a chart sits in its box on a 1920x1080 slide (orgcharts' rule, layout/fit.py), fitted undistorted."""

    scale: float
    fill: float  # share of the slide the chart covers
    smallest_px: float | None  # the smallest text's size on the slide; None without text


def _all_texts(d: Drawing) -> list[Text]:
    items: list[Element] = [*d.nodes.values(), *d.clusters.values()]
    texts = [*d.texts, *(t for e in items for t in e.texts), *(t for e in d.edges for t in e.texts)]
    return [t for t in texts if t.text.strip()]


def slide_fit(d: Drawing) -> SlideFit:
    """The fit scale, the share of the slide covered and the smallest text in px."""
    if d.width <= 0 or d.height <= 0:
        return SlideFit(0.0, 0.0, None)
    rule = current_rule()
    scale = min(rule.width / d.width, rule.height / d.height)  # in the chart's box on the slide
    fill = slide_fill(d.width, d.height)
    sizes = [t.size for t in _all_texts(d)]
    return SlideFit(scale, fill, min(sizes) * scale if sizes else None)


def slide_violations(fit: SlideFit) -> list[Violation]:
    """A chart that covers too little of the slide, or whose smallest text is too small on it."""
    found = []
    if fit.fill < MIN_FILL:
        found.append(Violation("fill", f"covers {fit.fill:.0%} of the slide (needs {MIN_FILL:.0%})"))
    floor = current_rule().min_text_px
    if fit.smallest_px is not None and fit.smallest_px < floor:
        found.append(Violation("small", f"smallest text {fit.smallest_px:.1f} px (needs {floor:g})"))
    return found
