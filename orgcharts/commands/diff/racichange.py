"""The RACI change matrix: each cell's letters before and after, coloured by what changed."""

from __future__ import annotations

import textwrap

from ...engine.dotsource import DotGraph
from ...engine.labels import escape, title_label
from ...themes import Theme
from .changes import ActivityChange, Changes, RoleChange
from .changespec import Which, annotated_spec
from .match import normal
from .tones import ADDED, MOVED, REMOVED

__all__ = ["raci_rows", "raci_columns", "matrix_html", "raci_dot"]

HEADING_WRAP = 12


def raci_rows(changes: Changes, which: Which) -> list[ActivityChange]:
    """The activities of one version (or both), dropped ones placed after the activity they followed."""
    out = [a for a in changes.activities if a.new is not None and (which != "old" or a.old is not None)]
    if which == "new":
        return out
    olds = {a.name: a for a in changes.activities if a.old is not None}
    if which == "old":
        return sorted(olds.values(), key=lambda a: _old_index(changes, a))
    previous: str | None = None
    for activity in sorted(olds.values(), key=lambda a: _old_index(changes, a)):
        if activity.new is None:
            at = next((i for i, a in enumerate(out) if a.name == previous), -1)
            out.insert(at + 1, activity)
        previous = activity.name
    return out


def _old_index(changes: Changes, activity: ActivityChange) -> int:
    names = [normal(a.activity) for a in changes.old.raci]
    return names.index(normal(activity.name)) if normal(activity.name) in names else len(names)


def raci_columns(changes: Changes, rows: list[ActivityChange], which: Which) -> list[RoleChange]:
    """The roles named in these rows, in chart order (new order, removed roles after their neighbour)."""
    named = {k for a in rows for k in [*((a.old or {}) if which != "new" else {}),
                                        *((a.new or {}) if which != "old" else {})]}
    by_key = {c.key: c for c in changes.roles}
    return [by_key[r.id] for r in annotated_spec(changes, which).roles if r.id in named]


def _title(change: RoleChange, which: Which) -> str:
    role = change.old if which == "old" else change.new or change.old
    assert role is not None
    return role.title


def _font(text: str, theme: Theme, colour: str, size: int | None = None, bold: bool = False,
          strike: bool = False) -> str:
    body = text
    if strike:
        body = f"<S>{body}</S>"
    if bold:
        body = f"<B>{body}</B>"
    return f'<FONT POINT-SIZE="{size or theme.text_size}" COLOR="{colour}">{body}</FONT>'


def _wrap(text: str, width: int) -> str:
    return "<BR/>".join(escape(line) for line in textwrap.wrap(text, width) or [""])


def _cell(old: str, new: str, which: Which, theme: Theme, border: str) -> str:
    cell = f'BORDER="1" COLOR="{border}" CELLPADDING="6"'
    shown = {"old": old, "new": new}.get(which)
    if old == new or (which == "old" and not old) or (which == "new" and not new):
        text = shown if shown is not None else new
        return f"<TD {cell}>{_font(escape(text), theme, theme.ink, bold='A' in text)}</TD>" if text else \
            f"<TD {cell}></TD>"
    if not old:
        tone, text, strike = ADDED, new, False
    elif not new:
        tone, text, strike = REMOVED, old, True
    else:
        tone, text, strike = MOVED, {"old": old, "new": new}.get(which, f"{old} → {new}"), False
    body = _font(escape(text), theme, theme.accent(tone), bold=True, strike=strike)
    return f'<TD {cell} BGCOLOR="{theme.tint(tone)}">{body}</TD>'


