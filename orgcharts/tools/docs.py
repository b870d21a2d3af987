"""`orgcharts docs`: a page per role and an index, per spec, as Markdown or HTML."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..names import ORG
from ..options import ChartOptions
from ..pipeline import SpecFile, find_specs, load_specs, plan_charts, render_charts, resolve_theme
from ..prune import page_leftovers, remove_all
from ..write import refuse_links, write_atomic
from .markdown import index_markdown, md, page_markdown
from .pagehtml import h, index_html, page_html
from .pages import role_pages

if TYPE_CHECKING:
    from ..cache import ChartCache

__all__ = ["DOCS_FORMATS", "Docs", "spec_pages", "write_docs"]

DOCS_FORMATS = ("md", "html")


def _org_svg(item: SpecFile, options: ChartOptions, cache: ChartCache | None) -> bytes | None:
    """The spec's org chart as SVG (drawn like `render` draws it), or None when it has no reporting lines."""
    charts = plan_charts([item], [ORG], options.theme, split=False)  # one whole chart to find the role in
    if not charts:
        return None
    rendered = render_charts(charts, replace(options, formats=("svg",)), cache=cache)
    return next(iter(rendered.files.values()), None)


def spec_pages(item: SpecFile, fmt: str, options: ChartOptions = ChartOptions(),
               cache: ChartCache | None = None) -> dict[str, str]:
    """File name -> text of every page of one spec: a page per role, and index.FORMAT (HTML pages show
    the org chart drawn in `options`: its theme, framing and time limit)."""
    pages = role_pages(item.spec)
    if fmt == "md":
        files = {f"{p.id}.md": page_markdown(p) for p in pages}
        files["index.md"] = index_markdown(item.spec, pages)
        return files
    svg = _org_svg(item, options, cache)
    theme = resolve_theme(item.spec.theme, options.theme)
    files = {f"{p.id}.html": page_html(p, item.spec.org, svg, theme) for p in pages}
    files["index.html"] = index_html(item.spec, pages)
    return files


def _top_index(specs: list[SpecFile], fmt: str) -> str:
    if fmt == "md":
        lines = ["# Role pages", ""]
        lines += [f"- [{md(s.spec.org)}: {md(s.spec.title or s.spec.org)}]({s.path.stem}/index.md)" for s in specs]
        return "\n".join(lines) + "\n"
    items = "".join(f'<li><a href="{h(s.path.stem)}/index.html">{h(s.spec.org)}: {h(s.spec.title or s.spec.org)}'
                    "</a></li>" for s in specs)
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Role pages</title>\n"
            f"</head>\n<body>\n<h1>Role pages</h1>\n<ul>{items}</ul>\n</body>\n</html>\n")


@dataclass(frozen=True)
class Docs:
    """What `docs` did: the pages written, and the pages of roles no longer in the spec, removed."""

    written: list[Path]
    removed: list[Path]


def write_docs(inputs: Sequence[Path], out_dir: Path, fmt: str, options: ChartOptions = ChartOptions()) -> Docs:
    """Load every spec (all valid, or nothing is written), then write OUT/STEM/ROLE.FORMAT and the indexes,
    and remove the pages an earlier run wrote for roles the spec no longer has."""
    refuse_links(out_dir)
    specs = load_specs(find_specs(inputs))
    cache = options.chart_cache() if fmt == "html" else None
    planned = {item.path.stem: spec_pages(item, fmt, options, cache) for item in specs}
    if cache is not None:
        cache.prune_daily()
    written: list[Path] = []
    removed: list[Path] = []
    for stem, files in planned.items():
        written += [write_atomic(out_dir / stem, name, text.encode("utf-8")) for name, text in files.items()]
        removed += remove_all(page_leftovers(out_dir / stem, fmt, files.keys()))
    written.append(write_atomic(out_dir, f"index.{fmt}", _top_index(specs, fmt).encode("utf-8")))
    return Docs(written, removed)
