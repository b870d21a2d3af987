"""diff through the command line: files written, changelog printed, git revisions, errors without tracebacks."""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from orgcharts.cli import main

from .conftest import ROOT
from .test_diff_changes import OLD, _new


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.yaml").write_text(textwrap.dedent(OLD), encoding="utf-8")
    (tmp_path / "acme.yaml").write_text(textwrap.dedent(_new()), encoding="utf-8")
    return tmp_path


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["diff", *args, "--no-cache"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_diff_two_files_writes_charts_and_changelog(pair: Path) -> None:
    code, out, err = _run("old.yaml", "acme.yaml", "--out", "charts")
    assert code == 0, err
    assert out.startswith("Acme: what changed from old.yaml to acme.yaml\n")
    assert "Account Rep (was Rep)\n  - renamed from Rep\n  - 1 duty moved to Maker: “Sends the invoice”\n" in out
    names = sorted(p.name for p in (pair / "charts").iterdir())
    assert names == ["acme-diff-org.png", "acme-diff-org.svg", "acme-diff-raci.png", "acme-diff-raci.svg",
                     "acme-diff-responsibilities.png", "acme-diff-responsibilities.svg", "acme-diff.md"]
    assert (pair / "charts" / "acme-diff.md").read_text(encoding="utf-8").startswith("# Acme: what changed")
    assert b"<title>Acme \xe2\x80\x94 what changed: reporting lines</title>" in (
        pair / "charts" / "acme-diff-org.svg").read_bytes()


def test_diff_is_deterministic_and_markdown_on_request(pair: Path) -> None:
    _run("old.yaml", "acme.yaml", "-f", "svg", "-f", "pdf", "--view", "org")
    first = {p.name: p.read_bytes() for p in (pair / "output").iterdir()}
    code, out, _ = _run("old.yaml", "acme.yaml", "-f", "svg", "-f", "pdf", "--view", "org", "--format", "md")
    assert code == 0
    assert out == first["acme-diff.md"].decode("utf-8")
    assert {p.name: p.read_bytes() for p in (pair / "output").iterdir()} == first
    assert sorted(first) == ["acme-diff-org.pdf", "acme-diff-org.svg", "acme-diff.md"]


def test_invalid_or_missing_spec_is_a_positioned_error(pair: Path) -> None:
    (pair / "bad.yaml").write_text("org: Acme\nroles:\n  - id: rep\n    titel: Rep\n", encoding="utf-8")
    code, out, err = _run("bad.yaml", "acme.yaml")
    assert code == 1 and out == ""
    assert "bad.yaml:4:5: roles[0].titel: unknown field; did you mean 'title'?" in err
    assert "Traceback" not in err and not (pair / "output").exists()
    code, _, err = _run("nope.yaml", "acme.yaml")
    assert code == 1 and err.startswith("nope.yaml:1:1: cannot read file: No such file or directory")


def test_usage_errors(pair: Path) -> None:
    assert _run("acme.yaml")[0] == 2
    assert _run("old.yaml", "acme.yaml", "--since", "HEAD")[0] == 2


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=folder, check=True,
                   capture_output=True)


@needs_git
def test_since_reads_the_old_version_from_git(pair: Path) -> None:
    spec = pair / "specs" / "acme.yaml"
    spec.parent.mkdir()
    spec.write_text(textwrap.dedent(OLD), encoding="utf-8")
    _git(pair, "init", "-q")
    _git(pair, "add", ".")
    _git(pair, "commit", "-qm", "before")
    spec.write_text(textwrap.dedent(_new()), encoding="utf-8")
    code, out, err = _run("specs/acme.yaml", "--since", "HEAD", "--view", "org", "-f", "svg")
    assert code == 0, err
    assert out.startswith("Acme: what changed from HEAD:specs/acme.yaml to specs/acme.yaml\n")
    assert "  - renamed from Rep\n" in out
    code, _, err = _run("specs/acme.yaml", "--since", "no-such-rev")
    assert code == 1 and err.startswith("error: unknown revision 'no-such-rev'")
    (pair / "specs" / "later.yaml").write_text(textwrap.dedent(OLD), encoding="utf-8")
    code, _, err = _run("specs/later.yaml", "--since", "HEAD")
    assert code == 1 and err.startswith("error: specs/later.yaml did not exist at HEAD")
    spec.write_text(textwrap.dedent(OLD).replace("title: Rep", "titel: Rep"), encoding="utf-8")
    _git(pair, "commit", "-qam", "broken")
    spec.write_text(textwrap.dedent(_new()), encoding="utf-8")
    code, _, err = _run("specs/acme.yaml", "--since", "HEAD")
    assert code == 1 and "HEAD:specs/acme.yaml:5:5: roles[0].titel: unknown field" in err


@needs_git
def test_since_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    (tmp_path / "acme.yaml").write_text(textwrap.dedent(OLD), encoding="utf-8")
    code, _, err = _run("acme.yaml", "--since", "HEAD")
    assert code == 1 and err == "error: acme.yaml is not in a git repository; --since needs one " \
                                "(or name the old spec file)\n"


def test_agency_diff_names_every_chart(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, text, err = _run(str(ROOT / "specs" / "client-services-before.yaml"),
                           str(ROOT / "specs" / "client-services.yaml"), "--out", str(out), "-f", "svg")
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == [
        "client-services-diff-accounts.svg", "client-services-diff-org.svg", "client-services-diff-raci.svg",
        # the merged responsibilities change chart is too dense for one slide: two pieces
        "client-services-diff-responsibilities-1.svg", "client-services-diff-responsibilities-2.svg",
        "client-services-diff.md"]
    assert "Accountability review" in text


def test_change_charts_make_a_deck(pair: Path) -> None:
    code, _, err = _run("old.yaml", "acme.yaml", "-f", "pptx", "--fit", "16:9")
    assert code == 0, err
    assert sorted(p.name for p in (pair / "output").iterdir()) == ["acme-diff.md", "acme-diff.pptx"]
    with zipfile.ZipFile(pair / "output" / "acme-diff.pptx") as deck:
        slides = [n for n in deck.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
    assert len(slides) == 3  # responsibilities, org and RACI change charts
