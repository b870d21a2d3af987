"""Positions, findings and the two error families: user mistakes and rendering failures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Position", "Finding", "SpecError", "RenderError", "format_field"]

Severity = Literal["error", "warning"]


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
        where = f"{self.path}:{self.position.line}:{self.position.col}"
        prefix = "warning: " if self.severity == "warning" else ""
        if self.field:
            return f"{where}: {prefix}{self.field}: {self.message}"
        return f"{where}: {prefix}{self.message}"

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
