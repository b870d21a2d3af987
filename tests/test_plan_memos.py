"""Planning remembers labels, wraps, flows, weights and font sizes: nothing remembered leaks into another chart.

Specs that share cards, ids or text but differ in theme, options or words are planned one after
another in one process, memos on; then each again with every memo bypassed: the DOT must not differ.
"""

import sys
from pathlib import Path

import pytest

from orgcharts.engine import dotsource
from orgcharts.engine import labels
from orgcharts.layout import columns, fit
from orgcharts.layout.memo import forget_all
from orgcharts.commands.pipeline import load_specs, plan_charts
from orgcharts.spec.models import ThemeSpec
from orgcharts.views import responsibilities

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from genspec import generate  # noqa: E402


MEMOS = [(labels, "_wrapped"), (labels, "_card_label"), (columns, "_partition"), (fit, "_line_fonts")]


def _forget() -> None:
    forget_all()


def _bypass(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every memo off: each function computes from its arguments alone, as before it remembered anything."""
    for module, name in MEMOS:
        monkeypatch.setattr(module, name, getattr(module, name).__wrapped__)
    monkeypatch.setattr(dotsource, "quote", lambda value: dotsource._quote(value, not isinstance(value, dotsource.NoHtml)))
    monkeypatch.setattr(responsibilities, "_weight", responsibilities._predict_weight)


def _dots(path: Path, theme: ThemeSpec | None, split: bool) -> list[str]:
    return [chart.dot for chart in plan_charts(load_specs([path]), [], theme, split)]


@pytest.fixture
def specs(tmp_path: Path) -> dict[str, Path]:
    # Same ids, units and sizes; other titles and duties (and so other predicted heights).
    out = {}
    for seed in (1, 2):
        out[f"gen{seed}"] = tmp_path / f"gen{seed}.yaml"
        out[f"gen{seed}"].write_text(generate(24, seed=seed), encoding="utf-8")
    out["client-services"] = ROOT / "specs" / "client-services.yaml"
    return out


def test_nothing_remembered_leaks_between_specs_themes_and_options(specs: dict[str, Path],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    cases = [("gen1", None, True), ("gen2", None, True), ("gen1", ThemeSpec(base="dark"), True),
             ("gen1", None, False), ("client-services", None, True),
             ("client-services", ThemeSpec(base="print", font="Brand Sans"), True)]
    _forget()
    warm = [_dots(specs[name], theme, split) for name, theme, split in cases]
    assert len({tuple(d) for d in warm}) == len(cases)  # every case draws something of its own
    _bypass(monkeypatch)
    for (name, theme, split), seen in zip(cases, warm):
        assert _dots(specs[name], theme, split) == seen, (name, theme, split)
