"""Themes as data: colours, fonts and sizes, looked up by name and adjusted by a spec or theme file."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from typing import Any

from .names import THEME_NAMES
from .palette import DEFAULT_COLOURS as _DEFAULT
from .palette import THEME_COLOURS

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
    background: str = _DEFAULT["background"]
    ink: str = _DEFAULT["ink"]
    muted: str = _DEFAULT["muted"]
    card: str = _DEFAULT["card"]
    card_border: str = _DEFAULT["card_border"]
    group: str = _DEFAULT["group"]
    group_border: str = _DEFAULT["group_border"]
    lead: str = _DEFAULT["lead"]
    lead_tint: str = _DEFAULT["lead_tint"]
    client: str = _DEFAULT["client"]
    client_tint: str = _DEFAULT["client_tint"]
    team: str = _DEFAULT["team"]
    team_tint: str = _DEFAULT["team_tint"]
    both: str = _DEFAULT["both"]
    both_tint: str = _DEFAULT["both_tint"]
    edge: str = _DEFAULT["edge"]
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

    @property
    def base(self) -> str:
        """The built-in theme this one was made from (its name, before any adjustment)."""
        return self.name.split("+")[0]


COLOUR_FIELDS = tuple(f.name for f in fields(Theme) if f.type == "str" and f.name not in ("name", "description",
                                                                                           "font"))

_DESCRIPTIONS = {
    "default": "white, warm orange for the client side, teal for the team side",
    "dark": "dark background for dark slide decks",
    "print": "greyscale for paper: sides told apart by shade",
    "high-contrast": "black on white with strong colours, for projectors and low vision",
}
THEMES: dict[str, Theme] = {name: Theme(name=name, description=_DESCRIPTIONS[name], **THEME_COLOURS[name])  # type: ignore[arg-type]
                            for name in THEME_NAMES}


def get_theme(name: str) -> Theme:
    """The theme called `name`; an unknown name lists the choices."""
    try:
        return THEMES[name]
    except KeyError:
        raise ValueError(f"unknown theme '{name}'; must be one of [{', '.join(sorted(THEMES))}]") from None
