"""Findings as text, JSON or GitHub Actions annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .errors import Finding

__all__ = ["REPORT_FORMATS", "as_json", "as_github", "summary"]

REPORT_FORMATS = ("text", "json", "github")


def _record(f: Finding) -> dict[str, object]:
    return {"path": f.path, "line": f.position.line, "column": f.position.col, "field": f.field,
            "code": f.code, "severity": f.severity, "message": f.message}


def as_json(files: Sequence[str], findings: Sequence[Finding]) -> str:
    """One JSON document: the files checked, every finding, and the counts."""
    errors = sum(f.severity == "error" for f in findings)
    return json.dumps({"files": list(files), "errors": errors, "warnings": len(findings) - errors,
                       "findings": [_record(f) for f in findings]}, indent=2, ensure_ascii=False)


def _escape(text: str, *, prop: bool = False) -> str:
    """GitHub's workflow-command escaping: %, CR, LF always; ':' and ',' in properties."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def as_github(findings: Sequence[Finding]) -> str:
    """One `::error` or `::warning` annotation a line, which GitHub Actions shows on the diff.

    >>> from orgcharts.errors import Position
    >>> print(as_github([Finding("specs/a.yaml", Position(3, 5), "roles[0].ownz", "unknown field", "unknown-field")]))
    ::error file=specs/a.yaml,line=3,col=5,title=unknown-field::roles[0].ownz: unknown field
    """
    lines = []
    for f in findings:
        where = f"file={_escape(f.path, prop=True)},line={f.position.line},col={f.position.col}"
        text = f"{f.field}: {f.message}" if f.field else f.message
        lines.append(f"::{f.severity} {where},title={_escape(f.code, prop=True)}::{_escape(text)}")
    return "\n".join(lines)


def summary(findings: Sequence[Finding]) -> str:
    """'2 errors, 1 warning' / 'no problems'."""
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    parts = [f"{n} {word}{'s' * (n != 1)}" for n, word in ((errors, "error"), (warnings, "warning")) if n]
    return ", ".join(parts) or "no problems"
