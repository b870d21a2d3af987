"""Check that every chart survives the programs people paste it into.

For every chart of specs/ in every built-in theme: the engine's own PNG is compared with the SVG
drawn by librsvg (rsvg-convert) and by headless Chromium, tile by tile, so a chart whose text a
consumer drops (as happens to foreignObject labels) fails. Then every chart goes into a pptx
deck, LibreOffice converts it to PDF, and each page must show its chart.

    python checks/consumers.py            # needs rsvg-convert, chromium, soffice, pdftoppm
    python checks/consumers.py --quick    # one theme

Exit 0 when all pass, 1 when any fails, 3 when a tool is missing (says which).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter, ImageOps, ImageStat

from orgcharts.options import ChartOptions
from orgcharts.commands.pipeline import render_specs
from orgcharts.engine.render import font_config, load_engine
from orgcharts.spec.models import ThemeSpec
from orgcharts.themes import THEMES

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ("rsvg-convert", "chromium", "soffice", "pdftoppm")
# Compared at 800 px wide, blurred by 2 px, in 16 px tiles: the consumers place glyphs a pixel or
# two apart from the engine (their advances differ slightly, most along 26 pt bold titles), which
# the blur forgives, while a missing title or line of text leaves a tile far apart. Measured here
# on every chart of specs/ in every theme: matching renderings score at most 20.8 in their worst
# tile; with all text gone they score 46 to 75. A single short word lost scores 14 to 36, so it may
# pass here: for Chromium, every <text> element is also checked to be laid out with a width.
WIDTH, BLUR, TILE = 800, 2.0, 16
MAX_TILE_DIFF = 25.0
MAX_MEAN_DIFF = 4.0


@dataclass
class Result:
    chart: str
    consumer: str
    worst_tile: float
    mean: float

    @property
    def ok(self) -> bool:
        return self.worst_tile <= MAX_TILE_DIFF and self.mean <= MAX_MEAN_DIFF


def compare(engine_png: Path, other_png: Path) -> tuple[float, float]:
    """Worst tile and overall mean grey difference between two drawings of one chart."""
    a = ImageOps.grayscale(Image.open(engine_png).convert("RGB"))
    b = ImageOps.grayscale(Image.open(other_png).convert("RGB")).resize(a.size, Image.LANCZOS)
    return blurred_difference(a, b)


def blurred_difference(a: Image.Image, b: Image.Image) -> tuple[float, float]:
    """Worst tile and mean grey difference of two pictures, scaled to one width and blurred alike."""
    a, b = ImageOps.grayscale(a), ImageOps.grayscale(b)
    width = min(WIDTH, a.size[0])
    size = (width, max(1, round(a.size[1] * width / a.size[0])))
    diff = ImageChops.difference(a.resize(size, Image.LANCZOS).filter(ImageFilter.GaussianBlur(BLUR)),
                                 b.resize(size, Image.LANCZOS).filter(ImageFilter.GaussianBlur(BLUR)))
    worst = 0.0
    for top in range(0, size[1], TILE):
        for left in range(0, size[0], TILE):
            tile = diff.crop((left, top, min(left + TILE, size[0]), min(top + TILE, size[1])))
            worst = max(worst, ImageStat.Stat(tile).mean[0])
    return worst, ImageStat.Stat(diff).mean[0]


def rsvg(svg: Path, size: tuple[int, int], out: Path, env: dict[str, str]) -> None:
    subprocess.run(["rsvg-convert", "-w", str(size[0]), "-h", str(size[1]), "-b", "white", str(svg), "-o",
                    str(out)], check=True, env=env, capture_output=True)


def chromium(svg: Path, size: tuple[int, int], out: Path, env: dict[str, str], profile: Path) -> None:
    # The SVG as an <img>, as slide tools and web pages embed it, at the engine PNG's pixel size.
    page = svg.with_suffix(".html")
    page.write_text(f'<!DOCTYPE html><html><body style="margin:0;background:#fff">'
                    f'<img src="{svg.name}" style="display:block;width:{size[0]}px;height:{size[1]}px">'
                    "</body></html>")
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--hide-scrollbars", f"--user-data-dir={profile}", "--force-device-scale-factor=1",
                    f"--window-size={size[0]},{size[1]}", f"--screenshot={out}", page.as_uri()],
                   check=True, env=env, capture_output=True, timeout=120)


def chromium_texts(svg: Path, env: dict[str, str], profile: Path) -> tuple[int, int]:
    """How many <text> elements the SVG has, and how many Chromium lays out with a visible width."""
    markup = svg.read_text(encoding="utf-8")
    markup = markup[markup.index("<svg"):]
    page = svg.with_name(f"{svg.stem}.texts.html")
    page.write_text("<!DOCTYPE html><html><body>" + markup + """<pre id="result"></pre><script>
