"""Spec views -> D2 source that the d2 CLI (and D2 playgrounds and plugins) render natively.

org: units as nested containers, dotted lines dashed, vacancies dashed; responsibilities: client |
role containers with a client-facing and a team-facing box | team; raci: a grid container (D2's
`grid-rows`/`grid-columns`), one cell per mark; accounts: one container per client account.
Every user string goes through `d2_text`.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Callable

from ..spec import Member, OrgSpec, Role
from .export_scope import RACI_LETTERS, Scope, people_text, scope, side_heading

__all__ = ["d2_text", "export_d2", "D2_VIEWS"]

_ESCAPES = {"\\": "\\\\", '"': '\\"', "$": "\\$", "\n": "\\n", "\r": "\\n", "\u2028": "\\n", "\u2029": "\\n",
            "\x85": "\\n", "\t": " "}
_WRAP = 44  # D2 does not wrap labels: long duties are broken at this many characters


def d2_text(text: str) -> str:
    """User text as a double-quoted D2 string: quotes, backslashes, `$` (substitution) and breaks escaped.

    >>> d2_text('Say "hi" ${x} #1; [a] {b}')
    '"Say \\\\"hi\\\\" \\\\${x} #1; [a] {b}"'
    >>> d2_text("two\\nlines")
    '"two\\\\nlines"'
    """
    return '"' + "".join(_ESCAPES.get(ch, " " if unicodedata.category(ch) == "Cc" else ch) for ch in text) + '"'


def _key(prefix: str, slug: str) -> str:
    """A D2 key from a spec id: prefixed (so no id is a D2 keyword) with underscores for hyphens."""
    return f"{prefix}_{slug.replace('-', '_')}"


def _wrap(text: str) -> str:
    return "\n".join(textwrap.wrap(text, _WRAP)) or text


def _head(s: Scope, direction: str) -> list[str]:
    return [f"direction: {direction}",
            f"chart_title: {d2_text(s.title)} {{shape: text; near: top-center; style: {{font-size: 28; bold: true}}}}"]


def _role_label(role: Role) -> str:
    people = people_text(role)
    return d2_text(_wrap(role.title) + (f"\n{_wrap(people)}" if people else ""))


def _org(s: Scope) -> list[str]:
    lines = _head(s, "down" if (s.options.direction or "TB") == "TB" else "right")
    units = s.units
    ids = {r.id for r in s.roles}
    children: dict[str | None, list[str]] = {}
    for uid in dict.fromkeys(u for r in s.roles for u in s.chain(r.unit)):
        parent = units[uid].parent
        children.setdefault(parent if parent in units else None, []).append(uid)
    in_unit: dict[str | None, list[Role]] = {}
    path: dict[str, str] = {}
    for role in s.roles:
        chain = s.chain(role.unit)
        in_unit.setdefault(chain[-1] if chain else None, []).append(role)
        path[role.id] = ".".join([*(_key("u", u) for u in chain), _key("r", role.id)])

    def emit(unit_id: str | None, depth: int) -> None:
        """The unit's roles, then its child units, nested."""
        pad = "  " * depth
        for role in in_unit.get(unit_id, []):
            style = " {style.stroke-dash: 4}" if not role.people else ""
            lines.append(f"{pad}{_key('r', role.id)}: {_role_label(role)}{style}")
        for child in children.get(unit_id, []):
            lines.append(f"{pad}{_key('u', child)}: {d2_text(units[child].name)} {{")
            emit(child, depth + 1)
            lines.append(f"{pad}}}")

    emit(None, 0)
    for role in s.roles:
        if role.reports_to in ids:
            label = ': "assistant"' if role.assistant else ""
            lines.append(f"{path[role.reports_to or '']} -> {path[role.id]}{label}")
        for boss in role.dotted_to:
            if boss in ids:
                lines.append(f"{path[boss]} -> {path[role.id]}: {{style.stroke-dash: 4}}")
    return lines


def _duties(heading: str, duties: list[str]) -> str:
    return d2_text(heading + "\n" + "\n".join("• " + _wrap(d).replace("\n", "\n  ") for d in duties))


