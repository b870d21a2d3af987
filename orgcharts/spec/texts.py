"""The spec's value types: slugs, texts that are safe to draw and print, colours, the side help."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

__all__ = ["SLUG_PATTERN", "Slug", "visible", "MAX_TEXT_LINES", "Text", "Duty", "COLOUR_PATTERN", "Colour",
           "ThemeName", "Faces", "FACES_HELP"]

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=64),
    Field(description="A short id: lowercase letters, digits and single hyphens, e.g. `account-manager`."),
]
# Control characters and bidirectional overrides can hide or reorder what a chart shows.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# Characters that draw nothing: format characters (U+200B, U+2063, U+FEFF ...) and the fillers
# some scripts use; a text made only of these and spaces is empty.
_DRAWN = re.compile("[!-~]")  # any visible ASCII character
_FILLERS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0")


def visible(value: str) -> str:
    """The text without the characters that draw nothing, and without surrounding space.

    >>> visible("\u200b \u2063"), visible("a\u200bb")
    ('', 'ab')
    """
    return "".join(c for c in value if unicodedata.category(c) != "Cf" and c not in _FILLERS).strip()


MAX_TEXT_LINES = 10  # a text's lines as written: a title of 200 lines drew a chart 28,145 pt tall


def _safe_text(value: str) -> str:
    if not value.isprintable() and len(value.splitlines()) > MAX_TEXT_LINES:  # line breaks are unprintable
        raise PydanticCustomError(
            "too_many_lines", "has {lines} lines; a text on a chart holds at most {most}: join the lines "
            "(the chart wraps long text itself), or move the detail to a role page",
            {"lines": len(value.splitlines()), "most": MAX_TEXT_LINES},
        )
    bad = _UNSAFE.search(value)
    if bad:
        raise PydanticCustomError(
            "unsafe_text",
            "contains the invisible control character U+{code}, which could hide or reorder text; remove it",
            {"code": f"{ord(bad.group()):04X}"},
        )
    if not _DRAWN.search(value) and not visible(value):  # the ASCII check spares most texts the slow walk
        raise PydanticCustomError(
            "invisible_text", "is empty once its invisible characters (such as U+{code}) are removed; "
            "write the text, or remove the field", {"code": f"{ord(value[0]):04X}"},
        )
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400),
                 AfterValidator(_safe_text)]
Duty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
                 AfterValidator(_safe_text)]


COLOUR_PATTERN = r"^#(?:[0-9a-fA-F]{3}){1,2}$"
Colour = Annotated[str, StringConstraints(pattern=COLOUR_PATTERN),
                   Field(description="A colour as #RRGGBB or #RGB, e.g. `#C2410C`.")]
ThemeName = Literal["default", "dark", "print", "high-contrast"]
Faces = Literal["client", "team", "both"]
FACES_HELP = ("Which side this faces: `client`, `team` or `both`. Default for a role: the side holding 60% or "
              "more of its duties, else its unit's stated side, else `both`; for a unit: the enclosing unit's, "
              "else its roles' duties pooled.")
