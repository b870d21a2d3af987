"""`orgcharts docs`: a job description per role and an index, per spec, as Markdown, HTML or Word."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...options import ChartOptions
from ...out.pathnames import href, output_stems
from ..pipeline import SpecFile, display_path, find_specs, load_specs, resolve_theme
from ...out.prune import MANIFEST, as_written, digest, manifest_bytes, page_leftovers, read_manifest, remove_all
from ...out.write import OutputPathError, refuse_links, write_atomic
from .markdown import index_markdown, md, page_markdown
from .neighbourhood import neighbourhood_svgs
from .html import h, index_html, page_html
from .pages import role_pages

if TYPE_CHECKING:
    from ...out.cache import ChartCache

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
        from .word import index_docx, page_docx  # python-docx (and lxml) only when Word files are asked for

        found = {f"{p.id}.docx": page_docx(p, item.spec.org, template) for p in pages}
        found["index.docx"] = index_docx(item.spec, pages, template)
        return found
    svgs = neighbourhood_svgs(item.spec, [p.id for p in pages], options, cache)
    theme = resolve_theme(item.spec.theme, options.theme)
    files = {f"{p.id}.html": page_html(p, item.spec.org, svgs.get(p.id), theme) for p in pages}
    files["index.html"] = index_html(item.spec, pages)
    return {name: text.encode("utf-8") for name, text in files.items()}


def _top_index(specs: list[SpecFile], stems: dict[Path, str], fmt: str) -> str:
    if fmt == "md":
        lines = ["# Role pages", ""]
        lines += [f"- [{md(s.spec.org)}: {md(s.spec.title or s.spec.org)}]({href(stems[s.path], 'index.md')})"
                  for s in specs]
        return "\n".join(lines) + "\n"
    items = "".join(f'<li><a href="{h(href(stems[s.path], "index.html"))}">{h(s.spec.org)}: '
                    f'{h(s.spec.title or s.spec.org)}</a></li>' for s in specs)
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Role pages</title>\n"
            f"</head>\n<body>\n<h1>Role pages</h1>\n<ul>{items}</ul>\n</body>\n</html>\n")


@dataclass(frozen=True)
class Docs:
    """What `docs` did: the pages written, and the pages of roles no longer in the spec, removed."""

    written: list[Path]
    removed: list[Path]


def _foreign(out_dir: Path, planned: dict[str, bytes], owned: dict[str, str]) -> list[str]:
    """The files this run would replace that are not as orgcharts wrote them (not in the manifest, or
    edited since), unless they already hold exactly what would be written."""
    foreign = []
    for name, data in planned.items():
        path = out_dir / name
        if not os.path.lexists(path) or as_written(path, owned.get(name)) or as_written(path, digest(data)):
            continue
        foreign.append(name)
    return foreign


def write_docs(inputs: Sequence[Path], out_dir: Path, fmt: str, options: ChartOptions = ChartOptions(),
               template: Path | None = None) -> Docs:
    """Load every spec (all valid, or nothing is written), then write OUT/STEM/ROLE.FORMAT and the indexes,
    and remove the pages an earlier run wrote for roles the spec no longer has.

    Only files OUT's manifest (prune.MANIFEST) names, still as they were written, are ever replaced or
    removed: a hand-written or hand-edited page in the way stops the run before anything is written.
    """
    refuse_links(out_dir)
    specs = load_specs(find_specs(inputs))
    cache = options.chart_cache() if fmt == "html" else None
    stems = output_stems([item.path for item in specs], [display_path(item.path) for item in specs])
    planned = {f"{stems[item.path]}/{name}": data
               for item in specs for name, data in spec_pages(item, fmt, options, template, cache).items()}
    if cache is not None:
        cache.prune_daily()
    if fmt != "docx":  # Word files: each spec's index.docx is its index; no top page links them
        planned[f"index.{fmt}"] = _top_index(specs, stems, fmt).encode("utf-8")
    owned = read_manifest(out_dir)
    foreign = _foreign(out_dir, planned, owned)
    if foreign:
        shown = ", ".join(display_path(out_dir / n) for n in foreign[:3]) + (" ..." if len(foreign) > 3 else "")
        raise OutputPathError(f"{shown} {'were' if len(foreign) > 1 else 'was'} not written by orgcharts (not in "
                              f"{display_path(out_dir / MANIFEST)}); move {'them' if len(foreign) > 1 else 'it'} "
                              "away or pick another --out (delete it if an older orgcharts wrote it)")
    written: list[Path] = []
    for name, data in planned.items():
        folder, _, file_name = name.rpartition("/")
        written.append(write_atomic(out_dir / folder if folder else out_dir, file_name, data))
    removed = remove_all(page_leftovers(out_dir, owned, planned.keys(), set(stems.values()), fmt))
    # Still recorded: what earlier runs wrote and is still there (other specs' pages, pages edited since,
    # which stay protected); then what this run wrote.
    kept = {name: sha for name, sha in owned.items() if os.path.lexists(out_dir / name)}
    kept.update((name, digest(data)) for name, data in planned.items())
    write_atomic(out_dir, MANIFEST, manifest_bytes(kept))
    return Docs(written, removed)
