"""A property per command that reads or writes files: whatever the names, bytes and sizes, it ends in an
exit code (never a traceback), prints no raw control character, and changes nothing outside its output."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgcharts.cli import main
from orgcharts.spec.yamltree import MAX_BYTES

from .conftest import MINIMAL

# Names a hostile user or a careless export gives files: path words, schemes, terminal escapes,
# bidirectional overrides, case-folding traps, zero-width and very long names; then anything at all.
NAMES = st.one_of(
    st.sampled_from([".", "..", "...", "javascript:alert(1)", "a\x1b[31mb", "\x07bell", "İstanbul", "\u202eevil",
                     " ", "#?%2e%2e", "-rf", "a" * 200, "\u200bzw", "CON", "~", "$HOME", "a\nb", "index",
                     "README", "..a", "a..", "%2F", "\\..\\x", "<script>", "'\"", "é\u0301"]),
    st.text(alphabet=st.characters(blacklist_characters="/\0", blacklist_categories=("Cs",)), min_size=1,
            max_size=40),
).filter(lambda n: len(n.encode("utf-8")) <= 200)

HOSTILE_TEXT = st.sampled_from(["\x1b]0;owned\x07", "javascript:alert(1)", "<img src=x onerror=alert(1)>", "İ" * 50,
                                "\u2028", "=cmd|' /C calc'!A0", "../../etc/passwd", "\u202e"])
SPEC_BYTES = st.one_of(
    st.just(MINIMAL.encode()),
    HOSTILE_TEXT.map(lambda t: MINIMAL.replace("title: Maker", f"title: {t!r}").encode("utf-8")),
    st.binary(max_size=600),
    st.sampled_from([b"", b"\xef\xbb\xbf", b"a" * (MAX_BYTES + 1), b"\xff\xfe" + MINIMAL.encode("utf-16-le")]),
)
CSV_BYTES = st.one_of(
    st.just(b"Name,Title,Manager\nAnn,Boss,\nBob,Maker,Ann\n"),
    HOSTILE_TEXT.map(lambda t: f"Name,Title,Manager,{t}\nAnn,Boss,,{t}\nBob,{t},Ann,x\n".encode("utf-8")),
    st.binary(max_size=600),
    st.sampled_from([b"", b"\r\n\r\n", b"\x00" * 1000, b"PK\x03\x04" + bytes(100)]),
)

PROPERTY = settings(max_examples=30, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


def snapshot(root: Path, skip: Path) -> dict[str, tuple[int, str]]:
    """Every entry under `root` but `skip`: its type and a digest of what it holds."""
    seen = {}
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = [d for d in dirs if here / d != skip]
        for name in dirs + files:
            path = here / name
            info = os.lstat(path)
            body = hashlib.sha256(path.read_bytes()).hexdigest() if os.path.isfile(path) and not os.path.islink(
                path) else os.readlink(path) if os.path.islink(path) else ""
            seen[str(path.relative_to(root))] = (info.st_mode, body)
    return seen


def check_command(name: str, data: bytes, extra: bytes | None,
                  args: Callable[[Path, Path, Path | None], list[str]], suffix: str) -> None:
    """Write `data` to a file called `name` + suffix, run the command, and check the boundaries."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "in").mkdir()
        source = root / "in" / f"{name}{suffix}"
        source.write_bytes(data)
        other = None
        if extra is not None:
            other = root / "in" / f"other{suffix}"
            other.write_bytes(extra)
        (root / "README.md").write_text("mine", encoding="utf-8")
        out = root / "out"
        before = snapshot(root, out)
        result = CliRunner().invoke(main, args(source, out, other))
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert result.exit_code in (0, 1, 2), result.output
        assert not any(c in result.output for c in "\x1b\x07\x9b\u202e"), result.output
        assert snapshot(root, out) == before  # nothing outside --out written, replaced or removed
        if out.exists():
            assert all(not p.is_symlink() for p in out.rglob("*"))


@PROPERTY
@given(NAMES, SPEC_BYTES)
def test_render(name: str, data: bytes) -> None:
    check_command(name, data, None, lambda s, o, _: ["render", str(s), "--out", str(o), "-f", "svg", "--view", "org",
                                                     "--no-cache"], ".yaml")


@PROPERTY
@given(NAMES, SPEC_BYTES)
def test_check(name: str, data: bytes) -> None:
    check_command(name, data, None, lambda s, o, _: ["check", str(s)], ".yaml")


@PROPERTY
@given(NAMES, SPEC_BYTES, st.sampled_from(["md", "html"]))
def test_docs(name: str, data: bytes, fmt: str) -> None:
    check_command(name, data, None, lambda s, o, _: ["docs", str(s), "--out", str(o), "--format", fmt], ".yaml")


@PROPERTY
@given(NAMES, SPEC_BYTES, st.sampled_from(["csv", "json", "mermaid", "d2"]), st.booleans())
def test_export(name: str, data: bytes, fmt: str, into_file: bool) -> None:
    suffix = {"csv": ".csv", "json": ".json", "mermaid": ".mmd", "d2": ".d2"}[fmt]

    def args(source: Path, out: Path, _: Path | None) -> list[str]:
        views = ["--view", "org"] if fmt in ("mermaid", "d2") else []
        return ["export", str(source), "--to", fmt, *views, "-o", str(out / f"{name}{suffix}" if into_file else out)]

    check_command(name, data, None, args, ".yaml")


@PROPERTY
@given(NAMES, SPEC_BYTES)
def test_diff(name: str, data: bytes) -> None:
    check_command(name, data, MINIMAL.encode(), lambda s, o, other: ["diff", str(other), str(s), "--out", str(o),
                                                                     "-f", "svg", "--view", "org", "--no-cache"],
                  ".yaml")


@PROPERTY
@given(NAMES, CSV_BYTES, st.sampled_from([".csv", ".txt", ".xlsx"]))
def test_import(name: str, data: bytes, suffix: str) -> None:
    kind = "xlsx" if suffix == ".xlsx" else "csv"
    # --org names the organisation: an org named after a hostile file name is the importer's own case
    check_command(name, data, None, lambda s, o, _: ["import", kind, str(s), "--org", "Acme", "-o",
                                                     str(o / f"{name}.yaml")], suffix)
