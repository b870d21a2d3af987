"""Which of several drawings of one chart sits best on a slide: each measured as Graphviz lays it out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..diagram import Diagram
from ..dot import to_dot
from ..themes import get_theme
from .fit import SlideFit, measure_dot

__all__ = ["Measured", "measure", "best"]


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


def best(candidates: Sequence[Diagram]) -> Measured:
    """The candidate that meets the slide rule and covers most of the slide; else the one covering most.

    Among equals the earlier candidate wins, so callers list their preferred drawing first.
    """
    measured = [measure(d) for d in candidates]
    return max(measured, key=lambda m: (m.fit.ok, round(m.fit.fill, 3)))
