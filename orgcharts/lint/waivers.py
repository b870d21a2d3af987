"""Waivers: `lint: {ignore: [...]}` for a spec, and `# orgcharts: ignore[code] — why` beside a line."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..errors import Finding, Position, format_field
from ..spec.models import OrgSpec
from ..spec.yamltree import Tree
from .registry import RULES, Loc, declare

__all__ = ["Waiver", "find_waivers", "apply_waivers", "code_problem", "select"]

declare("unknown-code", "error", "a waiver, `lint: ignore` or `--select`/`--ignore` naming a rule code that does "
        "not exist, or an error (errors cannot be waived)", "waivers")
declare("unused-waiver", "warning", "a waiver comment that excuses nothing: remove it", "waivers")
declare("waiver-reason", "warning", "a waiver comment that does not say why", "waivers")

_COMMENT = re.compile(r"(?:^|\s)#\s*orgcharts:\s*ignore\[([^\]]*)\]\s*(?:(?:—|–|--|-|:)\s*)?(.*)$")


class Waiver:
    """One `# orgcharts: ignore[...]` comment: where it is, what it excuses, where, and why."""

    __slots__ = ("position", "codes", "reason", "target_line", "target", "used")

    def __init__(self, position: Position, codes: tuple[str, ...], reason: str, target_line: int,
                 target: str) -> None:
        self.position = position
        self.codes = codes
        self.reason = reason
        self.target_line = target_line
        self.target = target  # the field the commented line starts, e.g. `raci[3]`; findings inside it are excused
        self.used = False

    def covers(self, finding: Finding) -> bool:
        """Whether this waiver excuses the finding: one of its codes, about the field its line starts or inside it."""
        if finding.code not in self.codes:
            return False
        field = finding.field
        return bool(self.target) and (field == self.target or field.startswith((self.target + ".",
                                                                               self.target + "[")))


def code_problem(code: str) -> str | None:
    """Why a rule code cannot be ignored or waived, or None when it can."""
    known = RULES.get(code)
    if known is None:
        from ..spec.suggest import did_you_mean

        return f"unknown rule code '{code}'{did_you_mean(code, RULES)}"
    if not known.waivable:
        return f"'{code}' is an error, which cannot be waived or ignored; fix it instead"
    return None


def _line_fields(tree: Tree) -> dict[int, Loc]:
    """For each line, the shortest field location that starts on it."""
    found: dict[int, Loc] = {}
    for table in (tree.keys, tree.values):
        for loc, pos in table.items():
            if table is tree.values and loc in tree.keys and tree.keys[loc].line != pos.line:
                continue  # a block under its key (`roles:` then `- ...`) belongs to the key's line
            if loc and (pos.line not in found or len(loc) < len(found[pos.line])):
                found[pos.line] = loc
    return found


def find_waivers(text: str, tree: Tree) -> list[Waiver]:
    """Every waiver comment in the spec's text, each tied to the line it sits beside (or above)."""
    waivers: list[Waiver] = []
    if "orgcharts:" not in text:
        return waivers
    lines = text.split("\n")
    fields: dict[int, Loc] | None = None
    for number, line in enumerate(lines, 1):
        if "orgcharts:" not in line:
            continue
        match = _COMMENT.search(line)
        if match is None:
            continue
        hash_col = line.index("#", match.start())
        if tree.in_text(Position(number, hash_col + 1)):
            continue  # inside a quoted or block text: not a comment
        target = number
        if not line[:hash_col].strip():  # a comment on its own line excuses the next line
            target = next((k for k in range(number + 1, len(lines) + 1)
                           if lines[k - 1].strip() and not lines[k - 1].lstrip().startswith("#")), number)
        if fields is None:
            fields = _line_fields(tree)
        codes = tuple(c.strip() for c in match.group(1).split(",") if c.strip())
        waivers.append(Waiver(Position(number, hash_col + 1), codes, match.group(2).strip(), target,
                              format_field(fields.get(target, ()))))
    return waivers


def apply_waivers(findings: Sequence[Finding], spec: OrgSpec, tree: Tree, text: str, path: str) -> list[Finding]:
    """The findings left once the spec's own ignores and waivers are applied, plus findings about them."""
    out: list[Finding] = []
    ignored: set[str] = set()
    if spec.lint is not None:
        for j, code in enumerate(spec.lint.ignore):
            problem = code_problem(code)
            if problem:
                out.append(Finding(path, tree.position(("lint", "ignore", j)), f"lint.ignore[{j}]", problem,
                                   code="unknown-code"))
            else:
                ignored.add(code)
    waivers = find_waivers(text, tree)
    for waiver in waivers:
        if not waiver.codes:
            out.append(Finding(path, waiver.position, "", "name the rule codes to waive, e.g. "
                               "`# orgcharts: ignore[raci-chain] — why`", code="unknown-code"))
        for code in waiver.codes:
            problem = code_problem(code)
            if problem:
                out.append(Finding(path, waiver.position, "", problem, code="unknown-code"))
        if not waiver.reason:
            out.append(Finding(path, waiver.position, "", "say why beside the waiver: "
                               f"`# orgcharts: ignore[{', '.join(waiver.codes)}] — the reason`",
                               code="waiver-reason", severity="warning"))
    for finding in findings:
        if finding.severity == "error":
            out.append(finding)
            continue
        if finding.code in ignored:
            continue
        covering = [w for w in waivers if w.covers(finding)]
        for waiver in covering:
            waiver.used = True
        if not covering:
            out.append(finding)
    for waiver in waivers:
        if not waiver.used and waiver.codes and not any(code_problem(c) for c in waiver.codes):
            where = f"`{waiver.target}` (line {waiver.target_line})" if waiver.target else f"line {waiver.target_line}"
            out.append(Finding(path, waiver.position, "", f"this waiver ({', '.join(waiver.codes)}) excuses "
                               f"nothing in {where}; remove it, or move it to the line of the item the finding "
                               "names", code="unused-waiver", severity="warning"))
    return [f for f in out if f.code not in ignored or f.severity == "error"]


def select(findings: Iterable[Finding], chosen: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Finding]:
    """Findings kept by `--select` (only these codes) and `--ignore`; errors are always kept."""
    wanted = set(chosen)
    dropped = set(ignore)
    return [f for f in findings if f.severity == "error"
            or ((not wanted or f.code in wanted) and f.code not in dropped)]
