"""Diagram + Theme -> DOT text, through the `graphviz` package (all quoting happens there)."""

from __future__ import annotations

import graphviz

from .diagram import Card, Diagram, Edge, Group
from .labels import card_label, group_label, title_label
from .themes import Theme

__all__ = ["to_dot", "node_id", "cluster_id"]


def node_id(card_id: str) -> str:
    """The DOT id of a card: its spec-derived id, never a port (no colon)."""
    return card_id.replace(":", "_")


def cluster_id(group_id: str) -> str:
    """The DOT id of a group; the `cluster_` prefix makes Graphviz draw a frame."""
    return "cluster_" + group_id.replace(":", "_")


def _html(body: str) -> str:
    # The graphviz package passes a string wrapped in <...> through as an HTML-like label.
    return f"<{body}>"


def to_dot(diagram: Diagram, theme: Theme) -> str:
    """The DOT source of a diagram; the same diagram and theme always give the same text."""
    g = graphviz.Digraph(name=node_id(diagram.id))
    g.attr(
        "graph",
        rankdir=diagram.direction,
        bgcolor=theme.background,
        fontname=theme.font,
        label=_html(title_label(diagram.title, diagram.subtitle, theme)),
        labelloc="t",
        labeljust="l",
        compound="true",
        nodesep="0.3",
        ranksep="0.7",
        pad="0.4",
        dpi="72",
    )
    g.attr("node", shape="plain", fontname=theme.font, fontcolor=theme.ink)
    g.attr("edge", color=theme.edge, penwidth="2.5", arrowhead="none", fontname=theme.font)
    by_id = {card.id: card for card in diagram.cards}
    grouped = {cid for group in diagram.groups for cid in _card_ids(group)}
    for card in diagram.cards:
        if card.id not in grouped:
            _add_card(g, card, theme)
    for group in diagram.groups:
        _add_group(g, group, by_id, theme, diagram.direction == "LR")
    for edge in diagram.edges:
        _add_edge(g, edge, theme)
    return g.source


def _card_ids(group: Group) -> list[str]:
    ids = list(group.cards)
    for child in group.groups:
        ids.extend(_card_ids(child))
    return ids


def _add_card(g: graphviz.Digraph, card: Card, theme: Theme) -> None:
    g.node(node_id(card.id), label=_html(card_label(card, theme)))


def _add_group(
    g: graphviz.Digraph, group: Group, by_id: dict[str, Card], theme: Theme, diagram_lr: bool
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
            _add_card(sub, by_id[card_id], theme)
        if group.same_rank and len(group.cards) > 1:
            with sub.subgraph() as row:
                row.attr(rank="same")
                for card_id in group.cards:
                    row.node(node_id(card_id))
            # Invisible links keep the cards in the order the spec gives; within a rank, dot
            # stacks an edge's head above its tail when the flow runs left to right.
            for a, b in zip(group.cards, group.cards[1:]):
                tail, head = (b, a) if diagram_lr else (a, b)
                sub.edge(node_id(tail), node_id(head), style="invis")
        for child in group.groups:
            _add_group(sub, child, by_id, theme, diagram_lr)


def _add_edge(g: graphviz.Digraph, edge: Edge, theme: Theme) -> None:
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
        attrs["label"] = graphviz.escape(edge.label)  # no HTML, no \N-style escapes
    g.edge(node_id(edge.tail), node_id(edge.head), **attrs)
