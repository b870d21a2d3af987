"""Structure rules: unique ids, references that resolve, and reporting lines and units without loops."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..names import RACI_FIELDS, SIDES
from .registry import Facts, Loc, Report, rule

__all__ = ["references", "cycles", "MAX_UNIT_DEPTH"]

MAX_UNIT_DEPTH = 32  # units nested deeper than this cannot be drawn as readable frames


def _duplicates(section: str, ids: list[str], kind: str, report: Report) -> None:
    first: dict[str, int] = {}
    for i, ident in enumerate(ids):
        if ident in first:
            report.at((section, i, "id"), f"duplicate {kind} id '{ident}' (also {section}[{first[ident]}]); "
                      "ids must be unique")
        else:
            first[ident] = i


@rule("duplicate-role-id", "error", "two roles with the same id")
def duplicate_role_id(facts: Facts, report: Report) -> None:
    """Role ids are unique."""
    _duplicates("roles", [r.id for r in facts.spec.roles], "role", report)


@rule("duplicate-unit-id", "error", "two units with the same id")
def duplicate_unit_id(facts: Facts, report: Report) -> None:
    """Unit ids are unique."""
    _duplicates("units", [u.id for u in facts.spec.units], "unit", report)


@rule("duplicate-account-id", "error", "two accounts with the same id")
def duplicate_account_id(facts: Facts, report: Report) -> None:
    """Account ids are unique."""
    _duplicates("accounts", [a.id for a in facts.spec.accounts], "account", report)


def references(facts: Facts) -> Iterator[tuple[Loc, str, str]]:
    """Every reference by id in the spec: where it is, the id, and whether it names a role or a unit."""
    spec = facts.spec
    for side in SIDES:
        for i, unit in enumerate(getattr(spec.sides, side).units):
            yield ("sides", side, "units", i), unit, "unit"
    for i, u in enumerate(spec.units):
        if u.parent is not None:
            yield ("units", i, "parent"), u.parent, "unit"
        if u.lead is not None:
            yield ("units", i, "lead"), u.lead, "role"
    for i, r in enumerate(spec.roles):
        if r.unit is not None:
            yield ("roles", i, "unit"), r.unit, "unit"
        if r.reports_to is not None:
            yield ("roles", i, "reports_to"), r.reports_to, "role"
        for j, boss in enumerate(r.dotted_to):
            yield ("roles", i, "dotted_to", j), boss, "role"
        for k, p in enumerate(r.placements):
            yield ("roles", i, "placements", k, "unit"), p.unit, "unit"
            if p.reports_to is not None:
                yield ("roles", i, "placements", k, "reports_to"), p.reports_to, "role"
            for j, boss in enumerate(p.dotted_to):
                yield ("roles", i, "placements", k, "dotted_to", j), boss, "role"
    if spec.views is not None:
        for name, options in spec.views:
            for j, unit in enumerate(options.units if options else []):
                yield ("views", name, "units", j), unit, "unit"
    for i, act in enumerate(spec.raci):
        for letter in RACI_FIELDS:
            for j, role in enumerate(getattr(act, letter)):
                yield ("raci", i, letter, j), role, "role"
    for i, account in enumerate(spec.accounts):
        yield ("accounts", i, "lead", "role"), account.lead.role, "role"
        if account.project_manager is not None:
            yield ("accounts", i, "project_manager", "role"), account.project_manager.role, "role"
        for j, member in enumerate(account.contributors):
            yield ("accounts", i, "contributors", j, "role"), member.role, "role"


def _unknown(facts: Facts, report: Report, kind: str, known: Mapping[str, int]) -> None:
    for loc, ident, what in references(facts):
        if what == kind and ident not in known:
            report.at(loc, f"unknown {kind} '{ident}'{facts.suggest(ident, known)}")


@rule("unknown-role", "error", "a reference to a role id that does not exist")
def unknown_role(facts: Facts, report: Report) -> None:
    """Every role reference resolves."""
    _unknown(facts, report, "role", facts.role_index)


@rule("unknown-unit", "error", "a reference to a unit id that does not exist")
def unknown_unit(facts: Facts, report: Report) -> None:
    """Every unit reference resolves."""
    _unknown(facts, report, "unit", facts.unit_index)


def cycles(edges: Mapping[str, str | None]) -> Iterator[list[str]]:
    """Each cycle in a child -> parent map once, starting from its first member in map order."""
    done: set[str] = set()
    for start in edges:
        trail: list[str] = []
        on_trail: set[str] = set()
        node: str | None = start
        while node is not None and node not in done and node not in on_trail:
            trail.append(node)
            on_trail.add(node)
            node = edges.get(node)
        if node is not None and node in on_trail:
            yield [*trail[trail.index(node):], node]
        done.update(trail)


def _chain(ids: list[str]) -> str:
    if len(ids) <= 12:
        return " -> ".join(ids)
    return " -> ".join(ids[:10]) + f" -> ... ({len(ids) - 11:,} more) -> {ids[-1]}"


@rule("unit-cycle", "error", "units that nest in a loop through `parent:` (the loop is printed)")
def unit_cycle(facts: Facts, report: Report) -> None:
    """Units nest without loops."""
    parents = {u.id: u.parent for u in facts.spec.units if u.parent in facts.unit_index}
    for loop in cycles(parents):
        report.at(("units", facts.unit_index[loop[0]], "parent"), "units nest in a cycle: " + _chain(loop))


@rule("reporting-cycle", "error", "reporting lines that loop (the loop is printed)")
def reporting_cycle(facts: Facts, report: Report) -> None:
    """Reporting lines do not loop."""
    for loop in cycles(facts.bosses):
        report.at(("roles", facts.role_index[loop[0]], "reports_to"),
                  "reporting lines form a cycle: " + _chain(loop))


@rule("unit-depth", "error", f"units nested more than {MAX_UNIT_DEPTH} deep through `parent:`")
def unit_depth(facts: Facts, report: Report) -> None:
    """Nesting stays drawable: walked without recursion, reported once at the deepest unit."""
    parents = {u.id: u.parent for u in facts.spec.units if u.parent in facts.unit_index}
    depth: dict[str, int] = {}
    for start in parents:
        trail: list[str] = []
        node: str | None = start
        while node is not None and node not in depth and node not in trail:
            trail.append(node)
            node = parents.get(node)
        base = depth.get(node, 0) if node is not None and node not in trail else 0
        for offset, unit in enumerate(reversed(trail), 1):
            depth[unit] = base + offset
    deepest = max(depth, key=lambda u: (depth[u], -facts.unit_index[u]), default=None)
    if deepest is not None and depth[deepest] > MAX_UNIT_DEPTH:
        chain = [deepest]
        while chain[-1] in parents and len(chain) <= depth[deepest]:
            chain.append(parents[chain[-1]] or "")
        report.at(("units", facts.unit_index[deepest], "parent"),
                  f"units nest {depth[deepest]:,} deep ({_chain(chain[::-1])}); at most {MAX_UNIT_DEPTH} levels "
                  "can be drawn, so flatten the structure")


@rule("dotted-line", "error", "a dotted line to the role itself or to its own solid-line manager")
def dotted_line(facts: Facts, report: Report) -> None:
    """A dotted line adds a manager."""
    for i, r in enumerate(facts.spec.roles):
        for j, boss in enumerate(r.dotted_to):
            if boss in (r.id, r.reports_to):
                report.at(("roles", i, "dotted_to", j), f"'{boss}' is already this role's "
                          f"{'own id' if boss == r.id else 'solid-line manager'}; remove it")


@rule("dotted-loop", "error", "a dotted line that closes a loop with the reporting lines (or other dotted lines)")
def dotted_loop(facts: Facts, report: Report) -> None:
    """Reporting and dotted lines together never loop: nobody ends up above their own manager."""
    if any(True for _ in cycles(facts.bosses)):
        return  # the reporting cycle is reported already
    graph: dict[str, list[tuple[str, int]]] = {}
    for r in facts.spec.roles:
        if r.id in graph:
            continue
        edges = [(b, -1) for b in [facts.bosses.get(r.id)] if b is not None]
        edges += [(b, j) for j, b in enumerate(r.dotted_to) if b in facts.role_index and b not in (r.id, r.reports_to)]
        graph[r.id] = edges
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    seen: set[frozenset[str]] = set()
    for start in graph:
        if start in state:
            continue
        path: list[tuple[str, int]] = [(start, 0)]
        state[start] = 1
        while path:
            node, nxt = path[-1]
            if nxt == len(graph[node]):
                state[node] = 2
                path.pop()
                continue
            path[-1] = (node, nxt + 1)
            head, _ = graph[node][nxt]
            if state.get(head) == 1:
                members = [n for n, _ in path[[n for n, _ in path].index(head):]]
                if frozenset(members) not in seen:
                    seen.add(frozenset(members))
                    _report_loop(facts, report, members)
            elif head not in state:
                state[head] = 1
                path.append((head, 0))


def _report_loop(facts: Facts, report: Report, members: list[str]) -> None:
    ring = [*members, members[0]]
    for tail, head in zip(ring, ring[1:]):
        role = facts.roles[tail]
        if head in role.dotted_to and head != role.reports_to:
            where = ("roles", facts.role_index[tail], "dotted_to", role.dotted_to.index(head))
            report.at(where, f"this dotted line closes a loop with the reporting lines ({_chain(ring)}): "
                      f"'{tail}' would answer to someone who answers to it; remove the dotted line or "
                      "fix the reporting line")
            return


@rule("assistant-without-manager", "error", "an assistant role with no `reports_to:`")
def assistant_without_manager(facts: Facts, report: Report) -> None:
    """An assistant is drawn beside its manager, so it needs one."""
    for i, r in enumerate(facts.spec.roles):
        if r.assistant and r.reports_to is None:
            report.at(("roles", i, "assistant"), "an assistant is drawn beside its manager; add `reports_to:`",
                      key=True)


@rule("placeholder-people", "error", "a placeholder role that names people or open seats")
def placeholder_people(facts: Facts, report: Report) -> None:
    """A placeholder is a title only."""
    for i, r in enumerate(facts.spec.roles):
        if r.placeholder and (r.people or r.open or r.headcount):
            report.at(("roles", i, "placeholder"), "a placeholder is a title only; remove its `people:`, "
                      "`open:` and `headcount:`, or remove `placeholder: true`", key=True)


@rule("seat-count", "warning", "`headcount` smaller than the people named plus the open seats")
def seat_count(facts: Facts, report: Report) -> None:
    """Headcount covers everyone named and every open seat."""
    for i, r in enumerate(facts.spec.roles):
        least = len(r.people) + r.open
        if r.headcount is not None and r.headcount < least:
            report.at(("roles", i, "headcount"), f"headcount {r.headcount} is less than the {len(r.people)} "
                      f"people named plus {r.open} open; make it {least}, or remove it")




@rule("placed-role", "error", "a role with `placements:` that also gives its own `unit:`, `people:`, `headcount:` or "
      "`open:`, places itself twice in one unit, or whose placement id is another role's")
def placed_role(facts: Facts, report: Report) -> None:
    """A placed role says where it sits and who holds it once per placement, and each placement has an id of its own."""
    taken = {r.id for r in facts.spec.roles}
    for i, r in enumerate(facts.spec.roles):
        if not r.placements:
            continue
        for name in ("unit", "people", "headcount", "open"):
            if ("roles", i, name) in facts.tree.keys:
                report.at(("roles", i, name), f"'{r.id}' is placed in several units, so `{name}:` belongs in "
                          "each of its `placements:`; move it there", key=True)
        seen: set[str] = set()
        for k, p in enumerate(r.placements):
            pid = f"{r.id}-{p.unit}"
            if p.unit in seen:
                report.at(("roles", i, "placements", k, "unit"), f"'{r.id}' is already placed in '{p.unit}'; "
                          "give each unit one placement (with `headcount:` for several seats)")
            elif pid in taken:
                report.at(("roles", i, "placements", k, "unit"), f"this placement's id '{pid}' is already a role's "
                          "id; rename one of them")
            seen.add(p.unit)
