"""Validate every XML part of every deck against the OOXML transitional schemas (checks/ooxml/) with lxml.

For every spec in specs/ and tests/corpus/, the deck is rendered twice, with native shapes and with
pictures (--pptx-pictures), in the default theme (specs/ in every theme as well), and then every
part of the package is validated:

* [Content_Types].xml against opc-contentTypes.xsd, every .rels part against opc-relationships.xsd,
  docProps/core.xml against opc-coreProperties.xsd (ISO/IEC 29500-2), docProps/app.xml against
  shared-documentPropertiesExtended.xsd, and the presentation, slides, layouts, masters, theme,
  table styles, presentation and view properties against pml.xsd and dml-main.xsd (ISO/IEC 29500-4,
  the transitional schemas, whose namespaces python-pptx writes);
* each part's root element must be the one its content type names, every part must have a content
  type this check knows (as XML to validate, or as media that is not XML), every r:id, r:embed
  and r:link must name a relationship of its own part, and every table row must have one cell per
  grid column with no span past the grid (what the schemas cannot express, PowerPoint repairs).

Not validated, and counted in the output: the children of extension lists (a:ext, p:ext) in
namespaces the standard does not define (p14:, asvg:): the schema itself takes them with
processContents="lax", as Office ignores an extension it does not know. Markup compatibility
(mc:Ignorable, mc:AlternateContent) is not processed: no part of our decks uses it, and a part
that does fails here, so nothing is skipped silently. The SVG and image parts are not OOXML.

PowerPoint and Keynote cannot run on this Linux machine: the schemas are the stand-in for them
(LibreOffice's reading is checked by checks/decks.py).

    python checks/deckschema.py [--quick] [-v]

Exit 0 when every part is valid, 1 when any is not.
"""

from __future__ import annotations

import argparse
import io
import posixpath
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

if __package__ in (None, ""):  # run as a script: make `orgcharts` and `checks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

__all__ = ["Report", "schemas", "validate_deck", "render_decks", "main"]

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = Path(__file__).resolve().parent / "ooxml"

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
APP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
PREFIXES = {P: "p", A: "a", R: "r", MC: "mc", CT: "ct", RELS: "rel", CORE: "cp", APP: "ep",
            "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes": "vt",
            "http://purl.org/dc/elements/1.1/": "dc", "http://purl.org/dc/terms/": "dcterms",
            "http://schemas.microsoft.com/office/powerpoint/2010/main": "p14",
            "http://schemas.microsoft.com/office/powerpoint/2012/main": "p15",
            "http://schemas.microsoft.com/office/drawing/2016/SVG/main": "asvg"}

_PPT = "application/vnd.openxmlformats-officedocument.presentationml."
# Each XML content type of a deck: the schema that validates its parts and the root element it must have.
XML_TYPES: dict[str, tuple[str, str]] = {
    _PPT + "presentation.main+xml": ("pml", f"{{{P}}}presentation"),
    _PPT + "slide+xml": ("pml", f"{{{P}}}sld"),
    _PPT + "slideLayout+xml": ("pml", f"{{{P}}}sldLayout"),
    _PPT + "slideMaster+xml": ("pml", f"{{{P}}}sldMaster"),
    _PPT + "notesSlide+xml": ("pml", f"{{{P}}}notes"),  # speaker notes (deck.py writes one per slide)
    _PPT + "notesMaster+xml": ("pml", f"{{{P}}}notesMaster"),
    _PPT + "presProps+xml": ("pml", f"{{{P}}}presentationPr"),
    _PPT + "viewProps+xml": ("pml", f"{{{P}}}viewPr"),
    _PPT + "tableStyles+xml": ("pml", f"{{{A}}}tblStyleLst"),
    "application/vnd.openxmlformats-officedocument.theme+xml": ("pml", f"{{{A}}}theme"),
    "application/vnd.openxmlformats-package.core-properties+xml": ("core", f"{{{CORE}}}coreProperties"),
    "application/vnd.openxmlformats-officedocument.extended-properties+xml": ("app", f"{{{APP}}}Properties"),
    "application/vnd.openxmlformats-package.relationships+xml": ("rels", f"{{{RELS}}}Relationships"),
}
# Parts that are not OOXML markup: pictures, the printer settings blob and the thumbnail.
MEDIA_TYPES = {"image/png", "image/jpeg", "image/svg+xml", _PPT + "printerSettings"}
SCHEMA_FILES = {"pml": "pml.xsd", "rels": "opc-relationships.xsd", "types": "opc-contentTypes.xsd",
                "app": "shared-documentPropertiesExtended.xsd", "core": "opc-coreProperties.xsd"}
