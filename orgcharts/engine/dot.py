"""Diagram + Theme -> DOT text, through `dotsource` (all quoting happens there)."""

from __future__ import annotations

from .dotsource import DotGraph, escape as literal

from ..views.diagram import Card, Diagram, Edge, Group, Junction, Matrix, Node
from .labels import box_label, group_label, title_label
from ..themes import Theme

__all__ = ["to_dot", "node_id", "cluster_id", "graph_id"]


def node_id(card_id: str) -> str:
    """The DOT id of a card: its spec-derived id, never a port (no colon)."""
    return card_id.replace(":", "_")


def graph_id(diagram_id: str) -> str:
    """The DOT name of a chart, which Graphviz writes into the SVG's `<title>`: made from the spec's file
    stem, so it passes svg.safe_id (the one rule for ids from names), and no control character gets through."""
    from ..draw.svg import safe_id

    return safe_id(diagram_id)


def cluster_id(group_id: str) -> str:
    """The DOT id of a group; the `cluster_` prefix makes Graphviz draw a frame."""
    return "cluster_" + group_id.replace(":", "_")


def _html(body: str) -> str:
    # `dotsource` (as the graphviz package) passes a string wrapped in <...> through as an HTML-like label.
    return f"<{body}>"


def to_dot(diagram: Diagram, theme: Theme) -> str:
    """The DOT source of a diagram; the same diagram and theme always give the same text."""
    ids = [node_id(n.id) for n in diagram.cards]
    assert len(set(ids)) == len(ids), f"node ids collide in {diagram.id}"
    if diagram.placed is not None:
        if not _fully_placed(diagram):
            # A tool that changes a placed chart must hand its text to the layout first (views.org.Dress).
            raise ValueError(f"{diagram.id}: changed after it was placed (a card's text, or a part without a position)")
        return _placed_dot(diagram, theme)
    g = DotGraph(name=graph_id(diagram.id))
    g.attr(
        "graph",
        rankdir=diagram.direction,
        bgcolor=theme.background,
        fontname=theme.font,
        label=_html(title_label(diagram.title, diagram.subtitle, theme, diagram.legend)),
        labelloc="t",
        labeljust="l",
        compound="true",
        nodesep="0.3",
        ranksep="0.7",
        pad="0.4",
        dpi="72",
    )
    if diagram.lines == "square":
        # The view builds right angles from junction points, so straight segments suffice;
        # the junctions sit on ranks of their own, so ranks can be close together.
        g.attr("graph", splines="polyline", ranksep="0.3", nodesep="0.25")
    if diagram.keep_order:
        g.attr("graph", ordering="out")
    g.attr("node", shape="plain", fontname=theme.font, fontcolor=theme.ink)
    g.attr("edge", color=theme.edge, penwidth="2.5", arrowhead="none", fontname=theme.font)
    by_id = {node.id: node for node in diagram.cards}
    linked = {(e.tail, e.head) for e in diagram.edges}  # pairs a visible line already orders
    grouped = {cid for group in diagram.groups for cid in _card_ids(group)}
    for node in diagram.cards:
        if node.id not in grouped:
            _add_node(g, node, theme)
    for group in diagram.groups:
        _add_group(g, group, by_id, theme, diagram.direction == "LR", linked)
    _add_ranks(g, diagram.ranks, linked, reverse=False)
    for edge in diagram.edges:
        _add_edge(g, edge, theme)
    return g.source


def _add_ranks(g: DotGraph, ranks: tuple[tuple[str, ...], ...], linked: set[tuple[str, str]],
               reverse: bool) -> None:
    """Each set on one rank, in its order: invisible links order the cards no visible line already does.

    Within a rank dot puts an edge's tail first (left, or top in a left-to-right flow), except
    inside a cluster of a left-to-right flow, where it puts the head first: `reverse` says so.
    """
    for members in ranks:
        with g.subgraph() as row:
            row.attr(rank="same")
            for card_id in members:
                row.node(node_id(card_id))
        for a, b in zip(members, members[1:]):
            if (a, b) not in linked:
                tail, head = (b, a) if reverse else (a, b)
                g.edge(node_id(tail), node_id(head), style="invis")


def _card_ids(group: Group) -> list[str]:
    ids = list(group.cards)
    for child in group.groups:
        ids.extend(_card_ids(child))
    return ids


def _add_node(g: DotGraph, node: Node, theme: Theme) -> None:
    align = None if isinstance(node, Matrix) else node.align
    attrs = {"group": node_id(align)} if align else {}
    if isinstance(node, Junction):
        # Lines meet here; nothing is drawn but the lines themselves.
        g.node(node_id(node.id), label="", shape="point", width="0.01", height="0.01", color=theme.edge,
               **attrs)
    else:
        g.node(node_id(node.id), label=_html(box_label(node, theme)), **attrs)


def _add_group(
    g: DotGraph, group: Group, by_id: dict[str, Node], theme: Theme, diagram_lr: bool,
    linked: set[tuple[str, str]],
) -> None:
    with g.subgraph(name=cluster_id(group.id)) as sub:
        sub.attr(
            label=_html(group_label(group, theme)),
            labelloc="t",
            labeljust="c" if group.header else "l",
            style="rounded,filled",
            fillcolor=theme.group,
            color=theme.accent(group.tone) if group.tone != "neutral" else theme.group_border,
            penwidth="1.5",
            margin="12",
        )
        for card_id in group.cards:
            _add_node(sub, by_id[card_id], theme)
        if group.same_rank and len(group.cards) > 1:
            _add_ranks(sub, (group.cards,), linked, reverse=diagram_lr)
        _add_ranks(sub, group.ranks, linked, reverse=diagram_lr)
        # A left-to-right flow stacks sibling clusters bottom-up in the order they are written;
        # written last first, they read top-down in the diagram's order.
        for child in reversed(group.groups) if diagram_lr else group.groups:
            _add_group(sub, child, by_id, theme, diagram_lr, linked)


