"""Change charts: each view of both versions, coloured by what was added, removed and moved."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ...views.diagram import Card, Column, Diagram, Edge, Group, Line, Node, Tone
from ...spec.models import OrgSpec, ViewOptions
from ...views.registry import get_view
from ...views import org as org_view
from .changes import Changes, RoleChange, UnitChange
from ...names import VIEW_NAMES
from .changespec import Which, annotated_spec
from .dutymarks import duty_tones, member_tone
from .tones import ADDED, KINDS, MOVED, REMOVED, SAME

__all__ = ["CHANGE_VIEWS", "role_tone", "role_notes", "unit_tone", "unit_notes", "change_diagram", "change_diagrams",
           "recolour", "with_legend"]

CHANGE_VIEWS = VIEW_NAMES


def _staffed(change: RoleChange) -> bool:
    """Who holds the role or how it is staffed changed: people, seats, FTE, grade, location, dotted lines."""
    return bool(change.people_gone or change.people_joined or change.details)


def _org_moved(change: RoleChange) -> bool:
    return change.moved_unit or change.new_manager_line or change.renamed or _staffed(change)


def _duties_moved(change: RoleChange) -> bool:
    return change.renamed or any(d.kind != "same" for d in change.duties) or _staffed(change)


_MOVED_IN: dict[str, Callable[[RoleChange], bool]] = {
    "org": _org_moved,
    "responsibilities": _duties_moved,
    "raci": lambda c: bool(c.raci),
    "accounts": lambda c: False,
}


def role_tone(change: RoleChange, view: str, which: Which) -> Tone:
    """The colour of a role in one view of one version: added, removed, moved or unchanged."""
    if change.old is None:
        return ADDED if which != "old" else SAME
    if change.new is None:
        return REMOVED if which != "new" else SAME
    return MOVED if _MOVED_IN[view](change) else SAME


def role_notes(changes: Changes, change: RoleChange, view: str, which: Which) -> tuple[Line, ...]:
    """Short lines on a role's card saying what changed about it, for the version drawn."""
    notes: list[str] = []
    if change.old is None and which != "old":
        notes.append("new role")
    elif change.new is None and which != "new":
        notes.append("role removed")
    elif change.old is not None and change.new is not None:
        if change.renamed:
            notes.append(f"renamed from {change.old.title}" if which != "old" else f"renamed {change.new.title}")
        if view == "org" and change.moved_unit:
            old, new = change.old_unit, change.new_unit
            if old[:1] != new[:1]:
                notes.append(f"moves to {new[0]}" if which == "old" else f"moved from {old[0]}")
            elif len(new) > 1:
                notes.append(f"moves into {new[1]} with {new[0]}" if which == "old"
                             else f"moved into {new[1]} with {new[0]}")
        if view == "org" and change.new_manager_line:
            if which == "old":
                notes.append(f"will report to {changes.title(change.new_manager)}")
            elif change.old_manager:
                notes.append(f"reported to {changes.title(change.old_manager)}")
        if view in ("org", "responsibilities"):
            notes += [d.short for d in change.details if d.kind != "text"]
    return tuple(Line(n, "note") for n in notes)


def unit_tone(unit: UnitChange, which: Which) -> Tone:
    """A unit's frame in the org chart: added, removed, or moved (a new parent unit)."""
    if unit.old is None:
        return ADDED if which != "old" else SAME
    if unit.new is None:
        return REMOVED if which != "new" else SAME
    return MOVED if unit.old_parent != unit.new_parent or unit.old_lead != unit.new_lead else SAME


def unit_notes(changes: Changes, unit: UnitChange, which: Which) -> tuple[Line, ...]:
    """Lines under a unit's name saying where it moved and who leads it now."""
    if unit.old is None or unit.new is None:
        return ()
    lines = []
    if unit.old_parent != unit.new_parent:
        lines.append(f"moves into {unit.new_parent or 'the top'}" if which == "old"
                     else f"moved from {unit.old_parent or 'the top'} into {unit.new_parent or 'the top'}")
    if unit.old_lead != unit.new_lead:
        lines.append(f"will be led by {changes.title(unit.new_lead)}" if which == "old"
                     else f"was led by {changes.title(unit.old_lead)}")
    return tuple(Line(text, "note") for text in lines)


