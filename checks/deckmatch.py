"""Check that every native slide draws its chart: the deck's shapes and lines against the chart's SVG.

For every chart of specs/ and tests/corpus/, the deck and the SVG are rendered, then on the slide:

* the chart is found by its extremes (the leftmost, rightmost, top and bottom of its cards and
  frames in both), which gives one uniform scale and offset from chart points to slide points;
* every card and frame of the SVG is a shape of the slide at its place, and every card and frame
  shape of the slide is one of the SVG's, position and size within TOLERANCE slide points;
* every line the SVG draws (each reporting and dotted line, and every piece of a bus) is drawn by a
  connector of the slide along the same points within TOLERANCE; every connector is glued to the
  shapes at the two ends of the SVG line it runs along (the same two ends), and draws nothing the
  SVG does not.

    python checks/deckmatch.py [SPEC ...]

Exit 0 when all match, 1 when any slide differs from its chart.
"""

from __future__ import annotations

import html
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from pptx import Presentation
from pptx.oxml.ns import qn

if __package__ in (None, ""):  # run as a script: make `checks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from orgcharts.options import ChartOptions  # noqa: E402
from orgcharts.commands.pipeline import load_specs, plan_charts, render_charts

from checks.svggeom import SVG, _parse_transform, path_pieces  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TOLERANCE = 1.0  # points on the slide
EMU = 12700.0
Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # x, y, w, h


@dataclass
class Chart:
    """What the SVG draws: card and frame boxes by DOT id, and each drawn line's ends and pieces."""

    cards: dict[str, Rect] = field(default_factory=dict)
    frames: dict[str, Rect] = field(default_factory=dict)
    lines: list[tuple[str, str, list[tuple[Point, ...]]]] = field(default_factory=list)


@dataclass
class Slide:
    """What the slide draws: card and frame shapes by shape id, and each connector's glue and pieces."""

    cards: dict[str, Rect] = field(default_factory=dict)
    frames: dict[str, Rect] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    connectors: list[tuple[str, str, str, list[tuple[Point, ...]]]] = field(default_factory=list)


def _bounds(points: list[Point]) -> Rect:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def read_svg(data: bytes) -> Chart:
    """The cards (a node's rounded border), frames and drawn lines of a Graphviz SVG, in its points."""
    root = ElementTree.fromstring(data)
    graph = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "graph")
    tf = _parse_transform(graph.get("transform"))
    chart = Chart()
    for g in graph.iter(f"{SVG}g"):
        kind = g.get("class")
        title_el = g.find(f"{SVG}title")
        title = html.unescape("".join(title_el.itertext())) if title_el is not None else ""
        paths = [[tf(p) for piece in path_pieces(el.get("d", "")) for p in piece] for el in g.iter(f"{SVG}path")]
        paths = [p for p in paths if p]
        if kind == "node" and paths and g.find(f"{SVG}text") is not None:
            chart.cards[title] = _bounds(max(paths, key=lambda p: _bounds(p)[2] * _bounds(p)[3]))
        elif kind == "cluster" and paths:
            chart.frames[title] = _bounds(paths[0])
            if len(paths) > 1:  # a unit headed by a card: the card's rounded border in the frame's label
                chart.cards[f"{title} heading"] = _bounds(max(paths[1:], key=lambda p: _bounds(p)[2] * _bounds(p)[3]))
        elif kind == "edge" and paths:
            tail, _, head = title.partition("->")
            chart.lines.append((tail.split(":")[0], head.split(":")[0], [_flatten(el, tf) for el in
                                                                         g.iter(f"{SVG}path")]))
    return chart


def _flatten(el: ElementTree.Element, tf: object) -> tuple[Point, ...]:
    """An SVG path's points in order: its start, then each piece's points after the first."""
    pieces = path_pieces(el.get("d", ""))
    points: list[Point] = [pieces[0][0]] if pieces else []
    for piece in pieces:
        points.extend(piece[1:])
    return tuple(tf(p) for p in points)  # type: ignore[operator]


