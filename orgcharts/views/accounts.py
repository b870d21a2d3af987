"""The account teams: one card per client account, its members by the side they face, flowed into columns.

Each card lists who works with the client, who faces both sides (a middle column, only where
someone does), and who works in the team. Cards flow column by column into as many columns as
suit a slide; too many accounts for one slide are split into pieces, each titled to stand alone.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from .diagram import Card, Column, Diagram, Edge, Line, Tone
from ..engine.labels import wrap
from ..layout.columns import columns_of, partition
from ..layout.fit import SLIDE_H, SLIDE_W
from ..layout.slides import Measured, pick
from ..layout.split import split
from ..names import ACCOUNTS, chart_id
from ..spec.models import Account, Member, OrgSpec, Role, Unit, ViewOptions
from ..spec.roles import listed_sides, role_tone

__all__ = ["build", "charts", "member_text", "MAX_COLUMNS"]

MAX_COLUMNS = 5
TRIES = 3  # column counts measured per chart, best predicted first
WRAPS = (36, 28)  # characters a line of a member's entry: the theme's, or narrower for a wide chart
CARD_PT, LINE_PT, TOP_PT = 440.0, 17.0, 120.0  # predicted sizes, checked by measuring


def member_text(member: Member, role: Role, tag: str | None = None) -> str:
    """'Sam · Account Manager (lead)': who, in which role, and their part on the account."""
    person = member.person or (role.people[0].name if len(role.people) == 1 else None)
    text = f"{person} · {role.title}" if person else role.title
    return f"{text} ({tag})" if tag else text


def _members(account: Account, roles: dict[str, Role]) -> list[tuple[Member, str | None]]:
    found: list[tuple[Member, str | None]] = [(account.lead, "account lead")]
    if account.project_manager is not None:
        pm = account.project_manager
        # The tag only says what the title does not already say.
        found.append((pm, None if "project manager" in roles[pm.role].title.lower() else "project manager"))
    found += [(m, None) for m in account.contributors]
    return found


def _card(account: Account, spec: OrgSpec, roles: dict[str, Role], units: dict[str, Unit]) -> Card:
    """An account's card: the client, a line about the work, and its members by side."""
    by_side: dict[Tone, list[str]] = {"client": [], "both": [], "team": []}
    for member, tag in _members(account, roles):
        role = roles[member.role]
        tone = role_tone(role, units, listed_sides(spec.sides))
        # A member whose side is unknown (no duties, no `faces:`) works in the team.
        by_side["team" if tone not in by_side else tone].append(member_text(member, role, tag))
    client, team = spec.sides.client.name, spec.sides.team.name
    columns = [Column(f"With the {client}", tuple(by_side["client"]) or ("—",), "client")]
    if by_side["both"]:
        columns.append(Column("With both sides", tuple(by_side["both"]), "both"))
    columns.append(Column(f"In the {team}", tuple(by_side["team"]) or ("—",), "team"))
    lines = (Line(account.description),) if account.description else ()
    return Card(id=f"account-{account.id}", title=account.client, tone="client", lines=lines,
                columns=tuple(columns))


def _narrowed(card: Card, chars: int) -> Card:
    """The card with `chars` characters a line in each of its columns."""
    span = len(card.columns)
    return replace(card, width=chars * span + 6 * (span - 1))


def _weight(card: Card, chars: int = WRAPS[0]) -> float:
    """A card's height in text lines, predicted: its title and lines, then its longest column."""
    width = chars * len(card.columns)
    text = sum(len(wrap(line.text, width)) for line in card.lines)
    longest = max(sum(len(wrap(item, chars)) + 0.4 for item in c.items) for c in card.columns)
    return 5.0 + text + longest


def _legend(spec: OrgSpec, cards: list[Card]) -> tuple[tuple[str, Tone], ...]:
    client, team = spec.sides.client.name, spec.sides.team.name
    legend: tuple[tuple[str, Tone], ...] = ((f"works with the {client}", "client"),)
    if any(c.tone == "both" for card in cards for c in card.columns):
        legend += (("faces both sides: listed between them", "both"),)
    return legend + ((f"works in the {team}", "team"),)


Layout = tuple[int, int]  # columns of cards, characters a line of a member's entry


