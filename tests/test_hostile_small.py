"""The smaller boundaries: git that runs nothing of the repository's, the model cache's temp file, control
characters of a file name in the SVG, U+2028 in YAML text, and texts of very many lines."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from orgcharts.cli import main
from orgcharts.errors import SpecError
from orgcharts.spec.loader import load_text
from orgcharts.commands.diff import gitrev

from .conftest import MINIMAL

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True,
                   capture_output=True)


@needs_git
def test_since_runs_nothing_the_repository_configures(tmp_path: Path) -> None:
    """A cloned repository's config names programs (fsmonitor, a textconv driver, a pager, hooks):
    reading the old spec must run none of them."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "spec.yaml").write_text(MINIMAL, encoding="utf-8")
    (repo / ".gitattributes").write_text("*.yaml diff=evil\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "one")
    ran = tmp_path / "ran"
    for key, value in [("core.fsmonitor", f"touch {ran}-fsmonitor; false"),
                       ("diff.evil.textconv", f"touch {ran}-textconv; cat"), ("core.pager", f"touch {ran}-pager; cat"),
                       ("pager.show", f"touch {ran}-pager-show; cat"), ("diff.external", f"touch {ran}-external")]:
        git(repo, "config", key, value)
    hooks = repo / ".git" / "hooks"
    for hook in ("post-checkout", "post-index-change", "reference-transaction"):
        (hooks / hook).write_text(f"#!/bin/sh\ntouch {ran}-{hook}\n", encoding="utf-8")
        (hooks / hook).chmod(0o755)
    raw, shown = gitrev.text_at(repo / "spec.yaml", "HEAD")
    assert raw == MINIMAL.encode() and shown == "HEAD:spec.yaml"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("ran")) == []


def test_git_is_always_called_with_the_repository_s_programs_off(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[list[str], dict[str, str]]] = []

    def fake_run(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        calls.append((args, kwargs.get("env") or {}))
        out = str(tmp_path).encode() if args[-1] == "--show-toplevel" else b"10" if "-s" in args else b"x"
        return subprocess.CompletedProcess(args, 0, out, b"")

    monkeypatch.setattr(gitrev.subprocess, "run", fake_run)
    gitrev.text_at(tmp_path / "spec.yaml", "HEAD")
    assert calls
    for args, env in calls:
        flags = " ".join(args[: args.index(next(a for a in args[2:] if not a.startswith("-") and "=" not in a))])
        assert args[:2] == ["git", "--no-pager"]
        for setting in ("core.fsmonitor=false", "core.hooksPath=/dev/null", "core.pager=cat", "diff.external="):
            assert f"-c {setting}" in flags, (setting, args)
        assert env.get("GIT_PAGER") == "cat" and env.get("GIT_TERMINAL_PROMPT") == "0"
    assert [a for a, _ in calls if "show" in a or "--textconv" in a] == []
    assert any(a[-3:-1] == ["cat-file", "blob"] for a, _ in calls)


def test_the_docs_say_how_git_is_run() -> None:
    readme = (Path(__file__).resolve().parent.parent / "docs" / "diff-and-docs.md").read_text(encoding="utf-8")
    assert "-c core.fsmonitor=false" in readme and "no pager" in readme and "textconv" in readme


def test_the_model_cache_never_opens_a_planted_temp_name(tmp_path: Path) -> None:
    """A hard link planted at the temp name the cache used (`.NAME.PID.tmp`) was opened with O_TRUNC:
    the file it links to was emptied and overwritten."""
    from orgcharts.spec.modelcache import write_checked

    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    path = tmp_path / "cache" / "models-abc.bin"
    path.parent.mkdir()
    os.link(victim, path.with_name(f".{path.name}.{os.getpid()}.tmp"))
    assert write_checked(path, b"body") == "cached"
    assert victim.read_bytes() == b"precious"
    assert path.read_bytes().endswith(b"body")
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp") and p.stat().st_nlink == 1] == []


def test_a_file_name_s_control_characters_never_reach_the_svg(tmp_path: Path) -> None:
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "a\x1b[31mb\x07c\x7f.yaml").write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(folder), "--out", str(out), "-f", "svg", "--no-cache"])
    assert result.exit_code == 0, result.output
    svgs = list(out.glob("*.svg"))
    assert svgs
    for svg in svgs:
        data = svg.read_bytes()
        assert not any(byte in data for byte in (b"\x1b", b"\x07", b"\x7f")), svg.name
        assert b"<title>a&#45;31mb" in data or b"<title>a-31mb" in data


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\x85"])
def test_line_separators_in_text_do_not_shift_line_numbers(sep: str) -> None:
    text = MINIMAL.replace("title: Rep", f'title: "Rep{sep}with{sep}breaks"').replace(
        "title: Maker", "title: Maker\n    bogus: 1")
    expected = text.split("\n").index("    bogus: 1") + 1
    with pytest.raises(SpecError) as caught:
        load_text(text)
    [finding] = caught.value.findings
    assert (finding.field, finding.position.line, finding.position.col) == ("roles[1].bogus", expected, 5)
    broken = text.replace("    bogus: 1", "    bogus: [1")  # a syntax error after the separators
    with pytest.raises(SpecError) as caught:
        load_text(broken)
    assert caught.value.findings[0].position.line in (expected, expected + 1)
    assert caught.value.findings[0].position.line <= len(broken.split("\n"))


def test_a_text_of_two_hundred_lines_is_an_error_naming_its_field() -> None:
    many = "\\n".join(["x"] * 200)  # 399 characters: within the length limit
    with pytest.raises(SpecError) as caught:
        load_text(MINIMAL.replace("title: Maker", f'title: "{many}"').replace("org: Acme", f'org: Acme\ntitle: "{many}"'))
    messages = {(f.field, f.message.split(";")[0], f.code) for f in caught.value.findings}
    assert messages == {("title", "has 200 lines", "too-long"), ("roles[1].title", "has 200 lines", "too-long")}
    ten = "\\n".join(["line"] * 10)
    assert load_text(MINIMAL.replace("title: Maker", f'title: "{ten}"')).roles[1].title.count("\n") == 9
