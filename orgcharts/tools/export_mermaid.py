"""Spec views -> Mermaid source that GitHub, GitLab, Notion and mermaid-cli render natively.

org, responsibilities and accounts are flowcharts; the RACI is a block diagram laid out as a grid
(one block per cell, a header row, phase rows spanning the width), since Mermaid has no table and
a Markdown table would not be a diagram. Every user string goes through `mermaid_text`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..spec import Member, OrgSpec, Role
from .export_scope import RACI_LETTERS, Scope, people_text, scope, side_heading
from .yaml_out import yaml_scalar

__all__ = ["mermaid_text", "export_mermaid", "MERMAID_VIEWS"]

# Inside a quoted Mermaid label these ASCII characters are plain text; every other ASCII mark is
# written as an entity code (#35; for #), which Mermaid decodes back to the character.
_SAFE_ASCII = frozenset(" .,-_'/:?!()+=*~^")
_BREAKS = frozenset("\n\r\u2028\u2029\x85")
_STYLE_WORDS = re.compile(r"(?i)s(?=tyle)|c(?=lassdef)")


def mermaid_text(text: str) -> str:
    """User text for inside a double-quoted Mermaid label: marks as entity codes, line breaks as <br>.

    >>> mermaid_text('Say "hi" #1; <b>&[x]')
    'Say #34;hi#34; #35;1#59; #60;b#62;#38;#91;x#93;'
    >>> mermaid_text("Zoë\\nO'Brien 😀")
    "Zoë<br>O'Brien 😀"
    """
    out: list[str] = []
    for ch in text:
        if ch in _BREAKS:
            out.append("<br>")
        elif ch.isalnum() or ch in _SAFE_ASCII or (ord(ch) > 127 and ch.isprintable()):
            out.append(ch)
        else:
            out.append(f"#{ord(ch)};")
    # Mermaid cuts the last `;` off any line where `style` or `classDef` precedes `:...#` (to keep colours
    # from reading as entity codes), which would break ours: those words get one letter as a code.
    return _STYLE_WORDS.sub(lambda m: f"#{ord(m.group())};", "".join(out))


def _id(prefix: str, slug: str) -> str:
    """A Mermaid node id from a spec id: a prefix (so no id is a keyword) and underscores for hyphens.

    `style` and `classdef` are split (see mermaid_text): `lifestyle-editor` -> `r_lifes_tyle_editor`.
    """
    return _STYLE_WORDS.sub(lambda m: m.group() + "_", f"{prefix}_{slug.replace('-', '_')}")


def _head(title: str, kind: str) -> list[str]:
    return ["---", f"title: {yaml_scalar(title)}", "---", kind]


def _role_label(role: Role) -> str:
    people = people_text(role)
    return f"<b>{mermaid_text(role.title)}</b>" + (f"<br>{mermaid_text(people)}" if people else "")


def _org(s: Scope) -> list[str]:
    direction = s.options.direction or "TB"
    lines = _head(s.title, f"flowchart {direction}")
    ids = {r.id for r in s.roles}
    units = s.units
    children: dict[str | None, list[str]] = {}
    for uid in dict.fromkeys(u for r in s.roles for u in s.chain(r.unit)):
        parent = units[uid].parent
        children.setdefault(parent if parent in units else None, []).append(uid)
    in_unit: dict[str | None, list[Role]] = {}
    for role in s.roles:
        chain = s.chain(role.unit)
        in_unit.setdefault(chain[-1] if chain else None, []).append(role)

    def emit(unit_id: str | None, depth: int) -> None:
        """The unit's roles, then its child units, nested."""
        pad = "  " * depth
        for role in in_unit.get(unit_id, []):
            lines.append(f'{pad}{_id("r", role.id)}["{_role_label(role)}"]')
        for child in children.get(unit_id, []):
            lines.append(f'{pad}subgraph {_id("u", child)}["{mermaid_text(units[child].name)}"]')
            # Mermaid lays out a self-contained subgraph crosswise unless told its direction.
            lines.append(f"{pad}  direction {direction}")
            emit(child, depth + 1)
            lines.append(f"{pad}end")

    emit(None, 1)
    for role in s.roles:
        if role.reports_to in ids:
            arrow = "---|assistant|" if role.assistant else "-->"
            lines.append(f"  {_id('r', role.reports_to or '')} {arrow} {_id('r', role.id)}")
        for boss in role.dotted_to:
            if boss in ids:
                lines.append(f"  {_id('r', boss)} -.-> {_id('r', role.id)}")
    vacant = [_id("r", r.id) for r in s.roles if not r.people]
    lines.append("  classDef vacant stroke-dasharray: 5 5")
    if vacant:
        lines.append(f"  class {','.join(vacant)} vacant")
    return lines


def _duties(heading: str, duties: list[str]) -> str:
    return f"<i>{mermaid_text(heading)}</i><br>" + "<br>".join(f"• {mermaid_text(d)}" for d in duties)


