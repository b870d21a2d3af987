"""Colour the duties a change chart marks (new, dropped, moved, reworded) by what became of them."""

from __future__ import annotations

import re

from ..diagram import Tone
from ..themes import Theme
from .tones import ADDED, MOVED, REMOVED

__all__ = ["MARKS", "MEMBER_MARKS", "colour_marked_duties"]

# The prefixes changespec.duty_text gives a duty, and the change each stands for.
MARKS: tuple[tuple[str, Tone], ...] = (
    ("+ new:", ADDED), ("× dropped:", REMOVED), ("← from ", MOVED), ("→ to ", MOVED), ("~ reworded", MOVED),
)
# The prefixes changespec.accounts_spec gives account members who joined or left.
MEMBER_MARKS: tuple[tuple[str, Tone], ...] = (("+ ", ADDED), ("× ", REMOVED))


def colour_marked_duties(dot: str, theme: Theme, marks: tuple[tuple[str, Tone], ...] = MARKS) -> str:
    """The DOT with each marked duty's cell tinted and its text in its change colour.

    Labels escape duty text and draw each duty as one FONT element, in a table cell of its own or
    as a bulleted line of its column; this recolours the cells (or bullet and text) whose text
    starts with a mark. A duty whose layout it does not recognise is left as drawn, marked by its
    prefix alone.
    """
    for mark, tone in marks:
        pattern = re.compile(r'(<TD BGCOLOR=")[^"]*(" COLOR=")[^"]*("[^>]*><FONT POINT-SIZE="\d+" COLOR=")'
                             + re.escape(theme.ink) + '(">' + re.escape(mark) + ")")
        tint, accent = theme.tint(tone), theme.accent(tone)
        dot = pattern.sub(rf"\g<1>{tint}\g<2>{tint}\g<3>{accent}\g<4>", dot)
        # A duty drawn as a bulleted line among its column's lines (columns flow independently):
        # its bullet and its text take the change colour.
        line = re.compile(r'(<FONT POINT-SIZE="\d+" COLOR=")[^"]*("><B>•</B></FONT>\u00a0'
                          r'<FONT POINT-SIZE="\d+" COLOR=")' + re.escape(theme.ink) + '(">' + re.escape(mark) + ")")
        dot = line.sub(rf"\g<1>{accent}\g<2>{accent}\g<3>", dot)
    return dot
