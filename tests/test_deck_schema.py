"""Deck parts against the OOXML schemas (checks/deckschema.py): our decks pass, a broken part is caught."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from checks.deckschema import A, MC, P, R, Report, render_decks, validate_deck

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "client-services.yaml"


@cache
def decks() -> dict[str, bytes]:
    """client-services' native and picture decks in the default theme."""
    report = Report()
    found = render_decks([SPEC], "default", report)
    assert not report.violations
    return found


def native() -> bytes:
    return decks()["default/client-services.pptx"]


def pictures() -> bytes:
    return decks()["default/client-services (pictures).pptx"]


def validate(data: bytes) -> Report:
    report = Report()
    validate_deck(data, "deck", report)
    return report


def test_every_part_of_the_native_and_picture_decks_is_schema_valid() -> None:
    report = validate(native())
    assert report.violations == []
    # Every kind of part was validated, not skipped: slides, layouts, master, theme, package parts.
    assert report.parts["slides"] == 5  # four views, the responsibilities in two pieces
    assert report.parts["slideLayouts"] == 11
    for kind in ("slideMasters", "theme", "ppt/presentation.xml", "[Content_Types].xml", ".rels",
                 "docProps/core.xml", "docProps/app.xml", "ppt/presProps.xml", "ppt/viewProps.xml",
                 "ppt/tableStyles.xml"):
        assert report.parts[kind] >= 1, kind
    with zipfile.ZipFile(io.BytesIO(native())) as package:
        xml_parts = [n for n in package.namelist() if n.endswith((".xml", ".rels"))]
    assert sum(report.parts.values()) == len(xml_parts)
    assert validate(pictures()).violations == []


def rewrite(data: bytes, part: str, change: Callable[[etree._Element], None]) -> bytes:
    """The deck with one part's XML changed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            raw = src.read(name)
            if name == part:
                root = etree.fromstring(raw)
                change(root)
                changed = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
                assert changed != raw
                raw = changed
            dst.writestr(name, raw)
    return out.getvalue()


def first(root: etree._Element, path: str) -> etree._Element:
    found = root.find(path, {"p": P, "a": A, "r": R})
    assert found is not None, path
    return found


def drop_shape_properties(root: etree._Element) -> None:
    shape = first(root, ".//p:sp")
    shape.remove(first(shape, "p:spPr"))


def swap_shape_children(root: etree._Element) -> None:
    shape = first(root, ".//p:sp")
    shape.append(first(shape, "p:nvSpPr"))  # nvSpPr moved after spPr and txBody


def bullet_font_before_colour(root: etree._Element) -> None:
    colour = first(root, ".//a:pPr/a:buClr")
    colour.getparent().append(colour)  # after buFont and buChar


def cell_fill_before_borders(root: etree._Element) -> None:
    cell = first(root, ".//a:tcPr")
    cell.insert(0, cell[-1])  # the fill before lnL


def tiny_font(root: etree._Element) -> None:
    first(root, ".//a:rPr").set("sz", "50")  # DrawingML's least is 100 (1 pt)


def row_short_of_a_cell(root: etree._Element) -> None:
    row = first(root, ".//a:tr")
    row.remove(row.findall(f"{{{A}}}tc")[-1])


def compatibility_markup(root: etree._Element) -> None:
    root.set(f"{{{MC}}}Ignorable", "p14")


def unknown_element(root: etree._Element) -> None:
    first(root, ".//p:spTree").append(etree.Element(f"{{{P}}}shape"))


# slide4: the RACI table (the responsibilities take slides 1 and 2)
BROKEN: dict[str, tuple[str, Callable[[etree._Element], None], str]] = {
    "p:sp without p:spPr": ("ppt/slides/slide1.xml", drop_shape_properties, "Expected is ( p:spPr )"),
    "p:sp children out of order": ("ppt/slides/slide1.xml", swap_shape_children, "p:spPr': This element is not expected"),
    "a:pPr bullet children out of order": ("ppt/slides/slide1.xml", bullet_font_before_colour,
                                           "a:buClr': This element is not expected"),
    "a:tcPr fill before borders": ("ppt/slides/slide4.xml", cell_fill_before_borders, "a:lnL': This element is not expected"),
    "a font size under 1 pt": ("ppt/slides/slide1.xml", tiny_font, "minInclusive"),
    "a table row short of a cell": ("ppt/slides/slide4.xml", row_short_of_a_cell, "cells for"),
    "markup compatibility": ("ppt/slides/slide2.xml", compatibility_markup, "markup compatibility"),
    "an element the schema does not have": ("ppt/slides/slide2.xml", unknown_element, "p:shape"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_part_is_caught_and_named(case: str) -> None:
    part, change, message = BROKEN[case]
    violations = validate(rewrite(native(), part, change)).violations
    assert violations, case
    assert all(f"/{part}" in v for v in violations)
    assert any(message in v for v in violations), violations


def test_a_picture_pointing_at_a_missing_relationship_is_caught() -> None:
    def dangle(root: etree._Element) -> None:
        first(root, ".//a:blip").set(f"{{{R}}}embed", "rId99")

    violations = validate(rewrite(pictures(), "ppt/slides/slide1.xml", dangle)).violations
    assert violations == ["deck: /ppt/slides/slide1.xml: p:cSld/p:spTree/p:pic/p:blipFill/a:blip: 'rId99' names "
                          "no relationship of the part"]


def test_package_parts_are_validated_too() -> None:
    def late(root: etree._Element) -> None:
        first(root, "{http://purl.org/dc/terms/}created").text = "soon"

    def misspelt(root: etree._Element) -> None:
        root[0].tag = "{http://schemas.openxmlformats.org/package/2006/content-types}Defalt"

    assert any("dcterms:created" in v for v in validate(rewrite(native(), "docProps/core.xml", late)).violations)
    assert any("ct:Defalt" in v for v in validate(rewrite(native(), "[Content_Types].xml", misspelt)).violations)
