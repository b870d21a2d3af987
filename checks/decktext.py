"""Check the decks' text as LibreOffice lays it out: every word inside its shape, no text under the floor, notes.

For every spec of specs/ and tests/corpus the native deck is rendered, then:

* LibreOffice converts it to PDF (soffice --headless --convert-to pdf) and poppler's
  `pdftotext -bbox` gives every word's box on the page (PDF points; a 13.33 x 7.5 in slide is a
  960 x 540 pt page, so slide points and page points agree). Each word is matched to the shapes of
  its slide whose text holds it (text boxes, cards, unit frames, table cells, the title and the
  slide number, positions from the deck); the word is inside when it lies within one of them, within
  TOLERANCE. A word past every box that holds it is text run out of its shape (a duty's last line
  under its card, a subtitle into the chart).
* no run of text is smaller than the floor: --min-text PT (default 4.5 pt, the charts' own floor of
  9 px at 1080p); the decks are rendered with `render --min-text PT`, and the sizes are the deck's
  own (every run's `sz`), which is what every slide tool sets.
* every slide has speaker notes with text.

    python checks/decktext.py [--min-text PT] [--quick] [--keep DIR]

--quick takes specs/ only. Exit 0 when all pass, 1 when any fails, 3 when soffice or pdftotext is missing.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

if __package__ in (None, ""):  # run as a script: make `orgcharts` importable from the checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from orgcharts.draw.pptx.typeface import MIN_TEXT_PT  # noqa: E402

__all__ = ["Box", "text_boxes", "pdf_words", "outside", "check_deck", "main"]

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ("soffice", "pdftotext")
TOLERANCE = 1.5  # points a word's box may pass its shape's (LibreOffice's glyph boxes include side bearings)
EMU = 12700
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True)
class Box:
    """A shape with text on a slide: its name, its box (points) and the words of its text."""

    name: str
    x: float
    y: float
    w: float
    h: float
    words: frozenset[str]


def _words(text: str) -> frozenset[str]:
    """The words of a shape's text as a PDF may show them: whole, and broken after a hyphen or slash
    (LibreOffice wraps "load-management" as "load-" and "management").

    >>> sorted(_words("the load-management model"))
    ['load-', 'load-management', 'management', 'model', 'the']
    """
    found: set[str] = set()
    for token in text.split():
        found.add(token)
        parts = re.split(r"(?<=[-/])", token)
        if len(parts) > 1:
            found.update(part for part in parts if part)
    return frozenset(found)


def _xfrm(shape: object) -> tuple[float, float, float, float] | None:
    left, top, width, height = (getattr(shape, k, None) for k in ("left", "top", "width", "height"))
    if None in (left, top, width, height):
        return None
    return left / EMU, top / EMU, width / EMU, height / EMU  # type: ignore[operator]


def text_boxes(slide: object) -> list[Box]:
    """Every shape of a python-pptx slide that holds text, groups and table cells included, in points."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    out: list[Box] = []

    def walk(shapes: object) -> None:
        for shape in shapes:  # type: ignore[attr-defined]
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                walk(shape.shapes)  # our groups keep their children's coordinates (chOff = off, chExt = ext)
                continue
            place = _xfrm(shape)
            if place is None:
                continue
            if getattr(shape, "has_table", False) and shape.has_table:
                table = shape.table
                y = place[1]
                for row in table.rows:
                    x = place[0]
                    for cell_index, cell in enumerate(row.cells):
                        span = int(cell._tc.get("gridSpan", "1"))
                        width = sum(table.columns[c].width for c in range(cell_index,
                                    min(len(table.columns), cell_index + span))) / EMU
                        if cell.text_frame.text.strip() and not cell._tc.get("hMerge"):
                            out.append(Box(f"{shape.name} cell", x, y, width, row.height / EMU,
                                           _words(cell.text_frame.text)))
                        x += table.columns[cell_index].width / EMU
                    y += row.height / EMU
            elif shape.has_text_frame and shape.text_frame.text.strip():
                text = shape.text_frame.text
                fields = shape._element.findall(f".//{{{A}}}fld")
                text += " " + " ".join("".join(f.itertext()) for f in fields)
                out.append(Box(shape.name, *place, _words(text)))

    walk(slide.shapes)  # type: ignore[attr-defined]
    return out


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def pdf_words(pdf: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """Each page's words with their boxes (points, from the page's top left), from pdftotext -bbox."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, timeout=120).stdout
    pages: list[list[tuple[str, float, float, float, float]]] = []
    for page in out.decode("utf-8", "replace").split("<page ")[1:]:
        pages.append([(html.unescape(m.group(5)), float(m.group(1)), float(m.group(2)), float(m.group(3)),
                       float(m.group(4))) for m in _WORD.finditer(page)])
    return pages


def outside(word: tuple[str, float, float, float, float], box: Box) -> float:
    """How far (points) the word's box passes the shape's box on any side; 0 when inside."""
    _, x0, y0, x1, y1 = word
    return max(0.0, box.x - x0, box.y - y0, x1 - (box.x + box.w), y1 - (box.y + box.h))


def _sizes(package: zipfile.ZipFile, part: str) -> list[float]:
    """The size (points) of every run of text on a slide part that has text."""
    root = ElementTree.fromstring(package.read(part))
    return [int(run.find(f"{{{A}}}rPr").get("sz", "0")) / 100 for run in root.iter(f"{{{A}}}r")  # type: ignore[union-attr]
            if (run.findtext(f"{{{A}}}t") or "").strip() and run.find(f"{{{A}}}rPr") is not None
            and run.find(f"{{{A}}}rPr").get("sz")]  # type: ignore[union-attr]


def _has_notes(package: zipfile.ZipFile, part: str) -> bool:
    """Whether the slide part has a notes slide with text."""
    folder, file = part.rsplit("/", 1)
    rels = f"{folder}/_rels/{file}.rels"
    if rels not in package.namelist():
        return False
    for rel in ElementTree.fromstring(package.read(rels)):
        if rel.get("Type", "").endswith("/notesSlide"):
            target = "ppt/notesSlides/" + rel.get("Target", "").rsplit("/", 1)[-1]
            text = "".join(ElementTree.fromstring(package.read(target)).itertext())
            return bool(text.strip())
    return False


def check_deck(data: bytes, pdf: Path, name: str, floor: float) -> list[str]:
    """Problems of one deck and its PDF: words out of their shapes, text under `floor` pt, slides without notes."""
    import io

    from pptx import Presentation

    problems: list[str] = []
    deck = Presentation(io.BytesIO(data))
    pages = pdf_words(pdf)
    if len(pages) != len(deck.slides):
        return [f"{name}: {len(pages)} PDF pages for {len(deck.slides)} slides"]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for number, (slide, words) in enumerate(zip(deck.slides, pages), start=1):
            part = slide.part.partname.lstrip("/")
            where = f"{name} slide {number}"
            small = [s for s in _sizes(package, part) if s < floor - 1e-6]
            if small:
                problems.append(f"{where}: {len(small)} runs under {floor:g} pt (smallest {min(small):g} pt)")
            if not _has_notes(package, part):
                problems.append(f"{where}: no speaker notes")
            boxes = text_boxes(slide)
            for word in words:
                holders = [b for b in boxes if word[0] in b.words]
                if not holders:
                    continue  # text the deck did not write as a word (a bullet, a field LibreOffice renders)
                past = min(outside(word, b) for b in holders)
                if past > TOLERANCE:
                    nearest = min(holders, key=lambda b: outside(word, b))
                    problems.append(f"{where}: '{word[0]}' runs {past:.1f} pt out of '{nearest.name}'")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-text", type=float, default=MIN_TEXT_PT, metavar="PT",
                        help="the smallest text size allowed, in points (default: the charts' floor, 4.5)")
    parser.add_argument("--quick", action="store_true", help="specs/ only, not tests/corpus")
    parser.add_argument("--keep", type=Path, help="write the decks and PDFs here")
    args = parser.parse_args()
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        print(f"decktext: {', '.join(missing)} not installed (apt-get install libreoffice-impress poppler-utils)")
        return 3
    from orgcharts.commands.pipeline import load_specs, plan_charts, render_charts
    from orgcharts.options import ChartOptions

    specs = sorted((ROOT / "specs").glob("*.yaml"))
    if not args.quick:
        specs += sorted((ROOT / "tests" / "corpus").glob("*.yaml"))
    problems: list[str] = []
    slides = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        env = {**os.environ, "HOME": str(work)}
        for spec in specs:
            loaded = load_specs([spec])
            charts = plan_charts(loaded, [], None, min_text=args.min_text)  # the charts split for that floor
            decks = {item.path.stem: item.spec.title or item.spec.org for item in loaded}
            rendered = render_charts(charts, ChartOptions(formats=("pptx",), cache=False, min_text=args.min_text),
                                     decks=decks)
            data = rendered.files[f"{spec.stem}.pptx"]
            folder = work / spec.parent.name / spec.stem
            folder.mkdir(parents=True, exist_ok=True)
            deck = folder / f"{spec.stem}.pptx"
            deck.write_bytes(data)
            subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(work / 'lo').as_uri()}",
                            "--convert-to", "pdf", "--outdir", str(folder), str(deck)],
                           check=True, env=env, capture_output=True, timeout=300)
            found = check_deck(data, deck.with_suffix(".pdf"), f"{spec.parent.name}/{spec.stem}.pptx", args.min_text)
            slides += len(charts)
            problems += found
            print(f"{spec.parent.name}/{spec.stem}.pptx: {len(charts)} slides, {len(found)} problems", flush=True)
    for problem in problems:
        print(problem)
    print(f"decktext: {slides} slides of {len(specs)} decks, {len(problems)} problems (floor {args.min_text:g} pt)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
