"""The tone of each duty and account member a change chart lists, from what became of it."""

from __future__ import annotations

from ...views.diagram import Tone
from .changes import Changes, DutyChange
from .changespec import JOINED, LEFT, Which, duty_text
from .tones import ADDED, MOVED, REMOVED

__all__ = ["duty_tone", "duty_tones", "member_tone"]


def duty_tone(duty: DutyChange) -> Tone | None:
    """A duty's change colour: new, dropped, or moved (to another role or side, or reworded); None when kept."""
    if duty.kind == "same":
        return None
    return {"added": ADDED, "removed": REMOVED}.get(duty.kind, MOVED)


def duty_tones(changes: Changes, which: Which) -> dict[str, dict[str, Tone]]:
    """Role key -> the text each changed duty is listed by in this version -> its change colour."""
    found: dict[str, dict[str, Tone]] = {}
    for change in changes.roles:
        for duty in change.duties:
            text, tone = duty_text(changes, duty, which), duty_tone(duty)
            if text is not None and tone is not None:
                found.setdefault(change.key, {})[text] = tone
    return found


def member_tone(text: str) -> Tone | None:
    """An account member's colour: joined or left, as `changespec.accounts_spec` marks them; None otherwise."""
    if text.startswith(JOINED):
        return ADDED
    return REMOVED if text.startswith(LEFT) else None
