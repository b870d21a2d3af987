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
