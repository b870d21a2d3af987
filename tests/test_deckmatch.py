"""checks/deckmatch: a native slide is compared with its chart's SVG, and any difference is found."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from checks.deckmatch import compare
from orgcharts.options import ChartOptions
from orgcharts.commands.pipeline import Chart, load_specs, plan_charts, render_charts

ROOT = Path(__file__).resolve().parent.parent


@cache
def rendered(stem: str) -> tuple[list[Chart], dict[str, bytes]]:
    charts = plan_charts(load_specs([ROOT / "specs" / f"{stem}.yaml"]), ["org", "responsibilities"])
    return charts, render_charts(charts, ChartOptions(formats=("svg", "pptx"), cache=False)).files


def slide_and_svg(stem: str, view: str) -> tuple[object, bytes]:
    charts, files = rendered(stem)
    deck = Presentation(io.BytesIO(files[f"{stem}.pptx"]))
    index = [c.view for c in charts].index(view)
    return deck.slides[index], files[charts[index].file_name("svg")]


@pytest.mark.parametrize("stem", ["client-services", "product-company"])
@pytest.mark.parametrize("view", ["org", "responsibilities"])
def test_every_slide_matches_its_chart(stem: str, view: str) -> None:
    slide, svg = slide_and_svg(stem, view)
    assert compare(svg, slide, f"{stem} {view}") == []


def _by_name(slide: object, start: str) -> object:
    return next(s for s in slide.shapes if s.name.startswith(start))  # type: ignore[attr-defined]


def test_a_card_moved_by_more_than_a_point_is_found() -> None:
    slide, svg = slide_and_svg("client-services", "org")
    card = _by_name(slide, "Card QA Engineer")
    card.left += 2 * 12700  # type: ignore[attr-defined]
    found = compare(svg, slide, "x")
    assert any("card role-qa-engineer is not on the slide at its place" in p for p in found), found


def test_a_line_glued_to_the_wrong_card_is_found() -> None:
    slide, svg = slide_and_svg("client-services", "org")
    wrong = _by_name(slide, "Card Senior Designer").shape_id  # type: ignore[attr-defined]
    line = next(e for e in slide.shapes._spTree.iter(qn("p:cxnSp"))  # type: ignore[attr-defined]
                if e.find(qn("p:nvCxnSpPr")).find(qn("p:cNvPr")).get("name") == "Line role-design-director to role-designer")
    line.find(".//" + qn("a:endCxn")).set("id", str(wrong))
    found = compare(svg, slide, "x")
    assert any("'Line role-design-director to role-designer' is glued to" in p for p in found), found


def test_a_missing_or_rerouted_line_is_found() -> None:
    slide, svg = slide_and_svg("client-services", "org")
    tree = slide.shapes._spTree  # type: ignore[attr-defined]
    dotted = next(e for e in tree.iter(qn("p:cxnSp"))
                  if e.find(qn("p:nvCxnSpPr")).find(qn("p:cNvPr")).get("name").endswith("role-qa-engineer")
                  and e.find(".//" + qn("a:custDash")) is not None)
    point = dotted.find(".//" + qn("a:cubicBezTo")).find(qn("a:pt"))
    point.set("x", str(int(point.get("x")) + 3 * 12700))
    found = compare(svg, slide, "x")
    assert any("draws a line the chart does not" in p for p in found), found
    tree.remove(dotted)
    found = compare(svg, slide, "x")
    assert any("the chart's line role-project-manager -> role-qa-engineer is not on the slide" in p
               for p in found), found