def _responsibilities(s: Scope) -> list[str]:
    client, team = s.spec.sides.client, s.spec.sides.team
    lines = _head(s, "right")
    team_units = [s.units[u].name for u in team.units if u in s.units]
    for key, side, extra in (("client", client, []), ("team", team, team_units)):
        text = "\n".join(_wrap(t) for t in (side.name, side.description or "", ", ".join(extra)) if t)
        lines.append(f"side_{key}: {d2_text(text)} {{shape: oval; style.bold: true}}")
    # Lines join the role's frame, not its duty boxes: D2 lays out a grid as one block.
    links: list[str] = []
    for role in s.roles:
        if not (role.client_facing or role.internal):
            continue
        rid = _key("r", role.id)
        lines.append(f"{rid}: {_role_label(role)} {{")
        lines += ["  grid-rows: 1", f"  grid-columns: {int(bool(role.client_facing)) + int(bool(role.internal))}",
                  "  grid-gap: 16"]
        if role.client_facing:
            lines.append(f"  c: {_duties(side_heading(client.name), role.client_facing)}")
            links.append(f"side_client -- {rid}")
        if role.internal:
            lines.append(f"  i: {_duties(side_heading(team.name), role.internal)}")
            links.append(f"{rid} -- side_team")
        lines.append("}")
    return lines + links


def _raci(s: Scope) -> list[str]:
    roles = s.raci_roles()
    acts = s.activities()
    phases = sum(1 for i, a in enumerate(acts) if a.phase and (i == 0 or acts[i - 1].phase != a.phase))
    lines = _head(s, "down")
    lines += ["raci: \"\" {", f"  grid-rows: {1 + len(acts) + phases}", f"  grid-columns: {len(roles) + 1}",
              "  grid-gap: 0", '  h_activity: "Activity" {style: {bold: true; fill: "#e2e8f0"}}']
    lines += [f'  h_{i}: {d2_text(_wrap(r.title))} {{style: {{bold: true; fill: "#e2e8f0"}}}}'
              for i, r in enumerate(roles)]
    phase: str | None = None
    for a, act in enumerate(acts):
        if act.phase and act.phase != phase:
            lines.append(f'  p_{a}: {d2_text(act.phase)} {{style: {{bold: true; fill: "#f1f5f9"}}}}')
            lines += [f'  p_{a}_{i}: " " {{style.fill: "#f1f5f9"}}' for i in range(len(roles))]
        phase = act.phase
        lines.append(f"  a_{a}: {d2_text(_wrap(act.activity))}")
        for i, role in enumerate(roles):
            marks = "".join(letter for field, letter in RACI_LETTERS if role.id in getattr(act, field))
            style = ' {style: {bold: true; fill: "#fde68a"}}' if "A" in marks else ""
            lines.append(f'  c_{a}_{i}: "{marks or " "}"{style}')
    lines.append("}")
    return lines


def _member(spec: OrgSpec, member: Member) -> str:
    role = next((r for r in spec.roles if r.id == member.role), None)
    title = role.title if role else member.role
    person = member.person or (role.people[0].name if role and len(role.people) == 1 else "")
    return d2_text(_wrap(title) + (f"\n{person}" if person else ""))


def _accounts(s: Scope) -> list[str]:
    lines = _head(s, "down")
    client = s.spec.sides.client.name
    for account in s.spec.accounts:
        aid = _key("a", account.id)
        lines.append(f"{aid}: {d2_text(account.client)} {{")
        desc = f"\n{_wrap(account.description)}" if account.description else ""
        lines.append(f"  client: {d2_text(client + desc)} {{shape: oval}}")
        lines.append(f"  lead: {_member(s.spec, account.lead)}")
        lines.append("  client -- lead")
        hub = "lead"
        if account.project_manager is not None:
            lines += [f"  pm: {_member(s.spec, account.project_manager)}", "  client -- pm"]
            hub = "pm"
        for k, member in enumerate(account.contributors):
            lines += [f"  m{k}: {_member(s.spec, member)}", f"  {hub} -- m{k}"]
        lines.append("}")
    return lines


D2_VIEWS: dict[str, Callable[[Scope], list[str]]] = {
    "responsibilities": _responsibilities, "org": _org, "raci": _raci, "accounts": _accounts,
}


def export_d2(spec: OrgSpec, view: str) -> str:
    """One view of the spec as D2 source."""
    return "\n".join(D2_VIEWS[view](scope(spec, view))) + "\n"
