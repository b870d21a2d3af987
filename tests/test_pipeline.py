"""pipeline: finding specs, collecting every file's findings, naming outputs, writing all or nothing."""

from pathlib import Path

import pytest

from orgcharts.errors import SpecError
from orgcharts.options import ChartOptions
from orgcharts.commands.pipeline import find_specs, load_specs, render_specs

from .conftest import MINIMAL


def test_find_specs_takes_yaml_in_folders_sorted_and_files_as_named(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yml", "notes.txt"):
        (tmp_path / name).write_text("x")
    other = tmp_path / "other.spec"
    other.write_text("x")
    assert find_specs([tmp_path, other]) == [tmp_path / "a.yml", tmp_path / "b.yaml", other]


def test_findings_of_every_file_are_collected(write_spec) -> None:  # type: ignore[no-untyped-def]
    a = write_spec("org: A\nroles: [{id: a, title: A, ownz: x}]\n", "a.yaml")
    b = write_spec("org: B\nroles: [{id: b}]\n", "b.yaml")
    with pytest.raises(SpecError) as info:
        load_specs([a, b])
    assert [(Path(f.path).name, f.field) for f in info.value.findings] == [
        ("a.yaml", "roles[0].ownz"), ("b.yaml", "roles[0].title")]


def test_outputs_are_named_spec_view_format(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec(MINIMAL, "acme.yaml")
    written, rendered = render_specs([spec], tmp_path / "out", ChartOptions(formats=("svg", "dot")))
    assert [p.name for p in written] == ["acme-responsibilities.svg", "acme-responsibilities.dot",
                                         "acme-org.svg", "acme-org.dot", "index.html"]
    assert rendered.failures == ()


def test_an_invalid_spec_writes_nothing(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = write_spec(MINIMAL, "a.yaml")
    bad = write_spec("org: B\nroles: [{id: b}]\n", "b.yaml")
    with pytest.raises(SpecError):
        render_specs([good, bad], tmp_path / "out", ChartOptions(formats=("svg",)))
    assert not (tmp_path / "out").exists()


def test_views_chosen_by_command_line_then_spec_then_all(write_spec) -> None:  # type: ignore[no-untyped-def]
    from orgcharts.spec.loader import load_text
    from orgcharts.commands.pipeline import chosen_views

    plain = load_text(MINIMAL)
    assert chosen_views(plain, []) == ["responsibilities", "org", "raci", "accounts"]
    assert chosen_views(plain, ["org"]) == ["org"]
    listed = load_text(MINIMAL + "views:\n  org: {title: Who reports to whom}\n")
    assert chosen_views(listed, []) == ["org"]


def test_view_options_reach_the_chart(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec(MINIMAL + "views:\n  org: {title: 'Who reports to whom', direction: LR}\n", "acme.yaml")
    render_specs([spec], tmp_path / "out", ChartOptions(formats=("dot",)))
    dot = (tmp_path / "out" / "acme-org.dot").read_text()
    assert "Who reports to whom" in dot and "rankdir=LR" in dot
    assert not (tmp_path / "out" / "acme-responsibilities.dot").exists()
