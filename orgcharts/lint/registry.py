"""The rule registry: every check has a code, a default level and one function reporting through `Report`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Literal, NamedTuple

from ..errors import Finding, format_field
from ..spec.placements import expand, placement_ids
from ..spec.models import OrgSpec, Role, Unit
from ..spec.yamltree import Tree

if TYPE_CHECKING:
    from ..spec.suggest import Suggester

__all__ = ["Level", "Loc", "Rule", "RULES", "Facts", "Report", "rule", "declare", "run_rules", "LEVELS",
           "rule_table", "TOPICS"]

Level = Literal["error", "warning", "suggestion"]
LEVELS: tuple[Level, ...] = ("error", "warning", "suggestion")
Loc = tuple[str | int, ...]


class Facts:
    """What every rule looks at: the spec, where its parts are, and lookups built once."""

    def __init__(self, spec: OrgSpec, tree: Tree, path: str) -> None:
        self.spec = spec
        self.tree = tree
        self.path = path

    @cached_property
    def suggest(self) -> Suggester:
        """"Did you mean", within one budget for the whole spec (imported by the first spec with a mistake)."""
        from ..spec.suggest import Suggester

        return Suggester()

    @cached_property
    def role_index(self) -> dict[str, int]:
        """Each role id and the index of its first definition; a placement's id, the index of its role."""
        first = _first_index(r.id for r in self.spec.roles)
        for pid, role_id in placement_ids(self.spec).items():
            first.setdefault(pid, first[role_id])
        return first

    @cached_property
    def unit_index(self) -> dict[str, int]:
        """Each unit id and the index of its first definition."""
        return _first_index(u.id for u in self.spec.units)

    @cached_property
    def roles(self) -> dict[str, Role]:
        """Roles by id (the first of duplicates)."""
        return {rid: self.spec.roles[i] for rid, i in self.role_index.items()}

    @cached_property
    def units(self) -> dict[str, Unit]:
        """Units by id (the first of duplicates)."""
        return {uid: self.spec.units[i] for uid, i in self.unit_index.items()}

    @cached_property
    def bosses(self) -> dict[str, str]:
        """Each role's (and each placement's) solid-line manager, when that manager exists."""
        if not any(r.placements for r in self.spec.roles):
            return {r.id: r.reports_to for r in self.spec.roles if r.reports_to in self.role_index}
        return {r.id: r.reports_to for r in expand(self.spec).roles if r.reports_to in self.role_index}

    def managers(self, role_id: str) -> list[str]:
        """The chain of solid-line managers above a role, nearest first (stops at a cycle)."""
        chain: list[str] = []
        seen = {role_id}
        current = self.bosses.get(role_id)
        while current is not None and current not in seen:
            chain.append(current)
            seen.add(current)
            current = self.bosses.get(current)
        return chain


def _first_index(ids: Iterable[str]) -> dict[str, int]:
    first: dict[str, int] = {}
    for i, ident in enumerate(ids):
        first.setdefault(ident, i)
    return first


Check = Callable[[Facts, "Report"], None]


class Rule(NamedTuple):
    """One rule: its stable code, its default level, what it checks (for the docs), and its function."""

    code: str
    level: Level
    summary: str
    check: Check | None = None
    topic: str = "format"

    @property
    def waivable(self) -> bool:
        """Warnings and suggestions can be ignored or waived; an error makes the spec unusable."""
        return self.level != "error"


RULES: dict[str, Rule] = {}


def declare(code: str, level: Level, summary: str, topic: str = "format") -> Rule:
    """Register a code reported outside the rule functions (YAML and model checks)."""
    if code in RULES:
        raise ValueError(f"rule code {code!r} registered twice")
    RULES[code] = Rule(code, level, summary, topic=topic)
    return RULES[code]


def rule(code: str, level: Level, summary: str) -> Callable[[Check], Check]:
    """Register the decorated function as the check for `code`; its module names the topic."""

    def register(check: Check) -> Check:
        declare(code, level, summary)
        RULES[code] = Rule(code, level, summary, check, topic=check.__module__.rsplit(".", 1)[-1])
        return check

    return register


TOPICS = ("format", "structure", "raci", "org", "accounts", "wording", "waivers")


def rule_table() -> str:
    """The README's rule table, generated from the registry: one row a code, by topic."""
    rows = ["| code | level | what |", "|---|---|---|"]
    ordered = sorted(RULES.values(), key=lambda r: TOPICS.index(r.topic) if r.topic in TOPICS else len(TOPICS))
    rows += [f"| `{r.code}` | {r.level} | {r.summary} |" for r in ordered]
    return "\n".join(rows)


class Report:
    """How a rule reports a finding: the code and level come from the rule, the position from the tree."""

    def __init__(self, rule: Rule, facts: Facts, sink: list[Finding]) -> None:
        self.rule = rule
        self.facts = facts
        self.sink = sink

    def at(self, loc: Loc, message: str, *, key: bool = False) -> None:
        """Report `message` about the spec's part at `loc` (its key when `key`)."""
        self.sink.append(Finding(self.facts.path, self.facts.tree.position(loc, key=key), format_field(loc),
                                 message, code=self.rule.code, severity=self.rule.level))


def run_rules(spec: OrgSpec, tree: Tree, path: str) -> list[Finding]:
    """Every finding of every registered rule, in registry order."""
    facts = Facts(spec, tree, path)
    found: list[Finding] = []
    for item in RULES.values():
        if item.check is not None:
            item.check(facts, Report(item, facts, found))
    return found
