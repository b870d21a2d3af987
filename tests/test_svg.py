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
