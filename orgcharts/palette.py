"""The colours of the built-in themes as plain data, defined once (imports nothing: the gallery page uses them)."""

from __future__ import annotations

__all__ = ["DEFAULT_COLOURS", "THEME_COLOURS", "CHANGE_COLOURS"]

# The default theme: white, warm orange for the client side, teal for the team side. The other themes
# replace some of these (THEME_COLOURS); themes.Theme takes them as its defaults, and the HTML pages
# (the gallery, the role pages) are styled with them.
DEFAULT_COLOURS: dict[str, str] = {
    "background": "#FFFFFF", "ink": "#1F2933", "muted": "#52606D", "card": "#FFFFFF", "card_border": "#9AA5B1",
    "group": "#F5F7FA", "group_border": "#CBD2D9", "lead": "#334E68", "lead_tint": "#F0F4F8", "client": "#C2410C",
    "client_tint": "#FFF1E6", "team": "#0E7490", "team_tint": "#E3F4F8",
    "both": "#6B5B7B",  # faces both sides alike: a muted violet, apart from both sides' colours
    "both_tint": "#F3F0F6", "edge": "#7B8794",
}

# Each built-in theme's colours besides the default's, by theme name (names.THEME_NAMES, in that order).
THEME_COLOURS: dict[str, dict[str, str]] = {
    "default": {},
    "dark": {"background": "#0B1220", "ink": "#E5E7EB", "muted": "#9CA3AF", "card": "#111827",
             "card_border": "#4B5563", "group": "#162033", "group_border": "#334155", "lead": "#CBD5E1",
             "lead_tint": "#1F2937", "client": "#FB923C", "client_tint": "#3B2314", "team": "#22D3EE",
             "team_tint": "#0E2F36", "both": "#C4B5FD", "both_tint": "#241E36", "edge": "#94A3B8"},
    "print": {"ink": "#000000", "muted": "#333333", "card_border": "#000000", "group": "#FFFFFF",
              "group_border": "#7F7F7F", "lead": "#000000", "lead_tint": "#F2F2F2", "client": "#1A1A1A",
              "client_tint": "#EDEDED", "team": "#4D4D4D", "team_tint": "#D6D6D6", "both": "#333333",
              "both_tint": "#F7F7F7", "edge": "#595959"},
    "high-contrast": {"ink": "#000000", "muted": "#000000", "card_border": "#000000", "group": "#FFFFFF",
                      "group_border": "#000000", "lead": "#000000", "lead_tint": "#FFFFFF", "client": "#A30000",
                      "client_tint": "#FFE5E5", "team": "#00398C", "team_tint": "#E0ECFF", "both": "#4B0082",
                      "both_tint": "#F0E6FA", "edge": "#000000"},
}

# A change chart (`orgcharts diff`) draws in a copy of its theme whose side and lead tones carry the
# change colours (tools/tones.py): added, removed, moved, by theme name.
CHANGE_COLOURS: dict[str, dict[str, str]] = {
    "default": {"client": "#15803D", "client_tint": "#E6F4EA", "team": "#B91C1C", "team_tint": "#FDE8E8",
                "lead": "#B45309", "lead_tint": "#FEF3C7"},
    "dark": {"client": "#4ADE80", "client_tint": "#12301E", "team": "#F87171", "team_tint": "#3A1618",
             "lead": "#FBBF24", "lead_tint": "#3A2A0C"},
    "print": {"client": "#000000", "client_tint": "#D9D9D9", "team": "#8C8C8C", "team_tint": "#FFFFFF",
              "lead": "#404040", "lead_tint": "#EFEFEF", "card_border": "#BFBFBF"},
    "high-contrast": {"client": "#006400", "client_tint": "#E0F5E0", "team": "#A30000", "team_tint": "#FFE5E5",
                      "lead": "#7A4100", "lead_tint": "#FFF0CC"},
}
