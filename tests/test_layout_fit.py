"""The slide-fit rule and the in-process measure of a DOT's drawn size."""

from __future__ import annotations

import re

import pytest

from orgcharts.errors import RenderError
from orgcharts.layout.fit import CHART_H, CHART_W, MIN_TEXT_PX, max_extent, measure_dot, slide_fit, smallest_font
from orgcharts.engine.render import render


@pytest.mark.parametrize(("w", "h", "pt", "fill", "px", "ok"), [
    (CHART_W, CHART_H, 11, 0.801, 11.0, True),  # exactly the chart's box on a slide (80% of a 16:9 slide's shape)
    (2 * CHART_W, 2 * CHART_H, 11, 0.801, 5.5, False),  # the same shape, but text shrinks to half
    (CHART_W, 2 * CHART_H, 18, 0.625, 9.0, False),  # twice as tall: too little of the slide
    (1920, 1080 / 0.71, 18, 0.71, 9.618, True),  # just inside the fill, text scaled to the box's height
    (1920, 1080 / 0.69, 18, 0.69, 9.347, False),  # just outside it
    (1920, 1080, 12, 1.0, 9.031, True),  # a slide's shape: text scaled to the box's width, just readable
    (1920, 1080, 11.9, 1.0, 8.956, False),  # and just not
])
def test_slide_fit(w: float, h: float, pt: float, fill: float, px: float, ok: bool) -> None:
    fit = slide_fit(w, h, pt)
    assert fit.fill == pytest.approx(fill, abs=1e-3)
    assert fit.smallest_px == pytest.approx(px, abs=1e-3)
    assert fit.ok is ok


def test_max_extent_is_where_text_reaches_the_limit() -> None:
    w, h = max_extent(13)
    assert slide_fit(w, h, 13).smallest_px == pytest.approx(MIN_TEXT_PX)
    assert slide_fit(w * 1.01, h, 13).smallest_px < MIN_TEXT_PX


def _svg_size(dot: str) -> tuple[float, float]:
    svg = render(dot, ["svg"])["svg"].decode()
    found = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    assert found
    return float(found[1]), float(found[2])


@pytest.mark.parametrize("dot", [
    'digraph g { pad="0.4"; a [shape=box label=<<FONT POINT-SIZE="10">wide text here</FONT>>]; a -> b }',
    'digraph g { rankdir=LR; a -> b -> c; a -> d; b [fontsize=9 label="a longer label"] }',
])
def test_measure_dot_matches_the_drawn_svg(dot: str) -> None:
    size = measure_dot(dot)
    width, height = _svg_size(dot)
    assert size.width == pytest.approx(width, abs=1.0)
    assert size.height == pytest.approx(height, abs=1.0)


def test_measure_dot_reads_the_smallest_text() -> None:
    size = measure_dot('digraph g { a [label=<<FONT POINT-SIZE="10">x</FONT>>]; b [fontsize=8.5] }')
    assert size.smallest_pt == 8.5
    assert size.fit().smallest_px == pytest.approx(8.5 * size.fit().scale)


def test_measure_dot_refuses_bad_dot() -> None:
    with pytest.raises(RenderError, match="could not read"):
        measure_dot("digraph { a -> ")


def test_smallest_font_reads_lines_alone_only_when_no_font_spans_lines() -> None:
    # Read line by line, this would see only the 20 on the first line; the 6 closes on the next.
    dot = 'a [label=<<FONT POINT-SIZE="20">x</FONT><FONT POINT-SIZE="6">y\nz</FONT>>]'
    assert smallest_font(dot) == 6.0
    assert smallest_font('a [label=<<FONT POINT-SIZE="12">x</FONT>>]\nb [label=<<FONT POINT-SIZE="10">y</FONT>>]') == 10.0
    assert smallest_font('a [label=<<FONT POINT-SIZE="8">\u00a0</FONT>>]\nb [fontsize=13]') == 13.0


def test_a_dot_text_is_laid_out_once_per_process(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from orgcharts.layout import fit

    laid_out: list[str] = []
    real = fit._measure_fresh

    def counting(dot: str, kept: bool) -> fit.DrawnSize:
        laid_out.append(dot)
        return real(dot, kept)

    monkeypatch.setattr(fit, "_measure_fresh", counting)
    a = 'digraph { node [shape=box fontsize=14]; a [label="Lead"]; a -> b }'
    b = a.replace("Lead", "Lead of everything")
    first = fit.measure_dot(a)
    assert fit.measure_dot(a) == first and laid_out == [a]  # the same text: from memory
    wider = fit.measure_dot(b)
    assert laid_out == [a, b] and wider.width > first.width  # another text: laid out anew
    fit.forget_measured()
    assert fit.measure_dot(a) == first and laid_out == [a, b, a]
