"""A chart's Diagram -> Mermaid flowchart source that GitHub, GitLab, Notion and mermaid-cli 10 and 11 render.

Read from `export_scope.outline`, the same cards, frames, lines, order and titles the chart draws:
cards are nodes, frames are subgraphs, the chart's lines are links (dotted-line reporting dashed),
its invisible placement links are invisible links. A RACI matrix is a table drawn as a flowchart:
one node per column, one line per row, so every Mermaid since 9 draws it (no `block-beta`).
Every user string goes through `mermaid_text`.
"""

from __future__ import annotations

import re

from ...views.diagram import Diagram, Matrix
from ...engine.labels import wrap
from ...themes import Theme, get_theme
from .scope import Box, ExportError, Frame, Outline, outline
from ...out.yamltext import yaml_scalar

__all__ = ["mermaid_text", "mermaid_id", "about_id", "export_mermaid", "MAX_EDGES", "MAX_TEXT", "TABLE_BLANK"]

# Mermaid refuses a diagram past these, and a diagram cannot raise them: Mermaid 10 throws "Too many
# edges" at its 281st link (hard-coded), Mermaid 11 past 500 (`maxEdges`); both past 50,000 characters
# (`maxTextSize`). `maxEdges` and `maxTextSize` are `secure` settings, which no front matter or
# `%%{init}%%` can change. checks/interop.py confirms the edge limit in mermaid-cli 10.6 and 11.
MAX_EDGES = 280
MAX_TEXT = 50_000
TABLE_BLANK = "#160;"  # an empty table cell: a no-break space keeps the row's line

# Inside a quoted Mermaid label these ASCII characters are plain text; every other ASCII mark is
# written as an entity code (#35; for #), which Mermaid decodes back to the character.
_SAFE_ASCII = frozenset(" .,-_'/:?!()+=*~^")
_BREAKS = frozenset("\n\r\u2028\u2029\x85")
_STYLE_WORDS = re.compile(r"(?i)s(?=tyle)|c(?=lassdef)")


def mermaid_text(text: str) -> str:
    """User text for inside a double-quoted Mermaid label: marks as entity codes, line breaks as <br>.

    >>> mermaid_text('Say "hi" #1; <b>&[x]')
    'Say #34;hi#34; #35;1#59; #60;b#62;#38;#91;x#93;'
    >>> mermaid_text("Zoë\\nO'Brien 😀")
    "Zoë<br>O'Brien 😀"
    """
    out: list[str] = []
    for ch in text:
        if ch in _BREAKS:
            out.append("<br>")
        elif ch.isalnum() or ch in _SAFE_ASCII or (ord(ch) > 127 and ch.isprintable()):
            out.append(ch)
        else:
            out.append(f"#{ord(ch)};")
    # Mermaid cuts the last `;` off any line where `style` or `classDef` precedes `:...#` (to keep colours
    # from reading as entity codes), which would break ours: those words get one letter as a code.
    return _STYLE_WORDS.sub(lambda m: f"#{ord(m.group())};", "".join(out))


def mermaid_id(diagram_id: str) -> str:
    """A Mermaid node id from a chart id (`role-end` -> `role_end`): prefixed by kind, so never a keyword.

    `style` and `classdef` are split (see mermaid_text): `role-lifestyle` -> `role_lifes_tyle`.
    """
    return _STYLE_WORDS.sub(lambda m: m.group() + "_", re.sub(r"[^A-Za-z0-9_]", "_", diagram_id))


def _one_line(text: str) -> str:
    """Text for a statement that runs to the end of its line (accDescr): breaks as spaces."""
    return " ".join(text.split())


def _box_label(box: Box, width: int) -> str:
    """The card's text as the chart wraps it: the title in bold, its lines, each list headed in italics."""
    chars = box.width or width
    rows = [f"<b>{mermaid_text(t)}</b>" for t in wrap(box.title, chars)]
    rows += [mermaid_text(t) for line in box.lines for t in wrap(line, chars)]
    for heading, items in box.columns:
        rows.append(f"<i>{mermaid_text(heading)}</i>")
        for item in items:
            rows += [("• " if k == 0 else "  ") + mermaid_text(t) for k, t in enumerate(wrap(item, chars))]
    return "<br>".join(rows)


def about_id(frame_id: str) -> str:
    """The borderless node that carries a frame's lines under its title (Mermaid gives a subgraph title one line)."""
    return mermaid_id(frame_id) + "_about"


def _classes(chart: Outline, theme: Theme) -> list[str]:
    """Each tone's colours, as the chart's theme draws them, and dashed boxes for open seats."""
    lines: list[str] = []
    for tone in ("client", "team", "both", "lead"):
        members = [mermaid_id(b.id) for b in chart.boxes if b.tone == tone]
        if members:
            lines.append(f"  classDef {tone} fill:{theme.tint(tone)},stroke:{theme.accent(tone)}")
            lines.append(f"  class {','.join(members)} {tone}")
    dashed = [mermaid_id(b.id) for b in chart.boxes if b.dashed]
    if dashed:
        lines.append("  classDef vacant stroke-dasharray: 5 5")
        lines.append(f"  class {','.join(dashed)} vacant")
    return lines


