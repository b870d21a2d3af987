"""Which of several drawings of one chart sits best on a slide: each measured as Graphviz lays it out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..views.diagram import Diagram
from ..engine.dot import to_dot
from ..themes import get_theme
from .fit import SlideFit, measure_dot

__all__ = ["Measured", "measure", "pick", "GOOD_FILL"]


@dataclass(frozen=True)
class Measured:
    """A diagram and how it sits on the slide once drawn."""

    diagram: Diagram
    fit: SlideFit


def measure(diagram: Diagram) -> Measured:
    """Lay the diagram out (no rendering) and fit it to the slide.

    Themes change colours and fonts' names only, never sizes, so the default theme measures all.
    """
    return Measured(diagram, measure_dot(to_dot(diagram, get_theme("default"))).fit())


GOOD_FILL = 0.85  # a drawing that meets the rule and covers this much is kept without trying others

K = TypeVar("K")


def pick(options: Sequence[tuple[K, Callable[[], Diagram]]], enough: float = GOOD_FILL) -> tuple[K, Measured]:
    """The option whose drawing sits best on a slide: met rule first, then most of the slide covered.

    Options are drawn and measured in the order given (the likeliest first); the first that meets
    the rule and covers `enough` of the slide is kept at once. Among equals the earlier wins.
    """
    found: list[tuple[K, Measured]] = []
    for key, draw in options:
        measured = measure(draw())
        if measured.fit.ok and measured.fit.fill >= enough:
            return key, measured
        found.append((key, measured))
    if not found:
        raise ValueError("no drawing to choose from")
    return max(found, key=lambda km: (km[1].fit.ok, round(km[1].fit.fill, 3)))