ToneOf = Callable[[str], Tone | None]
Notes = Callable[[str], tuple[Line, ...]]
ItemTone = Callable[[str, str], Tone | None]  # (card id, item text) -> the item's change colour


def _column(column: Column, card_id: str, item_tone: ItemTone) -> Column:
    """A list muted, each changed item in its change colour."""
    tones = tuple(item_tone(card_id, item) for item in column.items)
    return replace(column, tone=SAME, tones=tones if any(tones) else ())


def _card(card: Card, tone_of: ToneOf, notes: Notes, item_tone: ItemTone = lambda _, __: None) -> Card:
    """A card recoloured: its tone from `tone_of` (muted when unknown), items by `item_tone`, notes appended."""
    tone = tone_of(card.id)
    columns = tuple(_column(c, card.id, item_tone) for c in card.columns)
    return replace(card, tone=tone if tone is not None else SAME, lines=card.lines + notes(card.id), columns=columns)


def _node(node: Node, tone_of: ToneOf, notes: Notes, item_tone: ItemTone) -> Node:
    """Any node recoloured: cards; junctions and matrices as they are."""
    if isinstance(node, Card):
        return _card(node, tone_of, notes, item_tone)
    return node


def _group(group: Group, tone_of: ToneOf, notes: Notes, item_tone: ItemTone) -> Group:
    """A unit's frame: its tone and notes from the same callbacks (by group id), its cards recoloured."""
    header = _card(group.header, tone_of, notes, item_tone) if group.header else None
    tone = tone_of(group.id)
    return replace(group, tone=tone if tone is not None else SAME, lines=group.lines + notes(group.id),
                   header=header, groups=tuple(_group(g, tone_of, notes, item_tone) for g in group.groups))


def recolour(diagram: Diagram, tone_of: ToneOf, notes: Notes = lambda _: (),
             edge_tone: Callable[[Edge], Tone | None] = lambda _: None,
             item_tone: ItemTone = lambda _, __: None) -> Diagram:
    """A view's diagram in change colours: cards by `tone_of` (unknown cards muted), edges by `edge_tone`,
    list items by `item_tone`."""
    return replace(
        diagram,
        cards=tuple(_node(c, tone_of, notes, item_tone) for c in diagram.cards),
        groups=tuple(_group(g, tone_of, notes, item_tone) for g in diagram.groups),
        edges=tuple(replace(e, tone=edge_tone(e) or SAME) for e in diagram.edges),
        legend=(),  # the view's colours (its sides) are not the change colours: the change legend says those
    )


def _role_key(card_id: str) -> str | None:
    return card_id.removeprefix("role-") if card_id.startswith("role-") else None


def _former_tone(edge: Edge, by_key: dict[str, RoleChange]) -> Edge:
    """Before the change, a reporting line that the change removes or redraws, in the removed colour."""
    key = _role_key(edge.head)
    change = by_key.get(key or "")
    if change is not None and not edge.dashed and (change.new_manager_line or change.new is None):
        return replace(edge, tone=REMOVED)
    return edge


def _accounts(changes: Changes, which: Which) -> dict[str, Tone]:
    tones: dict[str, Tone] = {}
    for account in changes.accounts:
        if account.old is None:
            tone = ADDED if which != "old" else SAME
        elif account.new is None:
            tone = REMOVED if which != "new" else SAME
        else:
            tone = MOVED if account.joined or account.left else SAME
        tones[f"account-{account.key}"] = tones[f"team-{account.key}"] = tone
    return tones


def change_diagram(changes: Changes, view: str, stem: str, which: Which, spec: OrgSpec | None = None) -> Diagram | None:
    """One view of one version (or both merged), drawn whole, in change colours; None without data."""
    drawn = change_diagrams(changes, view, stem, which, spec, split=False)
    return drawn[0] if drawn else None