def _add_edge(g: DotGraph, edge: Edge, theme: Theme) -> None:
    attrs: dict[str, str] = {}
    if edge.tone != "neutral":
        attrs["color"] = theme.accent(edge.tone)
    if edge.tail_group:
        attrs["ltail"] = cluster_id(edge.tail_group)
    if edge.head_group:
        attrs["lhead"] = cluster_id(edge.head_group)
    if edge.dashed:
        attrs["style"] = "dashed"
    if edge.label:
        attrs["label"] = literal(edge.label)  # no HTML, no \N-style escapes
    if not edge.constraint:
        # Neither ranks nor positions: a dotted line must not bend the tree it crosses.
        attrs["constraint"] = "false"
        attrs["weight"] = "0"
    if edge.invisible:
        attrs["style"] = "invis"
    tail = node_id(edge.tail) + (f":{node_id(edge.tail_port)}" if edge.tail_port else "")
    head = node_id(edge.head) + (f":{node_id(edge.head_port)}" if edge.head_port else "")
    g.edge(tail, head, **attrs)


def _fully_placed(diagram: Diagram) -> bool:
    """Whether every node, frame and line carries its position (a tool may add parts that do not)."""
    def framed(groups: tuple[Group, ...]) -> bool:
        return all(g.frame is not None and framed(g.groups) for g in groups)

    nodes = all(isinstance(n, Card | Junction) and n.at is not None for n in diagram.cards)
    text = {card_id: (title, lines) for card_id, title, lines in diagram.placed_text}
    same = all(text.get(n.id) == (n.title, n.lines) for n in diagram.cards if isinstance(n, Card))
    return nodes and same and framed(diagram.groups) and all(e.route for e in diagram.edges)


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _placed_dot(diagram: Diagram, theme: Theme) -> str:
    """A diagram whose geometry orgcharts decided: Graphviz's `nop2` engine draws it where it stands.

    The drawing spans (0, 0) to `diagram.placed`; positions are written in points with y growing
    upward, as DOT wants, so Graphviz's bounding box starts at the origin. `nop2` keeps every node
    where `pos` puts it and every line on the route its `pos` spells out.
    """
    assert diagram.placed is not None
    bottom = diagram.placed[1]

    def xy(x: float, y: float) -> str:
        return f"{_num(x)},{_num(bottom - y)}"

    g = DotGraph(name=graph_id(diagram.id))
    # rankdir only records the flow (the positions already follow it); nop2 does not read it.
    g.attr("graph", layout="nop2", rankdir=diagram.direction, bgcolor=theme.background, fontname=theme.font,
           label=_html(title_label(diagram.title, diagram.subtitle, theme, diagram.legend)), labelloc="t",
           labeljust="l", pad="0.4", dpi="72")
    g.attr("node", shape="plain", fontname=theme.font, fontcolor=theme.ink)
    g.attr("edge", color=theme.edge, penwidth="2.5", arrowhead="none", fontname=theme.font)
    by_id = {node.id: node for node in diagram.cards}
    grouped = {cid for group in diagram.groups for cid in _card_ids(group)}

    def add(sub: DotGraph, node: Node) -> None:
        assert isinstance(node, Card | Junction) and node.at is not None, node.id
        pos = xy(*node.at) + "!"
        if isinstance(node, Junction):
            sub.node(node_id(node.id), label="", shape="point", width="0.01", height="0.01", color=theme.edge,
                     pos=pos)
        else:
            sub.node(node_id(node.id), label=_html(box_label(node, theme)), pos=pos)

    def frame(parent: DotGraph, group: Group) -> None:
        assert group.frame is not None, group.id
        x0, y0, x1, y1 = group.frame
        with parent.subgraph(name=cluster_id(group.id)) as sub:
            # Headings sit where the layout kept them clear of lines: top left, or top right in LR.
            sub.attr(label=_html(group_label(group, theme)), labelloc="t",
                     labeljust="r" if diagram.direction == "LR" else "l", style="rounded,filled",
                     fillcolor=theme.group,
                     color=theme.accent(group.tone) if group.tone != "neutral" else theme.group_border,
                     penwidth="1.5", bb=f"{xy(x0, y1)},{xy(x1, y0)}")
            for card_id in group.cards:
                add(sub, by_id[card_id])
            for child in group.groups:
                frame(sub, child)

    # The far corner of the drawing, so Graphviz's bounding box is the one orgcharts planned.
    g.node("_extent", label="", shape="point", style="invis", width="0.01", height="0.01",
           pos=xy(diagram.placed[0], bottom) + "!")
    for node in diagram.cards:
        if node.id not in grouped:
            add(g, node)
    for group in diagram.groups:
        frame(g, group)
    for edge in diagram.edges:
        attrs: dict[str, str] = {}
        if edge.tone != "neutral":
            attrs["color"] = theme.accent(edge.tone)
        if edge.dashed:
            attrs["style"] = "dashed"
            attrs["penwidth"] = "1.5"
        points = [xy(*p) for p in edge.route]
        # A B-spline of straight pieces: each piece's control points sit on its ends.
        spline = [points[0]] + [q for a, b in zip(points, points[1:]) for q in (a, b, b)]
        g.edge(node_id(edge.tail), node_id(edge.head), pos=" ".join(spline), **attrs)
    return g.source
