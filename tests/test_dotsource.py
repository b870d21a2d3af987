"""dotsource: DOT text byte for byte as the graphviz package writes it, for any id, value and label."""

import warnings

import graphviz
from hypothesis import given, settings
from hypothesis import strategies as st

from orgcharts.engine.dotsource import DotGraph, escape, quote

# Ids and values as views make them, and hostile ones: quotes, backslashes, markup, keywords, numbers.
_PIECES = ["a", "Z_9", "-", ".", "4", "2.5", "-.5", " ", '"', "\\", "<", ">", "<B>x</B>", "node", "Graph",
           "é", "\n", ":", "cluster_", "#", "&amp;", "\u00a0"]
TEXT = st.lists(st.sampled_from(_PIECES), max_size=8).map("".join)
ATTRS = st.dictionaries(st.sampled_from(["color", "style", "label", "pos", "group", "shape", "zz", "a_b"]), TEXT,
                        max_size=4)


def _both(build) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    ours, theirs = DotGraph(name="g"), graphviz.Digraph(name="g")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the package warns about a trailing odd backslash; the text is what counts
        build(ours, escape)
        build(theirs, graphviz.escape)
    return ours.source, theirs.source


@settings(max_examples=400, deadline=None)
@given(TEXT, TEXT, TEXT, ATTRS, ATTRS, st.booleans())
def test_statements_match_the_graphviz_package(name: str, other: str, label: str, attrs: dict[str, str],
                                               more: dict[str, str], literal: bool) -> None:
    node_attrs = {k: v for k, v in attrs.items() if k != "label"}

    def build(g, lit) -> None:  # type: ignore[no-untyped-def]
        g.attr("graph", **more)
        g.attr("node", **node_attrs)
        g.node(name, label=lit(label) if literal else label, **node_attrs)
        g.node(other)
        with g.subgraph(name="cluster_" + other) as sub:
            sub.attr(**more)
            sub.node(name, label=label)
            with sub.subgraph() as row:
                row.attr(rank="same")
                row.node(other)
        g.edge(name.replace(":", "_"), other.replace(":", "_") + ":p", **node_attrs)
        g.edge(name.replace(":", "_"), other.replace(":", "_"), label=lit(label), style="invis")

    ours, theirs = _both(build)
    assert ours == theirs


def test_quote_reads_html_only_when_not_marked_literal() -> None:
    assert quote("<<B>x</B>>") == "<<B>x</B>>"
    assert quote(escape("<<B>x</B>>")) == '"<<B>x</B>>"'
    assert quote('a "b"') == '"a \\"b\\""'
    assert quote("strict") == '"strict"' and quote("x1") == "x1"
