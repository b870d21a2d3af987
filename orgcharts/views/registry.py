"""The registry of chart kinds: each view turns an OrgSpec into its charts (none without data, several when split)."""

from __future__ import annotations

from collections.abc import Callable

from .diagram import Diagram
from ..names import ACCOUNTS, ORG, RACI, RESPONSIBILITIES
from ..spec.models import OrgSpec, ViewOptions
from . import accounts, org, raci, responsibilities

__all__ = ["VIEWS", "View", "get_view", "available_views"]

View = Callable[[OrgSpec, str, ViewOptions], list[Diagram]]

# Order here is the order charts are rendered and listed.
VIEWS: dict[str, View] = {
    RESPONSIBILITIES: responsibilities.charts,
    ORG: org.charts,
    RACI: raci.charts,
    ACCOUNTS: accounts.charts,
}


def get_view(name: str) -> View:
    """The builder for `name`; an unknown name lists the valid ones."""
    try:
        return VIEWS[name]
    except KeyError:
        raise ValueError(f"unknown view '{name}'; must be one of [{', '.join(VIEWS)}]") from None


def available_views(spec: OrgSpec, stem: str) -> list[Diagram]:
    """Every diagram the spec has data for, in registry order."""
    options = ViewOptions()
    return [d for charts in VIEWS.values() for d in charts(spec, stem, options)]
