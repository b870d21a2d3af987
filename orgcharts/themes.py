"""Themes as data: colours, fonts and sizes, looked up by name."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Theme", "THEMES", "get_theme"]


@dataclass(frozen=True)
class Theme:
    """Everything about a chart's look that is not its structure."""

    name: str
    # The shipped font comes first; the fallbacks are metric-compatible, so text never overflows.
    font: str = "Liberation Sans,Arial,Helvetica,sans-serif"
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
    edge: str = "#7B8794"
    title_size: int = 26
    subtitle_size: int = 15
    card_title_size: int = 17
    text_size: int = 13
    heading_size: int = 11
    wrap: int = 36  # characters per line of a duty; measured against the shipped font

    def accent(self, tone: str) -> str:
        return {"client": self.client, "team": self.team, "lead": self.lead}.get(tone, self.card_border)

    def tint(self, tone: str) -> str:
        return {"client": self.client_tint, "team": self.team_tint, "lead": self.lead_tint}.get(tone, self.card)


THEMES: dict[str, Theme] = {"default": Theme(name="default")}


def get_theme(name: str) -> Theme:
    """The theme called `name`; an unknown name lists the choices."""
    try:
        return THEMES[name]
    except KeyError:
        raise ValueError(f"unknown theme '{name}'; must be one of [{', '.join(sorted(THEMES))}]") from None
