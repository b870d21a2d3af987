"""Check the native decks: a valid package, and every slide as LibreOffice shows it matches its chart.

For every spec in specs/ (and every built-in theme unless --quick), the deck is rendered and then:

* the package: every XML part parses; every part has a content type; every relationship of every
  part points at a part that exists; every part is valid against the OOXML schemas
  (checks/deckschema.py), since an out-of-order child or a missing one is what makes PowerPoint
  offer a repair; every connector is glued to two shapes of its slide; shape ids are unique per
  slide; python-pptx reopens the deck and walks every shape;
* LibreOffice converts the deck to PDF (soffice --headless --convert-to pdf): one page per chart;
  every card, unit and table heading's title is in the page's text (pdftotext -bbox) within
  TOLERANCE of where the chart's layout puts it, scaled onto the slide; and the page, cut to the
  chart's area, is compared with the chart's own PNG in tiles (as checks/consumers.py does).

    python checks/decks.py [--quick] [--keep DIR]

Exit 0 when all pass, 1 when any fails, 3 when soffice, pdftoppm or pdftotext is missing.
"""

from __future__ import annotations

import argparse
import io
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from PIL import Image
from pptx import Presentation

if __package__ in (None, ""):  # run as a script: make `checks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from orgcharts.draw.pptx.deck import slide_frame
from orgcharts.draw.pptx.slidemap import Frame, Scale, content_box
from orgcharts.views.diagram import Group, Junction, Matrix, Node
from orgcharts.engine.gvlayout import layout_dot
from orgcharts.layout.scene import Scene
from orgcharts.engine.labels import wrap
from orgcharts.options import ChartOptions
from orgcharts.commands.pipeline import Chart, load_specs, plan_charts, render_charts
from orgcharts.engine.render import font_config, load_engine
from orgcharts.spec.models import ThemeSpec
from orgcharts.themes import THEMES

from checks.consumers import blurred_difference  # noqa: E402
from checks.deckschema import Report, validate_deck  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ("soffice", "pdftoppm", "pdftotext")
TOLERANCE = 8.0  # points on the 960 x 540 pt slide: a title found further from its place fails
# Compared as in checks/consumers.py, on the mean only: native shapes are not the chart's pixels
# (LibreOffice's own anti-aliasing, an elbow's bend put halfway), so single tiles differ up to 45.
# Measured on specs/ in every theme: matching slides score a mean of 2.0 to 6.3; with every card
# but one left off they score 3.9 to 14.9. So this bar only catches a slide that is mostly wrong;
# missing or moved cards are caught by the titles check above it, which fails all of those.
MAX_MEAN = 8.0

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}


@dataclass
class Problems:
    items: list[str]

    def add(self, text: str) -> None:
        self.items.append(text)


