"""Two diagrams drawn as one: before and after next to each other, every id kept apart by a prefix."""

from __future__ import annotations

from dataclasses import replace

from ...views.diagram import Card, Diagram, Edge, Group, Junction, Node, Point, Rect
from ...engine.labels import group_label
from ...layout.measure import label_sizes
from ...themes import get_theme

__all__ = ["prefixed", "side_by_side", "shifted"]

PAD = 12.0  # points between a half's frame and what it holds
GAP = 36.0  # points between the two halves


def _node(node: Node, p: str) -> Node:
    if isinstance(node, Card):
        return _card(node, p)
    if isinstance(node, Junction):
        return replace(node, id=p + node.id, align=p + node.align if node.align else None)
    return replace(node, id=p + node.id)


def _card(card: Card, p: str) -> Card:
    return replace(card, id=p + card.id, align=p + card.align if card.align else None)


def _group(group: Group, p: str) -> Group:
    return replace(group, id=p + group.id, cards=tuple(p + c for c in group.cards),
                   groups=tuple(_group(g, p) for g in group.groups),
                   ranks=tuple(tuple(p + c for c in rank) for rank in group.ranks),
                   header=_card(group.header, p) if group.header else None)


def _edge(edge: Edge, p: str) -> Edge:
    def opt(value: str | None) -> str | None:
        return p + value if value else None

    return replace(edge, tail=p + edge.tail, head=p + edge.head, tail_group=opt(edge.tail_group),
                   head_group=opt(edge.head_group), tail_port=opt(edge.tail_port), head_port=opt(edge.head_port))


def prefixed(diagram: Diagram, prefix: str) -> Diagram:
    """The diagram with `prefix` before every card, group and port id."""
    return replace(diagram, cards=tuple(_node(c, prefix) for c in diagram.cards),
                   groups=tuple(_group(g, prefix) for g in diagram.groups),
                   edges=tuple(_edge(e, prefix) for e in diagram.edges),
                   ranks=tuple(tuple(prefix + c for c in rank) for rank in diagram.ranks),
                   placed_text=tuple((prefix + c, title, lines) for c, title, lines in diagram.placed_text))


def _grouped(group: Group) -> set[str]:
    found = set(group.cards)
    for child in group.groups:
        found |= _grouped(child)
    return found


def _frame(diagram: Diagram, gid: str, title: str) -> Group:
    inside = set().union(*(_grouped(g) for g in diagram.groups)) if diagram.groups else set()
    loose = tuple(c.id for c in diagram.cards if c.id not in inside)
    return Group(id=gid, title=title, cards=loose, groups=diagram.groups, ranks=diagram.ranks)


def shifted(diagram: Diagram, dx: float, dy: float) -> Diagram:
    """A placed diagram moved by (dx, dy): its cards, junctions, frames and lines."""
    def at(p: Point | None) -> Point | None:
        return (p[0] + dx, p[1] + dy) if p is not None else None

    def rect(r: Rect | None) -> Rect | None:
        return (r[0] + dx, r[1] + dy, r[2] + dx, r[3] + dy) if r is not None else None

    def group(g: Group) -> Group:
        return replace(g, frame=rect(g.frame), groups=tuple(group(c) for c in g.groups))

    cards = tuple(replace(n, at=at(n.at)) if isinstance(n, Card | Junction) else n for n in diagram.cards)
    edges = tuple(replace(e, route=tuple((x + dx, y + dy) for x, y in e.route)) for e in diagram.edges)
    return replace(diagram, cards=cards, groups=tuple(group(g) for g in diagram.groups), edges=edges)


def _placed_side_by_side(b: Diagram, a: Diagram, base: Diagram) -> Diagram:
    """Two placed halves set side by side, each in a frame headed Before or After: placed too."""
    assert b.placed is not None and a.placed is not None
    heads = {gid: Group(id=gid, title=title) for gid, title in (("before", "Before"), ("after", "After"))}
    sizes = label_sizes({gid: group_label(g, get_theme("default")) for gid, g in heads.items()})
    top = PAD + max(h for _, h in sizes.values()) + 6
    (bw, bh), (aw, ah) = b.placed, a.placed
    left = shifted(b, PAD, top)
    x = bw + 2 * PAD + GAP
    right = shifted(a, x + PAD, top)
    height = top + max(bh, ah) + PAD
    frames = {"before": (0.0, 0.0, bw + 2 * PAD, height), "after": (x, 0.0, x + aw + 2 * PAD, height)}
    groups = tuple(replace(_frame(d, gid, heads[gid].title), frame=frames[gid])
                   for gid, d in (("before", left), ("after", right)))
    return replace(base, cards=left.cards + right.cards, edges=left.edges + right.edges, ranks=(), groups=groups,
                   placed=(x + aw + 2 * PAD, height), placed_text=left.placed_text + right.placed_text)


def side_by_side(before: Diagram, after: Diagram, base: Diagram) -> Diagram:
    """One diagram holding `before` on the left and `after` on the right, titled like `base`.

    Two placed diagrams (org charts) stay placed, each half where its layout put it.
    """
    b, a = prefixed(before, "before-"), prefixed(after, "after-")
    if b.placed is not None and a.placed is not None:
        return _placed_side_by_side(b, a, base)
    edges = list(b.edges + a.edges)
    if after.direction == "LR":
        # Left to right, a line from the end of one to the start of the other sets them side by side.
        tails = {e.tail for e in b.edges if not e.invisible}
        heads = {e.head for e in a.edges if not e.invisible}
        sink = next((c.id for c in b.cards if c.id not in tails and isinstance(c, Card)), None)
        source = next((c.id for c in a.cards if c.id not in heads and isinstance(c, Card)), None)
        if sink and source:
            edges.append(Edge(sink, source, invisible=True))
    return replace(base, cards=b.cards + a.cards, edges=tuple(edges), ranks=(),
                   groups=(_frame(b, "before", "Before"), _frame(a, "after", "After")))
