"""The RACI matrix: activities (grouped by phase) x roles, coloured by the side each role faces."""

from __future__ import annotations

from ..diagram import Diagram, Matrix, Tone
from ..spec import Activity, OrgSpec, ViewOptions
from .common import in_scope, role_tone

__all__ = ["build", "charts", "LETTERS"]

LETTERS = (("responsible", "R"), ("accountable", "A"), ("consulted", "C"), ("informed", "I"))
LEGEND = (("R", "Responsible: does the work"), ("A", "Accountable: answers for it (exactly one)"),
          ("C", "Consulted before"), ("I", "Informed after"))


def marks(activity: Activity, role_id: str) -> str:
    """What a role is for an activity: 'A', 'R', 'A/R', '' ..."""
    held = [letter for field, letter in LETTERS if role_id in getattr(activity, field)]
    order = "ARCI"
    return "/".join(sorted(held, key=order.index))


def build(spec: OrgSpec, stem: str, options: ViewOptions) -> Diagram | None:
    """The RACI chart, or None when the spec has no RACI."""
    if not spec.raci:
        return None
    scope = in_scope(spec, options)
    named = {r for act in spec.raci for field, _ in LETTERS for r in getattr(act, field)}
    roles = [r for r in scope if r.id in named]
    if not roles:
        return None
    sections: dict[str | None, list[tuple[str, tuple[str, ...]]]] = {}
    for act in spec.raci:
        sections.setdefault(act.phase, []).append((act.activity, tuple(marks(act, r.id) for r in roles)))
    client, team = spec.sides.client.name, spec.sides.team.name
    units = {u.id: u for u in spec.units}
    tones = tuple(role_tone(r, units) for r in roles)
    tone_legend: tuple[tuple[str, Tone], ...] = ((f"faces the {client}", "client"), (f"faces the {team}", "team"))
    if "both" in tones:
        tone_legend += (("faces both alike", "both"),)
    matrix = Matrix(
        id="raci",
        corner="ACTIVITY",
        columns=tuple((r.title, tone) for r, tone in zip(roles, tones)),
        sections=tuple((title, tuple(rows)) for title, rows in sections.items()),
        legend=LEGEND,
        tone_legend=tone_legend,
    )
    return Diagram(
        id=f"{stem}-raci",
        title=options.title or f"{spec.org} — who is responsible for what",
        subtitle=f"{len(spec.raci)} activities × {len(roles)} roles",
        description=f"RACI matrix of {spec.org}: for each activity, which role is Responsible, Accountable, "
                    f"Consulted and Informed. Roles: {', '.join(r.title for r in roles)}.",
        direction="TB",
        cards=(matrix,),
    )


def charts(spec: OrgSpec, stem: str, options: ViewOptions) -> list[Diagram]:
    """Every chart this view draws: for now the whole chart, unsplit."""
    diagram = build(spec, stem, options)
    return [diagram] if diagram else []
