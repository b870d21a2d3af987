"""output/index.html: every chart in the output folder, with a link to each of its formats."""

from __future__ import annotations

import html
import os
import re
from collections import defaultdict
from pathlib import Path

from .pathnames import link
from ..spec.readfile import read_head

from ..names import DECK_FORMAT, file_name
from ..names import FORMATS as CHART_FORMATS
from ..palette import DEFAULT_COLOURS

__all__ = ["gallery_html", "natural", "CHART_FORMATS", "GENERATOR", "is_ours", "link"]

GENERATOR = '<meta name="generator" content="orgcharts">'  # marks an index.html orgcharts wrote

_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)

_STYLE = """
body {{ font-family: 'Liberation Sans', Arial, Helvetica, sans-serif; margin: 2rem;
       color: {c[ink]}; background: {c[group]}; }}
h1 {{ font-size: 1.6rem; margin: 0 0 .25rem; }}
p.lead {{ color: {c[muted]}; margin: 0 0 1.5rem; }}
main {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 1.5rem; }}
figure {{ margin: 0; background: #fff; border: 1px solid {c[group_border]}; border-radius: 8px; padding: 1rem; }}
figure a.preview {{ display: block; }}
figure img {{ width: 100%; height: 260px; object-fit: contain; background: #fff; }}
figcaption {{ margin-top: .75rem; }}
figcaption strong {{ display: block; }}
figcaption code {{ color: {c[muted]}; font-size: .85rem; }}
nav a {{ display: inline-block; margin: .5rem .5rem 0 0; padding: .15rem .6rem; border: 1px solid {c[card_border]};
        border-radius: 999px; color: {c[ink]}; text-decoration: none; font-size: .85rem; }}
nav a:hover {{ background: {c[team_tint]}; }}
section.decks {{ margin-top: 2rem; }}
""".strip().format(c=DEFAULT_COLOURS)  # the default theme's colours


def _title(svg: Path) -> str | None:
    head = read_head(svg, 65536)  # the chart's <title> comes first; never a whole file, a link or a FIFO
    found = _TITLE.search(head.decode("utf-8", "replace")) if head is not None else None
    return html.unescape(found.group(1)).strip() if found else None


def is_ours(page: Path) -> bool:
    """Whether `page` is missing or an index.html that orgcharts wrote (so it may be replaced)."""
    if not os.path.lexists(page):
        return True
    head = read_head(page, 4096)  # a link, FIFO or device in its place is not ours (and is not read)
    if head is None:
        return False
    # Galleries from before the generator mark carried this title: they are ours too.
    return GENERATOR.encode() in head or b"<title>orgcharts gallery</title>" in head


def natural(name: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that reads numbers as numbers, so the pieces of a split chart keep their order.

    >>> sorted(["a-org-10", "a-org-2", "a-org-1"], key=natural)
    ['a-org-1', 'a-org-2', 'a-org-10']
    """
    return tuple((1, int(part)) if part.isdigit() else (0, part) for part in re.split(r"(\d+)", name) if part)


def gallery_html(out_dir: Path) -> str:
    """The gallery page for the charts now in `out_dir`, sorted by name (pieces by number): same files, same page."""
    charts: dict[str, list[str]] = defaultdict(list)
    decks: list[str] = []
    for path in sorted(out_dir.iterdir()):
        if path.name.startswith(".") or not path.is_file() or path.is_symlink():
            continue
        if path.suffix[1:] == DECK_FORMAT:
            decks.append(path.name)
        elif path.suffix[1:] in CHART_FORMATS:
            charts[path.stem].append(path.suffix[1:])
    figures = []
    for stem, formats in sorted(charts.items(), key=lambda item: natural(item[0])):
        formats.sort(key=CHART_FORMATS.index)
        preview = next((f for f in ("svg", "png") if f in formats), None)
        title = (_title(out_dir / file_name(stem, "svg")) if "svg" in formats else None) or stem
        links = "".join(f'<a href="{link(file_name(stem, fmt))}">{fmt.upper()}</a>' for fmt in formats)
        image = (f'<a class="preview" href="{link(file_name(stem, preview))}">'
                 f'<img src="{link(file_name(stem, preview))}" alt="{html.escape(title)}" loading="lazy"></a>'
                 if preview else "")
        figures.append(f"<figure>{image}<figcaption><strong>{html.escape(title)}</strong>"
                       f"<code>{html.escape(stem)}</code><nav>{links}</nav></figcaption></figure>")
    deck_list = "".join(f'<a href="{link(d)}">{html.escape(d)}</a>' for d in decks)
    decks_html = (f'<section class="decks"><h2>Slide decks</h2><nav>{deck_list}</nav></section>'
                  if decks else "")
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"{GENERATOR}\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>orgcharts gallery</title>\n<style>\n{_STYLE}\n</style>\n</head>\n<body>\n"
            "<h1>Charts</h1>\n<p class=\"lead\">Every chart in this folder. SVG for slides and the web, "
            "PNG for tools that take no SVG, PDF for print and Keynote.</p>\n"
            f"<main>\n{chr(10).join(figures)}\n</main>\n{decks_html}\n</body>\n</html>\n")
