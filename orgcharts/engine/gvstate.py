"""Graphviz's process-wide state that a layout leaves for its rendering, saved and put back.

Graphviz keeps, in global variables of libgvc, the attribute symbols of the graph laid out last
(`N_style`, `E_penwidth` ...) and a few layout settings (`State`, `Ndim` ...); rendering reads them.
A layout kept open to be drawn later (`engine.kept`) is drawn after other layouts have replaced
them, so its values are saved right after it is laid out and put back before it is drawn: the
drawing is then byte for byte the one made straight after the layout. Where the library or one of
its variables cannot be found, nothing is saved, and the kept layout is not used (it is laid out anew).
"""

from __future__ import annotations

import ctypes
import glob
import os
from typing import Any

__all__ = ["GlobalState", "save_state", "restore_state"]

_INTS = ("CL_type", "Concentrate", "EdgeLabelsDone", "MaxIter", "Ndim", "Nop", "Reduce", "Show_boxes", "State",
         "Y_invert")
_DOUBLES = ("Damping", "Epsilon", "Initial_dist", "PSinputscale")
_SYMBOLS = tuple(
    [f"E_{n}" for n in ("arrowsz color comment constr decorate dir fillcolor fontcolor fontname fontsize headclip "
                        "headlabel label label_float labelangle labeldistance labelfontcolor labelfontname "
                        "labelfontsize layer minlen penwidth samehead sametail showboxes style tailclip taillabel "
                        "weight xlabel").split()]
    + [f"G_{n}" for n in ("gradientangle", "margin", "ordering", "penwidth", "peripheries")]
    + [f"N_{n}" for n in ("color comment distortion fillcolor fixed fontcolor fontname fontsize gradientangle group "
                          "height imagepos imagescale label layer nojustify ordering orientation penwidth peripheries "
                          "shape showboxes sides skew style vertices width xlabel z").split()])

GlobalState = tuple[Any, ...]  # the variables' values, in the order of _variables()

_FOUND: list[tuple[Any, ...] | None] = []  # [the variables, or None when they cannot be reached]


def _library() -> ctypes.CDLL | None:
    """libgvc as the bundled pygraphviz loaded it (its wheel's copy, else the one this process mapped)."""
    import pygraphviz

    folder = os.path.dirname(os.path.dirname(pygraphviz.__file__))
    paths = sorted(glob.glob(os.path.join(folder, "pygraphviz.libs", "libgvc*")))
    if not paths and os.path.exists("/proc/self/maps"):
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            paths = sorted({line.split()[-1] for line in maps if "/libgvc" in line})
    for path in paths:
        try:
            return ctypes.CDLL(path)
        except OSError:
            continue
    return None


def _variables() -> tuple[Any, ...] | None:
    """Each saved variable as a ctypes view on libgvc's own storage, or None."""
    if not _FOUND:
        library = _library()
        try:
            found: tuple[Any, ...] | None = (
                tuple(ctypes.c_int.in_dll(library, n) for n in _INTS)
                + tuple(ctypes.c_double.in_dll(library, n) for n in _DOUBLES)
                + tuple(ctypes.c_void_p.in_dll(library, n) for n in _SYMBOLS)) if library is not None else None
        except (ValueError, AttributeError):
            found = None
        _FOUND.append(found)
    return _FOUND[0]


def save_state() -> GlobalState | None:
    """The values the last layout left (call right after it), or None where they cannot be read."""
    variables = _variables()
    return None if variables is None else tuple(v.value for v in variables)


def restore_state(state: GlobalState) -> None:
    """Put back the values `save_state` read (before drawing the layout they were saved with)."""
    variables = _variables()
    assert variables is not None, "a state was saved, so the variables were found"
    for variable, value in zip(variables, state):
        variable.value = value