# opc-coreProperties.xsd imports Dublin Core's schemas from the network and the XML namespace with no
# location: its imports are pointed at the local stand-ins (see ooxml/README.md), the file left as it is.
SHOWN = 40  # violations printed without -v: one broken writer repeats the same one in every cell
STAND_INS = {"http://purl.org/dc/elements/1.1/": "dc-standin.xsd", "http://purl.org/dc/terms/": "dcterms-standin.xsd",
             "http://www.w3.org/XML/1998/namespace": "xml-standin.xsd"}


@dataclass
class Report:
    """What the validation found: violations, and the counts of what was validated and skipped."""

    violations: list[str] = field(default_factory=list)
    parts: Counter[str] = field(default_factory=Counter)  # validated parts by schema
    media: int = 0  # parts that are not XML markup
    skipped: Counter[str] = field(default_factory=Counter)  # unknown extension elements, by name
    decks: int = 0


@cache
def schemas() -> dict[str, etree.XMLSchema]:
    """The compiled schemas by key (pml also holds DrawingML: pml.xsd imports dml-main.xsd)."""
    compiled: dict[str, etree.XMLSchema] = {}
    for key, name in SCHEMA_FILES.items():
        tree = etree.parse(str(SCHEMA_DIR / name))
        for imported in tree.getroot().iter("{http://www.w3.org/2001/XMLSchema}import"):
            local = STAND_INS.get(imported.get("namespace", ""))
            if local is not None and key == "core":
                imported.set("schemaLocation", local)  # resolved against the file's own folder
        compiled[key] = etree.XMLSchema(tree)
    return compiled


def _short(text: str) -> str:
    """An lxml message with namespace URIs written as their usual prefixes."""
    for uri, prefix in PREFIXES.items():
        text = text.replace(f"{{{uri}}}", f"{prefix}:")
    return text


def _content_types(package: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, str]]:
    root = etree.fromstring(package.read("[Content_Types].xml"))
    defaults = {d.get("Extension", "").lower(): d.get("ContentType", "") for d in root.iter(f"{{{CT}}}Default")}
    overrides = {o.get("PartName", ""): o.get("ContentType", "") for o in root.iter(f"{{{CT}}}Override")}
    return defaults, overrides


def _rels_of(package: zipfile.ZipFile, part: str) -> set[str]:
    """The relationship ids a part may use: those of its .rels part, if it has one."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in package.namelist():
        return set()
    root = etree.fromstring(package.read(rels))
    return {r.get("Id", "") for r in root.iter(f"{{{RELS}}}Relationship")}


def _where(element: etree._Element) -> str:
    """An element's path in its part, with the usual prefixes: p:cSld/p:spTree/p:sp[3]/p:spPr."""
    return _short(element.getroottree().getelementpath(element))


def _references(root: etree._Element) -> Iterator[tuple[str, str]]:
    """Each r:id, r:embed or r:link in a part: where it is and the relationship id it names."""
    for element in root.iter():
        for attr, value in element.attrib.items():
            if str(attr).startswith(f"{{{R}}}"):
                yield _where(element), value


def _extensions(root: etree._Element, known: set[str]) -> Iterator[str]:
    """Elements inside extension lists in a namespace the standard does not define (the schema skips them)."""
    for ext in root.iter(f"{{{A}}}ext", f"{{{P}}}ext"):
        for child in ext:
            if isinstance(child.tag, str) and etree.QName(child).namespace not in known:
                yield _short(child.tag) if etree.QName(child).namespace in PREFIXES else child.tag


