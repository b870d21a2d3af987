"""One render lays each chart out once, planning included, whatever formats are asked for: layouts are counted."""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

import pytest

from orgcharts.engine.gvengine import Layout
from orgcharts.engine.kept import kept_count
from orgcharts.layout.fit import measure_dot
from orgcharts.layout.memo import forget_all
from orgcharts.options import ChartOptions
from orgcharts.commands.pipeline import load_specs, plan_charts, render_charts
from orgcharts.engine.render import render
from orgcharts.layout.scene import SCENE

ROOT = Path(__file__).resolve().parent.parent
DRAWN = ("svg", "png", "pdf", SCENE)




@pytest.mark.parametrize("formats", [c for n in range(1, 5) for c in itertools.combinations(DRAWN, n)])
def test_render_lays_out_once_whatever_formats(formats: tuple[str, ...], layouts: Counter[str]) -> None:
    drawn = render('digraph once { a -> b; a -> c [style=dashed] }', list(formats))
    assert set(drawn) == set(formats)
    assert layouts == {"once": 1}


@pytest.fixture
def dots_laid_out(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Each DOT text Graphviz's `dot` layout was run on (planning's measures and the render), counted."""
    real = Layout.__init__
    seen: Counter[str] = Counter()

    def counted(self: Layout, dot: str, dpi: int | None = 72, algorithm: str = "dot",
                what: str = "the generated DOT") -> None:
        if algorithm == "dot":
            seen[dot] += 1
        real(self, dot, dpi, algorithm, what)

    monkeypatch.setattr(Layout, "__init__", counted)
    return seen


SPECS = [ROOT / "specs" / "client-services.yaml", ROOT / "specs" / "product-company.yaml",
         ROOT / "tests" / "corpus" / "hotel.yaml", ROOT / "tests" / "corpus" / "agency-pods.yaml"]


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.stem)
def test_planning_and_render_lay_each_chart_out_once(path: Path, dots_laid_out: Counter[str],
                                                     layouts: Counter[str]) -> None:
    """Planning measures the drawings Graphviz places; the one chosen is drawn from that very layout."""
    charts = plan_charts(load_specs([path]), [])
    rendered = render_charts(charts, ChartOptions(formats=("svg", "png", "pdf", "pptx"), cache=False))
    assert not rendered.failures and f"{path.stem}.pptx" in rendered.files
    assert {chart.name: dots_laid_out[chart.dot] for chart in charts} == {chart.name: 1 for chart in charts}
    assert max(dots_laid_out.values()) == 1  # no drawing measured twice either
    labels = layouts.pop("m", 0)  # layout/measure.label_sizes: label sizes under `nop`, nothing placed
    assert labels >= 0 and sum(layouts.values()) == sum(dots_laid_out.values())  # no layout another way
    assert kept_count() == 0  # what planning kept and the render did not take is freed


def test_a_kept_layout_draws_the_same_bytes_after_other_layouts() -> None:
    """Graphviz's global settings are put back before a kept layout is drawn: a drawing from a layout
    made before others were laid out (and freed) is byte for byte the one drawn straight after it."""
    specs = load_specs([ROOT / "specs" / "client-services.yaml"])
    dots = {chart.view: chart.dot for chart in plan_charts(specs, [])}
    forget_all()
    formats = ["svg", "png", "pdf", SCENE]
    fresh = render(dots["raci"], formats)
    measure_dot(dots["raci"])  # planning's measure keeps this layout
    assert kept_count() == 1
    render(dots["org"], ["svg"])  # other layouts replace Graphviz's globals: one made and freed,
    # then one kept open whose attributes are declared in another order (other symbol numbers)
    measure_dot('digraph other { edge [weight=2 arrowsize=2 penwidth=3 color=red style=bold]; '
                'node [z=1 width=3 sides=5 peripheries=2 penwidth=4 style=filled fillcolor=red shape=box]; a -> b }')
    assert render(dots["raci"], formats) == fresh
    assert kept_count() == 1


def test_without_graphviz_globals_a_measured_chart_is_laid_out_again(monkeypatch: pytest.MonkeyPatch,
                                                                      dots_laid_out: Counter[str]) -> None:
    """Where Graphviz's globals cannot be saved, nothing is kept and the render lays the chart out anew."""
    import orgcharts.engine.kept as kept

    monkeypatch.setattr(kept, "save_state", lambda: None)
    dot = "digraph k { a -> b }"
    measure_dot(dot)
    assert kept_count() == 0
    assert render(dot, ["svg"])["svg"].startswith(b"<?xml")
    assert dots_laid_out[dot] == 2
