"""A deck's extended properties (docProps/app.xml) that say what the deck holds, not what the template did."""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

__all__ = ["APP_PART", "app_properties"]

APP_PART = "docProps/app.xml"
_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"


def _add(parent: etree._Element, tag: str, text: str) -> etree._Element:
    element = etree.SubElement(parent, tag)
    element.text = text
    return element


def _vector(parent: etree._Element, base: str, items: Sequence[tuple[str, str]]) -> None:
    """A vt:vector of (type, value) items; lxml escapes every value as XML text."""
    vector = etree.SubElement(parent, f"{{{_VT}}}vector", size=str(len(items)), baseType=base)
    for kind, value in items:
        holder = etree.SubElement(vector, f"{{{_VT}}}variant") if base == "variant" else vector
        _add(holder, f"{{{_VT}}}{kind}", value)


def app_properties(slide_titles: Sequence[str], theme: str, notes: int = 0) -> bytes:
    """docProps/app.xml for a widescreen deck of these slides (`notes` of them with speaker notes), one theme.

    python-pptx keeps its template's part ("Microsoft Macintosh PowerPoint", "On-screen Show (4:3)",
    0 slides), which file browsers and document managers show; this one is true of the deck.
    """
    root = etree.Element(f"{{{_EP}}}Properties", nsmap={None: _EP, "vt": _VT})
    _add(root, f"{{{_EP}}}TotalTime", "0")
    _add(root, f"{{{_EP}}}Application", "orgcharts")
    _add(root, f"{{{_EP}}}PresentationFormat", "Widescreen")
    _add(root, f"{{{_EP}}}Slides", str(len(slide_titles)))
    _add(root, f"{{{_EP}}}Notes", str(notes))
    _add(root, f"{{{_EP}}}HiddenSlides", "0")
    _add(root, f"{{{_EP}}}MMClips", "0")
    _add(root, f"{{{_EP}}}ScaleCrop", "false")
    pairs = etree.SubElement(root, f"{{{_EP}}}HeadingPairs")
    _vector(pairs, "variant", [("lpstr", "Theme"), ("i4", "1"),
                               ("lpstr", "Slide Titles"), ("i4", str(len(slide_titles)))])
    parts = etree.SubElement(root, f"{{{_EP}}}TitlesOfParts")
    _vector(parts, "lpstr", [("lpstr", theme), *(("lpstr", title) for title in slide_titles)])
    _add(root, f"{{{_EP}}}LinksUpToDate", "false")
    _add(root, f"{{{_EP}}}SharedDoc", "false")
    _add(root, f"{{{_EP}}}HyperlinksChanged", "false")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
