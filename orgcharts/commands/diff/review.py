"""The questions a reorganisation review asks: who answers for what now, and what nobody owns."""

from __future__ import annotations

from dataclasses import dataclass

from .changes import Changes, DutyChange, RoleChange, Span

__all__ = ["Review", "review"]


@dataclass(frozen=True)
class Review:
    """Accountability after the change: lost or changed Accountables, orphaned duties, leads, spans."""

    accountable: tuple[tuple[str, str | None, str | None], ...]  # (activity, old key, new key); None: none
    orphaned: tuple[tuple[RoleChange, DutyChange], ...]  # dropped duties, with the role that had them
    leads: tuple[tuple[str, str, str | None], ...]  # (client, old lead text, new lead text or None)
    spans: tuple[Span, ...]  # every manager, before and after


def _lead(changes: Changes, lead: tuple[str, str | None] | None) -> str | None:
    if lead is None:
        return None
    title = changes.title(lead[0])
    return f"{lead[1]} ({title})" if lead[1] else title


def review(changes: Changes) -> Review:
    """The accountability review of a change."""
    accountable = tuple((a.name, a.old_accountable, a.new_accountable) for a in changes.activities
                        if a.old is not None and a.old_accountable != a.new_accountable)
    orphaned = tuple(changes.duties("removed"))
    leads: list[tuple[str, str, str | None]] = []
    for account in changes.accounts:
        if account.old is None or account.old_lead == account.new_lead:
            continue
        old = _lead(changes, account.old_lead)
        assert old is not None
        leads.append((account.client, old, _lead(changes, account.new_lead)))
    return Review(accountable, orphaned, tuple(leads), changes.spans)