def matrix_html(changes: Changes, which: Which, theme: Theme, heading: str | None = None) -> str:
    """The change matrix of one version (or both) as an HTML-like label; every user string escaped."""
    rows = raci_rows(changes, which)
    roles = raci_columns(changes, rows, which)
    border = theme.card_border
    cell = f'BORDER="1" COLOR="{border}" CELLPADDING="6"'
    n = len(roles)

    def role_head(change: RoleChange) -> str:
        tone = ADDED if change.old is None else REMOVED if change.new is None else None
        fill = f' BGCOLOR="{theme.tint(tone)}"' if tone and which != {ADDED: "old", REMOVED: "new"}[tone] else ""
        colour = theme.accent(tone) if fill and tone else theme.ink
        text = _font(_wrap(_title(change, which), HEADING_WRAP), theme, colour, bold=True)
        return f'<TD {cell}{fill} VALIGN="BOTTOM">{text}</TD>'

    out = []
    if heading:
        out.append(f'<TR><TD COLSPAN="{n + 1}" ALIGN="LEFT" CELLPADDING="8">'
                   f'{_font(escape(heading), theme, theme.ink, theme.card_title_size, bold=True)}</TD></TR>')
    out.append(f'<TR><TD {cell} ALIGN="LEFT" VALIGN="BOTTOM">'
               f'{_font("ACTIVITY", theme, theme.muted, theme.heading_size, bold=True)}</TD>'
               + "".join(role_head(r) for r in roles) + "</TR>")
    phase: object = object()
    for activity in rows:
        if activity.phase != phase and activity.phase:
            out.append(f'<TR><TD {cell} COLSPAN="{n + 1}" ALIGN="LEFT" BGCOLOR="{theme.group}">'
                       f'{_font(escape(activity.phase.upper()), theme, theme.muted, theme.heading_size, bold=True)}'
                       "</TD></TR>")
        phase = activity.phase
        label, colour, fill = activity.name, theme.ink, ""
        if activity.old is None and which != "old":
            label, colour, fill = f"{activity.name} (new)", theme.accent(ADDED), f' BGCOLOR="{theme.tint(ADDED)}"'
        elif activity.new is None and which != "new":
            label, colour, fill = f"{activity.name} (dropped)", theme.accent(REMOVED), \
                f' BGCOLOR="{theme.tint(REMOVED)}"'
        cells = "".join(_cell((activity.old or {}).get(r.key, ""), (activity.new or {}).get(r.key, ""), which,
                              theme, border) for r in roles)
        out.append(f'<TR><TD {cell} ALIGN="LEFT" BALIGN="LEFT"{fill}>{_font(_wrap(label, theme.wrap), theme, colour)}'
                   f"</TD>{cells}</TR>")
    legend = ("<B>R</B> Responsible   <B>A</B> Accountable   <B>C</B> Consulted   <B>I</B> Informed")
    marks = "   ".join(
        f'<FONT COLOR="{theme.accent(tone)}">■</FONT> {escape(meaning)}' for tone, meaning in (
            (ADDED, "new letter, role or activity"), (REMOVED, "letter, role or activity dropped (struck through)"),
            (MOVED, "letter changed: before → after")))
    for text in (legend, marks):
        out.append(f'<TR><TD COLSPAN="{n + 1}" ALIGN="LEFT" CELLPADDING="6">'
                   f'{_font(text, theme, theme.muted, theme.heading_size + 1)}</TD></TR>')
    return (f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" BGCOLOR="{theme.card}">'
            + "".join(out) + "</TABLE>")


def raci_dot(changes: Changes, name: str, title: str, subtitle: str, theme: Theme, side_by_side: bool) -> str:
    """The DOT of the RACI change chart: one matrix, or before and after side by side."""
    g = DotGraph(name=name.replace(":", "_"))
    g.attr("graph", bgcolor=theme.background, fontname=theme.font,
           label=f"<{title_label(title, subtitle, theme)}>", labelloc="t", labeljust="l", pad="0.4", dpi="72",
           nodesep="0.6")
    g.attr("node", shape="plain", fontname=theme.font, fontcolor=theme.ink)
    if side_by_side:
        with g.subgraph() as row:
            row.attr(rank="same")
            row.node("before", label=f"<{matrix_html(changes, 'old', theme, 'Before')}>")
            row.node("after", label=f"<{matrix_html(changes, 'new', theme, 'After')}>")
        g.edge("before", "after", style="invis")
    else:
        g.node("raci", label=f"<{matrix_html(changes, 'both', theme)}>")
    return g.source
