"""svg: accessible title and description, no comments, still valid XML."""

from xml.etree import ElementTree

from orgcharts.render import render
from orgcharts.svg import finish_svg

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
