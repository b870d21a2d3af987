"""One table turns what a command can fail with into one message and one exit code, for every command."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from orgcharts.cli import main

from .conftest import MINIMAL


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(MINIMAL.replace("Rep", "Lead"), encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(MINIMAL.replace("reports_to: rep", "reports_to: nobody"), encoding="utf-8")
    (tmp_path / "afile").write_text("not a folder", encoding="utf-8")
    return tmp_path


COMMANDS = {"render": ["render", "{spec}", "-f", "svg", "--out", "{out}"],
            "diff": ["diff", "a.yaml", "{spec}", "-f", "svg", "--out", "{out}"],
            "docs": ["docs", "{spec}", "--out", "{out}"],
            "export": ["export", "{spec}", "--to", "csv", "-o", "{out}/people.csv"]}


def _run(name: str, spec: str, out: str) -> tuple[int, str]:
    args = [a.format(spec=spec, out=out) for a in COMMANDS[name]]
    result = CliRunner().invoke(main, args)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_an_unwritable_folder_is_one_message_and_exit_1(here: Path, name: str) -> None:
    code, output = _run(name, "b.yaml", "afile/sub")
    assert code == 1, output
    assert "error: cannot write to afile/sub" in output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_an_invalid_spec_is_its_findings_and_exit_1(here: Path, name: str) -> None:
    code, output = _run(name, "bad.yaml", "out")
    assert code == 1, output
    assert "bad.yaml:" in output and "nobody" in output
    assert not (here / "out").exists()