def _box(shape: object) -> Rect:
    return (shape.left / EMU, shape.top / EMU, shape.width / EMU, shape.height / EMU)  # type: ignore[attr-defined]


def read_slide(slide: object) -> Slide:
    """The card and frame shapes of a native slide (groups opened) and its connectors' routes."""
    found = Slide()

    def walk(shapes: object) -> None:
        for shape in shapes:  # type: ignore[attr-defined]
            if shape.shape_type is not None and shape.shape_type == 6:  # a group: a card and its columns
                walk(shape.shapes)
                continue
            sid, name = str(shape.shape_id), shape.name
            found.names[sid] = name
            if name.startswith("Card "):
                found.cards[sid] = _box(shape)
            elif name.startswith("Unit "):
                found.frames[sid] = _box(shape)

    walk(slide.shapes)  # type: ignore[attr-defined]
    for el in slide.shapes._spTree.iter(qn("p:cxnSp")):  # type: ignore[attr-defined]
        glue = el.find(qn("p:nvCxnSpPr")).find(qn("p:cNvCxnSpPr"))
        begin, end = (glue.find(qn(tag)).get("id") for tag in ("a:stCxn", "a:endCxn"))
        off = el.find(".//" + qn("a:off"))
        x0, y0 = int(off.get("x")) / EMU, int(off.get("y")) / EMU
        pieces: list[tuple[Point, ...]] = []
        for step in el.iter(qn("a:moveTo"), qn("a:cubicBezTo"), qn("a:lnTo")):
            points = tuple((x0 + int(p.get("x")) / EMU, y0 + int(p.get("y")) / EMU) for p in step.iter(qn("a:pt")))
            if step.tag == qn("a:moveTo"):
                pieces.append(points)
            elif pieces:
                pieces[-1] = pieces[-1] + points
        name = el.find(qn("p:nvCxnSpPr")).find(qn("p:cNvPr")).get("name")
        found.connectors.append((name, begin, end, pieces))
    return found


def _extent(rects: list[Rect]) -> Rect:
    x0, y0 = min(r[0] for r in rects), min(r[1] for r in rects)
    return x0, y0, max(r[0] + r[2] for r in rects) - x0, max(r[1] + r[3] for r in rects) - y0


def _near(a: Rect, b: Rect) -> float:
    return max(abs(a[0] - b[0]), abs(a[1] - b[1]), abs(a[2] - b[2]), abs(a[3] - b[3]))


def _route_off(a: tuple[Point, ...], b: tuple[Point, ...]) -> float:
    """How far apart two routes are, point by point, in either direction (inf when their counts differ)."""
    if len(a) != len(b):
        return float("inf")
    return min(max(max(abs(p[0] - q[0]), abs(p[1] - q[1])) for p, q in zip(a, other)) for other in (b, b[::-1]))