def check_package(data: bytes, name: str, problems: Problems) -> None:
    """Parts parse, have content types, relationships resolve, every part is schema-valid."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {"/" + n for n in package.namelist()}
        types = ElementTree.fromstring(package.read("[Content_Types].xml"))
        defaults = {d.get("Extension", "").lower() for d in types.findall("ct:Default", NS)}
        overrides = {o.get("PartName") for o in types.findall("ct:Override", NS)}
        for part in sorted(parts):
            if part == "/[Content_Types].xml":
                continue
            if part not in overrides and part.rsplit(".", 1)[-1].lower() not in defaults:
                problems.add(f"{name}: {part} has no content type")
            if part.endswith((".xml", ".rels")):
                try:
                    root = ElementTree.fromstring(package.read(part[1:]))
                except ElementTree.ParseError as exc:
                    problems.add(f"{name}: {part} is not well-formed XML: {exc}")
                    continue
                if part.endswith(".rels"):
                    _check_rels(part, root, parts, name, problems)
                elif "/slides/slide" in part:
                    _check_slide(part, root, name, problems)
        for override in overrides:
            if override not in parts:
                problems.add(f"{name}: content type for missing part {override}")
    schema = Report()
    validate_deck(data, name, schema)
    for violation in schema.violations:
        problems.add(violation)
    deck = Presentation(io.BytesIO(data))
    for slide in deck.slides:
        for shape in slide.shapes:
            _ = (shape.shape_type, shape.left, shape.top, shape.width, shape.height)
            if shape.has_text_frame:
                _ = shape.text_frame.text


def _check_rels(part: str, root: ElementTree.Element, parts: set[str], name: str, problems: Problems) -> None:
    source = posixpath.dirname(posixpath.dirname(part))  # /ppt/slides/_rels/x.rels -> /ppt/slides
    for rel in root.findall("rel:Relationship", NS):
        if rel.get("TargetMode") == "External":
            problems.add(f"{name}: {part} links outside the deck: {rel.get('Target')}")
            continue
        target = rel.get("Target", "")
        path = target if target.startswith("/") else posixpath.normpath(posixpath.join(source, target))
        if path not in parts:
            problems.add(f"{name}: {part} points at a missing part {path}")


def _check_slide(part: str, root: ElementTree.Element, name: str, problems: Problems) -> None:
    ids = [el.get("id") for el in root.iter(f"{{{NS['p']}}}cNvPr")]
    if len(ids) != len(set(ids)):
        problems.add(f"{name}: {part} repeats shape ids")
    shapes = {el.get("id") for el in root.iter(f"{{{NS['p']}}}cNvPr")}
    for connector in root.iter(f"{{{NS['p']}}}cxnSp"):
        for end in ("stCxn", "endCxn"):
            glue = connector.find(f".//a:{end}", NS)
            if glue is None or glue.get("id") not in shapes:
                problems.add(f"{name}: {part}: a connector is not glued at its {end}")


def _all_groups(groups: tuple[Group, ...]) -> list[Group]:
    out: list[Group] = []
    for group in groups:
        out.append(group)
        out.extend(_all_groups(group.groups))
    return out


def expected_titles(chart: Chart, layout: Scene) -> list[tuple[str, list[tuple[float, float]]]]:
    """Each title's first line and every place its text starts on the slide (points), from the layout."""
    scale = Scale(content_box(layout), slide_frame(chart.diagram, chart.theme))
    wanted: list[str] = []
    nodes: list[Node] = [n for n in chart.diagram.cards if not isinstance(n, Junction)]
    for node in nodes:
        if isinstance(node, Matrix):
            wanted += [wrap(title, 12)[0] for title, _ in node.columns]
            wanted += [wrap(label, 36)[0] for _, body in node.sections for label, _ in body]
        elif node.title:
            wanted.append(wrap(node.title, node.width or 1000)[0])
    for group in _all_groups(chart.diagram.groups):
        wanted.append(wrap((group.header or group).title, 1000)[0])
    texts = [t for shape in (*layout.nodes, *layout.frames) for t in shape.texts]
    out: list[tuple[str, list[tuple[float, float]]]] = []
    for title in wanted:
        # Every place the title's first line is drawn: a unit named like an item of a list ("Product")
        # is found at whichever of its places the slide puts it.
        first = next((t.text.strip() for t in texts if t.text.strip() and title.startswith(t.text.strip())), None)
        if first is not None:
            places = [(scale.x(t.x), scale.y(t.y - t.size * 0.905))  # the line's top, from its baseline
                      for t in texts if t.text.strip() == first]
            out.append((first, places))
    return out


