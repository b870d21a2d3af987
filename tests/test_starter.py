"""`orgcharts init`: the starter spec passes `check --strict`, its modeline resolves beside it, nothing is replaced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from orgcharts.cli import main
from orgcharts.spec.starter import SCHEMA_NAME, StarterError, write_starter


def _schema() -> str:
    from orgcharts.spec.schema import make_schema_text

    return make_schema_text()


def test_the_starter_passes_strict_and_its_modeline_names_the_schema_beside_it(tmp_path: Path) -> None:
    spec, schema = write_starter(tmp_path / "team", "my-team", "Acme: Design & Co #1", _schema())
    first = spec.read_text(encoding="utf-8").splitlines()[0]
    target = first.split("$schema=", 1)[1]
    assert (spec.parent / target).resolve() == schema.resolve()
    assert json.loads(schema.read_text(encoding="utf-8"))["title"] == "orgcharts spec v1"
    result = CliRunner().invoke(main, ["check", "--strict", str(spec)])
    assert result.exit_code == 0 and result.stderr == "", result.output
    from orgcharts.spec.loader import load_file

    assert load_file(spec).spec.org == "Acme: Design & Co #1"  # quoted, not cut at the colon or the hash


def test_an_existing_spec_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text("org: Mine\n", encoding="utf-8")
    with pytest.raises(StarterError, match="already exists"):
        write_starter(tmp_path, "mine", "Acme", _schema())
    assert (tmp_path / "mine.yaml").read_text(encoding="utf-8") == "org: Mine\n"


@pytest.mark.parametrize("name", ["", ".", "..", "a/b", ".hidden", "x\0y"])
def test_a_name_that_is_not_a_plain_file_name_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(StarterError, match="plain file name"):
        write_starter(tmp_path, name, "Acme", _schema())
    assert list(tmp_path.iterdir()) == []


def test_a_symlinked_folder_is_refused(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    with pytest.raises(ValueError, match="symbolic link"):
        write_starter(tmp_path / "link", "team", "Acme", _schema())
    assert list(real.iterdir()) == []


def test_the_schema_file_is_named_once() -> None:
    assert SCHEMA_NAME == "orgcharts.schema.json"
    assert (Path(__file__).resolve().parent.parent / SCHEMA_NAME).exists()


def test_init_writes_a_spec_that_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["init", "--name", "acme", "--org", "Acme"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "specs" / "acme.yaml").exists() and (tmp_path / "specs" / SCHEMA_NAME).exists()
    again = runner.invoke(main, ["init", "--name", "acme"])
    assert again.exit_code == 2 and "already exists" in again.stderr
    drawn = runner.invoke(main, ["render", "specs", "--out", "out", "-f", "svg"])
    assert drawn.exit_code == 0, drawn.output
    assert (tmp_path / "out" / "acme-org.svg").exists()


def test_init_through_a_symlinked_folder_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    result = CliRunner().invoke(main, ["init", str(tmp_path / "link")])
    assert result.exit_code == 1 and "symbolic link" in result.stderr and "Traceback" not in result.output
