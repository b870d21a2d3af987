"""A role's neighbourhood as a small spec (manager, peers, reports, dotted lines), drawn as an org chart per page.

Each role page gets a chart of its own few roles, not the whole organisation: its size is bounded by
MAX_PEERS, MAX_REPORTS and MAX_DOTTED whatever the organisation's size, so the pages of N roles cost O(N).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ...names import ORG
from ...options import ChartOptions
from ..pipeline import SpecFile, plan_charts, render_charts
from ...spec.models import OrgSpec, Role, ViewOptions, Views
from ...spec.roles import ReportingLines

if TYPE_CHECKING:
    from ...out.cache import ChartCache

__all__ = ["MAX_PEERS", "MAX_REPORTS", "MAX_DOTTED", "neighbourhood_spec", "neighbourhood_svgs"]

MAX_PEERS = 6  # other reports of the manager drawn beside the role; the rest are counted on one card
MAX_REPORTS = 8  # the role's own reports drawn; the rest are counted on one card
MAX_DOTTED = 4  # dotted-line managers, and dotted-line reports, drawn; more reports are counted on one card


class _Lines(ReportingLines):
    """Reporting and dotted lines by manager, built once for every neighbourhood of a spec."""

    def __init__(self, spec: OrgSpec) -> None:
        super().__init__(spec)
        self.unit_order = {u.id: i for i, u in enumerate(spec.units)}


def _more(taken: set[str], roles: dict[str, Role], base: str, count: int, what: str, boss: str | None) -> Role:
    """A placeholder card standing for `count` roles not drawn, under `boss`; its id is no role's."""
    rid, n = base, 1
    while rid in taken or rid in roles:
        n += 1
        rid = f"{base}-{n}"
    taken.add(rid)
    return Role(id=rid, title=f"+ {count} more {what}", reports_to=boss, placeholder=True)


def neighbourhood_spec(spec: OrgSpec, role_id: str, lines: _Lines | None = None) -> OrgSpec:
    """The spec cut down to one role's neighbourhood: its manager, a few peers, its reports and dotted lines."""
    lines = lines or _Lines(spec)
    role = lines.roles[role_id]
    taken: set[str] = set()
    chosen: dict[str, Role] = {}  # id -> the role as drawn here (its lines cut to the roles drawn)
    boss = lines.roles.get(role.reports_to or "")
    extra: list[Role] = []
    if boss is not None:
        chosen[boss.id] = boss
        # The first MAX_PEERS peers in spec order, and the role where the spec puts it among them (or after
        # them): time bounded by MAX_PEERS, not by the manager's span, so a flat organisation stays linear.
        siblings = lines.reports[boss.id]
        for r in siblings[:MAX_PEERS + 1]:
            if len(chosen) <= MAX_PEERS or r.id == role_id:
                chosen[r.id] = r
        chosen[role_id] = role
        hidden = len(siblings) - (len(chosen) - 1)  # siblings not drawn (chosen: the boss and those drawn)
        if hidden > 0:
            extra.append(_more(taken, lines.roles, "more-peers", hidden, "peers", boss.id))
    chosen.setdefault(role_id, role)
    reports = lines.reports[role_id]
    for r in reports[:MAX_REPORTS]:
        chosen.setdefault(r.id, r)
    if len(reports) > MAX_REPORTS:
        extra.append(_more(taken, lines.roles, "more-reports", len(reports) - MAX_REPORTS, "direct reports", role_id))
    bosses = [lines.roles[b] for b in role.dotted_to if b in lines.roles]
    for other in [*bosses[:MAX_DOTTED], *lines.dotted_reports[role_id][:MAX_DOTTED]]:
        chosen.setdefault(other.id, other)
    more = len(lines.dotted_reports[role_id]) - MAX_DOTTED
    if more > 0:
        extra.append(_more(taken, lines.roles, "more-dotted", more, "dotted-line reports", None).model_copy(
            update={"dotted_to": [role_id]}))
    ids = set(chosen) | {r.id for r in extra}
    drawn = []
    for rid, r in chosen.items():
        dotted = [b for b in r.dotted_to if b in ids and (rid == role_id or b == role_id)]
        # Only the lines of this neighbourhood: the role's and its peers' to the manager, the reports' to the role.
        near = r.reports_to == role_id or (boss is not None and r.reports_to == boss.id and rid != boss.id)
        manager = r.reports_to if near else None
        drawn.append(r.model_copy(update={"reports_to": manager, "dotted_to": dotted, "assistant": False}))
    units = lines.units
    wanted: set[str] = set()
    for r in drawn:
        unit = r.unit
        while unit in units and unit not in wanted:
            wanted.add(unit)
            unit = units[unit].parent
    order = sorted(wanted, key=lines.unit_order.__getitem__)  # spec order, in time for the units drawn only
    kept = [units[u].model_copy(update={"lead": units[u].lead if units[u].lead in ids else None}) for u in order]
    sides = spec.sides.model_copy(update={
        side: getattr(spec.sides, side).model_copy(update={
            "units": [u for u in getattr(spec.sides, side).units if u in wanted]}) for side in ("client", "team")})
    return spec.model_copy(update={
        "roles": drawn + extra, "units": kept, "sides": sides, "raci": [], "accounts": [],
        # built without validation: a 400-character title may grow past the limit a spec's own title has
        "views": Views.model_construct(org=ViewOptions.model_construct(
            title=f"{role.title}: manager, peers, reports and dotted lines", direction=None, units=[], stack=6,
            split=False)),
    })


def neighbourhood_svgs(spec: OrgSpec, role_ids: Sequence[str], options: ChartOptions = ChartOptions(),
                       cache: ChartCache | None = None) -> dict[str, bytes]:
    """Role id -> the SVG of its neighbourhood, drawn like `render` draws an org chart; roles with no
    manager, report or dotted line get none. All charts are drawn in one batch of workers."""
    lines = _Lines(spec)
    items = [SpecFile(Path(f"{rid}.yaml"), neighbourhood_spec(spec, rid, lines)) for rid in role_ids]
    charts = plan_charts(items, [ORG], options.theme, split=False, min_text=options.min_text)
    rendered = render_charts(charts, replace(options, formats=("svg",)), cache=cache)
    return {chart.stem: rendered.files[chart.file_name("svg")] for chart in charts
            if chart.file_name("svg") in rendered.files}
