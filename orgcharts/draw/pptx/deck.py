"""A 16:9 PowerPoint deck, one titled slide per chart: native editable shapes, or pictures on request.

Native slides draw each chart with PowerPoint shapes where its Scene (the render's own layout)
puts them (see deckmap and deck_native); picture slides hold the SVG with a PNG fallback, as PowerPoint stores SVG.
"""

from __future__ import annotations

import datetime
import io
import struct
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from .shapes import add_rect, draw_shapes
from .slidesize import MARGIN_EMU, SLIDE_H_EMU, SLIDE_W_EMU, SUBTITLE_H_EMU, TITLE_BOTTOM_PT, TITLE_H_EMU
from .notes import slide_notes
from .props import APP_PART, app_properties
from .template import open_template, title_layout
from .typeface import box_height, deck_font, wrap_measured
from .slidemap import Frame, Para, Rect, Run, TextSpec, map_chart
from ...views.diagram import Diagram
from ...errors import RenderError
from ...layout.scene import Box, Scene
from ...themes import THEMES, Theme

__all__ = ["Slide", "build_deck", "SVG_EXT_URI", "SLIDE_W", "SLIDE_H", "chart_frame", "note_height", "slide_frame",
           "NOTE_H", "TITLE_BOTTOM"]

SLIDE_W, SLIDE_H = Emu(SLIDE_W_EMU), Emu(SLIDE_H_EMU)  # 13.333 x 7.5 in: PowerPoint's own 16:9
MARGIN = Emu(MARGIN_EMU)  # 0.4 in
TITLE_H = Emu(TITLE_H_EMU)  # 0.9 in
# The extension PowerPoint (2016 and later) writes for an SVG picture; older readers use the PNG.
SVG_EXT_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
CORE_PROPERTY_MAX = 255  # characters python-pptx (and the format) allow in a core property
FIXED_TIME = datetime.datetime(2000, 1, 1)  # no clock in the bytes: same charts, same deck
SUBTITLE_H = Emu(SUBTITLE_H_EMU)  # 0.45 in: a one-line note (subtitle or legend) under the slide title
NOTE_H = SUBTITLE_H / 12700  # the same, in points
TITLE_BOTTOM = TITLE_BOTTOM_PT  # points: where the note (or the chart) starts under the title
NOTE_LEFT, NOTE_PAD = 7.2, 3.6  # points: the note's left inset (the title's), and its top and bottom insets
LEGEND_SIZE = 11.0  # points: the colour keys under the subtitle
# A fixed id for the slide-number field (PowerPoint's own is a GUID per deck; a fixed one keeps the bytes).
SLIDE_NUMBER_FIELD = "{6A5D6C0E-4B0B-4D5E-9C6F-0F1E2D3C4B5A}"


@dataclass(frozen=True)
class Slide:
    """One chart's slide: its title and the same drawing as SVG and PNG."""

    title: str
    svg: bytes
    png: bytes
    diagram: Diagram | None = None  # with `scene` and `theme`: drawn as native shapes
    scene: Scene | None = None  # the chart as the render laid it out (see scene.py)
    theme: Theme | None = None

    @property
    def native(self) -> bool:
        return self.diagram is not None and self.scene is not None and self.theme is not None


def _png_size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


