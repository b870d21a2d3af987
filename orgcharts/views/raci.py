"""The RACI matrix: activities (grouped by phase) x roles, coloured by the side each role faces.

A matrix too big for one slide is cut to the organisation's shape. When the roles are the wide side
it is turned (roles as rows, grouped by unit; activities as columns) and, if still too big, split by
groups of units. It is also cut into tiles, kept when they read better (and always past WHOLE_ROWS
activities, where nothing else fits): the roles in bands by unit, each as wide as a slide's text
allows, and each band's activities in even runs, as many a piece as fill a slide (a phase continued
across pieces), their number predicted from two probes (layout.runs), so the work is linear in
activities x roles. Each piece shows only the roles (or activities) with a letter in it, and no piece
holds a single activity; every piece is titled to stand alone.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .diagram import Diagram, Matrix, Tone
from ..engine.labels import MATRIX_LABEL_WRAPS, heading_lines, wrap
from ..layout.fit import max_extent
from ..layout.runs import drawn_size, even_cuts, fill_runs
from ..layout.slides import measure, probe
from ..layout.split import split
from ..names import RACI, RACI_FIELD_OF, RACI_ROLES, RACI_SHOWN, chart_id
from ..spec.roles import in_scope, listed_sides, role_side, role_tone
from ..spec.models import Activity, OrgSpec, Role, Unit, ViewOptions

__all__ = ["build", "charts", "marks", "row_marks", "column_titles", "LETTERS", "MAX_PIECES"]

LETTERS = RACI_ROLES
LEGEND = (("R", "Responsible: does the work"), ("A", "Accountable: answers for it (exactly one)"),
          ("C", "Consulted before"), ("I", "Informed after"))
MAX_PIECES = 3  # more pieces than this and a reader loses the whole; a poster or a turned matrix reads better
PROBE_ACTIVITIES = 8  # activities in the probe that measures the roles' width
BAND_AIM = 0.97  # a band of roles aims this close to the widest its text allows (widths predict well)
WHOLE_ROWS = 100  # activities beyond which the whole is not measured: a slide holds ~50 rows of 9 px text

Row = tuple[str, tuple[str, ...]]


@dataclass(frozen=True)
class _Section:
    """A titled run of rows (or a part of one: `cont` marks the later parts of a long run).

    `keys` are the ids behind the rows: activity indexes by phase, role ids by unit when turned.
    """

    title: str | None
    keys: tuple[str, ...]
    cont: bool = False

    @property
    def heading(self) -> str | None:
        return f"{self.title} (continued)" if self.cont and self.title else self.title


def marks(activity: Activity, role_id: str) -> str:
    """What a role is for an activity: 'A', 'R', 'A/R', '' ..."""
    return "/".join(letter for letter in RACI_SHOWN if role_id in getattr(activity, RACI_FIELD_OF[letter]))


def row_marks(activity: Activity) -> dict[str, str]:
    """Every role with a letter for an activity, and its marks (as `marks` gives them): one pass over its fields."""
    held: dict[str, list[str]] = {}
    for letter in RACI_SHOWN:
        for role_id in getattr(activity, RACI_FIELD_OF[letter]):
            if letter not in held.setdefault(role_id, []):
                held[role_id].append(letter)
    return {role_id: "/".join(letters) for role_id, letters in held.items()}


def _roles(spec: OrgSpec, options: ViewOptions) -> list[Role]:
    named = {r for act in spec.raci for field, _ in LETTERS for r in getattr(act, field)}
    return [r for r in in_scope(spec, options) if r.id in named]


def column_titles(roles: Sequence[Role], units: dict[str, Unit]) -> list[str]:
    """Each role's heading: its title, with its unit's name where another role has the same title.

    >>> from orgcharts.spec.models import Role, Unit
    >>> u = {"a": Unit(id="a", name="Pod A"), "b": Unit(id="b", name="Pod B")}
    >>> column_titles([Role(id="x", title="AM", unit="a"), Role(id="y", title="AM", unit="b"),
    ...                Role(id="z", title="CD")], u)
    ['AM · Pod A', 'AM · Pod B', 'CD']
    """
    count: dict[str, int] = {}
    for role in roles:
        count[role.title] = count.get(role.title, 0) + 1
    return [f"{r.title} · {units[r.unit].name}" if count[r.title] > 1 and r.unit in units else r.title
            for r in roles]


class _Raci:
    """One spec's RACI, ready to be drawn whole, turned, or in pieces."""

    def __init__(self, spec: OrgSpec, stem: str, options: ViewOptions, roles: list[Role]) -> None:
        self.spec, self.stem, self.roles = spec, stem, roles
        self.title = options.title or f"{spec.org} — who is responsible for what"
        self.units = {u.id: u for u in spec.units}
        self.by_id = {r.id: r for r in roles}
        self.heads = dict(zip((r.id for r in roles), column_titles(roles, self.units)))
        self.listed = listed_sides(spec.sides)
        self.tones: dict[str, Tone] = {r.id: role_tone(r, self.units, self.listed) for r in roles}

    # -- activities as rows, roles as columns ----------------------------------------------------
    def phases(self) -> list[_Section]:
        """One section per phase, in the order phases first appear; activities keep spec order within."""
        by_phase: dict[str | None, list[str]] = {}
        for i, act in enumerate(self.spec.raci):
            by_phase.setdefault(act.phase, []).append(str(i))
        return [_Section(title, tuple(keys)) for title, keys in by_phase.items()]

    def _tone_legend(self, tones: Sequence[Tone]) -> tuple[tuple[str, Tone], ...]:
        client, team = self.spec.sides.client.name, self.spec.sides.team.name
        legend: tuple[tuple[str, Tone], ...] = ((f"faces the {client}", "client"), (f"faces the {team}", "team"))
        return legend + ((("faces both alike", "both"),) if "both" in tones else ())

    def tall(self, sections: Sequence[_Section], name: str, title: str, every_role: bool = False,
             among: Sequence[Role] | None = None) -> Diagram:
        """Activities down the side, roles (of `among`, default all) across: only those with a letter in these rows."""
        acts = [self.spec.raci[int(k)] for s in sections for k in s.keys]
        held = {k: row_marks(self.spec.raci[int(k)]) for s in sections for k in s.keys}
        named = {r for row in held.values() for r in row}
        roles = [r for r in (self.roles if among is None else among) if every_role or r.id in named]
        tones = [self.tones[r.id] for r in roles]
        matrix = Matrix(
            id="raci", corner="ACTIVITY",
            columns=tuple((self.heads[r.id], tone) for r, tone in zip(roles, tones)),
            sections=tuple((s.heading, tuple((self.spec.raci[int(k)].activity,
                                               tuple(held[k].get(r.id, "") for r in roles))
                                              for k in s.keys)) for s in sections),
            legend=LEGEND, tone_legend=self._tone_legend(tones),
        )
        return self._diagram(matrix, name, title, len(acts), roles)

    def columns(self, sections: Sequence[_Section], name: str, title: str) -> Diagram:
        """Activities down the side (by phase), these units' roles across: only the activities they have a letter in."""
        ids = {k for s in sections for k in s.keys}
        roles = [r for r in self.roles if r.id in ids]
        phases = [_Section(p.title, tuple(k for k in p.keys if any(marks(self.spec.raci[int(k)], r.id) for r in roles)))
                  for p in self.phases()]
        return self.tall([p for p in phases if p.keys], name, title, among=roles)

    # -- roles as rows, activities as columns ----------------------------------------------------
    def units_of_roles(self) -> list[_Section]:
        """One section per unit, in the order its roles first appear; roles keep spec order within."""
        by_unit: dict[str | None, list[str]] = {}
        for role in self.roles:
            by_unit.setdefault(role.unit if role.unit in self.units else None, []).append(role.id)
        return [_Section(self._unit_heading(uid, keys), tuple(keys)) for uid, keys in by_unit.items()]

    def _unit_heading(self, unit_id: str | None, role_ids: list[str]) -> str | None:
        """A unit's name, and the side its roles face when they all face one ('Front office · faces the Guests')."""
        name = self.units[unit_id].name if unit_id else None
        sides = {role_side(self.by_id[r], self.units, self.listed) for r in role_ids}
        if len(sides) == 1 and next(iter(sides)) in ("client", "team"):
            side = self.spec.sides.client.name if sides == {"client"} else self.spec.sides.team.name
            return f"{name} · faces the {side}" if name else f"Faces the {side}"
        return name

    def wide(self, sections: Sequence[_Section], name: str, title: str) -> Diagram:
        """Roles down the side (by unit), activities across: only the activities with a letter for these roles."""
        ids = [k for s in sections for k in s.keys]
        acts = [a for a in self.spec.raci if any(marks(a, r) for r in ids)]
        matrix = Matrix(
            id="raci", corner="ROLE",
            columns=tuple((a.activity, "neutral") for a in acts),
            sections=tuple((s.heading, tuple((self.by_id[r].title, tuple(marks(a, r) for a in acts))
                                             for r in s.keys)) for s in sections),
            legend=LEGEND,
        )
        return self._diagram(matrix, name, title, len(acts), [self.by_id[r] for r in ids])

    def _diagram(self, matrix: Matrix, name: str, title: str, count: int, roles: Sequence[Role]) -> Diagram:
        return Diagram(
            id=name, title=title, subtitle=f"{count} activities × {len(roles)} roles",
            description=f"RACI matrix of {self.spec.org}: for each activity, which role is Responsible, "
                        f"Accountable, Consulted and Informed. Roles: {', '.join(self.heads[r.id] for r in roles)}.",
            direction="TB", cards=(matrix,),
        )

    # -- many activities: bands of roles x runs of activities, sized by prediction ------------------
    def bands(self) -> list[list[Role] | None]:
        """The roles cut into bands each narrow enough for a slide, by unit; [None] (all, in spec order) when all fit.

        Two probes (the first activities under every role, then under half of them) calibrate a
        column's width against its heading's characters; the bands are then cut evenly by that width.
        """
        keys = tuple(k for s in self.phases() for k in s.keys)[:PROBE_ACTIVITIES]
        probe = [_Section(None, keys)]
        every = drawn_size(self.tall(probe, "probe", self._probe_title, every_role=True))
        widest = BAND_AIM * max_extent(every.smallest_pt)[0]
        ordered = [self.by_id[r] for s in self.units_of_roles() for r in s.keys]
        if every.width <= widest or len(ordered) < 2:
            return [None]
        chars = [max(max(map(len, heading_lines(self.heads[r.id]))), 3) + 2.0 for r in ordered]
        half = len(ordered) // 2
        part = drawn_size(self.tall(probe, "probe", self._probe_title, every_role=True, among=ordered[:half]))
        per = (every.width - part.width) / max(sum(chars[half:]), 1.0)  # points a character of heading
        if per <= 0:
            per = every.width / (sum(chars) + 40.0)
        room = (widest - (every.width - per * sum(chars))) / per  # characters of headings a band holds
        starts, seen = [], set()
        for i, role in enumerate(ordered):
            if role.unit not in seen and i:
                starts.append(i)
            seen.add(role.unit)
        count = max(2, math.ceil(sum(chars) / max(room, 1.0)))
        while True:
            spans = even_cuts(chars, count, starts)
            if count >= len(ordered) or all(sum(chars[a:b]) <= room for a, b in spans):
                return [ordered[a:b] for a, b in spans]
            count += 1

    @property
    def _probe_title(self) -> str:
        return f"{self.title} — 999 of 999"

    def tiles(self) -> list[tuple[list[Role] | None, list[_Section]]]:
        """Each band's activities (those with a letter for its roles) cut into runs that each fill a slide.

        Work: two probes per band, then a few measures per run (layout.runs): linear in activities x roles.
        """
        phases = self.phases()
        titles = [s.title for s in phases]
        order = [(p, k) for p, s in enumerate(phases) for k in s.keys]
        held = {k: row_marks(self.spec.raci[int(k)]).keys() for _, k in order}
        chars = MATRIX_LABEL_WRAPS[0]
        out: list[tuple[list[Role] | None, list[_Section]]] = []
        for band in self.bands():
            ids = {r.id for r in (band if band is not None else self.roles)}
            rows = [(p, k) for p, k in order if held[k] & ids]
            soft = [i for i in range(1, len(rows)) if rows[i][0] != rows[i - 1][0]]
            first = {p: k for p, k in reversed(rows)}
            heads = set(soft) | {0}

            def sections(run: Sequence[tuple[int, str]], first: dict[int, str] = first) -> list[_Section]:
                runs: list[_Section] = []
                for p, k in run:
                    if runs and runs[-1].title == titles[p] and runs[-1].keys:
                        runs[-1] = _Section(runs[-1].title, runs[-1].keys + (k,), runs[-1].cont)
                    else:
                        runs.append(_Section(titles[p], (k,), first[p] != k))
                return runs

            def units(i_row: tuple[int, tuple[int, str]], heads: set[int] = heads) -> float:
                i, (_, k) = i_row
                return len(wrap(self.spec.raci[int(k)].activity, chars)) + (1.0 if i in heads else 0.0)

            def draw(run: Sequence[tuple[int, tuple[int, str]]], band: list[Role] | None = band) -> Diagram:
                return self.tall(sections([row for _, row in run]), "probe", self._probe_title, among=band)

            for run in fill_runs(list(enumerate(rows)), units, draw, soft):
                out.append((band, sections([row for _, row in run])))
        return out

    def drawn_tiles(self) -> list[Diagram]:
        """The tiles drawn, named and titled "n of N"."""
        tiles = self.tiles()
        return [self.tall(sections, chart_id(self.stem, RACI, n), f"{self.title} — {n} of {len(tiles)}", among=band)
                for n, (band, sections) in enumerate(tiles, start=1)]

    # -- pieces ------------------------------------------------------------------------------------
    def pieces(self, sections: list[_Section], draw: Callable[[Sequence[_Section], str, str], Diagram],
               weight: Callable[[_Section], float]) -> list[Diagram]:
        """The sections cut into pieces that each fit a slide (as few as fit), drawn and titled."""
        def fits(piece: tuple[_Section, ...]) -> bool:
            return probe(draw(piece, "probe", f"{self.title} — 9 of 9")).fit().ok

        cut = split(sections, fits, weight, _divide)
        return [draw(piece, chart_id(self.stem, RACI, n), f"{self.title} — {n} of {len(cut)}")
                for n, piece in enumerate(cut, start=1)]


