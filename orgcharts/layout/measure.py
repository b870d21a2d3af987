"""The drawn size of HTML-like labels, measured by the bundled Graphviz with the shipped font."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import RenderError
from ..cstderr import captured_stderr

__all__ = ["label_sizes"]


def label_sizes(labels: Mapping[str, str]) -> dict[str, tuple[float, float]]:
    """Width and height in points of each HTML-like label (the body inside `<...>`), by key.

    One Graphviz pass over the labels as plain nodes (the `nop` engine places nothing), so the
    sizes are exactly the ones Graphviz gives the same labels when it draws them.
    """
    if not labels:
        return {}
    from ..render import load_engine

    load_engine()  # sets the shipped font before Graphviz first loads
    import pygraphviz as pgv

    keys = list(labels)
    body = "".join(f'n{i} [pos="0,0" label=<{labels[k]}>];\n' for i, k in enumerate(keys))
    dot = f'digraph m {{ layout=nop; dpi=72; node [shape=plain fontname="Liberation Sans"];\n{body}}}'
    with captured_stderr():
        return dict(zip(keys, _measure(pgv, dot, len(keys))))


def _measure(pgv: Any, dot: str, count: int) -> list[tuple[float, float]]:
    try:
        graph = pgv.AGraph(string=dot)
    except Exception as exc:  # DotError on a malformed label
        raise RenderError(f"Graphviz could not read a label ({exc})") from None
    gv = pgv.graphviz
    gvc = gv.gvContextWithBuiltins()
    try:
        if gv.gvLayout(gvc, graph.handle, b"nop") != 0:
            raise RenderError("Graphviz could not measure the labels")
        try:
            err, data = gv.gvRenderData(gvc, graph.handle, b"plain")
        finally:
            gv.gvFreeLayout(gvc, graph.handle)
        if err:
            raise RenderError("Graphviz could not measure the labels")
    finally:
        gv.gvFreeContext(gvc)
    sizes: dict[int, tuple[float, float]] = {}
    for line in bytes(data).decode("utf-8", "replace").splitlines():
        # `node NAME X Y WIDTH HEIGHT LABEL ...`: the names are ours (n0, n1 ...), sizes in inches.
        parts = line.split(" ", 6)
        if parts[0] == "node" and len(parts) > 5:
            sizes[int(parts[1][1:])] = (float(parts[4]) * 72, float(parts[5]) * 72)
    return [sizes[i] for i in range(count)]