def compare(svg: bytes, slide: object, where: str) -> list[str]:
    """Every difference between a chart's SVG and its native slide, as lines of text."""
    chart, drawn = read_svg(svg), read_slide(slide)
    problems: list[str] = []
    mine = [*chart.cards.values(), *chart.frames.values()]
    theirs = [*drawn.cards.values(), *drawn.frames.values()]
    if not mine or not theirs:
        if len(mine) != len(theirs):
            problems.append(f"{where}: {len(mine)} cards and frames in the chart, {len(theirs)} on the slide")
        return problems
    (cx, cy, cw, ch), (sx, sy, sw, sh) = _extent(mine), _extent(theirs)
    kx, ky = sw / max(cw, 1e-9), sh / max(ch, 1e-9)
    if abs(kx - ky) * max(cw, ch) > TOLERANCE:
        problems.append(f"{where}: the slide stretches the chart ({kx:.4f} across, {ky:.4f} down)")
    k = kx

    def to_slide(p: Point) -> Point:
        return sx + (p[0] - cx) * k, sy + (p[1] - cy) * k

    def rect(r: Rect) -> Rect:
        x, y = to_slide((r[0], r[1]))
        return x, y, r[2] * k, r[3] * k

    at: dict[str, str] = {}  # slide shape id -> the DOT id of the card or frame it draws
    for kind, ours, slides in (("card", chart.cards, drawn.cards), ("frame", chart.frames, drawn.frames)):
        for name, box in ours.items():
            want = rect(box)
            best = min(slides, key=lambda sid: _near(slides[sid], want), default=None)
            off = _near(slides[best], want) if best is not None else float("inf")
            if off > TOLERANCE:
                problems.append(f"{where}: {kind} {name} is not on the slide at its place ({off:.2f} pt off)")
            elif best is not None:
                at[best] = name
        for sid in slides:
            if sid not in at:
                problems.append(f"{where}: the slide's {drawn.names[sid]!r} is no {kind} of the chart")
    strokes = [(t, h, tuple(to_slide(p) for p in pts)) for t, h, routes in chart.lines for pts in routes]
    used = [False] * len(strokes)
    for name, begin, end, pieces in drawn.connectors:
        matched: list[int] = []
        for piece in pieces:
            hits = [i for i, (_, _, pts) in enumerate(strokes) if _route_off(pts, piece) <= TOLERANCE]
            if not hits:
                problems.append(f"{where}: {name!r} draws a line the chart does not")
                break
            matched.append(hits[0])
            for i in hits:
                used[i] = True
        else:
            if matched:
                first, last = strokes[matched[0]], strokes[matched[-1]]
                ends = {at.get(begin), at.get(end)}
                if not ({first[0], last[1]} <= ends or {first[1], last[0]} <= ends
                        or _clipped(first, last, at.get(begin), at.get(end), chart)):
                    problems.append(f"{where}: {name!r} is glued to {at.get(begin)} and {at.get(end)}, the chart's "
                                    f"line joins {first[0]} and {last[1]}")
    for (tail, head, _), done in zip(strokes, used):
        if not done:
            problems.append(f"{where}: the chart's line {tail} -> {head} is not on the slide")
    return problems


def _clipped(first: tuple[str, str, tuple[Point, ...]], last: tuple[str, str, tuple[Point, ...]],
             begin: str | None, end: str | None, chart: Chart) -> bool:
    """Whether a line clipped at a frame (a unit's line) is glued to that frame at that end."""
    def holds(frame: str | None, card: str) -> bool:
        if frame is None or frame not in chart.frames or card not in chart.cards:
            return frame == card
        fx, fy, fw, fh = chart.frames[frame]
        x, y, w, h = chart.cards[card]
        return fx <= x + w / 2 <= fx + fw and fy <= y + h / 2 <= fy + fh

    return holds(begin, first[0]) and holds(end, last[1])


def check_spec(spec: Path) -> tuple[int, list[str]]:
    """The slides compared and the problems found in one spec's deck."""
    loaded = load_specs([spec])
    charts = plan_charts(loaded, [])
    rendered = render_charts(charts, ChartOptions(formats=("svg", "pptx"), cache=False), decks={spec.stem: spec.stem})
    problems = [f"{spec.stem}: {chart} failed: {why}" for chart, why in rendered.failures]
    deck = Presentation(io.BytesIO(rendered.files[f"{spec.stem}.pptx"]))
    drawn = [c for c in charts if c.file_name("svg") in rendered.files]
    for chart, slide in zip(drawn, deck.slides):
        where = f"{spec.stem} {chart.view}{'' if chart.name.endswith(chart.view) else ' ' + chart.name}"
        found = compare(rendered.files[chart.file_name("svg")], slide, where)
        problems.extend(found)
        print(f"{'ok  ' if not found else 'FAIL'} {where}")
    return len(drawn), problems


def main(argv: list[str]) -> int:
    specs = [Path(a) for a in argv] or [*sorted((ROOT / "specs").glob("*.yaml")),
                                        *sorted((ROOT / "tests" / "corpus").glob("*.yaml"))]
    slides, problems = 0, []
    for spec in specs:
        count, found = check_spec(spec)
        slides += count
        problems.extend(found)
    for problem in problems:
        print(f"FAIL {problem}")
    print(f"deckmatch: {slides} slides against their charts; {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

