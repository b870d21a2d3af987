"""Deck text people edit and present: Arial, one paragraph per duty with hanging bullets, no auto-fit,
titles like the charts', slide numbers, speaker notes, and decks rendered into a third-party template."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.shapes.picture import CT_Picture
from pptx.util import Emu, Pt

from orgcharts.draw.pptx.deck import Slide, build_deck
from orgcharts.draw.pptx.template import open_template, template_colours, title_layout
from orgcharts.draw.pptx.typeface import DECK_FONT, box_height, deck_font, wrap_measured
from orgcharts.views.diagram import Card
from orgcharts.themes import get_theme

from .test_deck_native import _all, _deck, charts, deck_bytes

A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _texts(slide: object) -> list[object]:
    """The shapes with text the deck wrote (the slide number is the layout's placeholder's)."""
    return [s for s in _all(slide.shapes) if s.has_text_frame and s.text_frame.text  # type: ignore[attr-defined]
            and not s.name.startswith("Slide Number")]


def test_the_deck_names_arial_and_keeps_liberation_sans_metrics() -> None:
    assert deck_font(get_theme("default")) == DECK_FONT == "Arial"
    assert deck_font(get_theme("default").adjusted({}, "Brand Sans")) == "Brand Sans"
    with zipfile.ZipFile(io.BytesIO(deck_bytes())) as package:
        faces = {e.get("typeface") for name in package.namelist() if name.startswith("ppt/slides/slide")
                 for e in etree.fromstring(package.read(name)).iter(f"{{{A}}}latin")}
    assert faces == {"Arial"}


def test_each_duty_is_one_bulleted_paragraph_with_a_hanging_indent_and_no_line_breaks() -> None:
    deck = Presentation(io.BytesIO(deck_bytes()))
    chart = charts()["responsibilities"]
    duties = [item for c in chart.diagram.cards if isinstance(c, Card) for col in c.columns for item in col.items]
    slide = deck.slides[list(charts()).index("responsibilities")]
    found: dict[str, object] = {}
    for shape in _texts(slide):
        body = shape.text_frame._txBody  # type: ignore[attr-defined]
        assert body.find(qn("a:bodyPr")).find(qn("a:noAutofit")) is not None  # auto-fit off, said so
        assert body.find(qn("a:bodyPr")).get("wrap") in (None, "square")  # word wrap on
        assert not list(body.iter(qn("a:br")))  # no hard line break anywhere
        for p in body.iter(qn("a:p")):
            text = "".join(t.text or "" for t in p.iter(qn("a:t")))
            found[text] = p
    long = [d for d in duties if len(d) > get_theme("default").wrap]  # wrapped over lines in the chart
    assert long
    for duty in duties:
        p = found[duty]  # the whole duty, as the spec says it, is one paragraph
        props = p.find(qn("a:pPr"))  # type: ignore[attr-defined]
        assert props.find(qn("a:buChar")).get("char") == "•"
        assert int(props.get("marL")) > 0 and int(props.get("indent")) == -int(props.get("marL"))


def test_titles_are_left_aligned_at_the_charts_title_size_and_the_subtitle_box_holds_its_lines() -> None:
    theme = get_theme("default")
    deck = Presentation(io.BytesIO(deck_bytes()))
    for slide, chart in zip(deck.slides, charts().values()):
        title = slide.shapes.title
        for p in title.text_frame.paragraphs:
            assert p.alignment == PP_ALIGN.LEFT
            assert {r.font.size for r in p.runs} == {Pt(theme.title_size)}
        if chart.diagram.subtitle:
            (note,) = [s for s in slide.shapes if s.name == "Subtitle"]
            width = (note.width - note.text_frame.margin_left - note.text_frame.margin_right) / 12700
            lines = len(wrap_measured(chart.diagram.subtitle, theme.subtitle_size, width))
            need = box_height(lines, theme.subtitle_size, 0) + (note.text_frame.margin_top
                                                                 + note.text_frame.margin_bottom) / 12700
            assert note.height / 12700 >= need - 0.01
            below = [s for s in slide.shapes if s.name != "Subtitle" and s.top > title.top
                     and s.shape_type != MSO_SHAPE_TYPE.PLACEHOLDER]
            assert all(s.top >= note.top + note.height - 1 for s in below)  # the chart starts under it


def test_a_long_subtitle_gets_a_taller_box_and_pushes_the_chart_down() -> None:
    from dataclasses import replace

    from orgcharts.draw.pptx.deck import note_height

    chart = charts()["org"]
    theme = get_theme("default")
    short = note_height(replace(chart.diagram, subtitle="A line.", legend=()), theme)
    long = note_height(replace(chart.diagram, subtitle="A much longer subtitle that says a lot. " * 8, legend=()), theme)
    assert long >= short + 2 * theme.subtitle_size  # three lines or more, each its height


def test_every_slide_is_numbered_with_a_slide_number_field_and_has_speaker_notes() -> None:
    deck = Presentation(io.BytesIO(deck_bytes()))
    for number, (slide, chart) in enumerate(zip(deck.slides, charts().values()), start=1):
        fields = [f for f in slide._element.iter(qn("a:fld")) if f.get("type") == "slidenum"]
        assert len(fields) == 1 and fields[0].findtext(qn("a:t")) == str(number)
        assert slide.has_notes_slide
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.startswith(chart.diagram.title)
        for card in chart.diagram.cards:
            if isinstance(card, Card):
                assert card.title in notes
                for column in card.columns:
                    for item in column.items:
                        assert item in notes
                if card.dashed:
                    assert f"{card.title} (open seat)" in notes
    org = deck.slides[list(charts()).index("org")].notes_slide.notes_text_frame.text
    assert "Open seats (" in org


def test_picture_slides_are_numbered_and_carry_their_title_as_notes() -> None:
    deck = Presentation(io.BytesIO(_deck(pictures=True)))
    for slide in deck.slides:
        assert slide.notes_slide.notes_text_frame.text.startswith(slide.shapes.title.text)


# -- a third-party template ---------------------------------------------------------------------------

LOGO = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763"
                     "f8cfc000000301010018dd8db00000000049454e44ae426082")


def _make_template(path: Path) -> None:
    """A house template as another tool writes one: its own theme (Georgia/Verdana, its colours), a logo on
    the master, a title-only layout that is NOT at index 5, a sample slide, saved as .pptx or .potx."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12192000), Emu(6858000)
    master = deck.slide_masters[0]
    _, rid = master.part.get_or_add_image_part(io.BytesIO(LOGO))
    master.shapes._spTree.append(CT_Picture.new_pic(90, "House logo", "logo", rid, Emu(11000000), Emu(200000),
                                                    Emu(600000), Emu(600000)))
    layouts = master.slide_layouts
    title_only = layouts[5]
    ids = layouts._sldLayoutIdLst
    entry = ids[5]
    ids.remove(entry)
    ids.insert(0, entry)  # the title-only layout moved first: position says nothing
    title_only.name = "House Title Only"
    for holder in title_only.placeholders:
        if holder.placeholder_format.type == PP_PLACEHOLDER.TITLE:
            holder.left, holder.top, holder.width, holder.height = Emu(500000), Emu(300000), Emu(9000000), Emu(900000)
    deck.slides.add_slide(layouts[1]).shapes.title.text = "Sample slide the template ships"
    raw = io.BytesIO()
    deck.save(raw)
    theme_name = None
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename.startswith("ppt/theme/theme"):
                root = etree.fromstring(body)
                theme_name = "House"
                root.set("name", theme_name)
                root.find(f".//{{{A}}}majorFont/{{{A}}}latin").set("typeface", "Georgia")
                root.find(f".//{{{A}}}minorFont/{{{A}}}latin").set("typeface", "Verdana")
                accent = root.find(f".//{{{A}}}clrScheme/{{{A}}}accent1/{{{A}}}srgbClr")
                accent.set("val", "7A1F5C")
                body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            if info.filename == "[Content_Types].xml" and path.suffix == ".potx":
                body = body.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
            dst.writestr(info, body)
    path.write_bytes(out.getvalue())


