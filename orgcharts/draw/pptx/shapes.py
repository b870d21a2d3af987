"""Draw a chart's native slide shapes (deckmap) with python-pptx: editable cards, frames, connectors, tables."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.oxml.ns import qn
from pptx.util import Emu

from .typeface import text_width
from .slidemap import Cell, Connector, Para, Run, Rect, SlideShapes, TableShape, TextSpec, site_point
from ...layout.scene import Box

__all__ = ["draw_shapes", "add_rect", "emu"]

EMU_PER_POINT = 12700


def emu(points: float) -> Emu:
    """Points -> EMU, rounded to a whole EMU."""
    return Emu(int(round(points * EMU_PER_POINT)))


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#")[:6].upper())


MIN_FONT_PT, MAX_FONT_PT = 1.0, 4000.0  # what DrawingML allows (sz 100 to 400000)


def _size(points: float) -> float:
    """A font size DrawingML accepts: a chart too dense for its slide gets 1 pt text, not a broken deck."""
    return min(MAX_FONT_PT, max(MIN_FONT_PT, points))


def _flowed(para: Para) -> list[Run]:
    """A paragraph's runs with the chart's wrapped lines joined by spaces, runs of one style merged.

    The slide wraps the text itself (word wrap on, in the box the chart measured), so a duty is one
    paragraph that re-flows when it is edited, not lines ended by hard breaks.
    """
    runs: list[Run] = []
    for number, line in enumerate(para.lines):
        for at, item in enumerate(line):
            text = f" {item.text.lstrip(' ')}" if number and not at else item.text
            last = runs[-1] if runs else None
            if last is not None and (last.size, last.color, last.bold, last.italic) == (
                    item.size, item.color, item.bold, item.italic):
                runs[-1] = replace(last, text=last.text + text)
            else:
                runs.append(replace(item, text=text))
    return runs


def _write_text(frame: Any, spec: TextSpec, font: str) -> None:
    """Fill a text frame: explicit sizes, word wrap on, auto-fit off (a:noAutofit), the chart's spacing."""
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE  # writes <a:noAutofit/>: no tool shrinks or grows the text
    frame.vertical_anchor = MSO_ANCHOR.TOP if spec.anchor == "t" else MSO_ANCHOR.MIDDLE
    frame.margin_left, frame.margin_top = emu(spec.left), emu(spec.top)
    frame.margin_right, frame.margin_bottom = emu(spec.right), emu(spec.bottom)
    for index, para in enumerate(spec.paras):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        _write_para(paragraph, para, font)


def _write_para(paragraph: Any, para: Para, font: str) -> None:
    paragraph.alignment = PP_ALIGN.CENTER if para.align == "c" else PP_ALIGN.LEFT
    if para.size:
        paragraph.line_spacing = emu(para.spacing * _size(para.size) / para.size)  # grows with a clamped size
    paragraph.space_before = emu(para.space_before)
    p_pr = paragraph._p.get_or_add_pPr()
    indent = para.indent
    if para.bullet and indent <= 0:
        # A hanging indent as the chart draws one: the text after the bullet and a no-break space, and
        # every wrapped line under that text, not under the bullet.
        indent = text_width(f"{para.bullet}\u00a0", _size(para.size), bold=True)
    if indent:
        p_pr.set("marL", str(int(emu(indent))))
    if para.bullet:
        p_pr.set("indent", str(-int(emu(indent))))
        colour = p_pr.makeelement(qn("a:buClr"), {})
        colour.append(colour.makeelement(qn("a:srgbClr"), {"val": (para.bullet_color or "#000000")[1:].upper()}))
        p_pr.append(colour)
        p_pr.append(p_pr.makeelement(qn("a:buFont"), {"typeface": font}))
        p_pr.append(p_pr.makeelement(qn("a:buChar"), {"char": para.bullet}))
    for item in _flowed(para):
        if not item.text:
            continue  # an empty run makes LibreOffice size the row for its default font
        run = paragraph.add_run()
        run.text = item.text
        run.font.size = emu(_size(item.size))
        run.font.bold = item.bold
        run.font.italic = item.italic
        run.font.name = font
        run.font.color.rgb = _rgb(item.color)
    end = paragraph._p.get_or_add_endParaRPr()  # an empty paragraph keeps its size too
    if para.size:
        end.set("sz", str(int(round(_size(para.size) * 100))))


