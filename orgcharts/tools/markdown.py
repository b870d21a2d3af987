"""Role pages and their index as Markdown: a starting point for job descriptions."""

from __future__ import annotations

import re

from ..spec import OrgSpec
from .pages import Link, RolePage, role_pages, unit_sections

__all__ = ["md", "facts", "page_markdown", "index_markdown", "FACTS"]

_NUMBERED = re.compile(r"^\d+[.)]")
FACTS = ("Unit", "Nickname", "Owns", "Key responsibility", "Reports to", "Dotted line to", "Direct reports",
         "Dotted-line reports", "People")


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


def _links(links: tuple[Link, ...]) -> str:
    return ", ".join(_link(link) for link in links)


def _people(page: RolePage) -> str:
    names = ", ".join(md(p) for p in page.people)
    seats = f"{page.open_seats} open seat{'s' * (page.open_seats != 1)}" if page.open_seats else ""
    return " · ".join(part for part in (names, seats) if part) or "none named"


def facts(page: RolePage) -> list[tuple[str, str]]:
    """(label, Markdown value) for each fact a page states, in FACTS order; empty ones left out."""
    values = {
        "Unit": " › ".join(md(u) for u in page.unit),
        "Nickname": md(page.nickname or ""),
        "Owns": md(page.owns or ""),
        "Key responsibility": md(page.key_responsibility or ""),
        "Reports to": _link(page.reports_to) if page.reports_to else "no one",
        "Dotted line to": _links(page.dotted_to),
        "Direct reports": _links(page.direct_reports) or "none",
        "Dotted-line reports": _links(page.dotted_reports),
        "People": _people(page),
    }
    return [(label, values[label]) for label in FACTS if values[label]]


def _list(items: tuple[str, ...]) -> list[str]:
    return [f"- {md(item)}" for item in items] or ["- none listed"]


def page_markdown(page: RolePage) -> str:
    """One role's page."""
    out = [f"# {md(page.title)}", ""]
    out += [f"- **{label}:** {value}" for label, value in facts(page)]
    out += ["", f"## Duties with the {md(page.client_side)}", "", *_list(page.client_duties)]
    out += ["", f"## Duties with the {md(page.team_side)}", "", *_list(page.team_duties)]
    out += ["", "## RACI", ""]
    out += [f"- **{name}:** " + ", ".join(md(a) for a in acts) for name, acts in page.raci] or ["- none"]
    out += ["", "## Accounts", ""]
    out += [f"- {md(client)} — {part}" + (f" ({md(person)})" if person else "")
            for client, part, person in page.accounts] or ["- none"]
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
