"""Themes as data: colours, fonts and sizes, looked up by name and adjusted by a spec or theme file."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from typing import Any

__all__ = ["Theme", "THEMES", "COLOUR_FIELDS", "get_theme", "SHIPPED_FONT", "font_family"]

SHIPPED_FONT = "Liberation Sans"  # shipped with orgcharts; every chart is measured with it


_FAMILY = re.compile(r"""\s*(?:'([^'"]*)'|"([^'"]*)"|([^'",]*?))\s*(?:,|$)""")
_NAME_CHARS = re.compile(r"[^\W_]|[ -]")  # letters and digits of any script, spaces, hyphens


def font_family(value: str) -> str:
    """A font-family list checked and written safely: names of letters, digits, spaces and hyphens,
    each bare or in quotes, separated by commas; quotes come back as single quotes.

    The result can sit inside any double-quoted SVG, HTML or DOT attribute as it is.
    >>> font_family('Brand Sans, "Open Sans", Arial')
    "Brand Sans,'Open Sans',Arial"
    >>> font_family('x" onmouseover="alert(1)')
    Traceback (most recent call last):
    ...
    ValueError: 'x" onmouseover="alert(1)' is not a font-family list; use font names of letters, \
digits, spaces and hyphens, separated by commas, e.g. 'Brand Sans, Arial'
    """
    names: list[str] = []
    pos = 0
    while pos < len(value):
        match = _FAMILY.match(value, pos)
        name = None if match is None else next(g for g in match.groups() if g is not None).strip()
        if match is None or match.end() == pos or not name or len(_NAME_CHARS.findall(name)) != len(name):
            raise ValueError(f"{value!r} is not a font-family list; use font names of letters, digits, spaces "
                             "and hyphens, separated by commas, e.g. 'Brand Sans, Arial'")
        names.append(f"'{name}'" if match.group(3) is None else name)
        pos = match.end()
    if not names:
        raise ValueError("the font list is empty; name a font, e.g. 'Brand Sans, Arial'")
    return ",".join(names)


@dataclass(frozen=True)
class Theme:
    """Everything about a chart's look that is not its structure."""

    name: str
    description: str = ""
    # The shipped font comes first; the fallbacks are metric-compatible, so text never overflows.
    font: str = f"{SHIPPED_FONT},Arial,Helvetica,sans-serif"
    background: str = "#FFFFFF"
    ink: str = "#1F2933"
    muted: str = "#52606D"
    card: str = "#FFFFFF"
    card_border: str = "#9AA5B1"
    group: str = "#F5F7FA"
    group_border: str = "#CBD2D9"
    lead: str = "#334E68"
    lead_tint: str = "#F0F4F8"
    client: str = "#C2410C"
    client_tint: str = "#FFF1E6"
    team: str = "#0E7490"
    team_tint: str = "#E3F4F8"
    both: str = "#6B5B7B"  # faces both sides alike: a muted violet, apart from both sides' colours
    both_tint: str = "#F3F0F6"
    edge: str = "#7B8794"
    title_size: int = 26
    subtitle_size: int = 15
    card_title_size: int = 17
    text_size: int = 13
    heading_size: int = 11
    wrap: int = 36  # characters per line of a duty; measured against the shipped font

    def accent(self, tone: str) -> str:
        return {"client": self.client, "team": self.team, "both": self.both, "lead": self.lead}.get(
            tone, self.card_border)

    def tint(self, tone: str) -> str:
        return {"client": self.client_tint, "team": self.team_tint, "both": self.both_tint,
                "lead": self.lead_tint}.get(tone, self.card)

    def adjusted(self, colours: dict[str, str], font: str | None = None) -> Theme:
        """This theme with some colours replaced and, optionally, a font named first."""
        changes: dict[str, Any] = dict(colours)
        if font:
            # The brand font is named first for viewers that have it; the layout is still measured
            # with the shipped font, so the brand font should be no wider than Arial.
            changes["font"] = f"{font_family(font)},{self.font}"
        return replace(self, name=f"{self.name}+custom", **changes)


COLOUR_FIELDS = tuple(f.name for f in fields(Theme) if f.type == "str" and f.name not in ("name", "description",
                                                                                           "font"))

THEMES: dict[str, Theme] = {
    "default": Theme(name="default", description="white, warm orange for the client side, teal for the team side"),
    "dark": Theme(
        name="dark", description="dark background for dark slide decks",
        background="#0B1220", ink="#E5E7EB", muted="#9CA3AF", card="#111827", card_border="#4B5563",
        group="#162033", group_border="#334155", lead="#CBD5E1", lead_tint="#1F2937",
        client="#FB923C", client_tint="#3B2314", team="#22D3EE", team_tint="#0E2F36", both="#C4B5FD",
        both_tint="#241E36", edge="#94A3B8",
    ),
    "print": Theme(
        name="print", description="greyscale for paper: sides told apart by shade",
        ink="#000000", muted="#333333", card_border="#000000", group="#FFFFFF", group_border="#7F7F7F",
        lead="#000000", lead_tint="#F2F2F2", client="#1A1A1A", client_tint="#EDEDED", team="#4D4D4D",
        team_tint="#D6D6D6", both="#333333", both_tint="#F7F7F7", edge="#595959",
    ),
    "high-contrast": Theme(
        name="high-contrast", description="black on white with strong colours, for projectors and low vision",
        ink="#000000", muted="#000000", card_border="#000000", group="#FFFFFF", group_border="#000000",
        lead="#000000", lead_tint="#FFFFFF", client="#A30000", client_tint="#FFE5E5", team="#00398C",
        team_tint="#E0ECFF", both="#4B0082", both_tint="#F0E6FA", edge="#000000",
    ),
}


def get_theme(name: str) -> Theme:
    """The theme called `name`; an unknown name lists the choices."""
    try:
        return THEMES[name]
    except KeyError:
        raise ValueError(f"unknown theme '{name}'; must be one of [{', '.join(sorted(THEMES))}]") from None
