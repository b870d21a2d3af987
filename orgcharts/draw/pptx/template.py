"""The user's own PowerPoint template (.pptx or .potx) as a deck to render into: its masters, layouts,
theme fonts and colours, logo; its title-only layout found by type, not by position."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn

from ...errors import RenderError

__all__ = ["open_template", "title_layout", "template_colours", "POTX_MAIN", "PPTX_MAIN"]

POTX_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PPTX_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
# Placeholders a title-only layout may carry besides its title: the date, footer and slide number.
_FURNITURE = {"dt", "ftr", "sldNum"}


def _as_presentation(data: bytes) -> bytes:
    """A .potx package with its main part typed as a presentation's (python-pptx opens only those).

    A template and a presentation differ in nothing else: the same parts, the same relationships.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                body = body.replace(POTX_MAIN.encode(), PPTX_MAIN.encode())
            dst.writestr(info, body)
    return out.getvalue()


def open_template(path: Path) -> Any:
    """The template at `path` as a python-pptx Presentation with no slides (its layouts and masters kept).

    Raises RenderError naming the file and the fix when it is not a PowerPoint package.
    """
    try:
        data = path.read_bytes()
        if path.suffix.lower() == ".potx" or (zipfile.is_zipfile(io.BytesIO(data)) and POTX_MAIN.encode() in
                                              zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")):
            data = _as_presentation(data)
        deck = Presentation(io.BytesIO(data))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise RenderError(f"{path}: not a PowerPoint template ({exc}); give a .pptx or .potx saved by "
                          "PowerPoint, Keynote, Google Slides or LibreOffice") from exc
    _drop_slides(deck)
    return deck


def _drop_slides(deck: Any) -> None:
    """Remove the template's own sample slides (a template's slides are examples, not the deck's)."""
    ids = deck.slides._sldIdLst
    for sld_id in list(ids):
        deck.part.drop_rel(sld_id.get(qn("r:id")))
        ids.remove(sld_id)


def _types(layout: Any) -> list[str]:
    """The placeholder types of a layout (a placeholder naming none is a body/object placeholder)."""
    out = []
    for shape in layout.placeholders:
        ph = shape._element.find(".//" + qn("p:ph"))
        out.append(ph.get("type", "obj") if ph is not None else "obj")
    return out


def title_layout(deck: Any) -> Any:
    """The deck's title-only layout, found by what it is, not where it sits in the list.

    First a layout whose type says so (`titleOnly`); else one whose placeholders are a title and only
    date, footer and slide number; else a blank layout (the title is then a text box); else the first.
    """
    layouts = [layout for master in deck.slide_masters for layout in master.slide_layouts]
    for layout in layouts:
        if layout._element.get("type") == "titleOnly":
            return layout
    for layout in layouts:
        kinds = _types(layout)
        if kinds.count("title") == 1 and set(kinds) <= {"title"} | _FURNITURE:
            return layout
    for layout in layouts:
        if layout._element.get("type") == "blank" or not _types(layout):
            return layout
    if not layouts:
        raise RenderError("the template has no slide layouts; save it from a slide tool with its master")
    return layouts[0]


_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
# The chart theme's colours each template theme colour stands for (see docs: decks in your template).
_FOLLOW = {"dk1": "ink", "dk2": "lead", "lt1": "background", "lt2": "group", "accent1": "client",
           "accent2": "team", "accent3": "both"}


def template_colours(deck: Any) -> dict[str, str]:
    """The chart-theme colours a template's theme colour scheme gives (#RRGGBB by theme field).

    Dark 1 is the ink, Dark 2 the lead, Light 1 the background, Light 2 the units' fill, Accents 1-3
    the client side, the team side and both; a `theme:` with these colours makes the charts follow the
    template (`orgcharts.draw.pptx.template.template_colours`).
    """
    master = deck.slide_masters[0]
    theme_part = master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
    root = etree.fromstring(theme_part.blob)
    scheme = root.find(f".//{{{_A}}}clrScheme")
    out: dict[str, str] = {}
    if scheme is None:
        return out
    for name, field in _FOLLOW.items():
        slot = scheme.find(f"{{{_A}}}{name}")
        if slot is None:
            continue
        rgb = slot.find(f"{{{_A}}}srgbClr")
        sys = slot.find(f"{{{_A}}}sysClr")
        value = rgb.get("val") if rgb is not None else sys.get("lastClr") if sys is not None else None
        if value:
            out[field] = f"#{value.upper()}"
    return out
