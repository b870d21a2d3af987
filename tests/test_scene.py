"""The Scene: made from the render's own layout, it is what the SVG draws, and it travels as plain data."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from checks.deckmatch import read_svg
from checks.layout import measure
from checks.scenegeom import drawing_from_scene
from checks.svggeom import parse_svg
from orgcharts.draw.pptx.slidemap import drawn_box
from orgcharts.commands.pipeline import Chart, load_specs, plan_charts
from orgcharts.engine.render import Look, render
from orgcharts.layout.scene import SCENE, Scene, read_scene, scene_bytes
from orgcharts.draw.svg import finish_svg

ROOT = Path(__file__).resolve().parent.parent
VIEWS = ["org", "responsibilities", "raci", "accounts"]


@cache
def charts() -> dict[str, Chart]:
    return {c.view: c for c in plan_charts(load_specs([ROOT / "specs" / "client-services.yaml"]), [])}


@cache
def drawn(view: str, fit: str = "none") -> tuple[Scene, bytes]:
    chart = charts()[view]
    out = render(chart.dot, ["svg", SCENE], Look(fit=fit))
    return read_scene(out[SCENE]), finish_svg(out["svg"], chart.diagram.title, "", chart.diagram.id)


def test_a_scene_survives_its_bytes() -> None:
    scene, _ = drawn("responsibilities")
    assert read_scene(scene_bytes(scene)) == scene
    assert scene_bytes(read_scene(scene_bytes(scene))) == scene_bytes(scene)


@pytest.mark.parametrize("fit", ["none", "16:9"])
@pytest.mark.parametrize("view", VIEWS)
def test_the_scene_is_what_the_svg_draws(view: str, fit: str) -> None:
    scene, svg = drawn(view, fit)
    chart = read_svg(svg)
    size = parse_svg(svg)
    assert (scene.width, scene.height) == (size.width, size.height)
    for name, (x, y, w, h) in chart.cards.items():
        if name.endswith(" heading"):
            continue
        item = scene.node(name)
        assert item is not None, name
        box = drawn_box(item)
        assert max(abs(box.x - x), abs(box.y - y), abs(box.w - w), abs(box.h - h)) < 0.02, name
    for name, (x, y, w, h) in chart.frames.items():
        frame = scene.frame(name)
        assert frame is not None, name
        box = drawn_box(frame)
        assert max(abs(box.x - x), abs(box.y - y), abs(box.w - w), abs(box.h - h)) < 0.02, name
    strokes = sorted((s.tail, s.head, s.points) for s in scene.lines if not s.invisible)
    assert len(strokes) == len(chart.lines)
    for (tail, head, points), (svg_tail, svg_head, (svg_points,)) in zip(strokes, sorted(chart.lines)):
        assert (tail, head) == (svg_tail, svg_head)
        assert max(abs(a - b) for p, q in zip(points, svg_points) for a, b in zip(p, q)) < 0.02


@pytest.mark.parametrize("view", VIEWS)
def test_the_layout_rules_measure_the_scene_as_they_measure_the_svg(view: str) -> None:
    scene, svg = drawn(view)
    chart = charts()[view]
    direction = chart.diagram.direction
    assert measure(drawing_from_scene(scene), view, direction, None) == measure(parse_svg(svg), view, direction, None)