def _divide(section: _Section) -> list[_Section]:
    """A run too long for a slide, as two parts: its first rows, then the rest (continued)."""
    if len(section.keys) < 2:
        return [section]
    half = (len(section.keys) + 1) // 2
    return [_Section(section.title, section.keys[:half], section.cont),
            _Section(section.title, section.keys[half:], True)]


def build(spec: OrgSpec, stem: str, options: ViewOptions) -> Diagram | None:
    """The whole RACI chart, activities down the side (a poster when big), or None when the spec has no RACI."""
    roles = _roles(spec, options) if spec.raci else []
    if not roles:
        return None
    raci = _Raci(spec, stem, options, roles)
    return raci.tall(raci.phases(), chart_id(stem, RACI), raci.title, every_role=True)


def _score(pieces: list[Diagram]) -> tuple[bool, int, float]:
    """How well a set of pieces reads: all fit, fewest pieces, then the emptiest piece fullest."""
    fits = [measure(p).fit for p in pieces]
    return all(f.ok for f in fits), -len(pieces), min(f.fill for f in fits)


def charts(spec: OrgSpec, stem: str, options: ViewOptions) -> list[Diagram]:
    """The matrix whole when it meets the slide rule (or `split` is off); else turned or in pieces, as reads best.

    Tried when the roles are the wide side: turned whole, turned and cut by units, and the roles' columns cut
    by units; always: bands of roles x runs of activities, as many activities a piece as fill a slide (unless
    a piece would hold one activity). The first kept is the fewest pieces (at most MAX_PIECES when cut by
    roles) that each meet the slide rule; failing that, a readable whole. Past WHOLE_ROWS activities neither
    the whole nor a turned matrix can meet the rule, so only the bands are laid out: linear work.
    """
    roles = _roles(spec, options) if spec.raci else []
    if options.split and len(spec.raci) > WHOLE_ROWS and roles:
        return _Raci(spec, stem, options, roles).drawn_tiles()  # each piece was measured as it was cut
    whole = build(spec, stem, options)
    if whole is None:
        return []
    if not options.split:
        return [whole]
    fit = measure(whole).fit
    if fit.ok:
        return [whole]
    raci = _Raci(spec, stem, options, roles)
    wide = len(raci.roles) > len(spec.raci)  # the roles are the long side
    rows = lambda s: float(len(s.keys))  # noqa: E731
    found: list[list[Diagram]] = []
    if wide:
        found.append([raci.wide(raci.units_of_roles(), chart_id(stem, RACI), raci.title)])
        found.append(raci.pieces(raci.units_of_roles(), raci.wide, rows))
        found.append(raci.pieces(raci.units_of_roles(), raci.columns, rows))
    by_phase = raci.drawn_tiles()
    if len(by_phase) == 1 or all(sum(len(s.keys) for s in _sections_of(p)) > 1 for p in by_phase):
        found.append(by_phase)  # never a piece of one activity
    few = [c for c in found if len(c) <= MAX_PIECES or c is by_phase]  # a long list of activities takes its slides
    scored = sorted(((_score(c), -i, c) for i, c in enumerate(few)), key=lambda t: (t[0], t[1]), reverse=True)
    if scored and scored[0][0][0]:
        best = scored[0][2]
        return [whole] if len(best) == 1 and best[0].cards == whole.cards else best
    if fit.readable or not scored:
        return [whole]  # readable whole: pieces that miss the rule would only cover less of the slide
    return scored[0][2]


def _sections_of(diagram: Diagram) -> list[_Section]:
    """The sections a piece drew (from its matrix), for counting its rows."""
    matrix = diagram.cards[0]
    assert isinstance(matrix, Matrix)
    return [_Section(title, tuple(label for label, _ in body)) for title, body in matrix.sections]