def _diagram(cards: tuple[Card, ...], layout: Layout, spec: OrgSpec, title: str, chart_id: str,
             legend: tuple[tuple[str, Tone], ...]) -> Diagram:
    """The cards flowed into columns, top to bottom then left to right; invisible links keep the columns."""
    k, chars = layout
    drawn = tuple(_narrowed(c, chars) for c in cards)
    sizes = partition([_weight(c, chars) for c in cards], k)
    columns = columns_of([c.id for c in cards], sizes)
    links = [Edge(a[0], b[0], invisible=True) for a, b in zip(columns, columns[1:])]
    client, team = spec.sides.client.name, spec.sides.team.name
    n = len(cards)
    return Diagram(
        id=chart_id,
        title=title,
        subtitle=f"{n} client account{'s' if n != 1 else ''}: who works with the {client} and who in the {team}",
        description=f"Account teams of {spec.org}: for each client account, the members who work with "
                    f"the {client} and those who work in the {team}. Accounts: "
                    f"{', '.join(c.title for c in cards)}.",
        direction="LR",
        cards=drawn,
        edges=tuple(links),
        ranks=tuple(c for c in columns if len(c) > 1),
        legend=legend,
    )


def _best_layout(cards: tuple[Card, ...], spec: OrgSpec, title: str, chart_id: str,
                 legend: tuple[tuple[str, Tone], ...]) -> tuple[Layout, Measured]:
    """The columns and line length whose drawing sits best on a slide, of the few predicted to, likeliest first."""
    target = SLIDE_W / SLIDE_H  # the slide's shape, which the fill is measured against

    def predicted_fill(layout: Layout) -> float:
        k, chars = layout
        weights = [_weight(c, chars) for c in cards]
        tallest = max(sum(col) for col in columns_of(weights, partition(weights, k)))
        ratio = k * CARD_PT * chars / WRAPS[0] / (TOP_PT + tallest * LINE_PT)
        return min(ratio / target, target / ratio)

    layouts = [(k, chars) for chars in WRAPS for k in range(1, min(len(cards), MAX_COLUMNS) + 1)]
    tries = sorted(layouts, key=lambda lay: (-predicted_fill(lay), lay[0], -lay[1]))[:TRIES]
    return pick([(lay, partial(_diagram, cards, lay, spec, title, chart_id, legend)) for lay in tries])


def _cards(spec: OrgSpec) -> list[Card]:
    roles = {r.id: r for r in spec.roles}
    units = {u.id: u for u in spec.units}
    return [_card(a, spec, roles, units) for a in spec.accounts]


def _title(spec: OrgSpec, options: ViewOptions) -> str:
    return options.title or f"{spec.org} — account teams"


def build(spec: OrgSpec, stem: str, options: ViewOptions) -> Diagram | None:
    """Every account on one chart (a poster when there are many), or None without accounts."""
    if not spec.accounts:
        return None
    cards = _cards(spec)
    return _best_layout(tuple(cards), spec, _title(spec, options), chart_id(stem, ACCOUNTS),
                        _legend(spec, cards))[1].diagram


def charts(spec: OrgSpec, stem: str, options: ViewOptions) -> list[Diagram]:
    """The accounts on one chart when it meets the slide rule (or `split` is off); else pieces of accounts."""
    if not spec.accounts:
        return []
    cards = _cards(spec)
    title, legend = _title(spec, options), _legend(spec, cards)
    whole = _best_layout(tuple(cards), spec, title, chart_id(stem, ACCOUNTS), legend)[1]
    if whole.fit.ok or not options.split or whole.fit.readable:
        return [whole.diagram]  # fitting, or not too big: smaller pieces would only cover less of the slide
    layouts: dict[tuple[Card, ...], Layout] = {}

    def fits(piece: tuple[Card, ...]) -> bool:
        layouts[piece], drawn = _best_layout(piece, spec, f"{title} — 9 of 9", "probe", legend)
        return drawn.fit.ok

    pieces = split(cards, fits, _weight, lambda card: [card])
    return [_diagram(p, layouts.get(p, (1, WRAPS[0])), spec, f"{title} — {n} of {len(pieces)}",
                     chart_id(stem, ACCOUNTS, n), legend)
            for n, p in enumerate(pieces, start=1)]