@pytest.mark.parametrize("suffix", [".pptx", ".potx"])
def test_a_deck_rendered_into_a_third_party_template_uses_its_title_layout_fonts_and_logo(
        tmp_path: Path, suffix: str) -> None:
    template = tmp_path / f"house{suffix}"
    _make_template(template)
    assert title_layout(open_template(template)).name == "House Title Only"  # found by type, not index 5
    assert template_colours(open_template(template))["client"] == "#7A1F5C"
    from orgcharts.engine.render import render
    from orgcharts.layout.scene import SCENE, read_scene

    slides = []
    for chart in charts().values():
        drawn = render(chart.dot, ["svg", "png", SCENE])
        slides.append(Slide(chart.diagram.title, drawn["svg"], drawn["png"], chart.diagram,
                            read_scene(drawn[SCENE]), chart.theme))
    data = build_deck("Barrel", slides, template=template)
    deck = Presentation(io.BytesIO(data))
    assert len(deck.slides) == len(slides)  # the template's sample slide is gone
    for slide in deck.slides:
        assert slide.slide_layout.name == "House Title Only"
        title = slide.shapes.title
        assert (title.left, title.top) == (Emu(500000), Emu(300000))  # the layout's place
        assert all(r.font.name is None for p in title.text_frame.paragraphs for r in p.runs)  # the theme's font
        assert [s.name for s in slide.slide_layout.slide_master.shapes if s.name == "House logo"]
        below = [s for s in slide.shapes if s.name not in ("Slide Number",) and not s.is_placeholder]
        assert all(s.top >= title.top + title.height for s in below)  # the chart under the template's title
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        theme = etree.fromstring(package.read("ppt/theme/theme1.xml"))
        assert theme.find(f".//{{{A}}}majorFont/{{{A}}}latin").get("typeface") == "Georgia"
        assert "presentation.main+xml" in package.read("[Content_Types].xml").decode()
    assert build_deck("Barrel", slides, template=template) == data  # same bytes each time
    if shutil.which("soffice"):
        out = tmp_path / "deck.pptx"
        out.write_bytes(data)
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                        "pdf", "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=240)
        assert (tmp_path / "deck.pdf").stat().st_size > 1000


