"""Cross-object checks on a parsed spec: duplicate ids, dangling references, cycles."""

from __future__ import annotations

from collections.abc import Iterator

from .errors import Finding, format_field
from .spec import OrgSpec
from .suggest import did_you_mean
from .yamltree import Tree

__all__ = ["check_spec"]

Loc = tuple[str | int, ...]


def check_spec(spec: OrgSpec, tree: Tree, path: str) -> list[Finding]:
    """Every cross-object finding in the spec, errors and warnings, in file order."""
    found: list[Finding] = []

    def add(loc: Loc, message: str, code: str, severity: str = "error") -> None:
        found.append(Finding(path, tree.position(loc), format_field(loc), message, code=code,
                             severity=severity))  # type: ignore[arg-type]

    unit_ids = _unique_ids("units", [u.id for u in spec.units], "unit", add)
    role_ids = _unique_ids("roles", [r.id for r in spec.roles], "role", add)

    def ref(loc: Loc, value: str | None, known: dict[str, int], kind: str) -> None:
        if value is not None and value not in known:
            add(loc, f"unknown {kind} '{value}'{did_you_mean(value, known)}", f"unknown-{kind}")

    for side in ("client", "team"):
        for i, unit in enumerate(getattr(spec.sides, side).units):
            ref(("sides", side, "units", i), unit, unit_ids, "unit")
    for i, u in enumerate(spec.units):
        ref(("units", i, "parent"), u.parent, unit_ids, "unit")
        ref(("units", i, "lead"), u.lead, role_ids, "role")
    for i, r in enumerate(spec.roles):
        ref(("roles", i, "unit"), r.unit, unit_ids, "unit")
        ref(("roles", i, "reports_to"), r.reports_to, role_ids, "role")

    parents = {u.id: u.parent for u in spec.units if u.parent in unit_ids}
    for cycle in _cycles(parents):
        add(("units", unit_ids[cycle[0]], "parent"), "units nest in a cycle: " + " -> ".join(cycle),
            "unit-cycle")
    bosses = {r.id: r.reports_to for r in spec.roles if r.reports_to in role_ids}
    for cycle in _cycles(bosses):
        add(("roles", role_ids[cycle[0]], "reports_to"), "reporting lines form a cycle: " + " -> ".join(cycle),
            "reporting-cycle")
    return found


def _unique_ids(section: str, ids: list[str], kind: str, add) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Map each id to its first index, reporting repeats."""
    first: dict[str, int] = {}
    for i, ident in enumerate(ids):
        if ident in first:
            add((section, i, "id"), f"duplicate {kind} id '{ident}' (also {section}[{first[ident]}]); "
                "ids must be unique", f"duplicate-{kind}-id")
        else:
            first[ident] = i
    return first


def _cycles(edges: dict[str, str | None]) -> Iterator[list[str]]:
    """Each cycle in a child -> parent map once, starting from its first member in map order."""
    done: set[str] = set()
    for start in edges:
        trail: list[str] = []
        node: str | None = start
        while node is not None and node not in done and node not in trail:
            trail.append(node)
            node = edges.get(node)
        if node is not None and node in trail:
            yield [*trail[trail.index(node):], node]
        done.update(trail)
