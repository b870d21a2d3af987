"""Check that every Mermaid and D2 export is its chart: the same nodes, lines, order and titles as the Diagram.

For every view of every spec in specs/ and tests/corpus/ (and the hostile spec of the export tests),
each chart `render` draws is exported to Mermaid and D2, the text is parsed back (the subset the
exporters write: front matter, accDescr, subgraphs, nodes, links, classes; D2 shapes, containers,
connections and grids), and compared with the chart's Diagram as `export_scope.outline` reads it:
title and subtitle; every card with all its text; which frame holds what, in order; every visible
line with its two ends and its style, in order; the invisible links that place cards in order;
and a RACI matrix's columns, phases, activities and marks.

    python checks/exportmatch.py            # exit 0 when every export matches, 1 otherwise
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from orgcharts.views.diagram import Diagram, Matrix  # noqa: E402
from orgcharts.spec.loader import load_file  # noqa: E402
from orgcharts.options import VIEW_NAMES  # noqa: E402
from orgcharts.spec.models import OrgSpec  # noqa: E402
from orgcharts.commands.export.d2 import HEADING, d2_key, export_d2  # noqa: E402
from orgcharts.commands.export.mermaid import TABLE_BLANK, about_id, export_mermaid, mermaid_id  # noqa: E402
from orgcharts.commands.export.scope import Frame, Outline, outline, view_charts  # noqa: E402

Table = tuple[str, tuple[str, ...], tuple[tuple[str | None, tuple[tuple[str, tuple[str, ...]], ...]], ...]]


@dataclass
class Seen:
    """What an export says, or what its chart says, in one comparable form (texts without whitespace)."""

    title: str = ""
    subtitle: str | None = None
    nodes: dict[str, str] = field(default_factory=dict)  # node id -> its text
    frames: dict[str, str] = field(default_factory=dict)  # frame id -> its heading text
    holds: dict[str, list[str]] = field(default_factory=dict)  # container id ("" for the chart) -> children
    links: list[tuple[str, str, bool]] = field(default_factory=list)  # tail, head, dashed
    hints: list[tuple[str, str]] = field(default_factory=list)
    table: Table | None = None


def squeeze(text: str) -> str:
    """Text compared without its whitespace (an export wraps lines where its tool needs)."""
    return "".join(text.split())


def _bulletless(text: str) -> str:
    return "\n".join(line[2:] if line.startswith("• ") else line for line in text.split("\n"))


# ---- what the chart says ------------------------------------------------------------------------


def expected(chart: Outline, key: Callable[[str], str]) -> Seen:
    """The chart's parts under the export's ids."""
    seen = Seen(title=squeeze(chart.title), subtitle=squeeze(chart.subtitle) if chart.subtitle else None)
    if chart.table is not None:
        seen.table = _matrix(chart.table)
        return seen
    seen.nodes = {key(b.id): squeeze("".join(b.texts())) for b in chart.boxes}
    seen.holds[""] = [key(b) for b in chart.loose] + [key(f.id) for f in chart.frames]

    def frame(f: Frame) -> None:
        seen.frames[key(f.id)] = squeeze("".join([f.title, *f.lines]))
        seen.holds[key(f.id)] = [key(b) for b in ([f.header] if f.header else []) + list(f.boxes)] + [
            key(c.id) for c in f.frames]
        for child in f.frames:
            frame(child)

    for f in chart.frames:
        frame(f)
    seen.links = [(key(k.tail), key(k.head), k.dashed) for k in chart.links]
    seen.hints = [(key(k.tail), key(k.head)) for k in chart.hints]
    return seen


def _matrix(m: Matrix) -> Table:
    return (squeeze(m.corner), tuple(squeeze(t) for t, _ in m.columns),
            tuple((squeeze(t) if t is not None else None, tuple((squeeze(a), marks) for a, marks in rows))
                  for t, rows in m.sections))


# ---- what the Mermaid says ----------------------------------------------------------------------

_M_NODE = re.compile(r'^(\s*)([A-Za-z0-9_]+)\["([^"]*)"\]$')
_M_SUB = re.compile(r'^(\s*)subgraph ([A-Za-z0-9_]+)\["([^"]*)"\]$')
_M_LINK = re.compile(r"^\s*([A-Za-z0-9_]+) (---|-\.-|~~~) ([A-Za-z0-9_]+)$")


def mermaid_label(label: str) -> str:
    """What Mermaid shows for a label we wrote: our tags dropped, <br> a line break, entity codes decoded."""
    text = re.sub(r"</?[bi]>", "", label).replace("<br>", "\n")
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), text)


def parse_mermaid(text: str) -> Seen:
    """The Mermaid source's title, subtitle, nodes, subgraphs, links and table."""
    seen = Seen()
    front, body = text.split("\n---\n", 1)
    seen.title = squeeze(str(yaml.safe_load(front.removeprefix("---\n"))["title"]))
    lines = body.split("\n")
    if lines[0] == "flowchart LR" and any(_M_NODE.match(x) and re.match(r"\s*raci_\d+\[", x) for x in lines):
        seen.table = _mermaid_table([m for m in map(_M_NODE.match, lines) if m])
    stack = [""]
    seen.holds[""] = []
    subgraphs: dict[str, list[str]] = {"": []}  # Mermaid draws sibling subgraphs last written first
    for line in lines[1:]:
        if line.lstrip().startswith("accDescr: "):
            seen.subtitle = squeeze(mermaid_label(line.split("accDescr: ", 1)[1]))
        elif (sub := _M_SUB.match(line)) is not None:
            subgraphs[stack[-1]].append(sub.group(2))
            seen.frames[sub.group(2)] = squeeze(mermaid_label(sub.group(3)))
            seen.holds[sub.group(2)] = []
            subgraphs[sub.group(2)] = []
            stack.append(sub.group(2))
        elif line.strip() == "end":
            stack.pop()
        elif seen.table is None and (node := _M_NODE.match(line)) is not None and stack[-1] and \
                node.group(2) == about_id(stack[-1]):  # about_id of a Mermaid id is itself
            seen.frames[stack[-1]] += squeeze(mermaid_label(node.group(3)))  # the frame's lines, under its title
        elif seen.table is None and (node := _M_NODE.match(line)) is not None:
            seen.holds[stack[-1]].append(node.group(2))
            seen.nodes[node.group(2)] = squeeze(_bulletless(mermaid_label(node.group(3))))
        elif seen.table is None and (link := _M_LINK.match(line)) is not None:
            if link.group(2) == "~~~":
                seen.hints.append((link.group(1), link.group(3)))
            else:
                seen.links.append((link.group(1), link.group(3), link.group(2) == "-.-"))
    for key, written in subgraphs.items():
        seen.holds[key] += written[::-1]
    if seen.table is not None:
        seen.holds = {}
    return seen