def test_a_file_that_is_not_a_template_is_refused_with_its_name(tmp_path: Path) -> None:
    from orgcharts.errors import RenderError

    bad = tmp_path / "brand.potx"
    bad.write_text("not a deck")
    with pytest.raises(RenderError, match="brand.potx: not a PowerPoint template"):
        open_template(bad)


def test_colour_in_rgb_is_what_python_pptx_reads() -> None:
    assert str(RGBColor.from_string("7A1F5C")) == "7A1F5C"


def test_render_takes_a_template_and_refuses_a_file_that_is_not_one(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from orgcharts.cli import main

    root = Path(__file__).resolve().parent.parent
    template = tmp_path / "house.potx"
    _make_template(template)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(root / "specs" / "product-company.yaml"), "-f", "pptx",
                                       "--no-cache", "--out", str(out), "--template", str(template)])
    assert result.exit_code == 0, result.output
    deck = Presentation(str(out / "product-company.pptx"))
    assert {slide.slide_layout.name for slide in deck.slides} == {"House Title Only"}
    bad = tmp_path / "brand.pptx"
    bad.write_text("no")
    result = CliRunner().invoke(main, ["render", str(root / "specs" / "product-company.yaml"), "-f", "pptx",
                                       "--no-cache", "--out", str(out), "--template", str(bad)])
    assert result.exit_code == 2 and "brand.pptx: not a PowerPoint template" in result.output
    assert "Traceback" not in result.output


def test_the_slide_number_is_drawn_over_the_chart() -> None:
    deck = Presentation(io.BytesIO(deck_bytes()))
    for slide in deck.slides:
        assert slide.shapes[-1].name.startswith("Slide Number")
