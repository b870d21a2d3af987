"""A chart's DOT laid out alone, as its Scene: the same one door, worker and time limit as a render."""

from __future__ import annotations

from ..errors import RenderError
from ..options import DEFAULT_TIMEOUT, Look
from ..layout.scene import SCENE, Box, Scene, read_scene

__all__ = ["Box", "layout_dot"]


def layout_dot(dot: str, timeout: float = DEFAULT_TIMEOUT, look: Look = Look()) -> Scene:
    """The Scene of `dot` as a render lays it out and frames it with `look` (for checks and tests:
    a render asks for SCENE beside its formats and gets it from the layout that draws the chart).

    Graphviz runs as a render job does (see workers.draw_jobs); a failure raises RenderError.
    """
    from .workers import draw_jobs

    result = draw_jobs([(dot, [SCENE], look)], timeout)[0]
    if isinstance(result, RenderError):
        raise result
    return read_scene(result[SCENE])