def _flowchart(chart: Outline, theme: Theme) -> tuple[list[str], int]:
    """Nodes (loose first, then frames, nested), then the chart's lines, then its placement links.

    Mermaid draws sibling subgraphs last written first (cards keep their order): frames are written
    last first, so they are drawn in the chart's order.
    """
    flow = "TB" if chart.direction == "TB" else "LR"
    lines: list[str] = []
    abouts: list[str] = []
    boxes = {b.id: b for b in chart.boxes}

    def node(box_id: str, pad: str) -> None:
        lines.append(f'{pad}{mermaid_id(box_id)}["{_box_label(boxes[box_id], theme.wrap)}"]')

    def frame(f: Frame, depth: int) -> None:
        pad = "  " * depth
        lines.append(f'{pad}subgraph {mermaid_id(f.id)}["<b>{mermaid_text(f.title)}</b>"]')
        # Mermaid lays out a self-contained subgraph crosswise unless told its direction.
        lines.append(f"{pad}  direction {flow}")
        if f.lines:
            about = "<br>".join(mermaid_text(t) for line in f.lines for t in wrap(line, theme.wrap))
            lines.append(f'{pad}  {about_id(f.id)}["{about}"]')
            abouts.append(about_id(f.id))
        for box_id in ([f.header] if f.header else []) + list(f.boxes):
            node(box_id, pad + "  ")
        for child in reversed(f.frames):
            frame(child, depth + 1)
        lines.append(f"{pad}end")

    for box_id in chart.loose:
        node(box_id, "  ")
    for f in reversed(chart.frames):
        frame(f, 1)
    links = [f"  {mermaid_id(k.tail)} {'-.-' if k.dashed else '---'} {mermaid_id(k.head)}" for k in chart.links]
    links += [f"  {mermaid_id(k.tail)} ~~~ {mermaid_id(k.head)}" for k in chart.hints]
    about = ["  classDef about fill:none,stroke:none", f"  class {','.join(abouts)} about"] if abouts else []
    return [f"flowchart {flow}", *lines, *links, *_classes(chart, theme), *about], len(links)


def _table(matrix: Matrix, theme: Theme) -> tuple[list[str], int]:
    """The matrix as a row of column nodes, one line a row: the activities, then each role's marks.

    Every cell is one line (nothing wraps), so the rows of all columns line up.
    """
    first = [f"<b>{mermaid_text(matrix.corner)}</b>"]
    cells: list[list[str]] = [[f"<b>{mermaid_text(title)}</b>"] for title, _ in matrix.columns]
    for title, rows in matrix.sections:
        if title is not None:
            first.append(f"<b><i>{mermaid_text(title)}</i></b>")
            for column in cells:
                column.append(TABLE_BLANK)
        for activity, marks in rows:
            first.append(mermaid_text(_one_line(activity)))
            for column, mark in zip(cells, marks):
                column.append(f"<b>{mark}</b>" if "A" in mark else (mark or TABLE_BLANK))
    ids = [f"{mermaid_id(matrix.id)}_{k}" for k in range(len(cells) + 1)]
    lines = ["flowchart LR"]
    lines += [f'  {node}["{"<br>".join(column)}"]' for node, column in zip(ids, [first, *cells])]
    links = [f"  {a} ~~~ {b}" for a, b in zip(ids, ids[1:])]
    tones = ["neutral", *(tone for _, tone in matrix.columns)]
    classes = [f"  class {node} {tone}" for node, tone in zip(ids, tones) if tone != "neutral"]
    used = sorted({t for t in tones if t != "neutral"})
    defs = [f"  classDef {t} stroke:{theme.accent(t)},fill:{theme.tint(t)}" for t in used]
    return [*lines, *links, *defs, *classes], len(links)


def _limits(chart: Outline, text: str, edges: int) -> None:
    """Refuse a diagram Mermaid would refuse, naming the limit and what to do instead."""
    view = chart.id
    fixes = ("split it (drop `split: false` from the view's options in the spec), narrow it with the view's "
             "`units:`, or export it to D2 (--to d2), which has no such limit")
    if edges > MAX_EDGES:
        raise ExportError(f"{view}: {edges} links, and Mermaid draws at most {MAX_EDGES} in one diagram (Mermaid 10 "
                          f"stops at {MAX_EDGES}, Mermaid 11 at 500, its maxEdges setting, which a diagram cannot "
                          f"raise); {fixes}")
    if len(text) > MAX_TEXT:
        raise ExportError(f"{view}: {len(text):,} characters of Mermaid, and Mermaid reads at most {MAX_TEXT:,} "
                          f"(its maxTextSize setting, which a diagram cannot raise); {fixes}")


def export_mermaid(diagram: Diagram, theme: Theme | None = None) -> str:
    """One chart as Mermaid source: its title, subtitle, cards, frames and lines in the chart's order."""
    chart = outline(diagram)
    theme = theme or get_theme("default")
    body, edges = _table(chart.table, theme) if chart.table is not None else _flowchart(chart, theme)
    head = ["---", f"title: {yaml_scalar(chart.title)}", "---", body[0]]
    if chart.subtitle:
        # Mermaid decodes entity codes here too (and reads `;` after `style...#` as its own): coded like a label.
        head.append(f"  accDescr: {mermaid_text(_one_line(chart.subtitle))}")
    text = "\n".join([*head, *body[1:]]) + "\n"
    _limits(chart, text, edges)
    return text
