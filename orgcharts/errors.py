"""Positions, findings and the two error families: user mistakes and rendering failures."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .terminal import for_terminal

__all__ = ["Position", "Finding", "Severity", "SpecError", "RenderError", "format_field", "for_terminal",
           "listed", "LIST_LIMIT"]

Severity = Literal["error", "warning", "suggestion"]
LIST_LIMIT = 10  # ids a finding lists before "and N more", so output grows linearly with the spec


def listed(items: Iterable[str], limit: int = LIST_LIMIT) -> str:
    """Items joined by commas, the list cut after `limit` with "and N more".

    >>> listed(["a", "b", "c"], limit=2)
    'a, b and 1 more'
    >>> listed([f"r{i}" for i in range(5000)], limit=3)
    'r0, r1, r2 and 4,997 more'
    """
    shown: list[str] = []
    extra = 0
    for item in items:
        if len(shown) < limit:
            shown.append(item)
        else:
            extra += 1
    return ", ".join(shown) + (f" and {extra:,} more" if extra else "")


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and column in a spec file."""

    line: int
    col: int


@dataclass(frozen=True)
class Finding:
    """One problem found in a spec, printed as `path:line:col: field: message`."""

    path: str
    position: Position
    field: str
    message: str
    code: str = "spec"
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{for_terminal(self.path)}:{self.position.line}:{self.position.col}"
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        message = for_terminal(self.message)
        if self.field:
            return f"{where}: {prefix}{for_terminal(self.field)}: {message}"
        return f"{where}: {prefix}{message}"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.position.line, self.position.col, self.field, self.message)


class SpecError(Exception):
    """A spec the user wrote is invalid; carries every finding, never a traceback."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = sorted(findings, key=Finding.sort_key)
        super().__init__("\n".join(str(f) for f in self.findings))


class RenderError(Exception):
    """Graphviz could not lay out or render a chart."""


def format_field(loc: tuple[str | int, ...]) -> str:
    """Turn a field location such as ('roles', 1, 'owns') into `roles[1].owns`.

    >>> format_field(('roles', 1, 'owns'))
    'roles[1].owns'
    >>> format_field(())
    ''
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