def _mermaid_table(nodes: list[re.Match[str]]) -> Table:
    columns = [m.group(3).split("<br>") for m in nodes]
    first, rest = columns[0], columns[1:]
    sections: list[tuple[str | None, list[tuple[str, tuple[str, ...]]]]] = []
    for k, cell in enumerate(first[1:], start=1):
        if cell.startswith("<b><i>"):
            sections.append((squeeze(mermaid_label(cell)), []))
            continue
        if not sections:
            sections.append((None, []))
        marks = tuple("" if c[k] == TABLE_BLANK else re.sub(r"</?b>", "", c[k]) for c in rest)
        sections[-1][1].append((squeeze(mermaid_label(cell)), marks))
    return (squeeze(mermaid_label(first[0])), tuple(squeeze(mermaid_label(c[0])) for c in rest),
            tuple((t, tuple(rows)) for t, rows in sections))


# ---- what the D2 says ---------------------------------------------------------------------------

_D_STR = r'"((?:[^"\\]|\\.)*)"'
_D_SHAPE = re.compile(rf"^(\s*)([A-Za-z0-9_]+): {_D_STR}(.*)$")
_D_LINK = re.compile(r"^([A-Za-z0-9_.]+) -- ([A-Za-z0-9_.]+)(.*)$")


def d2_string(raw: str) -> str:
    """A D2 double-quoted string's text."""
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), raw)


