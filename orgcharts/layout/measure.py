"""The drawn size of HTML-like labels, measured by the bundled Graphviz with the shipped font."""

from __future__ import annotations

from collections.abc import Mapping

from ..engine.gvengine import Layout, session

__all__ = ["label_sizes"]


def label_sizes(labels: Mapping[str, str]) -> dict[str, tuple[float, float]]:
    """Width and height in points of each HTML-like label (the body inside `<...>`), by key.

    One Graphviz pass over the labels as plain nodes (the `nop` engine places nothing), so the
    sizes are exactly the ones Graphviz gives the same labels when it draws them.
    """
    if not labels:
        return {}
    keys = list(labels)
    body = "".join(f'n{i} [pos="0,0" label=<{labels[k]}>];\n' for i, k in enumerate(keys))
    dot = f'digraph m {{ layout=nop; dpi=72; node [shape=plain fontname="Liberation Sans"];\n{body}}}'
    with session(strict=False):
        with Layout(dot, None, "nop", what="a label") as layout:
            plain = layout.data("plain")
    sizes: dict[int, tuple[float, float]] = {}
    for line in plain.decode("utf-8", "replace").splitlines():
        # `node NAME X Y WIDTH HEIGHT LABEL ...`: the names are ours (n0, n1 ...), sizes in inches.
        parts = line.split(" ", 6)
        if parts[0] == "node" and len(parts) > 5:
            sizes[int(parts[1][1:])] = (float(parts[4]) * 72, float(parts[5]) * 72)
    return dict(zip(keys, (sizes[i] for i in range(len(keys)))))
