"""Change colours as theme tones: added, removed, moved and unchanged, mapped without a theme edit."""

from __future__ import annotations

from ..diagram import Tone
from ..themes import Theme

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

_COLOURS: dict[str, dict[str, str]] = {
    "default": {"client": "#15803D", "client_tint": "#E6F4EA", "team": "#B91C1C", "team_tint": "#FDE8E8",
                "lead": "#B45309", "lead_tint": "#FEF3C7"},
    "dark": {"client": "#4ADE80", "client_tint": "#12301E", "team": "#F87171", "team_tint": "#3A1618",
             "lead": "#FBBF24", "lead_tint": "#3A2A0C"},
    "print": {"client": "#000000", "client_tint": "#D9D9D9", "team": "#8C8C8C", "team_tint": "#FFFFFF",
              "lead": "#404040", "lead_tint": "#EFEFEF", "card_border": "#BFBFBF"},
    "high-contrast": {"client": "#006400", "client_tint": "#E0F5E0", "team": "#A30000", "team_tint": "#FFE5E5",
                      "lead": "#7A4100", "lead_tint": "#FFF0CC"},
}


def change_theme(theme: Theme) -> Theme:
    """The theme a change chart is drawn in: the same look, with added, removed and moved colours."""
    base = theme.name.split("+")[0]
    muted = {"edge": theme.group_border}  # lines that did not change recede
    return theme.adjusted({**_COLOURS.get(base, _COLOURS["default"]), **muted})
