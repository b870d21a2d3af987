"""A chart's Diagram -> D2 source that the d2 CLI (and D2 playgrounds and plugins) render natively.

Read from `export_scope.outline`, the same cards, frames, lines, order and titles the chart draws:
cards are shapes, frames are containers, the chart's lines are connections (dotted-line reporting
dashed), its invisible placement links are connections drawn transparent; a RACI matrix is a grid.
Laid out by dagre (d2's default), which places a shape's children in the reverse order of their
connections, so the reporting lines are written last first and the chart's order is what d2 draws.
Every user string goes through `d2_text`.
"""

from __future__ import annotations

import re
import unicodedata

from ...views.diagram import Diagram, Matrix
from ...engine.labels import wrap
from ...themes import Theme, get_theme
from .scope import Box, Frame, Outline, outline

__all__ = ["d2_text", "d2_key", "export_d2", "LAYOUT", "HEADING"]

_ESCAPES = {"\\": "\\\\", '"': '\\"', "$": "\\$", "\n": "\\n", "\r": "\\n", "\u2028": "\\n", "\u2029": "\\n",
            "\x85": "\\n", "\t": " "}
LAYOUT = "vars: {d2-config: {layout-engine: dagre}}"  # named, so a d2 whose default changes draws the same
HEADING = "heading"  # the container of the title and subtitle, above the chart


def d2_text(text: str) -> str:
    """User text as a double-quoted D2 string: quotes, backslashes, `$` (substitution) and breaks escaped.

    >>> d2_text('Say "hi" ${x} #1; [a] {b}')
    '"Say \\\\"hi\\\\" \\\\${x} #1; [a] {b}"'
    >>> d2_text("two\\nlines")
    '"two\\\\nlines"'
    """
    return '"' + "".join(_ESCAPES.get(ch, " " if unicodedata.category(ch) == "Cc" else ch) for ch in text) + '"'


def d2_key(diagram_id: str) -> str:
    """A D2 key from a chart id (`role-end` -> `role_end`): prefixed by kind, so never a D2 keyword."""
    return re.sub(r"[^A-Za-z0-9_]", "_", diagram_id)


def _box_label(box: Box, width: int) -> str:
    """The card's text as the chart wraps it (D2 does not wrap): title, lines, each list with its heading."""
    chars = box.width or width
    rows = [*wrap(box.title, chars), *(t for line in box.lines for t in wrap(line, chars))]
    for heading, items in box.columns:
        rows.append(heading)
        rows += [("• " if k == 0 else "  ") + t for item in items for k, t in enumerate(wrap(item, chars))]
    return d2_text("\n".join(rows))


def _style(tone: str, theme: Theme, dashed: bool = False) -> str:
    parts = [] if tone == "neutral" else [f'stroke: "{theme.accent(tone)}"', f'fill: "{theme.tint(tone)}"']
    if dashed:
        parts.append("stroke-dash: 4")
    return f" {{style: {{{'; '.join(parts)}}}}}" if parts else ""


def _heading(chart: Outline) -> list[str]:
    lines = [f'{HEADING}: "" {{', "  near: top-center", "  grid-columns: 1", "  grid-gap: 4",
             "  style: {stroke: transparent; fill: transparent}",
             f"  title: {d2_text(chart.title)} {{shape: text; style: {{font-size: 28; bold: true}}}}"]
    if chart.subtitle:
        lines.append(f"  subtitle: {d2_text(chart.subtitle)} {{shape: text; style: {{font-size: 18}}}}")
    return [*lines, "}"]


def _graph(chart: Outline, theme: Theme) -> list[str]:
    """Shapes (loose first, then containers, nested), then the chart's lines, then its placement links."""
    boxes = {b.id: b for b in chart.boxes}
    path: dict[str, str] = {}
    lines: list[str] = []

    def shape(box_id: str, pad: str, prefix: str) -> None:
        box = boxes[box_id]
        path[box_id] = prefix + d2_key(box_id)
        lines.append(f"{pad}{d2_key(box_id)}: {_box_label(box, theme.wrap)}{_style(box.tone, theme, box.dashed)}")

    def container(f: Frame, depth: int, prefix: str) -> None:
        pad = "  " * depth
        label = "\n".join([f.title, *(t for line in f.lines for t in wrap(line, theme.wrap))])
        lines.append(f"{pad}{d2_key(f.id)}: {d2_text(label)} {{")
        if f.tone != "neutral":
            lines.append(f'{pad}  style.stroke: "{theme.accent(f.tone)}"')
        inner = prefix + d2_key(f.id) + "."
        for box_id in ([f.header] if f.header else []) + list(f.boxes):
            shape(box_id, pad + "  ", inner)
        for child in f.frames:
            container(child, depth + 1, inner)
        lines.append(f"{pad}}}")

    for box_id in chart.loose:
        shape(box_id, "", "")
    for f in chart.frames:
        container(f, 0, "")
    # dagre places a shape's children in the reverse order of their connections: solid lines and
    # placement links are written last first (dotted lines place nothing in the chart either).
    solid = [k for k in chart.links if not k.dashed][::-1]
    lines += [f"{path[k.tail]} -- {path[k.head]}" for k in solid]
    lines += [f"{path[k.tail]} -- {path[k.head]}: {{style.stroke-dash: 4}}" for k in chart.links if k.dashed]
    lines += [f"{path[k.tail]} -- {path[k.head]}: {{style.opacity: 0}}" for k in chart.hints[::-1]]
    return lines


def _table(matrix: Matrix, theme: Theme) -> list[str]:
    """The matrix as a grid: a header row, a row per phase heading and per activity, a cell per mark."""
    width = len(matrix.columns) + 1
    rows = 1 + sum((title is not None) + len(body) for title, body in matrix.sections)
    head = '{style: {bold: true; fill: "#e2e8f0"}}'
    lines = [f'{d2_key(matrix.id)}: "" {{', f"  grid-rows: {rows}", f"  grid-columns: {width}", "  grid-gap: 0",
             f"  h: {d2_text(matrix.corner)} {head}"]
    lines += [f"  h_{i}: {d2_text(chr(10).join(wrap(title, 16)))}{_style(tone, theme)}"
              for i, (title, tone) in enumerate(matrix.columns)]
    for s, (title, body) in enumerate(matrix.sections):
        if title is not None:
            lines.append(f'  p_{s}: {d2_text(title)} {{style: {{bold: true; fill: "#f1f5f9"}}}}')
            lines += [f'  p_{s}_{i}: " " {{style.fill: "#f1f5f9"}}' for i in range(len(matrix.columns))]
        for r, (activity, marks) in enumerate(body):
            lines.append(f"  a_{s}_{r}: {d2_text(chr(10).join(wrap(activity, 40)))}")
            for i, mark in enumerate(marks):
                style = ' {style: {bold: true; fill: "#fde68a"}}' if "A" in mark else ""
                lines.append(f'  c_{s}_{r}_{i}: "{mark or " "}"{style}')
    return [*lines, "}"]


def export_d2(diagram: Diagram, theme: Theme | None = None) -> str:
    """One chart as D2 source: its title, subtitle, cards, frames and lines in the chart's order."""
    chart = outline(diagram)
    theme = theme or get_theme("default")
    direction = "down" if chart.direction == "TB" else "right"
    body = _table(chart.table, theme) if chart.table is not None else _graph(chart, theme)
    return "\n".join([f"direction: {direction}", LAYOUT, *_heading(chart), *body]) + "\n"