def _table_grids(root: etree._Element) -> Iterator[str]:
    """Rows whose cells (with their spans) do not fill the table's grid: PowerPoint repairs such a table,
    and the schema cannot count."""
    for number, table in enumerate(root.iter(f"{{{A}}}tbl"), start=1):
        columns = len(table.findall(f"{{{A}}}tblGrid/{{{A}}}gridCol"))
        for row, tr in enumerate(table.findall(f"{{{A}}}tr"), start=1):
            cells = len(tr.findall(f"{{{A}}}tc"))
            if cells != columns:
                yield f"table {number} row {row} has {cells} cells for {columns} grid columns"
            at = 0
            for tc in tr.findall(f"{{{A}}}tc"):
                span = int(tc.get("gridSpan", "1"))
                if at + span > columns:
                    yield f"table {number} row {row}: a cell spans past the grid's {columns} columns"
                at += 1


def _compatibility(root: etree._Element) -> Iterator[str]:
    """Where a part uses markup compatibility (an mc: element or attribute), which this check does not process."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).namespace == MC or any(str(a).startswith(f"{{{MC}}}") for a in element.attrib):
            yield _where(element)


KNOWN = {P, A, R, CT, RELS, CORE, APP, "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
         "http://schemas.openxmlformats.org/drawingml/2006/chart",
         "http://schemas.openxmlformats.org/drawingml/2006/diagram",
         "http://schemas.openxmlformats.org/drawingml/2006/picture",
         "http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas",
         "http://schemas.openxmlformats.org/drawingml/2006/chartDrawing"}


def validate_deck(data: bytes, name: str, report: Report) -> None:
    """Validate every part of one deck, adding its violations and counts to `report`."""
    compiled = schemas()
    report.decks += 1
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        _validate(package, "[Content_Types].xml", compiled["types"], None, name, report)
        defaults, overrides = _content_types(package)
        for part in package.namelist():
            if part == "[Content_Types].xml":
                continue
            kind = overrides.get("/" + part) or defaults.get(part.rsplit(".", 1)[-1].lower())
            if kind in MEDIA_TYPES:
                report.media += 1
            elif kind in XML_TYPES:
                key, root = XML_TYPES[kind]
                _validate(package, part, compiled[key], root, name, report)
            else:
                report.violations.append(f"{name}: /{part}: content type {kind!r} is not one this check knows")


def _validate(package: zipfile.ZipFile, part: str, schema: etree.XMLSchema, root_tag: str | None,
              name: str, report: Report) -> None:
    where = f"{name}: /{part}"
    try:
        root = etree.fromstring(package.read(part))
    except etree.XMLSyntaxError as exc:
        report.violations.append(f"{where}: not well-formed XML: {exc}")
        return
    if root_tag is not None and root.tag != root_tag:
        report.violations.append(f"{where}: root element {_short(root.tag)}, its content type wants {_short(root_tag)}")
        return
    for path in _compatibility(root):
        report.violations.append(f"{where}: {path}: markup compatibility (mc:) is used; this check does not "
                                 "process it, so the part cannot be validated as Office would read it")
    report.skipped.update(_extensions(root, KNOWN))
    if not schema.validate(root):
        for error in schema.error_log:
            report.violations.append(f"{where}: {error.path}: {_short(error.message)}")
    report.violations.extend(f"{where}: {problem}" for problem in _table_grids(root))
    ids = _rels_of(package, part)
    for path, value in _references(root):
        if value not in ids:
            report.violations.append(f"{where}: {path}: {value!r} names no relationship of the part")
    report.parts[_kind(part)] += 1


def _kind(part: str) -> str:
    """A part's family for the counts: slides, slideLayouts, _rels, docProps/core.xml and so on."""
    if part.endswith(".rels"):
        return ".rels"
    folder = part.rpartition("/")[0]
    if folder in ("ppt/slides", "ppt/slideLayouts", "ppt/slideMasters", "ppt/theme", "ppt/notesSlides",
                  "ppt/notesMasters"):
        return folder.rsplit("/", 1)[-1]
    return part


