"""Findings as text, JSON or GitHub Actions annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..errors import Finding, for_terminal
from ..options import REPORT_FORMATS

__all__ = ["REPORT_FORMATS", "as_json", "as_github", "summary", "counts", "failing"]


def counts(findings: Sequence[Finding]) -> dict[str, int]:
    """How many errors, warnings and suggestions."""
    return {kind: sum(f.severity == kind for f in findings) for kind in ("error", "warning", "suggestion")}


def failing(findings: Sequence[Finding], strict: bool = False) -> bool:
    """Whether the findings fail a check: any error, or with `strict` any warning (never a suggestion)."""
    return any(f.severity == "error" or (strict and f.severity == "warning") for f in findings)


def _record(f: Finding) -> dict[str, object]:
    return {"path": for_terminal(f.path), "line": f.position.line, "column": f.position.col,
            "field": for_terminal(f.field), "code": f.code, "severity": f.severity,
            "message": for_terminal(f.message)}


def as_json(files: Sequence[str], findings: Sequence[Finding]) -> str:
    """One JSON document: the files checked, every finding, and the counts."""
    total = counts(findings)
    return json.dumps({"files": [for_terminal(name) for name in files], "errors": total["error"],
                       "warnings": total["warning"], "suggestions": total["suggestion"],
                       "findings": [_record(f) for f in findings]}, indent=2, ensure_ascii=False)


def _escape(text: str, *, prop: bool = False) -> str:
    """GitHub's workflow-command escaping: %, CR, LF always; ':' and ',' in properties."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "suggestion": "notice"}


def as_github(findings: Sequence[Finding]) -> str:
    """One `::error`, `::warning` or `::notice` (suggestion) annotation a line, shown on the diff.

    >>> from orgcharts.errors import Position
    >>> print(as_github([Finding("specs/a.yaml", Position(3, 5), "roles[0].ownz", "unknown field", "unknown-field")]))
    ::error file=specs/a.yaml,line=3,col=5,title=unknown-field::roles[0].ownz: unknown field
    """
    lines = []
    for f in findings:
        where = f"file={_escape(for_terminal(f.path), prop=True)},line={f.position.line},col={f.position.col}"
        text = for_terminal(f"{f.field}: {f.message}" if f.field else f.message)
        level = _GITHUB_LEVEL[f.severity]
        lines.append(f"::{level} {where},title={_escape(f.code, prop=True)}::{_escape(text)}")
    return "\n".join(lines)


def summary(findings: Sequence[Finding]) -> str:
    """'2 errors, 1 warning, 3 suggestions' / 'no problems'."""
    parts = [f"{n} {word}{'s' * (n != 1)}" for word, n in counts(findings).items() if n]
    return ", ".join(parts) or "no problems"