def change_diagrams(changes: Changes, view: str, stem: str, which: Which, spec: OrgSpec | None = None,
                    split: bool = True) -> list[Diagram]:
    """One view of one version (or both merged) in change colours: a diagram per piece the view draws.

    The org chart's cards and unit headings get their colours and notes before the org layout places
    them, so a change chart is laid out like any org chart; the other views are recoloured when drawn.
    """
    spec = spec or annotated_spec(changes, which)
    paint = _Paint(changes, view, which)
    options = ViewOptions(split=split)
    if view == "org":
        dress = org_view.Dress(card=lambda card: _card(card, paint.tone_of, paint.notes),
                               heading=lambda group: replace(group, tone=paint.tone_of(group.id) or SAME,
                                                             lines=group.lines + paint.notes(group.id)),
                               sides=False)
        return [paint.org_lines(d) for d in org_view.charts(spec, stem, options, dress)]
    drawn = get_view(view)(spec, stem, options)
    return [recolour(d, paint.tone_of, paint.notes, item_tone=paint.item_tone) for d in drawn]


class _Paint:
    """The change colours and notes of one view of one version, by card id, line and list item."""

    def __init__(self, changes: Changes, view: str, which: Which) -> None:
        self.changes, self.view, self.which = changes, view, which
        self.by_key = {c.key: c for c in changes.roles}
        self.accounts = _accounts(changes, which)
        self.units = {f"unit-{u.key}": u for u in changes.units}
        self.duties = duty_tones(changes, which) if view == "responsibilities" else {}

    def tone_of(self, card_id: str) -> Tone | None:
        """A role's, unit's or account's colour; None for a card the change does not know."""
        key = _role_key(card_id)
        if key in self.by_key:
            return role_tone(self.by_key[key], self.view, self.which)
        if card_id in self.units and self.view == "org":
            return unit_tone(self.units[card_id], self.which)
        return self.accounts.get(card_id)

    def notes(self, card_id: str) -> tuple[Line, ...]:
        """The lines saying what changed about a role or unit."""
        key = _role_key(card_id)
        if card_id in self.units and self.view == "org":
            return unit_notes(self.changes, self.units[card_id], self.which)
        return role_notes(self.changes, self.by_key[key], self.view, self.which) if key in self.by_key else ()

    def item_tone(self, card_id: str, item: str) -> Tone | None:
        """A duty's colour on a role card (responsibilities), a member's on an account card."""
        if self.view == "responsibilities":
            return self.duties.get(_role_key(card_id) or "", {}).get(item)
        return member_tone(item) if self.view == "accounts" and card_id.startswith("account-") else None

    def edge_tone(self, edge: Edge) -> Tone | None:
        """A reporting line into a role: added or removed with the role, moved with a new manager."""
        key = _role_key(edge.head)
        if self.view != "org" or key not in self.by_key:
            return None
        change = self.by_key[key]
        if edge.dashed:  # a dotted line the change drew
            boss = _role_key(edge.tail) or ""
            old = change.old
            then = {self.changes.old_key.get(d, d) for d in old.dotted_to} if old is not None else set()
            return ADDED if self.which != "old" and change.new is not None and boss not in then else None
        if change.old is None or change.new is None:
            return role_tone(change, self.view, self.which)
        return MOVED if change.new_manager_line and self.which != "old" else None

    def org_lines(self, diagram: Diagram) -> Diagram:
        """A placed org chart's lines in change colours (before the change, the lines that go are removed)."""
        edges = tuple(replace(e, tone=self.edge_tone(e) or SAME) for e in diagram.edges)
        if self.which == "old":
            edges = tuple(_former_tone(e, self.by_key) for e in edges)
        return replace(diagram, edges=edges, legend=())


def with_legend(diagram: Diagram) -> Diagram:
    """The diagram with what each change colour means, in a row under its title (where every view puts its legend)."""
    return replace(diagram, legend=tuple((f"{title}: {meaning}", tone) for tone, title, meaning in KINDS))



