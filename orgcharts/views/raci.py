"""The RACI matrix: activities (grouped by phase) x roles, coloured by the side each role faces.

A matrix too long for one slide is split by phase (or group of phases, or a long phase in
parts); every piece repeats the header row of roles and is titled to stand alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diagram import Diagram, Matrix, Tone
from ..layout.fit import MIN_TEXT_PX
from ..layout.slides import measure
from ..layout.split import split
from ..names import RACI, RACI_ROLES, RACI_SHOWN, chart_id
from ..spec import Activity, OrgSpec, Role, ViewOptions
from ..roles import in_scope, role_tone

__all__ = ["build", "charts", "marks", "LETTERS"]

LETTERS = RACI_ROLES
LEGEND = (("R", "Responsible: does the work"), ("A", "Accountable: answers for it (exactly one)"),
          ("C", "Consulted before"), ("I", "Informed after"))

Row = tuple[str, tuple[str, ...]]


@dataclass(frozen=True)
class _Section:
    """A phase's rows (or a part of them: `cont` marks the later parts of a long phase)."""

    title: str | None
    rows: tuple[Row, ...]
    cont: bool = False

    @property
    def heading(self) -> str | None:
        return f"{self.title} (continued)" if self.cont and self.title else self.title


def marks(activity: Activity, role_id: str) -> str:
    """What a role is for an activity: 'A', 'R', 'A/R', '' ..."""
    held = [letter for field, letter in LETTERS if role_id in getattr(activity, field)]
    order = RACI_SHOWN
    return "/".join(sorted(held, key=order.index))


def _roles(spec: OrgSpec, options: ViewOptions) -> list[Role]:
    named = {r for act in spec.raci for field, _ in LETTERS for r in getattr(act, field)}
    return [r for r in in_scope(spec, options) if r.id in named]


def _sections(spec: OrgSpec, roles: list[Role]) -> list[_Section]:
    """One section per phase, in the order phases first appear; activities keep spec order within."""
    by_phase: dict[str | None, list[Row]] = {}
    for act in spec.raci:
        by_phase.setdefault(act.phase, []).append((act.activity, tuple(marks(act, r.id) for r in roles)))
    return [_Section(title, tuple(rows)) for title, rows in by_phase.items()]


def _diagram(spec: OrgSpec, roles: list[Role], sections: tuple[_Section, ...], chart_id: str, title: str) -> Diagram:
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
        sections=tuple((s.heading, s.rows) for s in sections),
        legend=LEGEND,
        tone_legend=tone_legend,
    )
    count = sum(len(s.rows) for s in sections)
    return Diagram(
        id=chart_id,
        title=title,
        subtitle=f"{count} activities × {len(roles)} roles",
        description=f"RACI matrix of {spec.org}: for each activity, which role is Responsible, Accountable, "
                    f"Consulted and Informed. Roles: {', '.join(r.title for r in roles)}.",
        direction="TB",
        cards=(matrix,),
    )


def _title(spec: OrgSpec, options: ViewOptions) -> str:
    return options.title or f"{spec.org} — who is responsible for what"


def build(spec: OrgSpec, stem: str, options: ViewOptions) -> Diagram | None:
    """The whole RACI chart (a poster when long), or None when the spec has no RACI."""
    roles = _roles(spec, options) if spec.raci else []
    if not roles:
        return None
    return _diagram(spec, roles, tuple(_sections(spec, roles)), chart_id(stem, RACI), _title(spec, options))


def _divide(section: _Section) -> list[_Section]:
    """A phase too long for a slide, as two parts: its first activities, then the rest (continued)."""
    if len(section.rows) < 2:
        return [section]
    half = (len(section.rows) + 1) // 2
    return [_Section(section.title, section.rows[:half], section.cont),
            _Section(section.title, section.rows[half:], True)]


def charts(spec: OrgSpec, stem: str, options: ViewOptions) -> list[Diagram]:
    """The matrix whole when it meets the slide rule (or `split` is off); else one piece per group of phases."""
    whole = build(spec, stem, options)
    if whole is None:
        return []
    fit = measure(whole).fit
    if not options.split or fit.ok or fit.smallest_px >= MIN_TEXT_PX:
        return [whole]  # fitting, or not too big: shorter pieces would only cover less of the slide
    roles = _roles(spec, options)
    title = _title(spec, options)

    def fits(piece: tuple[_Section, ...]) -> bool:
        return measure(_diagram(spec, roles, piece, "probe", f"{title} — 9 of 9")).fit.ok

    pieces = split(_sections(spec, roles), fits, lambda s: float(len(s.rows)), _divide)
    if len(pieces) == 1:
        return [whole]
    return [_diagram(spec, roles, piece, chart_id(stem, RACI, n), f"{title} — {n} of {len(pieces)}")
            for n, piece in enumerate(pieces, start=1)]
