"""The YAML parser's marks -> positions as an editor counts them (lines split at `\\n` only)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Any

from ..errors import Position

__all__ = ["mark_position", "positioner"]


def mark_position(mark: Any) -> Position:
    """A mark's position as the parser counted it (1-based)."""
    return Position(mark.line + 1, mark.column + 1)


# YAML reads these as line breaks too; an editor, and every finding, counts lines by `\n` only.
_OTHER_BREAKS = re.compile("[\u2028\u2029\x85]")


def positioner(text: str) -> Callable[[Any], Position]:
    """How to turn the parser's marks for `text` into positions an editor shows: line and column as
    counted by `\\n` alone. The parser's own count serves unless the text holds U+2028, U+2029 or
    U+0085, which it counts as line breaks: then the line is found from the mark's character index.

    """
    if _OTHER_BREAKS.search(text) is None:
        return mark_position
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def pos(mark: Any) -> Position:
        line = bisect.bisect_right(starts, mark.index) - 1
        return Position(line + 1, mark.index - starts[line] + 1)

    return pos