def found_words(pdf: Path, page: int) -> list[tuple[str, float, float]]:
    """The words of one page with their top-left corners, in points."""
    xml = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         check=True, capture_output=True, text=True).stdout
    return [(html_unescape(w), float(x), float(y)) for x, y, w in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>', xml)]


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


def locate(title: str, words: list[tuple[str, float, float]], x: float, y: float) -> float | None:
    """How far the nearest run of words spelling `title` starts from (x, y); None when absent."""
    parts = title.split()
    best: float | None = None
    for i in range(len(words) - len(parts) + 1):
        if [w for w, _, _ in words[i:i + len(parts)]] == parts:
            distance = ((words[i][1] - x) ** 2 + (words[i][2] - y) ** 2) ** 0.5
            best = distance if best is None else min(best, distance)
    return best


def compare_area(chart_png: bytes, layout: Scene, page: Path, frame: Frame) -> tuple[float, float]:
    """Worst tile and mean grey difference between the chart's PNG and the slide, both cut to the chart."""
    chart = Image.open(io.BytesIO(chart_png)).convert("RGB")
    content = content_box(layout)
    s = chart.size[0] / layout.width  # the Scene is in points on the whole canvas, as the PNG
    a = chart.crop((round(content.x * s), round(content.y * s), round(content.right * s), round(content.bottom * s)))
    slide = Image.open(page).convert("RGB")
    scale = Scale(content, frame)
    box = scale.box(content)
    r = slide.size[0] / 960.0
    b = slide.crop((round(box.x * r), round(box.y * r), round(box.right * r), round(box.bottom * r)))
    return blurred_difference(a, b)


def check_spec(spec: Path, theme: str, work: Path, env: dict[str, str], problems: Problems) -> int:
    """Render, validate and convert one spec's deck in one theme; returns the slides checked."""
    loaded = load_specs([spec])
    charts = plan_charts(loaded, [], ThemeSpec(base=theme))  # type: ignore[arg-type]
    decks = {item.path.stem: item.spec.title or item.spec.org for item in loaded}
    rendered = render_charts(charts, ChartOptions(formats=("png", "pptx"), cache=False), decks=decks)
    name = f"{theme}/{spec.stem}.pptx"
    data = rendered.files[f"{spec.stem}.pptx"]
    check_package(data, name, problems)
    folder = work / theme / spec.stem  # a folder each: one spec's name may start another's
    folder.mkdir(parents=True, exist_ok=True)
    deck = folder / f"{spec.stem}.pptx"
    deck.write_bytes(data)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(work / 'lo').as_uri()}", "--convert-to",
                    "pdf", "--outdir", str(folder), str(deck)], check=True, env=env, capture_output=True, timeout=300)
    pdf = deck.with_suffix(".pdf")
    if not pdf.is_file():
        problems.add(f"{name}: LibreOffice wrote no PDF")
        return 0
    subprocess.run(["pdftoppm", "-r", "96", "-png", str(pdf), str(folder / spec.stem)], check=True)
    pages = sorted((p for p in folder.glob(f"{spec.stem}-*.png") if p.stem.rsplit("-", 1)[-1].isdigit()),
                   key=lambda p: int(p.stem.rsplit("-", 1)[-1]))
    if len(pages) != len(charts):
        problems.add(f"{name}: {len(pages)} pages, expected {len(charts)}")
        return 0
    for number, (chart, page) in enumerate(zip(charts, pages), start=1):
        layout = layout_dot(chart.dot)
        words = found_words(pdf, number)
        missing, misplaced = [], []
        titles = expected_titles(chart, layout)
        for title, places in titles:
            found = [d for d in (locate(title, words, x, y) for x, y in places) if d is not None]
            distance = min(found) if found else None
            if distance is None:
                missing.append(title)
            elif distance > TOLERANCE:
                misplaced.append(f"{title} ({distance:.0f} pt off)")
        worst, mean = compare_area(rendered.files[chart.file_name("png")], layout, page,
                                   slide_frame(chart.diagram, chart.theme))
        where = f"{name} slide {number} ({chart.view})"
        if missing:
            problems.add(f"{where}: not in LibreOffice's text: {', '.join(missing)}")
        if misplaced:
            problems.add(f"{where}: away from their place: {', '.join(misplaced)}")
        if mean > MAX_MEAN:
            problems.add(f"{where}: the slide differs from the chart's PNG (mean {mean:.1f} > {MAX_MEAN})")
        print(f"{'ok  ' if not (missing or misplaced or mean > MAX_MEAN) else 'FAIL'} {where:<52} "
              f"{len(titles) - len(missing) - len(misplaced)}/{len(titles)} titles in place, "
              f"image mean {mean:4.1f} worst tile {worst:5.1f}")
    return len(pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="the default theme only")
    parser.add_argument("--keep", type=Path, help="keep the decks, PDFs and page images in this folder")
    args = parser.parse_args()
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        print(f"decks: skipped, not installed: {', '.join(missing)} "
              "(apt-get install libreoffice-impress poppler-utils)")
        return 3
    load_engine()
    env = dict(os.environ, FONTCONFIG_FILE=font_config())  # LibreOffice sees the shipped font
    themes = ["default"] if args.quick else list(THEMES)
    problems = Problems([])
    slides = 0
    with tempfile.TemporaryDirectory() as folder:
        work = args.keep or Path(folder)
        try:
            for theme in themes:
                for spec in sorted((ROOT / "specs").glob("*.yaml")):
                    slides += check_spec(spec, theme, work, env, problems)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            print(f"FAIL {exc.cmd[0] if isinstance(exc.cmd, list) else exc.cmd} did not finish its work: {exc}")
            return 1
    for problem in problems.items:
        print(f"FAIL {problem}")
    print(f"decks: {slides} slides checked; {len(problems.items)} problems")
    return 1 if problems.items else 0


if __name__ == "__main__":
    sys.exit(main())
