"""Cross-object checks on a parsed spec: ids, references, cycles, RACI and account rules."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from .errors import Finding, Severity, format_field
from .lint import lint_spec
from .spec import Member, OrgSpec
from .suggest import did_you_mean
from .yamltree import Tree

__all__ = ["check_spec", "managers"]

Loc = tuple[str | int, ...]
Add = Callable[..., None]


def check_spec(spec: OrgSpec, tree: Tree, path: str) -> list[Finding]:
    """Every cross-object finding in the spec, errors and warnings."""
    found: list[Finding] = []

    def add(loc: Loc, message: str, code: str, severity: Severity = "error", key: bool = False) -> None:
        found.append(Finding(path, tree.position(loc, key=key), format_field(loc), message, code=code,
                             severity=severity))

    unit_ids = _unique_ids("units", [u.id for u in spec.units], "unit", add)
    role_ids = _unique_ids("roles", [r.id for r in spec.roles], "role", add)
    _unique_ids("accounts", [a.id for a in spec.accounts], "account", add)

    def ref(loc: Loc, value: str | None, known: dict[str, int], kind: str) -> bool:
        if value is not None and value not in known:
            add(loc, f"unknown {kind} '{value}'{did_you_mean(value, known)}", f"unknown-{kind}")
            return False
        return True

    for side in ("client", "team"):
        for i, unit in enumerate(getattr(spec.sides, side).units):
            ref(("sides", side, "units", i), unit, unit_ids, "unit")
    for i, u in enumerate(spec.units):
        ref(("units", i, "parent"), u.parent, unit_ids, "unit")
        ref(("units", i, "lead"), u.lead, role_ids, "role")
    for i, r in enumerate(spec.roles):
        ref(("roles", i, "unit"), r.unit, unit_ids, "unit")
        ref(("roles", i, "reports_to"), r.reports_to, role_ids, "role")
        for j, boss in enumerate(r.dotted_to):
            if ref(("roles", i, "dotted_to", j), boss, role_ids, "role") and boss in (r.id, r.reports_to):
                add(("roles", i, "dotted_to", j), f"'{boss}' is already this role's "
                    f"{'own id' if boss == r.id else 'solid-line manager'}; remove it", "dotted-line")
        if r.assistant and r.reports_to is None:
            add(("roles", i, "assistant"), "an assistant is drawn beside its manager; add `reports_to:`",
                "assistant-without-manager", key=True)
    if spec.views is not None:
        for name, options in spec.views:
            for j, unit in enumerate(options.units if options else []):
                ref(("views", name, "units", j), unit, unit_ids, "unit")

    parents = {u.id: u.parent for u in spec.units if u.parent in unit_ids}
    for cycle in _cycles(parents):
        add(("units", unit_ids[cycle[0]], "parent"), "units nest in a cycle: " + " -> ".join(cycle),
            "unit-cycle")
    bosses = {r.id: r.reports_to for r in spec.roles if r.reports_to in role_ids}
    cycles = list(_cycles(bosses))
    for cycle in cycles:
        add(("roles", role_ids[cycle[0]], "reports_to"), "reporting lines form a cycle: " + " -> ".join(cycle),
            "reporting-cycle")
    _check_raci(spec, role_ids, add, ref, acyclic=not cycles)
    _check_accounts(spec, role_ids, add, ref)
    lint_spec(spec, role_ids, add)
    return found


def managers(spec: OrgSpec, role_id: str) -> list[str]:
    """The chain of solid-line managers above a role, nearest first (stops at a cycle)."""
    boss = {r.id: r.reports_to for r in spec.roles}
    chain: list[str] = []
    current = boss.get(role_id)
    while current is not None and current not in chain and current != role_id:
        chain.append(current)
        current = boss.get(current)
    return chain


def _answers_to(spec: OrgSpec, role_id: str) -> set[str]:
    """Everyone a role answers to: its solid-line chain, and each dotted-line manager with theirs."""
    dotted = next((r.dotted_to for r in spec.roles if r.id == role_id), [])
    found = set(managers(spec, role_id))
    for boss in dotted:
        found.add(boss)
        found.update(managers(spec, boss))
    return found


def _check_raci(spec: OrgSpec, role_ids: dict[str, int], add: Add, ref: Callable[..., bool],
                acyclic: bool) -> None:
    doers: set[str] = set()
    named: set[str] = set()
    for i, act in enumerate(spec.raci):
        for letter in ("responsible", "accountable", "consulted", "informed"):
            for j, role in enumerate(getattr(act, letter)):
                if ref(("raci", i, letter, j), role, role_ids, "role"):
                    named.add(role)
        if len(act.accountable) != 1:
            what = ("no accountable role; name exactly one" if not act.accountable else
                    f"{len(act.accountable)} accountable roles ({', '.join(act.accountable)}); "
                    "exactly one is allowed")
            add(("raci", i, "accountable"), what, "raci-accountable")
        if not act.responsible:
            add(("raci", i, "responsible"), "no responsible role; name at least one", "raci-responsible")
        doers.update(act.responsible, act.accountable)
        if acyclic and len(act.accountable) == 1 and act.responsible:
            (owner,) = act.accountable
            known = [r for r in act.responsible if r in role_ids]
            if known and owner in role_ids and not any(owner == r or owner in _answers_to(spec, r) for r in known):
                add(("raci", i, "accountable"), f"'{owner}' is outside the reporting chain of the responsible "
                    f"roles ({', '.join(known)}); check who answers for this", "raci-chain", "warning")
    if not spec.raci:
        return
    for i, role in enumerate(spec.roles):
        has_duties = bool(role.client_facing or role.internal)
        if role.id not in doers and (role.id in named or has_duties):
            add(("roles", i), f"'{role.id}' is never Responsible or Accountable in the RACI", "raci-idle",
                "warning")


def _check_accounts(spec: OrgSpec, role_ids: dict[str, int], add: Add, ref: Callable[..., bool]) -> None:
    roles = {r.id: r for r in spec.roles}
    for i, account in enumerate(spec.accounts):
        members: list[tuple[Loc, Member]] = [(("lead",), account.lead)]
        if account.project_manager is not None:
            members.append((("project_manager",), account.project_manager))
        members += [(("contributors", j), m) for j, m in enumerate(account.contributors)]
        for where, member in members:
            loc = ("accounts", i, *where)
            if not ref((*loc, "role"), member.role, role_ids, "role") or member.person is None:
                continue
            people = [p.name for p in roles[member.role].people]
            if people and member.person not in people:
                add((*loc, "person"), f"'{member.person}' is not one of {member.role}'s people "
                    f"({', '.join(people)}){did_you_mean(member.person, people)}", "account-person")


def _unique_ids(section: str, ids: list[str], kind: str, add: Add) -> dict[str, int]:
    """Map each id to its first index, reporting repeats."""
    first: dict[str, int] = {}
    for i, ident in enumerate(ids):
        if ident in first:
            add((section, i, "id"), f"duplicate {kind} id '{ident}' (also {section}[{first[ident]}]); "
                "ids must be unique", f"duplicate-{kind}-id")
        else:
            first[ident] = i
    return first


def _cycles(edges: Mapping[str, str | None]) -> Iterator[list[str]]:
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
