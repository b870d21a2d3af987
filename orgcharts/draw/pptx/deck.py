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
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from .shapes import add_rect, draw_shapes
from .props import APP_PART, app_properties
from .scene import Frame, Para, Rect, Run, TextSpec, map_chart
from ...views.diagram import Diagram
from ...errors import RenderError
from ...layout.scene import Box, Scene
from ...themes import Theme

__all__ = ["Slide", "build_deck", "SVG_EXT_URI", "SLIDE_W", "SLIDE_H", "chart_frame"]

SLIDE_W, SLIDE_H = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 in: PowerPoint's own 16:9
MARGIN = Emu(365760)  # 0.4 in
TITLE_H = Emu(822960)  # 0.9 in
# The extension PowerPoint (2016 and later) writes for an SVG picture; older readers use the PNG.
SVG_EXT_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
CORE_PROPERTY_MAX = 255  # characters python-pptx (and the format) allow in a core property
FIXED_TIME = datetime.datetime(2000, 1, 1)  # no clock in the bytes: same charts, same deck
SUBTITLE_H = Emu(411480)  # 0.45 in: two lines of the chart's subtitle under the slide title


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


def chart_frame(subtitle: bool) -> Frame:
    """Where a native chart goes on the slide, in points: under the title (and subtitle), inside the margins."""
    top = TITLE_H + MARGIN // 2 + (SUBTITLE_H if subtitle else 0)
    return Frame(MARGIN / 12700, top / 12700, (SLIDE_W - 2 * MARGIN) / 12700, (SLIDE_H - top - MARGIN // 2) / 12700)


def has_note(diagram: Diagram) -> bool:
    """Whether a slide shows a note under its title: the chart's subtitle, or what its colours mean."""
    return bool(diagram.subtitle or diagram.legend)


def _native(slide: Any, item: Slide) -> None:
    """The chart as editable shapes, placed as its Scene places them, with its subtitle and legend under the title."""
    assert item.diagram is not None and item.scene is not None and item.theme is not None
    font = item.theme.font.split(",")[0].strip()
    diagram, theme = item.diagram, item.theme
    frame = chart_frame(has_note(diagram))
    shapes = map_chart(diagram, item.scene, theme, frame)  # before the slide is touched
    slide.background.fill.solid()
    slide.background.fill.fore_color.rgb = RGBColor.from_string(theme.background[1:].upper())
    draw_shapes(slide, shapes, font)
    if has_note(diagram):
        top = (TITLE_H + MARGIN // 2) / 12700
        paras = [Para(((Run(diagram.subtitle, 12.0, theme.muted),),))] if diagram.subtitle else []
        if diagram.legend:  # what the colours mean, as the chart says it under its title
            keys: list[Run] = []
            for meaning, tone in diagram.legend:
                keys += [Run("■", 11.0, theme.accent(tone)), Run(f" {meaning}     ", 11.0, theme.muted)]
            paras.append(Para((tuple(keys),)))
        note = Rect("subtitle", "Subtitle", Box(MARGIN / 12700, top, frame.w, SUBTITLE_H / 12700), None, None,
                    text=TextSpec(tuple(paras), left=7.2, top=0.0))
        add_rect(slide.shapes, note, font)


def build_deck(title: str, slides: Sequence[Slide], pictures: bool = False) -> bytes:
    """The deck's bytes: a 16:9 presentation with one titled slide per chart.

    Each chart is drawn with native shapes when its slide carries the diagram, Scene and theme,
    unless `pictures` asks for the chart as a picture (SVG with a PNG fallback).
    """
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    props = deck.core_properties
    # The package's core properties hold at most 255 characters; the slides keep the whole title.
    short = title if len(title) <= CORE_PROPERTY_MAX else title[: CORE_PROPERTY_MAX - 1] + "…"
    props.title, props.author, props.last_modified_by = short, "orgcharts", "orgcharts"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    layout = deck.slide_layouts[5]  # Title Only
    for index, item in enumerate(slides, start=1):
        slide = deck.slides.add_slide(layout)
        heading = slide.shapes.title
        heading.left, heading.top = MARGIN, Emu(MARGIN // 2)
        heading.width, heading.height = SLIDE_W - 2 * MARGIN, TITLE_H
        heading.text = item.title
        for paragraph in heading.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(28)
                if item.native and not pictures and item.theme is not None:
                    run.font.name = item.theme.font.split(",")[0].strip()
                    run.font.bold = True
                    run.font.color.rgb = RGBColor.from_string(item.theme.ink[1:].upper())
        if item.native and not pictures:
            tree = slide.shapes._spTree
            drawn_before = len(tree)
            try:
                _native(slide, item)
                continue
            except (RenderError, ValueError):
                # A value python-pptx refuses: the slide gets the chart as a picture instead.
                for element in list(tree)[drawn_before:]:
                    tree.remove(element)
        left, top, width, height = _fit(item.png)
        picture = slide.shapes.add_picture(io.BytesIO(item.png), left, top, width, height)
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
                theme = etree.fromstring(src.read("ppt/theme/theme1.xml")).get("name") or "Office Theme"
                body = app_properties(titles, theme)
            dst.writestr(fixed, body)
    return out.getvalue()
