"""Role pages and their index as Markdown: a starting point for job descriptions."""

from __future__ import annotations

import re

from ...spec.models import OrgSpec
from .jdlayout import FACTS, Inline, blocks
from .jdlayout import facts as page_facts
from .pages import Link, RolePage, role_pages, unit_sections

__all__ = ["md", "inline", "facts", "page_markdown", "index_markdown", "FACTS"]

_NUMBERED = re.compile(r"^\d+[.)](?:\s|$)")  # "1. x" starts a list; "37.5 hours" does not


def md(text: str) -> str:
    """User text made safe for Markdown: characters that would start markup are escaped.

    >>> md("R&D_lead [x] <b>")
    'R&D\\\\_lead \\\\[x\\\\] \\\\<b\\\\>'
    """
    escaped = "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)
    # A leading list or heading marker would turn the text into markup of its own.
    return "\\" + escaped if escaped[:1] in ("-", "+", "=") or _NUMBERED.match(escaped) else escaped


def _link(link: Link, ext: str = "md") -> str:
    return f"[{md(link.title)}]({link.id}.{ext})"


def inline(parts: Inline) -> str:
    """Text and links as Markdown, the text escaped."""
    return "".join(_link(p) if isinstance(p, Link) else md(p) for p in parts)


def facts(page: RolePage) -> list[tuple[str, str]]:
    """(label, Markdown value) for each fact a page states, in FACTS order; empty ones left out."""
    return [(label, inline(value)) for label, value in page_facts(page)]


def page_markdown(page: RolePage) -> str:
    """One role's page: a job description."""
    out = [f"# {md(page.title)}", ""]
    out += [f"- **{label}:** {value}" for label, value in facts(page)]
    for block in blocks(page):
        out += ["", f"## {md(block.heading)}"]
        for paragraph in block.paragraphs:
            out += ["", inline(paragraph)]
        out += [""] if block.items else []
        out += [f"- **{md(label)}:** {inline(text)}" if label else f"- {inline(text)}" for label, text in block.items]
    return "\n".join(out) + "\n"


def index_markdown(spec: OrgSpec, pages: list[RolePage] | None = None) -> str:
    """The index: every role page, grouped by unit."""
    pages = pages if pages is not None else role_pages(spec)
    out = [f"# {md(spec.org)} — roles", ""]
    if spec.description:
        out += [md(spec.description), ""]
    for unit, members in unit_sections(spec, pages):
        out += [f"## {md(unit)}", ""]
        for page in members:
            extra = f" — “{md(page.nickname)}”" if page.nickname else ""
            out.append(f"- {_link(Link(page.id, page.title))}{extra}")
        out.append("")
    return "\n".join(out)
