"""Which of several drawings of one chart sits best on a slide: each measured as Graphviz lays it out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar

from ..views.diagram import Diagram
from ..engine.dot import to_dot
from ..themes import Theme, get_theme
from .fit import DrawnSize, SlideFit, measure_dot

__all__ = ["Measured", "measure", "probe", "measuring_in", "pick", "GOOD_FILL"]


@dataclass(frozen=True)
class Measured:
    """A diagram and how it sits on the slide once drawn."""

    diagram: Diagram
    fit: SlideFit
    dot: str = ""  # the DOT measured (its layout is kept for the render: `engine.kept`)


_THEME: ContextVar[Theme | None] = ContextVar("measured_in", default=None)


@contextmanager
def measuring_in(theme: Theme) -> Iterator[None]:
    """Measure in `theme` in the block: the theme the charts planned there are drawn in."""
    token = _THEME.set(theme)
    try:
        yield
    finally:
        _THEME.reset(token)


def probe(diagram: Diagram) -> DrawnSize:
    """The drawn size of a diagram made only to decide something (a sample, a trial cut), never drawn:
    laid out in the theme of `measuring_in` like `measure`, and its layout not kept."""
    return measure_dot(to_dot(diagram, _THEME.get() or get_theme("default")), keep=False)


def measure(diagram: Diagram) -> Measured:
    """Lay the diagram out (no rendering) and fit it to the slide.

    Themes change colours and fonts' names only, never sizes, so any theme measures the same; the
    DOT is written in the theme the chart will be drawn in (`measuring_in`, else the default), so
    that the render draws the chosen drawing from the very layout measured here.
    """
    dot = to_dot(diagram, _THEME.get() or get_theme("default"))
    return Measured(diagram, measure_dot(dot).fit(), dot)


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
            _discard(m for _, m in found if m.dot != measured.dot)
            return key, measured
        found.append((key, measured))
    if not found:
        raise ValueError("no drawing to choose from")
    best = max(found, key=lambda km: (km[1].fit.ok, round(km[1].fit.fill, 3)))
    _discard(m for _, m in found if m.dot != best[1].dot)
    return best


def _discard(rejected: Iterable[Measured]) -> None:
    """Free the layouts kept for drawings not chosen (the render only ever draws the chosen one)."""
    from ..engine.kept import drop

    for measured in rejected:
        drop(measured.dot)
