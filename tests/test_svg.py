"""svg: accessible title and description, no comments, still valid XML."""

import re
from xml.etree import ElementTree

from hypothesis import given, settings
from hypothesis import strategies as st

from orgcharts.engine.render import render
from orgcharts.draw.svg import finish_svg, prefix_ids

NS = "{http://www.w3.org/2000/svg}"


def test_finished_svg_is_accessible_and_parses() -> None:
    raw = render('digraph g { a -> b }', ["svg"])["svg"]
    assert b"<!--" in raw
    svg = finish_svg(raw, 'Client <Services> & "co"', "Who owns what")
    assert b"<!--" not in svg
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-label") == 'Client <Services> & "co"'
    assert root.get("viewBox")
    assert root[0].tag == f"{NS}title" and root[0].text == 'Client <Services> & "co"'
    assert root[1].tag == f"{NS}desc" and root[1].text == "Who owns what"


def test_ids_are_prefixed_per_chart_so_inlined_charts_do_not_collide() -> None:
    raw = render('digraph g { subgraph cluster_a { a } a -> b }', ["svg"])["svg"]
    first = finish_svg(raw, "A", "a", "acme-org")
    second = finish_svg(raw, "B", "b", "acme-raci")
    a = {e.get("id") for e in ElementTree.fromstring(first).iter() if e.get("id")}
    b = {e.get("id") for e in ElementTree.fromstring(second).iter() if e.get("id")}
    assert a and b and not a & b
    assert all(i.startswith("acme-org-") for i in a)


def test_styling_is_presentation_attributes_not_css() -> None:
    """Office ignores much CSS in SVG; Graphviz writes fill, stroke and font-* as attributes."""
    raw = render('digraph g { a [label=<<I>x</I> <B>y</B>> fontcolor="#C2410C"] }', ["svg"])["svg"]
    root = ElementTree.fromstring(raw)
    assert not [e for e in root.iter() if e.tag == f"{NS}style"]
    assert not [e for e in root.iter() if "style" in e.attrib or "class" in e.attrib and e.tag == f"{NS}text"]
    texts = [e for e in root.iter() if e.tag == f"{NS}text"]
    assert {t.get("font-style") for t in texts} >= {"italic"} and {t.get("font-weight") for t in texts} >= {"bold"}


def _prefix_tag_by_tag(svg: bytes, prefix: str) -> bytes:
    """prefix_ids as it is defined: every start tag (`<name` to its first `>`), attribute by attribute."""
    tag = prefix.encode() + b"-"

    def attr(m: re.Match[bytes]) -> bytes:
        name, value = m.group(1), m.group(2)
        if name.endswith(b' id="'):
            value = tag + value
        elif name.endswith(b'href="'):
            value = b"#" + tag + value[1:] if value.startswith(b"#") else value
        else:
            value = re.sub(rb"url\(#([^)]+)\)", lambda u: b"url(#" + tag + u.group(1) + b")", value)
        return name + value + b'"'

    attrs = re.compile(rb'(\s(?:id|href|xlink:href|fill|stroke|clip-path|mask|filter|'
                       rb'marker-start|marker-mid|marker-end|style)=")([^"]*)"')
    return re.sub(rb"<[A-Za-z][^>]*>", lambda t: attrs.sub(attr, t.group(0)), svg)


# Pieces of tags, text, comments and references, run together in any order.
_PIECES = [b"<", b">", b"<g", b"<a", b"</g>", b"<1", b' id="', b'\nid="', b'id="', b'"', b' href="', b' xlink:href="#',
           b"#", b"url(#", b")", b' fill="', b' style="', b"x", b"node1", b" ", b"<!-- ", b" -->", b"'",
           b' stroke="url(#g)"', b"<text>", b"</text>"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_prefixing_only_the_tags_with_references_changes_what_tag_by_tag_would(pieces: list[bytes]) -> None:
    svg = b"".join(pieces)
    assert prefix_ids(svg, "p") == _prefix_tag_by_tag(svg, "p")


def test_prefixing_a_drawn_chart_changes_what_tag_by_tag_would() -> None:
    raw = render('digraph g { subgraph cluster_a { a [URL="#x" label=<<b>see id="a"</b>>] } a -> b [id="e"] }',
                 ["svg"])["svg"]
    assert prefix_ids(raw, "acme") == _prefix_tag_by_tag(raw, "acme") != raw
