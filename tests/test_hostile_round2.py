"""Every command that writes files, pointed at what a hostile user or file system holds: a FIFO, a device,
a linked folder, a hand-written index.html or page, and specs whose stems are `.` or `..`."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from orgcharts.cli import main
from orgcharts.commands.watch.run import Watcher
from orgcharts.options import ChartOptions

from .conftest import MINIMAL

CSV = "Name,Title,Manager\nAnn,Boss,\nBob,Maker,Ann\n"
RENAMED = MINIMAL.replace("title: Maker", "title: Builder")


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def project(tmp_path: Path) -> Path:
    """tmp_path/specs/acme.yaml and acme-old.yaml, tmp_path/hr.csv; returns the spec."""
    (tmp_path / "specs").mkdir()
    spec = tmp_path / "specs" / "acme.yaml"
    spec.write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "acme-old.yaml").write_text(RENAMED, encoding="utf-8")
    (tmp_path / "hr.csv").write_text(CSV, encoding="utf-8")
    return spec


# Each command that writes, as (name, arguments given the project folder and the output path).
FOLDER_COMMANDS: dict[str, Callable[[Path, Path], list[str]]] = {
    "render": lambda t, o: ["render", str(t / "specs"), "--out", str(o), "-f", "svg", "--view", "org", "--no-cache"],
    "diff": lambda t, o: ["diff", str(t / "acme-old.yaml"), str(t / "specs" / "acme.yaml"), "--out", str(o),
                          "-f", "svg", "--view", "org", "--no-cache"],
    "docs": lambda t, o: ["docs", str(t / "specs"), "--out", str(o)],
    "docs-html": lambda t, o: ["docs", str(t / "specs"), "--out", str(o), "--format", "html"],
    "export": lambda t, o: ["export", str(t / "specs" / "acme.yaml"), "--to", "mermaid", "-o", str(o)],
}
FILE_COMMANDS: dict[str, Callable[[Path, Path], list[str]]] = {
    "import": lambda t, o: ["import", "csv", str(t / "hr.csv"), "-o", str(o)],
    "export": lambda t, o: ["export", str(t / "specs" / "acme.yaml"), "--to", "csv", "-o", str(o)],
}


def watch_once(tmp_path: Path, out: Path) -> list[str]:
    """What `watch` does on its first pass, its messages returned."""
    said: list[str] = []
    watcher = Watcher([tmp_path / "specs"], out, ChartOptions(formats=("svg",), views=("org",), cache=False),
                      echo=lambda text, err: said.append(text))
    watcher.handle(watcher.specs())
    return said


@pytest.mark.parametrize("command", [*FOLDER_COMMANDS, "watch"])
def test_a_fifo_as_the_output_folder_is_an_error_and_stays_a_fifo(tmp_path: Path, command: str) -> None:
    project(tmp_path)
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    if command == "watch":
        said = watch_once(tmp_path, fifo)
        assert any(line.startswith("error: cannot write") for line in said)
    else:
        assert run(*FOLDER_COMMANDS[command](tmp_path, fifo)).exit_code == 1
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
@pytest.mark.parametrize("command", list(FILE_COMMANDS))
def test_a_named_output_that_is_not_a_regular_file_is_never_replaced(tmp_path: Path, command: str, kind: str) -> None:
    """`import -o /dev/null` as root replaced the machine's /dev/null with a file: a device made here stands in."""
    project(tmp_path)
    target = tmp_path / ("null.csv" if command == "export" else "null.yaml")
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
        (target / "keep.txt").write_text("mine", encoding="utf-8")
    else:
        try:
            os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("making a device needs root")
    before = os.lstat(target)
    result = run(*FILE_COMMANDS[command](tmp_path, target))
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    if kind != "folder":
        assert result.exit_code == 1 and "not a regular file" in result.output
    elif command == "import":
        assert result.exit_code == 2 and "is a directory" in result.output
    if kind == "folder":
        assert (target / "keep.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("command", [*FOLDER_COMMANDS, *(f"{c}-file" for c in FILE_COMMANDS), "watch"])
def test_nothing_is_written_through_a_linked_output_folder(tmp_path: Path, command: str) -> None:
    project(tmp_path)
    real = tmp_path / "elsewhere"
    real.mkdir()
    link = tmp_path / "out"
    link.symlink_to(real, target_is_directory=True)
    if command == "watch":
        said = watch_once(tmp_path, link)
        assert any("symbolic link" in line for line in said)
        result = subprocess.run([sys.executable, "-m", "orgcharts", "watch", str(tmp_path / "specs"), "--out",
                                 str(link)], capture_output=True, text=True, timeout=60, check=False)
        assert result.returncode == 1 and "symbolic link" in result.stderr and "Traceback" not in result.stderr
    elif command.endswith("-file"):
        result = run(*FILE_COMMANDS[command[:-5]](tmp_path, link / "x.csv"))
        assert result.exit_code == 1 and "symbolic link" in result.output
    else:
        result = run(*FOLDER_COMMANDS[command](tmp_path, link / "sub"))
        assert result.exit_code == 1 and "symbolic link" in result.output
    assert list(real.iterdir()) == []


@pytest.mark.parametrize("command", ["render", "watch", "docs-html"])
def test_a_hand_written_index_html_is_left_as_it_is(tmp_path: Path, command: str) -> None:
    project(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    mine = "<html><body><h1>My own page</h1></body></html>"
    (out / "index.html").write_text(mine, encoding="utf-8")
    if command == "watch":
        said = watch_once(tmp_path, out)
        assert any("was not written by orgcharts" in line for line in said)
    else:
        result = run(*FOLDER_COMMANDS[command](tmp_path, out))
        assert "was not written by orgcharts" in result.output
    assert (out / "index.html").read_text(encoding="utf-8") == mine


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_docs_never_removes_or_replaces_a_hand_written_page(tmp_path: Path, fmt: str) -> None:
    project(tmp_path)
    out = tmp_path / "docs"
    command = FOLDER_COMMANDS["docs" if fmt == "md" else "docs-html"]
    assert run(*command(tmp_path, out)).exit_code == 0
    notes = out / "acme" / f"notes.{fmt}"
    notes.write_text("my notes", encoding="utf-8")
    (out / "acme" / f"maker.{fmt}").unlink()
    (out / "acme" / f"maker.{fmt}").write_text("my own page about makers", encoding="utf-8")
    result = run(*command(tmp_path, out))
    assert result.exit_code == 1 and "was not written by orgcharts" in result.output
    assert (out / "acme" / f"maker.{fmt}").read_text(encoding="utf-8") == "my own page about makers"
    (out / "acme" / f"maker.{fmt}").unlink()
    assert run(*command(tmp_path, out)).exit_code == 0
    edited = (out / "acme" / f"maker.{fmt}").read_text(encoding="utf-8") + "\nEdited by hand.\n"
    (out / "acme" / f"maker.{fmt}").write_text(edited, encoding="utf-8")
    (tmp_path / "specs" / "acme.yaml").write_text(MINIMAL.split("  - id: maker")[0], encoding="utf-8")
    result = run(*command(tmp_path, out))  # the maker role is gone: its page would be swept
    assert result.exit_code == 0, result.output
    assert notes.read_text(encoding="utf-8") == "my notes"
    assert (out / "acme" / f"maker.{fmt}").read_text(encoding="utf-8") == edited  # edited since: kept


def test_docs_of_a_spec_named_dotdot_removes_nothing_outside_its_folder(tmp_path: Path) -> None:
    """The reproduction: `specs/...yaml` has the stem `..`; its sweep removed the repository's README."""
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "...yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "README.md").write_text("mine", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "CONTRIBUTING.md").write_text("mine too", encoding="utf-8")
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = run("docs", "specs", "--out", "docs")
    finally:
        os.chdir(old)
    assert result.exit_code == 1 and "'..'" in result.output
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == ["CONTRIBUTING.md"]


@pytest.mark.parametrize("stem", [".", ".."])
@pytest.mark.parametrize("command", ["render", "docs", "diff", "export"])
def test_stems_dot_and_dotdot_are_refused(tmp_path: Path, command: str, stem: str) -> None:
    project(tmp_path)
    spec = tmp_path / "specs" / "acme.yaml"
    hostile = spec.with_name(f"{stem}.yaml")
    spec.rename(hostile)
    out = tmp_path / "out" / "deep"
    args = {"render": ["render", str(hostile), "--out", str(out), "-f", "svg", "--no-cache"],
            "docs": ["docs", str(hostile), "--out", str(out)],
            "diff": ["diff", str(tmp_path / "acme-old.yaml"), str(hostile), "--out", str(out), "-f", "svg"],
            "export": ["export", str(hostile), "--to", "d2", "-o", str(out)]}[command]
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    result = run(*args)
    assert result.exit_code == 1 and "rename the file" in result.output
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before


def test_two_specs_with_one_stem_are_an_error_not_a_silent_replacement(tmp_path: Path) -> None:
    project(tmp_path)
    other = tmp_path / "specs" / "ACME.yml"
    other.write_text(RENAMED, encoding="utf-8")
    result = run(*FOLDER_COMMANDS["docs"](tmp_path, tmp_path / "docs"))
    assert result.exit_code == 1 and "both are named" in result.output
    assert not (tmp_path / "docs").exists()


def test_the_docs_index_links_no_scheme(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "javascript:alert(1).yaml").write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "docs"
    assert run("docs", str(tmp_path / "specs"), "--out", str(out), "--format", "html").exit_code == 0
    assert run("docs", str(tmp_path / "specs"), "--out", str(out)).exit_code == 0
    html = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="javascript%3Aalert%281%29/index.html"' in html and "javascript:" not in html.split("<ul>")[1]
    assert "(javascript%3Aalert%281%29/index.md)" in (out / "index.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("source", ["/dev/zero", "fifo", "folder"])
@pytest.mark.parametrize("command", ["import-csv", "import-xlsx", "check", "render", "export", "diff", "theme"])
def test_input_files_are_regular_files_only(tmp_path: Path, command: str, source: str) -> None:
    """`import csv /dev/zero` filled memory and a FIFO hung: every input is opened without blocking and
    refused unless it is a regular file. Run in a process of its own, under a timeout."""
    project(tmp_path)
    path = Path(source)
    if source == "fifo":
        path = tmp_path / "in.yaml"
        os.mkfifo(path)
    elif source == "folder":
        path = tmp_path / "in.yaml"
        path.mkdir()
    spec = str(tmp_path / "specs" / "acme.yaml")
    args = {"import-csv": ["import", "csv", str(path)], "import-xlsx": ["import", "xlsx", str(path)],
            "check": ["check", str(path)], "render": ["render", str(path), "--out", str(tmp_path / "o")],
            "export": ["export", str(path), "--to", "json"], "diff": ["diff", str(path), spec],
            "theme": ["render", spec, "--theme", str(path), "--out", str(tmp_path / "o")]}[command]
    result = subprocess.run([sys.executable, "-m", "orgcharts", *args], capture_output=True, text=True,
                            timeout=60, check=False, stdin=subprocess.DEVNULL)
    assert result.returncode in (1, 2), result.stderr
    assert "Traceback" not in result.stderr
    assert any(word in result.stderr for word in ("not a regular file", "does not exist", "is a directory",
                                                   "no *.yaml", "unknown theme")), result.stderr


def test_an_input_growing_past_the_limit_is_cut_off_not_read_whole(tmp_path: Path) -> None:
    from orgcharts.spec.readfile import ReadError, read_bounded

    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 5000)
    assert read_bounded(big, 5000) == b"x" * 5000
    with pytest.raises(ReadError, match="larger than 4,999 bytes"):
        read_bounded(big, 4999)


def test_printed_notes_and_wrote_lines_carry_no_raw_escapes(tmp_path: Path) -> None:
    project(tmp_path)
    (tmp_path / "hr.csv").write_text("Name,Title,Manager,\x1b]0;owned\x07Notes\x1b[2J\nAnn,Boss,,x\nBob,Maker,Ann,y\n",
                                     encoding="utf-8")
    result = run("import", "csv", str(tmp_path / "hr.csv"), "-o", str(tmp_path / "out\x1b[31m.yaml"))
    assert result.exit_code == 0, result.output
    assert "note:" in result.output and "\x1b" not in result.output and "\x07" not in result.output
    named = tmp_path / "specs" / "a\x1b[31mb.yaml"
    shutil.copy(tmp_path / "specs" / "acme.yaml", named)
    result = run("export", str(named), "--to", "d2", "-o", str(tmp_path / "exp"))
    assert "wrote" in result.output and "\x1b" not in result.output


def test_watch_prints_no_raw_control_character(tmp_path: Path) -> None:
    """A folder and a spec named with terminal escapes, a broken spec's findings: every line `watch` prints
    passes for_terminal. The process is stopped once it says it is watching."""
    folder = tmp_path / "specs\x1b]0;owned\x07"
    folder.mkdir()
    (folder / "a\x1b[2Jb.yaml").write_text(MINIMAL, encoding="utf-8")
    (folder / "bad\x1b[31m.yaml").write_text(MINIMAL.replace("reports_to: rep", "reports_to: \x1b"), encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "orgcharts", "watch", str(folder), "--out", str(tmp_path / "out"),
                                "-f", "svg", "--no-cache"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
    finally:
        process.terminate()
        rest, errors = process.communicate(timeout=30)
    printed = first + rest + errors
    assert b"watching" in printed and b"bad" in printed
    assert b"\x1b" not in printed and b"\x07" not in printed


def test_a_fifo_or_a_link_in_the_output_folder_is_never_opened(tmp_path: Path) -> None:
    """The gallery peeks at index.html (is it ours?) and at each SVG's title: a FIFO there hung the run,
    a link to a device was read without end."""
    project(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "index.html")
    os.mkfifo(out / "zz-org.svg")
    (out / "yy-org.svg").symlink_to("/dev/zero")
    (tmp_path / "outside.svg").write_text("<svg><title>not ours</title></svg>", encoding="utf-8")
    (out / "xx-org.svg").symlink_to(tmp_path / "outside.svg")
    result = subprocess.run([sys.executable, "-m", "orgcharts", "render", str(tmp_path / "specs"), "--out", str(out),
                             "-f", "svg", "--no-cache"], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert "was not written by orgcharts" in result.stderr
    assert stat.S_ISFIFO(os.lstat(out / "index.html").st_mode) and (out / "yy-org.svg").is_symlink()
    from orgcharts.out.gallery import gallery_html

    os.unlink(out / "index.html")
    page = gallery_html(out)
    assert "acme-org.svg" in page and "yy-org" not in page and "zz-org" not in page and "xx-org" not in page
