"""The order and wording of a job description, shared by its Markdown, HTML and Word pages."""

from __future__ import annotations

from dataclasses import dataclass

from .pages import Link, RolePage, staffing_line

__all__ = ["Inline", "Item", "Block", "facts", "blocks", "plain", "FACTS"]

Inline = tuple[str | Link, ...]  # text and links to other roles' pages, in reading order
Item = tuple[str | None, Inline]  # an optional bold label, then the text

FACTS = ("Unit", "Reports to", "Dotted line to", "Direct reports", "Dotted-line reports", "Grade", "Location",
         "Hours", "Headcount", "People")


@dataclass(frozen=True)
class Block:
    """A titled part of a page: paragraphs, then a list."""

    heading: str
    paragraphs: tuple[Inline, ...] = ()
    items: tuple[Item, ...] = ()


def plain(inline: Inline) -> str:
    """The text of an inline, links as their titles.

    >>> plain(("Reports to ", Link("boss", "Boss")))
    'Reports to Boss'
    """
    return "".join(p.title if isinstance(p, Link) else p for p in inline)


def _links(links: tuple[Link, ...]) -> Inline:
    out: list[str | Link] = []
    for i, link in enumerate(links):
        out += [", ", link] if i else [link]
    return tuple(out)


def facts(page: RolePage) -> list[tuple[str, Inline]]:
    """(label, value) for each fact a page states, in FACTS order; empty ones left out."""
    values: dict[str, Inline] = {
        "Unit": (" › ".join(page.unit),) if page.unit else (),
        "Reports to": (page.reports_to,) if page.reports_to else ("no one",),
        "Dotted line to": _links(page.dotted_to),
        "Direct reports": _links(page.direct_reports) or ("none",),
        "Dotted-line reports": _links(page.dotted_reports),
        "Grade": (page.grade,) if page.grade else (),
        "Location": (page.location,) if page.location else (),
        "Hours": (page.hours,) if page.hours else (),
        "Headcount": (staffing_line(page.staffing),),
        "People": (", ".join(page.staffing.people),) if page.staffing.people else (),
    }
    return [(label, values[label]) for label in FACTS if values[label]]


def _purpose(page: RolePage) -> Block | None:
    paragraphs: list[Inline] = [(page.purpose,)] if page.purpose else []
    items: list[Item] = []
    if page.nickname:
        items.append(("Known as", (f"“{page.nickname}”",)))
    if page.owns:
        items.append(("Owns", (page.owns,)))
    if page.key_responsibility:
        items.append(("Key responsibility", (page.key_responsibility,)))
    return Block("Purpose", tuple(paragraphs), tuple(items)) if paragraphs or items else None


def _unit(page: RolePage) -> Block | None:
    """The unit's own words, said as the unit's."""
    unit = page.unit_text
    if unit is None or not (unit.nickname or unit.owns or unit.key_responsibility):
        return None
    items: list[Item] = []
    if unit.nickname:
        items.append(("Known as", (f"“{unit.nickname}”",)))
    if unit.owns:
        items.append(("The unit owns", (unit.owns,)))
    if unit.key_responsibility:
        items.append(("The unit's key responsibility", (unit.key_responsibility,)))
    return Block(f"The unit: {unit.name}", (), tuple(items))


def _list(heading: str, texts: tuple[str, ...], empty: str | None = None) -> Block | None:
    if not texts:
        return Block(heading, (), ((None, (empty,)),)) if empty else None
    return Block(heading, (), tuple((None, (t,)) for t in texts))


def blocks(page: RolePage) -> list[Block]:
    """The parts of a page after its facts, in order; a part with nothing to say is left out."""
    found: list[Block | None] = [
        _purpose(page), _unit(page),
        _list(f"Duties with the {page.client_side}", page.client_duties, "none listed"),
        _list(f"Duties with the {page.team_side}", page.team_duties, "none listed"),
        _list("Requirements", page.requirements),
    ]
    if page.relationships:
        found.append(Block("Key relationships", (), tuple(
            (None, ((r.link,) if r.link else (r.who,)) + ((f" — {r.how}",) if r.how else ()))
            for r in page.relationships)))
    if page.raci:
        found.append(Block("RACI", (), tuple((name, (", ".join(acts),)) for name, acts in page.raci)))
    if page.accounts:
        found.append(Block("Accounts", (), tuple(
            (None, (f"{client} — {part}" + (f" ({person})" if person else ""),))
            for client, part, person in page.accounts)))
    return [b for b in found if b is not None]
