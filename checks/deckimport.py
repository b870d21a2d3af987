"""Check the decks against what Google Slides and Keynote do on import, where neither can run here.

Neither tool publishes a machine-readable list; these rules are what their own help pages and
practitioners' published conversion tests (e.g. BrightCarbon's "Convert PowerPoint to Google
Slides", 2023) say they drop or change when they open a .pptx. Each rule is checked on the XML of
every slide, by package part:

* FONT: every typeface a slide names (a:latin, a:ea, a:cs, a:buFont) is one both tools have
  (PORTABLE). Google Slides offers only its own font library and sets anything else in Arial;
  Keynote substitutes a missing font and warns. Either re-flows the text out of its box.
* LINE-GROUP: no group holds only lines. Google Slides breaks groups made of lines alone (lines
  dropped, moved or resized); our groups are a card with its columns, lines are never grouped.
* GLUE: every connector is glued at both ends (stCxn/endCxn) to a shape of its slide, at a site
  the shape has (0-3 on a rectangle). Importers re-route or drop connectors whose glue dangles.
* TABLE: every table row has as many cells as the grid has columns, and a merged cell's span stays
  inside the row: Google Slides rebuilds tables from the grid and drops a malformed one.
* AUTOFIT: no text frame relies on shrink-on-overflow (a:normAutofit with a fontScale, a:spAutoFit):
  Google Slides and Keynote ignore the scale and show the text at full size, out of its box.
* SVG: every SVG picture (asvg:svgBlip) keeps its PNG fallback (a:blip r:embed of a raster image):
  Keynote and Google Slides read the PNG.
* SIZE: the package is under 100 MB, Google Drive's limit for converting a presentation.

    python checks/deckimport.py

Exit 0 when every deck of specs/ (every theme, native and picture decks) and tests/corpus passes, 1 otherwise.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

if __package__ in (None, ""):  # run as a script: make `orgcharts` importable from the checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

__all__ = ["PORTABLE", "MAX_BYTES", "import_problems", "main"]

ROOT = Path(__file__).resolve().parent.parent
# Fonts Google Slides offers and macOS (so Keynote) ships: the Microsoft core fonts and Office's Calibri.
PORTABLE = frozenset({"Arial", "Calibri", "Georgia", "Verdana", "Tahoma", "Trebuchet MS", "Times New Roman",
                      "Courier New", "Helvetica"})
THEME_FONTS = ("+mn-lt", "+mj-lt", "+mn-ea", "+mj-ea", "+mn-cs", "+mj-cs")  # the theme's pair, checked there
MAX_BYTES = 100 * 1024 * 1024  # Google Drive converts presentations up to 100 MB
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
RECT_SITES = 4  # a rectangle's connection sites: top, left, bottom, right


def _slide_problems(where: str, root: ElementTree.Element, rels: dict[str, str]) -> list[str]:
    out: list[str] = []
    for tag in ("latin", "ea", "cs", "buFont"):
        for element in root.iter(f"{{{A}}}{tag}"):
            face = element.get("typeface", "")
            if face and face not in PORTABLE and face not in THEME_FONTS:
                out.append(f"{where}: FONT {face!r} is not one Google Slides and Keynote both have")
    for group in root.iter(f"{{{P}}}grpSp"):
        kids = [k for k in group if k.tag in (f"{{{P}}}sp", f"{{{P}}}cxnSp", f"{{{P}}}pic", f"{{{P}}}grpSp",
                                               f"{{{P}}}graphicFrame")]
        if kids and all(k.tag == f"{{{P}}}cxnSp" for k in kids):
            out.append(f"{where}: LINE-GROUP a group of {len(kids)} lines only")
    ids = {e.get("id"): e for e in root.iter(f"{{{P}}}cNvPr")}
    for connector in root.iter(f"{{{P}}}cxnSp"):
        name = connector.find(f"{{{P}}}nvCxnSpPr/{{{P}}}cNvPr")
        label = name.get("name") if name is not None else "a connector"
        glue = connector.find(f"{{{P}}}nvCxnSpPr/{{{P}}}cNvCxnSpPr")
        for end in ("stCxn", "endCxn"):
            site = glue.find(f"{{{A}}}{end}") if glue is not None else None
            if site is None or site.get("id") not in ids or not 0 <= int(site.get("idx", "-1")) < RECT_SITES:
                out.append(f"{where}: GLUE {label}: its {end} is not glued to a shape site of the slide")
    for table in root.iter(f"{{{A}}}tbl"):
        columns = len(table.findall(f"{{{A}}}tblGrid/{{{A}}}gridCol"))
        for number, row in enumerate(table.findall(f"{{{A}}}tr"), start=1):
            cells = row.findall(f"{{{A}}}tc")
            spans = [(i, int(c.get("gridSpan", "1"))) for i, c in enumerate(cells)]
            if len(cells) != columns or any(i + span > columns for i, span in spans):
                out.append(f"{where}: TABLE row {number} has {len(cells)} cells for {columns} columns")
    for fit in root.iter(f"{{{A}}}normAutofit"):
        if fit.get("fontScale") or fit.get("lnSpcReduction"):
            out.append(f"{where}: AUTOFIT text shrunk to fit (normAutofit fontScale)")
    if any(True for _ in root.iter(f"{{{A}}}spAutoFit")):
        out.append(f"{where}: AUTOFIT a shape resized to its text (spAutoFit)")
    for blip in root.iter(f"{{{A}}}blip"):
        if blip.find(f".//{{{SVG}}}svgBlip") is not None:
            target = rels.get(blip.get(f"{{{R}}}embed", ""), "")
            if not target.lower().endswith((".png", ".jpg", ".jpeg")):
                out.append(f"{where}: SVG picture without a raster fallback ({target or 'none'})")
    return out


def import_problems(data: bytes, name: str) -> list[str]:
    """Every rule of the module docstring broken by this deck, one line each, naming the slide."""
    out: list[str] = []
    if len(data) >= MAX_BYTES:
        out.append(f"{name}: SIZE {len(data) / 1e6:.0f} MB, over Google Drive's 100 MB for presentations")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = package.namelist()
        for part in sorted(p for p in parts if p.startswith("ppt/slides/slide") and p.endswith(".xml")):
            rels_part = f"ppt/slides/_rels/{part.rsplit('/', 1)[1]}.rels"
            rels = {}
            if rels_part in parts:
                rels = {r.get("Id", ""): r.get("Target", "") for r in ElementTree.fromstring(package.read(rels_part))}
            out += _slide_problems(f"{name}: {part}", ElementTree.fromstring(package.read(part)), rels)
        for part in sorted(p for p in parts if p.startswith("ppt/theme/") and p.endswith(".xml")):
            root = ElementTree.fromstring(package.read(part))
            for slot in ("majorFont", "minorFont"):
                latin = root.find(f".//{{{A}}}{slot}/{{{A}}}latin")
                face = latin.get("typeface", "") if latin is not None else ""
                if face and face not in PORTABLE:
                    out.append(f"{name}: {part}: FONT the theme's {slot} {face!r} is not one both tools have")
    return out


def main() -> int:
    from orgcharts.commands.pipeline import load_specs, plan_charts, render_charts
    from orgcharts.options import ChartOptions
    from orgcharts.spec.models import ThemeSpec
    from orgcharts.themes import THEMES

    problems: list[str] = []
    decks = 0
    jobs = [(spec, theme) for spec in sorted((ROOT / "specs").glob("*.yaml")) for theme in THEMES]
    jobs += [(spec, "default") for spec in sorted((ROOT / "tests" / "corpus").glob("*.yaml"))]
    for spec, theme in jobs:
        loaded = load_specs([spec])
        charts = plan_charts(loaded, [], ThemeSpec(base=theme))  # type: ignore[arg-type]
        titles = {item.path.stem: item.spec.title or item.spec.org for item in loaded}
        for pictures in (False, True) if spec.parent.name == "specs" else (False,):
            data = render_charts(charts, ChartOptions(formats=("pptx",), pptx_pictures=pictures, cache=False),
                                 decks=titles).files[f"{spec.stem}.pptx"]
            kind = "pictures" if pictures else "native"
            problems += import_problems(data, f"{theme}/{spec.parent.name}/{spec.stem}.pptx ({kind})")
            decks += 1
    for problem in problems:
        print(problem)
    print(f"deckimport: {decks} decks against Google Slides' and Keynote's import rules, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