def _fit(png: bytes) -> tuple[Emu, Emu, Emu, Emu]:
    """Left, top, width and height of the picture: as large as fits under the title, centred."""
    width_px, height_px = _png_size(png)
    box_w, box_h = SLIDE_W - 2 * MARGIN, SLIDE_H - TITLE_H - 2 * MARGIN
    scale = min(box_w / width_px, box_h / height_px)
    w, h = Emu(int(width_px * scale)), Emu(int(height_px * scale))
    return Emu((SLIDE_W - w) // 2), Emu(TITLE_H + MARGIN + (box_h - h) // 2), w, h


def _attach_svg(slide: Any, picture: Any, svg: bytes, index: int) -> None:
    """Add the SVG beside the picture's PNG, linked by the svgBlip extension."""
    part = Part(PackURI(f"/ppt/media/orgcharts-{index}.svg"), "image/svg+xml", slide.part.package, svg)
    rid = slide.part.relate_to(part, RT.IMAGE)
    blip = picture._element.blipFill.find(qn("a:blip"))
    ext_list = blip.makeelement(qn("a:extLst"), {})
    ext = ext_list.makeelement(qn("a:ext"), {"uri": SVG_EXT_URI})
    svg_blip = ext.makeelement(f"{{{SVG_NS}}}svgBlip", {qn("r:embed"): rid}, nsmap={"asvg": SVG_NS})
    ext.append(svg_blip)
    ext_list.append(ext)
    blip.append(ext_list)


def chart_frame(note: float, top: float = TITLE_BOTTOM) -> Frame:
    """Where a native chart goes on the slide, in points: under the title (at `top`) and a note `note`
    points high, inside the margins."""
    top = top + note
    return Frame(MARGIN / 12700, top, (SLIDE_W - 2 * MARGIN) / 12700, (SLIDE_H - MARGIN // 2) / 12700 - top)


def has_note(diagram: Diagram) -> bool:
    """Whether a slide shows a note under its title: the chart's subtitle, or what its colours mean."""
    return bool(diagram.subtitle or diagram.legend)


def _note_paras(diagram: Diagram, theme: Theme) -> list[Para]:
    """The note under the title: the subtitle at the chart's subtitle size, then the colour keys."""
    paras = [Para(((Run(diagram.subtitle, float(theme.subtitle_size), theme.muted),),))] if diagram.subtitle else []
    if diagram.legend:  # what the colours mean, as the chart says it under its title
        keys: list[Run] = []
        for meaning, tone in diagram.legend:
            keys += [Run("■", LEGEND_SIZE, theme.accent(tone)), Run(f" {meaning}     ", LEGEND_SIZE, theme.muted)]
        paras.append(Para((tuple(keys),)))
    return paras


def note_height(diagram: Diagram, theme: Theme) -> float:
    """The note's height in points: its lines as the slide wraps them (Arial's metrics), plus its insets."""
    if not has_note(diagram):
        return 0.0
    width = (SLIDE_W - 2 * MARGIN) / 12700 - 2 * NOTE_LEFT
    lines = 0.0
    for para in _note_paras(diagram, theme):
        text = "".join(run.text for line in para.lines for run in line)
        count = len(wrap_measured(text, para.size, width))
        lines += count * para.size / float(theme.subtitle_size)
    return box_height(1, float(theme.subtitle_size), 0) * lines + 2 * NOTE_PAD


def slide_frame(diagram: Diagram, theme: Theme, top: float = TITLE_BOTTOM) -> Frame:
    """Where this chart goes on its slide: under the title and its note."""
    return chart_frame(note_height(diagram, theme), top)


def _native(slide: Any, item: Slide, top: float, paint: bool) -> None:
    """The chart as editable shapes, placed as its Scene places them, with its subtitle and legend under the title."""
    assert item.diagram is not None and item.scene is not None and item.theme is not None
    diagram, theme = item.diagram, item.theme
    font = deck_font(theme)
    frame = slide_frame(diagram, theme, top)
    shapes = map_chart(diagram, item.scene, theme, frame)  # before the slide is touched
    if paint:  # a template's own background (and whatever its master draws on it) stays
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = RGBColor.from_string(theme.background[1:].upper())
    draw_shapes(slide, shapes, font)
    if has_note(diagram):
        note = Rect("subtitle", "Subtitle", Box(MARGIN / 12700, top, frame.w, note_height(diagram, theme)), None, None,
                    text=TextSpec(tuple(_note_paras(diagram, theme)), left=NOTE_LEFT, top=NOTE_PAD,
                                  right=NOTE_LEFT, bottom=NOTE_PAD))
        add_rect(slide.shapes, note, font)


def _title(slide: Any, text: str, theme: Theme | None, templated: bool) -> float:
    """Write the slide title; returns where the chart may start (points). In our own deck the title is laid
    out like the charts' (left-aligned, the theme's title size, bold, ink); in a template it keeps the
    layout's place, font and colour."""
    heading = slide.shapes.title
    if heading is None:  # a blank layout: the title is a text box where ours would be
        heading = slide.shapes.add_textbox(MARGIN, Emu(MARGIN // 2), SLIDE_W - 2 * MARGIN, TITLE_H)
        heading.name = "Title"
        templated = False
    if templated:
        heading.text = text
        # The template's title style may be too large for a long chart title: let slide tools shrink this
        # one box (PowerPoint and LibreOffice honour it; the chart's own text never auto-fits).
        heading.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        return max(TITLE_BOTTOM, (heading.top + heading.height) / 12700 + 4.0)
    look = theme or THEMES["default"]
    heading.left, heading.top = MARGIN, Emu(MARGIN // 2)
    heading.width, heading.height = SLIDE_W - 2 * MARGIN, TITLE_H
    body = heading.text_frame
    body.word_wrap = True
    body.auto_size = MSO_AUTO_SIZE.NONE
    body.vertical_anchor = MSO_ANCHOR.BOTTOM
    body.text = text
    for paragraph in body.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size = Pt(look.title_size)
            run.font.name = deck_font(look)
            run.font.bold = True
            run.font.color.rgb = RGBColor.from_string(look.ink[1:].upper())
    return TITLE_BOTTOM


def _slide_number(slide: Any, number: int, theme: Theme | None, templated: bool) -> Any:
    """The slide's number, as PowerPoint writes one: the layout's slide-number placeholder holding a
    `slidenum` field (re-numbered by every slide tool when slides move), else a text box with the field."""
    holder = next((p for p in slide.slide_layout.placeholders
                   if p.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER), None)
    if holder is not None:
        slide.shapes.clone_placeholder(holder)
        shape = slide.shapes[-1]
    else:
        shape = slide.shapes.add_textbox(SLIDE_W - MARGIN - Emu(914400), SLIDE_H - Emu(MARGIN // 2) - Emu(228600),
                                         Emu(914400), Emu(228600))
        shape.name = "Slide Number"
    p = shape.text_frame.paragraphs[0]
    p.alignment = PP_ALIGN.RIGHT
    field = p._p.makeelement(qn("a:fld"), {"id": SLIDE_NUMBER_FIELD, "type": "slidenum"})
    props = field.makeelement(qn("a:rPr"), {"lang": "en-US"})
    if not templated and theme is not None:
        props.set("sz", "1000")
        fill = props.makeelement(qn("a:solidFill"), {})
        fill.append(fill.makeelement(qn("a:srgbClr"), {"val": theme.muted[1:].upper()}))
        props.append(fill)
        props.append(props.makeelement(qn("a:latin"), {"typeface": deck_font(theme)}))
    field.append(props)
    t = field.makeelement(qn("a:t"), {})
    t.text = str(number)
    field.append(t)
    p._p.append(field)
    return shape


def _notes(slide: Any, item: Slide) -> None:
    """Speaker notes: what the slide shows in words (a presenter and a screen reader have it)."""
    text = slide_notes(item.diagram) if item.diagram is not None else item.title
    slide.notes_slide.notes_text_frame.text = text


def build_deck(title: str, slides: Sequence[Slide], pictures: bool = False, template: Path | None = None) -> bytes:
    """The deck's bytes: a 16:9 presentation with one titled, numbered slide per chart, with speaker notes.

    Each chart is drawn with native shapes when its slide carries the diagram, Scene and theme,
    unless `pictures` asks for the chart as a picture (SVG with a PNG fallback). With a `template`
    (.pptx or .potx) the slides use its title-only layout, masters, theme fonts and logo.
    """
    deck = open_template(template) if template is not None else Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    props = deck.core_properties
    # The package's core properties hold at most 255 characters; the slides keep the whole title.
    short = title if len(title) <= CORE_PROPERTY_MAX else title[: CORE_PROPERTY_MAX - 1] + "…"
    props.title, props.author, props.last_modified_by = short, "orgcharts", "orgcharts"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    layout = title_layout(deck)  # by its type (titleOnly), not its place in the list
    templated = template is not None
    for index, item in enumerate(slides, start=1):
        slide = deck.slides.add_slide(layout)
        native = item.native and not pictures
        top = _title(slide, item.title, item.theme if native else None, templated)
        number = _slide_number(slide, index, item.theme if native else None, templated)
        _notes(slide, item)
        if native:
            tree = slide.shapes._spTree
            drawn_before = len(tree)
            try:
                _native(slide, item, top, not templated)
                tree.append(number._element)  # on top of the chart, never hidden under a unit's frame
                continue
            except (RenderError, ValueError):
                # A value python-pptx refuses: the slide gets the chart as a picture instead.
                for element in list(tree)[drawn_before:]:
                    tree.remove(element)
        left, top_emu, width, height = _fit(item.png)
        picture = slide.shapes.add_picture(io.BytesIO(item.png), left, top_emu, width, height)
        picture.name = f"Chart {index}"
        picture._element.nvPicPr.cNvPr.set("descr", item.title)  # alt text for screen readers
        _attach_svg(slide, picture, item.svg, index)
    raw = io.BytesIO()
    deck.save(raw)
    return _stable_zip(raw.getvalue(), [item.title for item in slides])


def _stable_zip(data: bytes, titles: Sequence[str]) -> bytes:
    """Rewrite the package with fixed timestamps (zip entries otherwise carry the clock), and with
    extended properties that list these slide titles."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            body = src.read(info.filename)
            if info.filename == APP_PART:
                part = min((n for n in src.namelist() if n.startswith("ppt/theme/")), default=None)
                theme = (etree.fromstring(src.read(part)).get("name") if part else None) or "Office Theme"
                body = app_properties(titles, theme, notes=len(titles))
            dst.writestr(fixed, body)
    return out.getvalue()
