"""The vocabulary is defined once (names.py, palette.py) and agrees with the code that uses it."""

from __future__ import annotations

import ast
from dataclasses import asdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from orgcharts import names, palette
from orgcharts.cli import main
from orgcharts.names import (DEFAULT_FORMATS, FIT_NAMES, FORMATS, RACI_FIELDS, RACI_LETTERS, RACI_SHOWN, THEME_NAMES,
                             VIEW_NAMES, chart_id, file_name)

from .conftest import ROOT

PACKAGE = ROOT / "orgcharts"


def test_the_names_are_the_keys_of_what_they_name() -> None:
    from orgcharts.engine.render import FITS
    from orgcharts.themes import COLOUR_FIELDS, THEMES
    from orgcharts.views.registry import VIEWS

    assert tuple(VIEWS) == VIEW_NAMES
    assert tuple(THEMES) == THEME_NAMES == tuple(palette.THEME_COLOURS) == tuple(palette.CHANGE_COLOURS)
    assert tuple(FITS) == FIT_NAMES
    assert set(palette.DEFAULT_COLOURS) == set(COLOUR_FIELDS)  # every colour of a theme has its default
    for colours in (*palette.THEME_COLOURS.values(), *palette.CHANGE_COLOURS.values()):
        assert set(colours) <= set(COLOUR_FIELDS)
    for name, theme in THEMES.items():
        drawn = asdict(theme)
        assert {k: drawn[k] for k in COLOUR_FIELDS} == palette.DEFAULT_COLOURS | palette.THEME_COLOURS[name]


def test_every_format_named_is_drawn_as_that_format() -> None:
    from orgcharts.engine.render import render

    drawn = render("digraph { a -> b }", list(FORMATS))
    magic = {"svg": b"<svg", "png": b"\x89PNG", "pdf": b"%PDF", "dot": b"digraph"}
    assert set(magic) == set(FORMATS)
    for fmt in FORMATS:
        assert magic[fmt] in drawn[fmt][:1000], fmt
    assert set(DEFAULT_FORMATS) <= set(FORMATS)


def test_the_raci_letters_are_the_activity_fields() -> None:
    from orgcharts.spec.models import Activity

    lists = tuple(n for n, f in Activity.model_fields.items() if "list" in str(f.annotation))
    assert lists == RACI_FIELDS
    assert [f[0].upper() for f in RACI_FIELDS] == list(RACI_LETTERS)
    assert sorted(RACI_SHOWN) == sorted(RACI_LETTERS)


def test_the_files_a_render_writes_are_named_by_the_one_naming_function(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["render", str(ROOT / "specs" / "client-services.yaml"), "-f", "svg", "-f",
                                       "dot", "-f", "pptx"])
    assert result.exit_code == 0, result.output
    written = {p.name for p in (tmp_path / "output").iterdir()}
    expected = {names.deck_name("client-services"), "index.html"}
    for view in VIEW_NAMES:
        for fmt in ("svg", "dot"):
            pieces = [chart_id("client-services", view)] + [chart_id("client-services", view, n) for n in range(1, 9)]
            expected |= {file_name(p, fmt) for p in pieces if file_name(p, fmt) in written}
    assert written == expected
    assert any(n.startswith(chart_id("client-services", "org")) for n in written)


def _spelled_out(vocabulary: tuple[str, ...], package: Path = PACKAGE) -> list[str]:
    """Where a tuple, list or set literal of the package spells out the whole vocabulary again."""
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.name in ("names.py", "palette.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # A Literal type spells its values for the type checker (test_literal_types_agree holds them to names).
        typed = {id(n.slice) for n in ast.walk(tree) if isinstance(n, ast.Subscript)
                 and isinstance(n.value, ast.Name) and n.value.id == "Literal"}
        for node in ast.walk(tree):
            if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and id(node) not in typed:
                values = [e.value for e in node.elts if isinstance(e, ast.Constant)]
                if set(vocabulary) <= set(values):
                    found.append(f"{path.relative_to(package).as_posix()}:{node.lineno}")
    return found


def test_no_module_spells_out_a_vocabulary_of_names_again() -> None:
    for vocabulary in (VIEW_NAMES, FORMATS, RACI_FIELDS, THEME_NAMES, FIT_NAMES):
        assert _spelled_out(vocabulary) == [], vocabulary


def test_literal_types_agree_with_the_names() -> None:
    from typing import get_args

    from orgcharts.spec import models as spec

    assert get_args(spec.ThemeName) == THEME_NAMES


def test_the_check_finds_a_vocabulary_typed_again(tmp_path: Path) -> None:
    (tmp_path / "names.py").write_text('FORMATS = ("svg", "png", "pdf", "dot")\n', encoding="utf-8")
    (tmp_path / "extra.py").write_text('WANTED = ["dot", "pdf", "png", "svg", "pptx"]\nOTHER = ("svg", "png")\n',
                                       encoding="utf-8")
    assert _spelled_out(FORMATS, tmp_path) == ["extra.py:1"]


@pytest.mark.parametrize("stem", ["acme", "a-org", "org", "x-raci-2", "Ünïcode co"])
def test_a_chart_file_name_reads_back_as_what_named_it(stem: str) -> None:
    for view in VIEW_NAMES:
        for piece in (None, 1, 12):
            for fmt in FORMATS:
                assert names.chart_file_parts(file_name(chart_id(stem, view, piece), fmt)) == (stem, view, piece, fmt)
    assert names.chart_file_parts(names.deck_name("acme")) is None
    assert names.chart_file_parts(file_name(names.diff_stem("acme"), "md")) is None
    assert names.stem_of(file_name(chart_id("acme", "org", 3), "svg")) == chart_id("acme", "org", 3)
