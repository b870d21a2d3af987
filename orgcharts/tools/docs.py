"""`orgcharts docs`: a job description per role and an index, per spec, as Markdown, HTML or Word."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..options import ChartOptions
from ..pipeline import SpecFile, find_specs, load_specs, resolve_theme
from ..prune import page_leftovers, remove_all
from ..write import refuse_links, write_atomic
from .markdown import index_markdown, md, page_markdown
from .neighbourhood import neighbourhood_svgs
from .pagehtml import h, index_html, page_html
from .pages import role_pages

if TYPE_CHECKING:
    from ..cache import ChartCache

__all__ = ["DOCS_FORMATS", "Docs", "spec_pages", "write_docs"]

DOCS_FORMATS = ("md", "html", "docx")


def spec_pages(item: SpecFile, fmt: str, options: ChartOptions = ChartOptions(), template: Path | None = None,
               cache: ChartCache | None = None) -> dict[str, bytes]:
    """File name -> bytes of every page of one spec: a page per role, and index.FORMAT (HTML pages show
    the role's neighbourhood drawn in `options`: its theme, framing and time limit)."""
    pages = role_pages(item.spec)
    if fmt == "md":
        files = {f"{p.id}.md": page_markdown(p) for p in pages}
        files["index.md"] = index_markdown(item.spec, pages)
        return {name: text.encode("utf-8") for name, text in files.items()}
    if fmt == "docx":
        from .worddocs import index_docx, page_docx  # python-docx (and lxml) only when Word files are asked for

        found = {f"{p.id}.docx": page_docx(p, item.spec.org, template) for p in pages}
        found["index.docx"] = index_docx(item.spec, pages, template)
        return found
    svgs = neighbourhood_svgs(item.spec, [p.id for p in pages], options, cache)
    theme = resolve_theme(item.spec.theme, options.theme)
    files = {f"{p.id}.html": page_html(p, item.spec.org, svgs.get(p.id), theme) for p in pages}
    files["index.html"] = index_html(item.spec, pages)
    return {name: text.encode("utf-8") for name, text in files.items()}


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


def write_docs(inputs: Sequence[Path], out_dir: Path, fmt: str, options: ChartOptions = ChartOptions(),
               template: Path | None = None) -> Docs:
    """Load every spec (all valid, or nothing is written), then write OUT/STEM/ROLE.FORMAT and the indexes,
    and remove the pages an earlier run wrote for roles the spec no longer has."""
    refuse_links(out_dir)
    specs = load_specs(find_specs(inputs))
    cache = options.chart_cache() if fmt == "html" else None
    planned = {item.path.stem: spec_pages(item, fmt, options, template, cache) for item in specs}
    if cache is not None:
        cache.prune_daily()
    written: list[Path] = []
    removed: list[Path] = []
    for stem, files in planned.items():
        written += [write_atomic(out_dir / stem, name, data) for name, data in files.items()]
        removed += remove_all(page_leftovers(out_dir / stem, fmt, files.keys()))
    if fmt != "docx":  # Word files: each spec's index.docx is its index; no top page links them
        written.append(write_atomic(out_dir, f"index.{fmt}", _top_index(specs, fmt).encode("utf-8")))
    return Docs(written, removed)