def add_rect(shapes: Any, rect: Rect, font: str) -> Any:
    """Add a rectangle or rounded rectangle (with its text) to a shape tree; returns the shape."""
    kind = MSO_SHAPE.ROUNDED_RECTANGLE if rect.rounded else MSO_SHAPE.RECTANGLE
    box = rect.box
    shape = shapes.add_shape(kind, emu(box.x), emu(box.y), emu(box.w), emu(box.h))
    shape.name = rect.name
    if rect.rounded:
        shape.adjustments[0] = min(0.5, rect.radius / max(min(box.w, box.h), 0.01))
    if rect.fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(rect.fill)
    else:
        shape.fill.background()
    if rect.line:
        shape.line.color.rgb = _rgb(rect.line)
        shape.line.width = emu(rect.line_width)
        if rect.dashed:
            shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    else:
        shape.line.fill.background()
    _unstyle(shape)
    if rect.text is not None:
        _write_text(shape.text_frame, rect.text, font)
    return shape


def _unstyle(shape: Any) -> None:
    """Drop the theme style python-pptx gives new shapes: no theme shadow, colour or font sneaks in."""
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def _add_connector(shapes: Any, line: Connector, drawn: dict[str, Any], boxes: dict[str, Box]) -> None:
    """A connector glued to the shapes of its two ends, drawn along the chart's own route."""
    begin, end = drawn[line.begin], drawn[line.end]
    (x1, y1), (x2, y2) = site_point(boxes[line.begin], line.begin_site), site_point(boxes[line.end], line.end_site)
    connector = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, emu(x1), emu(y1), emu(x2), emu(y2))
    connector.begin_connect(begin, line.begin_site)
    connector.end_connect(end, line.end_site)
    connector.name = f"Line {line.tail} to {line.head}"
    connector.line.color.rgb = _rgb(line.color)
    connector.line.width = emu(line.width)
    if line.dashed:
        _dash(connector.line._get_or_add_ln(), line.width)
    _unstyle(connector)
    _route(connector, line)


# The chart's dashes (Graphviz's SVG: 5 on, 2 off, in points), as DrawingML measures them: in
# thousandths of a percent of the line's width.
DASH_ON, DASH_OFF = 5.0, 2.0


def _dash(ln: Any, width: float) -> None:
    for old in ln.findall(qn("a:prstDash")) + ln.findall(qn("a:custDash")):
        ln.remove(old)
    dash = ln.makeelement(qn("a:custDash"), {})
    scale = 100000 / max(width, 0.01)
    dash.append(dash.makeelement(qn("a:ds"), {"d": str(int(round(DASH_ON * scale))),
                                              "sp": str(int(round(DASH_OFF * scale)))}))
    fill = ln.find(qn("a:solidFill"))
    fill.addnext(dash)  # schema order: the fill, then the dashes


def _route(connector: Any, line: Connector) -> None:
    """Replace the straight connector's geometry with the chart's pieces: each a moveTo and its
    cubic Bezier pieces, in EMU inside a frame that holds them all (never flipped, never turned)."""
    points = [p for piece in line.pieces for p in piece]
    left, top = min(x for x, _ in points), min(y for _, y in points)
    width = max(1, int(emu(max(x for x, _ in points) - left)))
    height = max(1, int(emu(max(y for _, y in points) - top)))
    sp_pr = connector._element.spPr
    xfrm = sp_pr.get_or_add_xfrm()
    for attr in ("rot", "flipH", "flipV"):
        xfrm.attrib.pop(attr, None)
    off, ext = xfrm.get_or_add_off(), xfrm.get_or_add_ext()
    off.x, off.y = emu(left), emu(top)
    ext.cx, ext.cy = Emu(width), Emu(height)
    preset = sp_pr.find(qn("a:prstGeom"))
    geometry = sp_pr.makeelement(qn("a:custGeom"), {})
    for tag in ("a:avLst", "a:gdLst", "a:ahLst", "a:cxnLst"):
        geometry.append(geometry.makeelement(qn(tag), {}))
    geometry.append(geometry.makeelement(qn("a:rect"), {"l": "0", "t": "0", "r": "r", "b": "b"}))
    paths = geometry.makeelement(qn("a:pathLst"), {})
    path = paths.makeelement(qn("a:path"), {"w": str(width), "h": str(height), "fill": "none"})

    def point(parent: Any, x: float, y: float) -> None:
        parent.append(parent.makeelement(qn("a:pt"), {"x": str(int(emu(x - left))), "y": str(int(emu(y - top)))}))

    for piece in line.pieces:
        move = path.makeelement(qn("a:moveTo"), {})
        point(move, *piece[0])
        path.append(move)
        for at in range(1, len(piece) - 2, 3):
            curve = path.makeelement(qn("a:cubicBezTo"), {})
            for x, y in piece[at:at + 3]:
                point(curve, x, y)
            path.append(curve)
    paths.append(path)
    geometry.append(paths)
    preset.addprevious(geometry)
    sp_pr.remove(preset)