def parse_d2(text: str) -> Seen:
    """The D2 source's title, subtitle, shapes, containers, connections and grid."""
    seen = Seen()
    seen.holds[""] = []
    stack = [""]
    grid: list[tuple[str, str]] | None = None
    for line in text.split("\n"):
        shape = _D_SHAPE.match(line)
        link = _D_LINK.match(line)
        if line.strip() == "}":
            if grid is not None and len(stack) == 2 and stack[-1] != HEADING:
                seen.table = _d2_table(grid)
            stack.pop()
        elif shape is not None and stack[-1] == HEADING:
            value = squeeze(d2_string(shape.group(3)))
            if shape.group(2) == "title":
                seen.title = value
            elif shape.group(2) == "subtitle":
                seen.subtitle = value
        elif shape is not None and grid is not None:
            grid.append((shape.group(2), d2_string(shape.group(3))))
        elif shape is not None and shape.group(4) == " {":  # a container
            key = shape.group(2)
            stack.append(key)
            if key != HEADING:
                seen.holds[stack[-2]].append(key)
                seen.frames[key] = squeeze(d2_string(shape.group(3)))
                seen.holds[key] = []
        elif shape is not None:
            seen.holds[stack[-1]].append(shape.group(2))
            seen.nodes[shape.group(2)] = squeeze(_bulletless(d2_string(shape.group(3))))
        elif link is not None:
            tail, head = link.group(1).split(".")[-1], link.group(2).split(".")[-1]
            if "opacity: 0" in link.group(3):
                seen.hints.append((tail, head))
            else:
                seen.links.append((tail, head, "stroke-dash" in link.group(3)))
        elif line.strip().startswith("grid-rows:") and stack[-1] != HEADING:
            grid = []
            key = stack[-1]
            seen.holds[stack[-2]].remove(key)
            del seen.frames[key], seen.holds[key]
    # d2 (dagre) places children in the reverse order of their connections: ours are written last first.
    solid = [link for link in seen.links if not link[2]][::-1]
    seen.links = solid + [link for link in seen.links if link[2]]
    seen.hints = seen.hints[::-1]
    if seen.table is not None:
        seen.holds = {}
    return seen


def _d2_table(cells: list[tuple[str, str]]) -> Table:
    by = dict(cells)
    corner = squeeze(by["h"])
    titles = tuple(squeeze(t) for k, t in cells if re.fullmatch(r"h_\d+", k))
    sections: list[tuple[str | None, list[tuple[str, tuple[str, ...]]]]] = []
    current = -1
    for key, value in cells:
        if (m := re.fullmatch(r"p_(\d+)", key)) is not None:
            sections.append((squeeze(value), []))
            current = int(m.group(1))
        elif (m := re.fullmatch(r"a_(\d+)_(\d+)", key)) is not None:
            if int(m.group(1)) != current:
                sections.append((None, []))
                current = int(m.group(1))
            marks = tuple(by[f"c_{m.group(1)}_{m.group(2)}_{i}"].strip() for i in range(len(titles)))
            sections[-1][1].append((squeeze(value), marks))
    return corner, titles, tuple((t, tuple(rows)) for t, rows in sections)


# ---- the comparison -----------------------------------------------------------------------------


def differences(want: Seen, got: Seen) -> list[str]:
    """Each part where the export says something other than its chart, in words."""
    out: list[str] = []
    for part in ("title", "subtitle", "table", "nodes", "frames", "holds", "links", "hints"):
        a, b = getattr(want, part), getattr(got, part)
        if a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict):
            keys = [k for k in dict.fromkeys([*a, *b]) if a.get(k) != b.get(k)]
            out += [f"{part} {k!r}: chart {a.get(k)!r}, export {b.get(k)!r}" for k in keys[:5]]
        elif isinstance(a, list) and isinstance(b, list):
            first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            out.append(f"{part}: {len(a)} in the chart, {len(b)} in the export; first difference at #{first + 1}: "
                       f"chart {a[first] if first < len(a) else None}, export {b[first] if first < len(b) else None}")
        else:
            out.append(f"{part}: chart {a!r}, export {b!r}")
    return out


def compare(diagram: Diagram) -> list[str]:
    """Every difference between the chart and its Mermaid and its D2 export."""
    chart = outline(diagram)
    found = [f"{diagram.id}.mmd: {d}" for d in differences(expected(chart, mermaid_id),
                                                           parse_mermaid(export_mermaid(diagram)))]
    found += [f"{diagram.id}.d2: {d}" for d in differences(expected(chart, d2_key), parse_d2(export_d2(diagram)))]
    return found


def cases() -> list[tuple[str, OrgSpec]]:
    """(stem, spec) for specs/, the corpus, and the hostile spec of the export tests."""
    from tests.export_fixtures import hostile_spec

    paths = sorted((ROOT / "specs").glob("*.yaml")) + sorted((ROOT / "tests" / "corpus").glob("*.yaml"))
    return [(p.stem, load_file(p).spec) for p in paths] + [("hostile", hostile_spec())]


def main() -> int:
    charts = 0
    failures: list[str] = []
    for stem, spec in cases():
        for view in VIEW_NAMES:
            for diagram in view_charts(spec, stem, view):
                charts += 1
                try:
                    failures += compare(diagram)
                except Exception as exc:  # noqa: BLE001 - a refusal or a parse failure is a finding
                    failures.append(f"{diagram.id}: {type(exc).__name__}: {exc}")
    for failure in failures:
        print(f"exportmatch: FAILED {failure}")
    print(f"exportmatch: {charts} charts exported to Mermaid and D2 and read back; {len(failures)} differences")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
