"""A slide's speaker notes: what its chart shows, in words (roles, their duties, open seats, units)."""

from __future__ import annotations

from collections.abc import Iterator

from ...views.diagram import Card, Diagram, Group, Line, Matrix

__all__ = ["slide_notes"]


def _lines(lines: tuple[Line, ...]) -> Iterator[str]:
    for line in lines:
        if line.text.strip():
            yield line.text


def _card(card: Card) -> Iterator[str]:
    seat = " (open seat)" if card.dashed else ""
    said = "; ".join(_lines(card.lines))
    yield f"{card.title}{seat}" + (f": {said}" if said else "")
    for column in card.columns:
        if column.items:
            yield f"  {column.heading}: " + "; ".join(column.items)


def _matrix(matrix: Matrix) -> Iterator[str]:
    heads = [title for title, _ in matrix.columns]
    for section, rows in matrix.sections:
        if section:
            yield section
        for label, marks in rows:
            said = [f"{head} {mark}" for head, mark in zip(heads, marks) if mark.strip()]
            yield f"  {label}: " + (", ".join(said) if said else "no one marked")
    for mark, meaning in matrix.legend:
        yield f"{mark} = {meaning}"


def _group(group: Group, titles: dict[str, str]) -> Iterator[str]:
    members = [titles[c] for c in group.cards if c in titles]
    yield f"Unit {group.title}" + (f": {', '.join(members)}" if members else "")
    for sub in group.groups:
        yield from _group(sub, titles)


def slide_notes(diagram: Diagram) -> str:
    """The notes for a chart's slide: title, subtitle, each role with its duties, open seats, units and
    reporting lines, so a presenter (and a screen reader) has what the slide shows."""
    out = [diagram.title]
    if diagram.subtitle:
        out.append(diagram.subtitle)
    if diagram.description and diagram.description not in out:
        out.append(diagram.description)
    cards = [c for c in diagram.cards if isinstance(c, Card)]
    titles = {c.id: c.title for c in cards}
    if cards:
        out.append("")
        out.append(f"Roles ({len(cards)}):" if len(cards) != 1 else "Role:")
        for card in cards:
            out.extend(_card(card))
    for matrix in (c for c in diagram.cards if isinstance(c, Matrix)):
        out.append("")
        out.extend(_matrix(matrix))
    open_seats = [c.title for c in cards if c.dashed]
    if open_seats:
        out.append("")
        out.append(f"Open seats ({len(open_seats)}): " + ", ".join(open_seats))
    if diagram.groups:
        out.append("")
        for group in diagram.groups:
            out.extend(_group(group, titles))
    reports = [(titles.get(e.tail), titles.get(e.head), e.dashed) for e in diagram.edges if not e.invisible]
    shown = [f"{head} reports to {tail}" + (" (dotted line)" if dashed else "")
             for tail, head, dashed in reports if tail and head]
    if shown:
        out.append("")
        out.extend(shown)
    if diagram.legend:
        out.append("")
        out.append("Colours: " + "; ".join(meaning for meaning, _ in diagram.legend))
    return "\n".join(out)