def render_decks(specs: list[Path], theme: str | None, report: Report) -> dict[str, bytes]:
    """Each spec's native and picture decks, keyed by a name saying which; all charts drawn in one batch."""
    from orgcharts.draw.pptx.deck import Slide, build_deck
    from orgcharts.engine.gvlayout import layout_dot
    from orgcharts.options import PNG_SCALE, ChartOptions, Look
    from orgcharts.commands.pipeline import load_specs, plan_charts, render_charts
    from orgcharts.spec.models import ThemeSpec

    loaded = load_specs(specs)
    charts = plan_charts(loaded, [], ThemeSpec(base=theme) if theme else None)  # type: ignore[arg-type]
    # One batch, so the workers share the cores. The PNG at a quarter of its usual scale: drawing it is
    # most of the time, and a deck's XML depends on it only through its width and height.
    drawn = render_charts(charts, ChartOptions(formats=("svg", "png"), look=Look(scale=PNG_SCALE / 4), cache=False))
    report.violations.extend(f"{chart}: not drawn: {why}" for chart, why in drawn.failures)
    decks: dict[str, bytes] = {}
    for item in loaded:
        slides = [Slide(c.diagram.title, drawn.files[c.file_name("svg")], drawn.files[c.file_name("png")],
                        c.diagram, layout_dot(c.dot), c.theme)
                  for c in charts if c.source == item.path and c.file_name("svg") in drawn.files]
        title = item.spec.title or item.spec.org
        label = f"{theme or 'own theme'}/{item.path.stem}"
        decks[f"{label}.pptx"] = build_deck(title, slides)
        decks[f"{label} (pictures).pptx"] = build_deck(title, slides, pictures=True)
    return decks


def main() -> int:
    """Render and validate every deck; print the counts, each violation, and exit 1 on any."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="specs/ in the default theme only")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per deck, every violation")
    args = parser.parse_args()
    from orgcharts.themes import THEMES

    started = time.perf_counter()
    specs = sorted((ROOT / "specs").glob("*.yaml"))
    jobs: list[tuple[list[Path], str | None]] = [(specs, theme) for theme in THEMES]
    jobs.append((sorted((ROOT / "tests" / "corpus").glob("*.yaml")), None))
    report = Report()
    for group, theme in jobs[:1] if args.quick else jobs:
        for name, data in render_decks(group, theme, report).items():
            before = len(report.violations)
            validate_deck(data, name, report)
            if args.verbose:
                print(f"{'ok  ' if len(report.violations) == before else 'FAIL'} {name}")
    shown = report.violations if args.verbose else report.violations[:SHOWN]
    for violation in shown:
        print(f"FAIL {violation}")
    if len(shown) < len(report.violations):
        print(f"FAIL ... and {len(report.violations) - len(shown)} more (-v shows them all)")
    kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(report.parts.items()))
    print(f"deckschema: {report.decks} decks, {sum(report.parts.values())} XML parts validated against the "
          f"OOXML transitional schemas ({kinds}); {report.media} media parts are not XML markup")
    if report.skipped:
        skipped = ", ".join(f"{tag} x{count}" for tag, count in sorted(report.skipped.items()))
        print(f"deckschema: not validated, inside extension lists (the schema's processContents=\"lax\", "
              f"as Office ignores extensions it does not know): {skipped}")
    print("deckschema: PowerPoint and Keynote cannot run on this Linux machine; the schemas stand in for "
          "them (checks/decks.py opens every deck in LibreOffice)")
    print(f"deckschema: {len(report.violations)} violations in {time.perf_counter() - started:.1f} s")
    return 1 if report.violations else 0


if __name__ == "__main__":
    sys.exit(main())
