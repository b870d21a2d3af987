"""deck: a 16:9 deck, a titled slide per chart, SVG linked beside its PNG fallback, same bytes each time."""

import io
import zipfile

from pptx import Presentation
from pptx.oxml.ns import qn

from orgcharts.draw.pptx.deck import SLIDE_H, SLIDE_W, SVG_EXT_URI, Slide, build_deck
from orgcharts.engine.render import render

SVG_BLIP = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"


def slides() -> list[Slide]:
    out = []
    for title, dot in (("Who owns what", "digraph { a -> b }"), ("Reporting lines", "digraph { rankdir=LR; x -> y -> z }")):
        drawn = render(dot, ["svg", "png"])
        out.append(Slide(title, drawn["svg"], drawn["png"]))
    return out


def test_one_titled_slide_per_chart_on_a_16_9_deck() -> None:
    deck = Presentation(io.BytesIO(build_deck("Acme", slides())))
    assert (deck.slide_width, deck.slide_height) == (SLIDE_W, SLIDE_H) == (12192000, 6858000)
    assert [s.shapes.title.text for s in deck.slides] == ["Who owns what", "Reporting lines"]
    assert deck.core_properties.title == "Acme"
    for slide in deck.slides:
        (picture,) = [s for s in slide.shapes if s.shape_type == 13]  # PICTURE
        assert picture.image.content_type == "image/png"
        assert 0 <= picture.left and picture.left + picture.width <= SLIDE_W
        assert picture.top >= slide.shapes.title.top + slide.shapes.title.height
        assert picture.top + picture.height <= SLIDE_H


def test_each_picture_links_its_svg_the_way_powerpoint_does() -> None:
    data = build_deck("Acme", slides())
    deck = Presentation(io.BytesIO(data))
    for slide in deck.slides:
        (picture,) = [s for s in slide.shapes if s.shape_type == 13]
        blip = picture._element.blipFill.find(qn("a:blip"))
        ext = blip.find(qn("a:extLst")).find(qn("a:ext"))
        assert ext.get("uri") == SVG_EXT_URI
        rid = ext.find(SVG_BLIP).get(qn("r:embed"))
        part = slide.part.related_part(rid)
        assert part.content_type == "image/svg+xml" and part.blob.startswith(b"<?xml")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        types = package.read("[Content_Types].xml").decode()
        assert types.count('ContentType="image/svg+xml"') == 2


def test_same_charts_same_deck_bytes() -> None:
    charts = slides()
    first = build_deck("Acme", charts)
    assert build_deck("Acme", charts) == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_the_extended_properties_say_what_the_deck_holds() -> None:
    from lxml import etree

    charts = slides()
    charts[1] = Slide('R&D <"core"> team', charts[1].svg, charts[1].png)
    with zipfile.ZipFile(io.BytesIO(build_deck("Acme", charts))) as package:
        app = etree.fromstring(package.read("docProps/app.xml"))
    ep = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    vt = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"
    assert app.findtext(f"{ep}Application") == "orgcharts"
    assert app.findtext(f"{ep}PresentationFormat") == "Widescreen"
    assert app.findtext(f"{ep}Slides") == "2"
    titles = [e.text for e in app.iter(f"{vt}lpstr")]
    assert titles[-3:] == ["Office Theme", "Who owns what", 'R&D <"core"> team']
