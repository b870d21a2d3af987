"""Change colours as theme tones: added, removed, moved and unchanged, mapped without a theme edit."""

from __future__ import annotations

from ...views.diagram import Tone
from ...palette import CHANGE_COLOURS
from ...themes import Theme

__all__ = ["ADDED", "REMOVED", "MOVED", "SAME", "KINDS", "change_theme"]

# A change chart draws in a copy of the chart's theme whose two side tones and lead tone carry the
# change colours; the views then need no new tone, and themes no new field.
ADDED: Tone = "client"
REMOVED: Tone = "team"
MOVED: Tone = "lead"
SAME: Tone = "neutral"
KINDS: tuple[tuple[Tone, str, str], ...] = (
    (ADDED, "Added", "new role, duty, line or letter"),
    (REMOVED, "Removed", "gone, or dropped with no new owner"),
    (MOVED, "Moved or changed", "new unit, manager, title, people, seats, FTE or grade; duty moved"),
    (SAME, "Unchanged", "as before"),
)

def change_theme(theme: Theme) -> Theme:
    """The theme a change chart is drawn in: the same look, with added, removed and moved colours."""
    muted = {"edge": theme.group_border}  # lines that did not change recede
    return theme.adjusted({**CHANGE_COLOURS.get(theme.base, CHANGE_COLOURS["default"]), **muted})
