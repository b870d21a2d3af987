"""One render lays each chart out once, whatever formats are asked for: Graphviz's gvLayout is counted."""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from orgcharts.engine.gvengine import engine
from orgcharts.options import ChartOptions
from orgcharts.commands.pipeline import load_specs, plan_charts, render_charts
from orgcharts.engine.render import render
from orgcharts.layout.scene import SCENE

ROOT = Path(__file__).resolve().parent.parent
DRAWN = ("svg", "png", "pdf", SCENE)


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """gvLayout calls by the name of the graph laid out (in this process: small charts draw here)."""
    gv = engine().graphviz
    real = gv.gvLayout
    seen: Counter[str] = Counter()

    def counted(context: Any, graph: Any, algorithm: bytes) -> int:
        seen[gv.agnameof(graph).decode()] += 1
        return int(real(context, graph, algorithm))

    monkeypatch.setattr(gv, "gvLayout", counted)
    return seen


@pytest.mark.parametrize("formats", [c for n in range(1, 5) for c in itertools.combinations(DRAWN, n)])
def test_render_lays_out_once_whatever_formats(formats: tuple[str, ...], layouts: Counter[str]) -> None:
    drawn = render('digraph once { a -> b; a -> c [style=dashed] }', list(formats))
    assert set(drawn) == set(formats)
    assert layouts == {"once": 1}


def test_a_render_with_every_format_and_a_deck_lays_each_chart_out_once(layouts: Counter[str]) -> None:
    charts = plan_charts(load_specs([ROOT / "specs" / "client-services.yaml"]), [])
    layouts.clear()  # planning measures the charts Graphviz places; the render then lays each out once
    rendered = render_charts(charts, ChartOptions(formats=("svg", "png", "pdf", "pptx"), cache=False))
    assert not rendered.failures and "client-services.pptx" in rendered.files
    assert layouts == {chart.name: 1 for chart in charts}