const texts = [...document.querySelectorAll('svg text')];
const shown = texts.filter(t => { const b = t.getBBox(); return b.width > 0 && b.height > 0; });
document.getElementById('result').textContent = `texts=${texts.length} shown=${shown.length}`;
</script></body></html>""", encoding="utf-8")
    dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                          "--no-first-run", "--disable-background-networking", "--disable-component-update",
                          "--disable-sync", f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
                         check=True, env=env, capture_output=True, text=True, timeout=120).stdout
    found = re.search(r"texts=(\d+) shown=(\d+)", dom)
    return (int(found.group(1)), int(found.group(2))) if found else (-1, 0)


def check_svgs(themes: list[str], work: Path, env: dict[str, str]) -> list[Result]:
    results: list[Result] = []
    for theme in themes:
        out = work / theme
        render_specs([ROOT / "specs"], out, ChartOptions(theme=ThemeSpec(base=theme), cache=False))  # type: ignore[arg-type]
        for svg in sorted(out.glob("*.svg")):
            engine = svg.with_suffix(".png")
            size = Image.open(engine).size
            for name in ("librsvg", "chromium"):
                other = svg.with_name(f"{svg.stem}.{name}.png")
                if name == "chromium":
                    chromium(svg, size, other, env, work / "profile")
                else:
                    rsvg(svg, size, other, env)
                results.append(Result(f"{theme}/{svg.stem}", name, *compare(engine, other)))
            total, shown = chromium_texts(svg, env, work / "profile")
            if shown != total or total <= 0:
                results.append(Result(f"{theme}/{svg.stem}", f"chromium text: {shown} of {total} laid out",
                                      999.0, 999.0))
    return results


def check_decks(work: Path, env: dict[str, str]) -> list[str]:
    """Problems found converting each spec's deck to PDF with LibreOffice."""
    out = work / "decks"
    render_specs([ROOT / "specs"], out, ChartOptions(formats=("pptx", "svg"), cache=False))
    problems = []
    for deck in sorted(out.glob("*.pptx")):
        slides = len(list(out.glob(f"{deck.stem}-*.svg")))
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(work / 'lo').as_uri()}",
                        "--convert-to", "pdf", "--outdir", str(out), str(deck)],
                       check=True, env=env, capture_output=True, timeout=300)
        pdf = deck.with_suffix(".pdf")
        if not pdf.is_file():
            problems.append(f"{deck.name}: LibreOffice wrote no PDF")
            continue
        subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(out / deck.stem)], check=True)
        pages = sorted(out.glob(f"{deck.stem}-*.png"))
        pages = [p for p in pages if p.stem.rsplit("-", 1)[-1].isdigit()]
        if len(pages) != slides:
            problems.append(f"{deck.name}: {len(pages)} pages, expected {slides}")
        for page in pages:
            image = ImageOps.grayscale(Image.open(page).convert("RGB"))
            w, h = image.size
            chart_area = image.crop((0, h // 6, w, h))  # below the slide title
            ink = chart_area.point(lambda v: 255 if v < 200 else 0).histogram()[255] / (w * (h - h // 6))
            if ink < 0.02:
                problems.append(f"{deck.name} {page.name}: the chart is missing (ink {ink:.1%})")
        print(f"{deck.name}: {len(pages)} slides converted by LibreOffice")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="the default theme only")
    args = parser.parse_args()
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        print(f"consumers: skipped, not installed: {', '.join(missing)}")
        return 3
    load_engine()
    # The consumers see exactly the shipped font, as a slide machine with it installed would.
    env = dict(os.environ, FONTCONFIG_FILE=font_config())
    themes = ["default"] if args.quick else list(THEMES)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        try:
            results = check_svgs(themes, work, env)
            problems = check_decks(work, env)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            command = exc.cmd[0] if isinstance(exc.cmd, list) else exc.cmd
            detail = (exc.stderr or b"")[-400:] if isinstance(exc.stderr, bytes) else (exc.stderr or "")[-400:]
            print(f"FAIL {command} did not finish its work: {exc}; {detail!r}")
            return 1
    for r in results:
        mark = "ok  " if r.ok else "FAIL"
        print(f"{mark} {r.consumer:<8} {r.chart:<48} worst tile {r.worst_tile:5.1f}  mean {r.mean:4.1f}")
    failed = [r for r in results if not r.ok]
    for problem in problems:
        print(f"FAIL {problem}")
    print(f"consumers: {len(results) - len(failed)} of {len(results)} SVG renderings match the engine's PNG; "
          f"{len(problems)} deck problems")
    return 1 if failed or problems else 0


if __name__ == "__main__":
    sys.exit(main())