def _responsibilities(s: Scope) -> list[str]:
    client, team = s.spec.sides.client, s.spec.sides.team
    lines = _head(s.title, "flowchart LR")
    team_units = [s.units[u].name for u in team.units if u in s.units]
    for key, side, extra in (("client", client, []), ("team", team, team_units)):
        sub = [t for t in (side.description, ", ".join(extra)) if t]
        label = f"<b>{mermaid_text(side.name)}</b>" + "".join(f"<br>{mermaid_text(t)}" for t in sub)
        lines.append(f'  side_{key}(["{label}"])')
    links: list[str] = []
    for role in s.roles:
        if not (role.client_facing or role.internal):
            continue
        rid = _id("r", role.id)
        # A subgraph title has room for one line: the title, then who holds the role.
        people = people_text(role)
        head = f"<b>{mermaid_text(role.title)}</b>" + (f" · {mermaid_text(people)}" if people else "")
        lines.append(f'  subgraph {rid}["{head}"]')
        lines.append("    direction LR")
        if role.client_facing:
            lines.append(f'    {rid}_c["{_duties(side_heading(client.name), role.client_facing)}"]')
            links.append(f"  side_client --- {rid}_c")
        if role.internal:
            lines.append(f'    {rid}_i["{_duties(side_heading(team.name), role.internal)}"]')
            links.append(f"  {rid}_i --- side_team")
        if role.client_facing and role.internal:
            links.append(f"  {rid}_c ~~~ {rid}_i")
        lines.append("  end")
    return lines + links


def _raci(s: Scope) -> list[str]:
    roles = s.raci_roles()
    width = len(roles) + 1
    lines = _head(s.title, "block-beta")
    lines.append(f"  columns {width}")
    # Block diagrams draw no title of their own: the first row is the title, borderless.
    lines.append(f'  title["<b>{mermaid_text(s.title)}</b>"]:{width}')
    lines.append('  h_activity["<b>Activity</b>"]')
    lines += [f'  h_{i}["<b>{mermaid_text(r.title)}</b>"]' for i, r in enumerate(roles)]
    phase: str | None = None
    accountable: list[str] = []
    for a, act in enumerate(s.activities()):
        if act.phase and act.phase != phase:
            lines.append(f'  p_{a}["<b>{mermaid_text(act.phase)}</b>"]:{width}')
        phase = act.phase
        lines.append(f'  a_{a}["{mermaid_text(act.activity)}"]')
        for i, role in enumerate(roles):
            marks = "".join(letter for field, letter in RACI_LETTERS if role.id in getattr(act, field))
            lines.append(f'  c_{a}_{i}["{marks or " "}"]')
            if "A" in marks:
                accountable.append(f"c_{a}_{i}")
    lines.append("  classDef heading fill:none,stroke:none")
    lines.append("  class title heading")
    lines.append("  classDef accountable fill:#fde68a,stroke:#b45309,font-weight:bold")
    if accountable:
        lines.append(f"  class {','.join(accountable)} accountable")
    return lines


def _member(spec: OrgSpec, member: Member) -> str:
    role = next((r for r in spec.roles if r.id == member.role), None)
    title = role.title if role else member.role
    person = member.person or (role.people[0].name if role and len(role.people) == 1 else "")
    return f"<b>{mermaid_text(title)}</b>" + (f"<br>{mermaid_text(person)}" if person else "")


def _accounts(s: Scope) -> list[str]:
    lines = _head(s.title, "flowchart TB")
    links: list[str] = []
    client = mermaid_text(s.spec.sides.client.name)
    ids = [_id("a", account.id) for account in s.spec.accounts]
    # Invisible links stack the accounts in spec order (Mermaid would place them at random).
    links += [f"  {a} ~~~ {b}" for a, b in zip(ids, ids[1:])]
    for account in s.spec.accounts:
        aid = _id("a", account.id)
        label = f"<b>{mermaid_text(account.client)}</b>"
        lines.append(f'  subgraph {aid}["{label}"]')
        lines.append("    direction TB")
        desc = f"<br>{mermaid_text(account.description)}" if account.description else ""
        lines.append(f'    {aid}_client(["<i>{client}</i>{desc}"])')
        lines.append(f'    {aid}_lead["{_member(s.spec, account.lead)}"]')
        links.append(f"  {aid}_client --- {aid}_lead")
        hub = f"{aid}_lead"
        if account.project_manager is not None:
            lines.append(f'    {aid}_pm["{_member(s.spec, account.project_manager)}"]')
            links.append(f"  {aid}_client --- {aid}_pm")
            hub = f"{aid}_pm"
        for k, member in enumerate(account.contributors):
            lines.append(f'    {aid}_m{k}["{_member(s.spec, member)}"]')
            links.append(f"  {hub} --- {aid}_m{k}")
        lines.append("  end")
    return lines + links


MERMAID_VIEWS: dict[str, Callable[[Scope], list[str]]] = {
    "responsibilities": _responsibilities, "org": _org, "raci": _raci, "accounts": _accounts,
}


def export_mermaid(spec: OrgSpec, view: str) -> str:
    """One view of the spec as Mermaid source."""
    return "\n".join(MERMAID_VIEWS[view](scope(spec, view))) + "\n"


