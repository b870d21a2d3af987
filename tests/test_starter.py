"""`orgcharts init`: the starter spec passes `check --strict`, its modeline resolves beside it, nothing is replaced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from orgcharts.cli import main
from orgcharts.starter import SCHEMA_NAME, StarterError, write_starter


def _schema() -> str:
    from orgcharts.specschema import make_schema_text

    return make_schema_text()


def test_the_starter_passes_strict_and_its_modeline_names_the_schema_beside_it(tmp_path: Path) -> None:
    spec, schema = write_starter(tmp_path / "team", "my-team", "Acme: Design & Co #1", _schema())
    first = spec.read_text(encoding="utf-8").splitlines()[0]
    target = first.split("$schema=", 1)[1]
    assert (spec.parent / target).resolve() == schema.resolve()
    assert json.loads(schema.read_text(encoding="utf-8"))["title"] == "orgcharts spec v1"
    result = CliRunner().invoke(main, ["check", "--strict", str(spec)])
    assert result.exit_code == 0 and result.stderr == "", result.output
    from orgcharts.loader import load_file

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
