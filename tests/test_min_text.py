"""--min-text and the slide rule: one rule, the deck's chart area, more pieces for larger type, no stale memo."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from orgcharts.cli import main
from orgcharts.commands.pipeline import load_specs, plan_charts, render_charts
from orgcharts.draw.pptx.deck import chart_frame, note_height
from orgcharts.draw.pptx.slidesize import CHART_AREA_PT, MIN_TEXT_PT, NOTE_ROOM_PT
from orgcharts.draw.pptx.text import Para, Run, spaced_paras
from orgcharts.layout.fit import (CHART_H, CHART_W, DEFAULT_RULE, MIN_TEXT_PX, PX_PER_PT, SlideRule, current_rule,
                                  measure_dot, use_rule)
from orgcharts.layout.memo import forget_all
from orgcharts.layout.scene import Text
from orgcharts.options import ChartOptions
from orgcharts.themes import THEMES

ROOT = Path(__file__).resolve().parent.parent
SPECS = sorted((ROOT / "specs").glob("*.yaml"))
CLIENT = ROOT / "specs" / "client-services.yaml"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def test_the_rule_fits_charts_into_the_box_a_chart_gets_on_a_deck_slide() -> None:
    frame = chart_frame(NOTE_ROOM_PT)
    assert (frame.w, frame.h) == pytest.approx(CHART_AREA_PT)
    assert (CHART_W, CHART_H) == pytest.approx((frame.w * PX_PER_PT, frame.h * PX_PER_PT))
    assert MIN_TEXT_PX == MIN_TEXT_PT * PX_PER_PT == 9.0  # the charts' floor: 9 px at 1080p, 4.5 pt on the slide
    assert current_rule() == DEFAULT_RULE == SlideRule.with_min_text(None) == SlideRule(MIN_TEXT_PX, CHART_W, CHART_H)
    # the note the band leaves room for: a subtitle and a colour key, in every theme
    both = [c.diagram for c in plan_charts(load_specs([CLIENT]), []) if c.diagram.subtitle and c.diagram.legend]
    assert both
    for theme in THEMES.values():
        assert max(note_height(d, theme) for d in both) <= NOTE_ROOM_PT


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 0.0, -4.0])
def test_a_rule_is_never_made_of_a_size_that_is_not_one(value: float) -> None:
    with pytest.raises(ValueError, match="positive number of points"):
        SlideRule.with_min_text(value)


def test_the_options_value_keys_the_cache_on_min_text() -> None:
    assert ChartOptions(min_text=10.0).cache_key() != ChartOptions().cache_key()
    assert ChartOptions(min_text=10.0).cache_key() == ChartOptions(min_text=10.0).cache_key()


def _pieces(path: Path, min_text: float | None, views: tuple[str, ...] = ()) -> list[str]:
    return [c.dot for c in plan_charts(load_specs([path]), list(views), min_text=min_text)]


# The views that can reach 10 pt on every piece of these specs. The responsibilities view cannot: even one
# role is drawn between its two side cards, 1180 pt wide with 11 pt text (8.4 pt at most on the slide);
# nor can product-company's RACI until the RACI splits a matrix without phases (views/raci.py, open work).
LARGE = [(p, "org") for p in SPECS] + [(CLIENT, "raci"), (CLIENT, "accounts")]


@pytest.mark.parametrize(("path", "view"), LARGE, ids=[f"{p.stem}-{v}" for p, v in LARGE])
def test_min_text_10_splits_further_and_keeps_every_piece_at_10_pt_on_its_slide(path: Path, view: str) -> None:
    default = _pieces(path, None, (view,))
    large = _pieces(path, 10.0, (view,))
    assert len(large) > len(default), (len(large), len(default))
    with use_rule(SlideRule.with_min_text(10.0)):
        for dot in large:
            fit = measure_dot(dot).fit()
            assert fit.smallest_px / PX_PER_PT >= 10.0 - 1e-6, (path.stem, view, fit)
    with use_rule(DEFAULT_RULE):
        for dot in default:  # and the default rule holds every piece of every view at the charts' floor
            assert measure_dot(dot).fit().smallest_px >= MIN_TEXT_PX - 1e-6


def test_the_render_command_draws_more_files_with_min_text(tmp_path: Path) -> None:
    for name, extra in (("plain", []), ("large", ["--min-text", "10"])):
        result = CliRunner().invoke(main, ["render", str(CLIENT), "--view", "org", "-f", "svg", "--no-cache",
                                           "--out", str(tmp_path / name), *extra])
        assert result.exit_code == 0, result.output
    plain, large = (sorted(p.name for p in (tmp_path / n).glob("*.svg")) for n in ("plain", "large"))
    assert plain == ["client-services-org.svg"] and len(large) > 1


def test_a_changed_rule_never_serves_a_layout_decided_under_another() -> None:
    forget_all()
    fresh_default = _pieces(CLIENT, None)
    forget_all()
    fresh_large = _pieces(CLIENT, 10.0)
    forget_all()
    # one warm process: default, then 10 pt, then default again, memos on throughout
    assert _pieces(CLIENT, None) == fresh_default
    assert _pieces(CLIENT, 10.0) == fresh_large
    assert _pieces(CLIENT, None) == fresh_default
    assert current_rule() == DEFAULT_RULE


def _run_sizes(deck: bytes) -> list[tuple[str, float]]:
    """Every run of text of every slide, with its size in points."""
    out = []
    with zipfile.ZipFile(io.BytesIO(deck)) as package:
        for name in sorted(n for n in package.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml")):
            for run in ElementTree.fromstring(package.read(name)).iter(f"{{{A}}}r"):
                props, text = run.find(f"{{{A}}}rPr"), run.findtext(f"{{{A}}}t") or ""
                if text.strip() and props is not None and props.get("sz"):
                    out.append((f"{name}: {text[:30]}", int(props.get("sz", "0")) / 100))
    return out


def _deck(path: Path, min_text: float | None, views: tuple[str, ...] = ()) -> bytes:
    loaded = load_specs([path])
    charts = plan_charts(loaded, list(views), min_text=min_text)
    options = ChartOptions(formats=("pptx",), cache=False, min_text=min_text)
    return render_charts(charts, options).files[f"{path.stem}.pptx"]


@pytest.mark.parametrize("path", SPECS, ids=[p.stem for p in SPECS])
def test_no_run_of_a_deck_of_specs_is_under_the_floor(path: Path) -> None:
    sizes = _run_sizes(_deck(path, None))
    assert sizes and min(size for _, size in sizes) >= MIN_TEXT_PT, [s for s in sizes if s[1] < MIN_TEXT_PT][:5]


def test_no_run_of_a_min_text_10_deck_is_under_10_pt() -> None:
    sizes = _run_sizes(_deck(CLIENT, 10.0, ("org", "raci", "accounts")))
    small = [s for s in sizes if s[1] < 10.0]
    assert not small, small[:5]
    assert Counter(name.split(":")[0] for name, _ in sizes).keys().__len__() > 3  # split onto more slides


def test_a_wrapped_paragraph_keeps_the_charts_line_pitch_on_the_slide() -> None:
    lines = tuple((Run(word, 13 * 0.5, "#000000"),) for word in ("one", "two", "three"))
    paras = [Para(((Run("HEAD", 11 * 0.5, "#000000"),),)), Para(lines, bullet="•")]
    texts = [Text(0, 100, 11, "#000000", "HEAD"), *(Text(0, 130 + 13 * i, 13, "#000000", w)
                                                    for i, w in enumerate(("one", "two", "three")))]
    spaced, _ = spaced_paras(paras, texts, 40.0, 0.5)
    assert spaced[1].spacing == pytest.approx(13 * 0.5)  # Graphviz's 13 pt pitch, not 1.154 em
    assert spaced[1].space_before == pytest.approx((130 - 100) * 0.5 - 13 * 0.5)
    assert spaced[0].line_spacing is None  # a one-line paragraph keeps the default