def _cell_borders(cell: Any, colour: str, width: float, fill: str | None) -> None:
    """Rule every side of a cell in the chart's line colour, then its fill (schema order)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    for child in list(tc_pr):
        tc_pr.remove(child)
    for side in ("a:lnL", "a:lnR", "a:lnT", "a:lnB"):
        ln = tc_pr.makeelement(qn(side), {"w": str(int(emu(width))), "cmpd": "sng"})
        solid = ln.makeelement(qn("a:solidFill"), {})
        solid.append(solid.makeelement(qn("a:srgbClr"), {"val": colour[1:].upper()}))
        ln.append(solid)
        tc_pr.append(ln)
    if fill:
        solid = tc_pr.makeelement(qn("a:solidFill"), {})
        solid.append(solid.makeelement(qn("a:srgbClr"), {"val": fill[1:].upper()}))
        tc_pr.append(solid)
    else:
        tc_pr.append(tc_pr.makeelement(qn("a:noFill"), {}))


def _add_table(shapes: Any, table: TableShape, font: str) -> Any:
    rows, cols = len(table.rows), len(table.widths)
    box = table.box
    frame = shapes.add_table(rows, cols, emu(box.x), emu(box.y), emu(box.w), emu(box.h))
    frame.name = table.name
    grid = frame.table
    grid.first_row = False
    grid.horz_banding = False
    for index, width in enumerate(table.widths):
        grid.columns[index].width = emu(width)
    for index, height in enumerate(table.heights):
        grid.rows[index].height = emu(height)
    for r, row in enumerate(table.rows):
        for c, item in enumerate(row[:cols]):
            cell = grid.cell(r, c)
            _write_cell(cell, item, font)
            _cell_borders(cell, table.border, table.border_width, item.fill)
        for c, item in enumerate(row[:cols]):
            if item.span > 1:
                grid.cell(r, c).merge(grid.cell(r, min(cols, c + item.span) - 1))
    return frame


def _write_cell(cell: Any, item: Cell, font: str) -> None:
    spec = item.text
    cell.margin_left, cell.margin_right = emu(spec.left), emu(spec.right)
    cell.margin_top, cell.margin_bottom = emu(spec.top), emu(spec.bottom)
    cell.vertical_anchor = MSO_ANCHOR.TOP if spec.anchor == "t" else MSO_ANCHOR.MIDDLE
    frame = cell.text_frame
    frame.word_wrap = True
    body = frame._txBody.find(qn("a:bodyPr"))
    for inset in ("lIns", "tIns", "rIns", "bIns"):  # the cell's margins (tcPr) are the only padding
        body.set(inset, "0")
    for index, para in enumerate(spec.paras):
        _write_para(frame.paragraphs[0] if index == 0 else frame.add_paragraph(), para, font)


def draw_shapes(slide: Any, shapes: SlideShapes, font: str) -> None:
    """Add every shape to the slide: frames behind, then lines, then cards on top, tables and notes."""
    tree = slide.shapes
    drawn: dict[str, Any] = {}
    for rect in shapes.frames:
        drawn[rect.key] = add_rect(tree, rect, font)
    connector_at = len(tree._spTree)  # lines go above the frames, below the cards
    for item in shapes.cards:
        if item.parts:
            group = tree.add_group_shape()
            group.name = item.card.name.replace("Card ", "Card group ", 1)
            drawn[item.card.key] = add_rect(group.shapes, item.card, font)
            for part in item.parts:
                add_rect(group.shapes, part, font)
        else:
            drawn[item.card.key] = add_rect(tree, item.card, font)
    for table in shapes.tables:
        _add_table(tree, table, font)
    for note in shapes.notes:
        add_rect(tree, note, font)
    for line in shapes.connectors:
        if line.begin in drawn and line.end in drawn:
            _add_connector(tree, line, drawn, shapes.boxes)
            element = tree._spTree[-1]
            tree._spTree.remove(element)
            tree._spTree.insert(connector_at, element)
            connector_at += 1
