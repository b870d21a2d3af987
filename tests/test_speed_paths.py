"""Fast paths: commands import only what they use, small jobs draw in process, an unchanged spec is
served whole from the cache (and only while the code is the same). Nothing here times anything."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from orgcharts.out import cache as cache_module
from orgcharts.commands import pipeline
from orgcharts.engine import workers
from orgcharts.cli import main

from .conftest import MINIMAL, ROOT

RENDERING = ("graphviz", "pygraphviz", "orgcharts.engine.render", "orgcharts.engine.workers", "orgcharts.out.cache",
             "orgcharts.engine.dot")


def imported_by(args: list[str], cwd: Path) -> set[str]:
    """The modules loaded by one `orgcharts ARGS` run in a fresh interpreter."""
    probe = ("import sys, json, atexit\n"
             "atexit.register(lambda: print('\\nMODULES ' + json.dumps(sorted(sys.modules))))\n"
             "from orgcharts.cli import main\n"
             f"main({args!r})\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=cwd, capture_output=True, text=True, timeout=120)
    line = [x for x in done.stdout.splitlines() if x.startswith("MODULES ")]
    assert line, done.stderr
    return set(json.loads(line[-1].removeprefix("MODULES ")))


@pytest.mark.parametrize("args", [["--help"], ["render", "--help"], ["check", "acme.yaml"], ["schema"],
                                  ["--version"]], ids=" ".join)
def test_commands_that_draw_nothing_never_import_the_drawing_code(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "acme.yaml").write_text(MINIMAL, encoding="utf-8")
    loaded = imported_by(args, tmp_path)
    assert "orgcharts.cli" in loaded
    assert sorted(m for m in RENDERING if m in loaded) == []
    assert not any(m.startswith("orgcharts.views") or m.startswith("orgcharts.layout") for m in loaded)
    assert "importlib.metadata" not in loaded or args == ["schema"] or args[0] == "check"  # pydantic's own


def test_help_does_not_build_the_models(tmp_path: Path) -> None:
    assert not {"pydantic", "yaml", "orgcharts.spec.models", "orgcharts.spec.loader"} & imported_by(["--help"], tmp_path)


# What --help needs none of: the pipeline, the error classes, atomic writes, the themes, the report
# writers, git (subprocess), OpenSSL (secrets, hashlib).
NOT_FOR_HELP = ("orgcharts.commands.pipeline", "orgcharts.errors", "orgcharts.out.write", "orgcharts.themes", "orgcharts.lint.report",
                "orgcharts.commands.diff.gitrev", "subprocess", "secrets", "hashlib")


@pytest.mark.parametrize("args", [["--help"], ["render", "--help"]], ids=" ".join)
def test_help_imports_only_click_and_the_choices(tmp_path: Path, args: list[str]) -> None:
    loaded = imported_by(args, tmp_path)
    assert sorted(m for m in NOT_FOR_HELP if m in loaded) == []


# What a render served whole from the cache must not load: the parser, the models, the views,
# the DOT writer, Graphviz, the error classes (only a failure needs them).
NOT_FOR_A_HIT = ("yaml", "pydantic", "pygraphviz", "graphviz", "orgcharts.spec.loader", "orgcharts.spec.yamltree",
                 "orgcharts.spec.models", "orgcharts.views", "orgcharts.engine.dot", "orgcharts.engine.render", "orgcharts.engine.workers",
                 "orgcharts.errors", "orgcharts.lint")


def test_a_cache_hit_imports_no_parser_models_views_or_graphviz(tmp_path: Path, chart_cache: Path) -> None:
    import importlib.util

    (tmp_path / "acme.yaml").write_text(MINIMAL, encoding="utf-8")
    args = ["render", "acme.yaml", "-f", "svg", "-f", "png"]
    first = imported_by(args, tmp_path)  # draws, and fills the cache
    assert {"yaml", "pydantic", "pygraphviz", "orgcharts.views"} <= first  # the list names what a render loads
    drawn = {p.name: p.read_bytes() for p in (tmp_path / "output").iterdir()}
    hit = imported_by(args, tmp_path)
    assert sorted(m for m in NOT_FOR_A_HIT if m in hit or any(n.startswith(m + ".") for n in hit)) == []
    if importlib.util.find_spec("_sha2") or importlib.util.find_spec("_sha256"):
        assert "_hashlib" not in hit  # a small entry is checked without loading OpenSSL
    assert {p.name: p.read_bytes() for p in (tmp_path / "output").iterdir()} == drawn


def test_small_jobs_draw_in_process_and_large_ones_in_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    small = [("digraph { a -> b }", ["svg"], workers.engine.Look())]
    large = [("digraph { a -> b }" + " " * workers.IN_PROCESS_LIMIT, ["svg"], workers.engine.Look())]
    assert workers.in_process(small) and not workers.in_process(large)
    assert not workers.in_process(small, timeout=0.5)  # a tight limit is kept: in a worker
    pids: list[int] = []

    def where(dot: str, formats: list[str], look: object = None) -> dict[str, bytes]:
        import os

        pids.append(os.getpid())
        return {"svg": str(os.getpid()).encode()}

    monkeypatch.setattr(workers, "_draw", where)
    import os

    (here,) = workers.draw_jobs(small)
    assert here == {"svg": str(os.getpid()).encode()}
    if "fork" in __import__("multiprocessing").get_all_start_methods():  # the seam reaches forked workers only
        (there,) = workers.draw_jobs(large)
        assert isinstance(there, dict) and there["svg"] != str(os.getpid()).encode()


def test_an_error_drawn_in_process_is_that_charts_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def bug(dot: str, formats: list[str], look: object = None) -> dict[str, bytes]:
        raise ZeroDivisionError("oops")

    monkeypatch.setattr(workers, "_draw", bug)
    (result,) = workers.draw_jobs([("digraph { a }", ["svg"], workers.engine.Look())])
    assert isinstance(result, workers.RenderError)
    assert str(result) == "drawing this chart failed: ZeroDivisionError: oops"


@pytest.fixture
def acme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "acme.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    return path


def render(*extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["render", "acme.yaml", "-f", "svg", "-f", "png", *extra])
    return result.exit_code, result.stdout + result.stderr


def test_an_unchanged_spec_is_served_whole_without_parsing(acme: Path, chart_cache: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    first = render()
    before = {p.name: p.read_bytes() for p in Path("output").iterdir()}
    for path in Path("output").iterdir():
        path.unlink()

    def never(*_: object, **__: object) -> object:
        raise AssertionError("parsed or drawn again")

    monkeypatch.setattr(pipeline, "load_specs", never)
    monkeypatch.setattr(workers, "_draw", never)
    again = render()
    assert first == again and first[0] == 0
    assert {p.name: p.read_bytes() for p in Path("output").iterdir()} == before
    acme.write_text(MINIMAL.replace("title: Maker", "title: Builder"), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", "acme.yaml", "-f", "svg"])
    assert "parsed or drawn again" in str(result.exception)  # new bytes: parsed again


def test_a_spec_entry_is_invalidated_by_a_change_of_code(acme: Path, chart_cache: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    render()
    loads: list[int] = []
    real = pipeline.load_specs

    def counted(paths):  # type: ignore[no-untyped-def]
        loads.append(len(paths))
        return real(paths)

    monkeypatch.setattr(pipeline, "load_specs", counted)
    render()
    assert loads == []
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda folder=None: "another version of the code")
    render()
    assert loads == [1]


def test_a_poisoned_spec_entry_is_ignored_and_drawn_again(acme: Path, chart_cache: Path) -> None:
    render()
    clean = Path("output/acme-org.svg").read_bytes()
    (entry,) = chart_cache.glob("??/*.spec")
    entry.write_bytes(entry.read_bytes().replace(b"<svg ", b'<svg onload="alert(1)" ', 1))
    assert render()[0] == 0
    assert Path("output/acme-org.svg").read_bytes() == clean
    assert b"onload" not in entry.read_bytes()


def test_specs_from_the_cache_and_drawn_ones_keep_one_order(acme: Path, chart_cache: Path) -> None:
    (acme.parent / "beta.yaml").write_text(MINIMAL.replace("Acme", "Beta"), encoding="utf-8")
    fresh = CliRunner().invoke(main, ["render", "acme.yaml", "beta.yaml", "-f", "svg", "-f", "pptx", "--no-cache"])
    CliRunner().invoke(main, ["render", "acme.yaml", "-f", "svg", "-f", "pptx"])  # only acme in the cache
    mixed = CliRunner().invoke(main, ["render", "acme.yaml", "beta.yaml", "-f", "svg", "-f", "pptx"])
    assert fresh.exit_code == mixed.exit_code == 0
    assert mixed.stdout == fresh.stdout
    assert mixed.stdout.splitlines()[-3:] == ["wrote output/acme.pptx", "wrote output/beta.pptx",
                                              "wrote output/index.html"]


def test_shipped_specs_render_the_same_bytes_from_the_cache(tmp_path: Path, chart_cache: Path) -> None:
    outs = []
    for run in ("fresh", "cached", "cached again"):
        out = tmp_path / run
        args = ["render", str(ROOT / "specs"), "--out", str(out), "-f", "svg", "-f", "png", "-f", "pdf"]
        assert CliRunner().invoke(main, args + (["--no-cache"] if run == "fresh" else [])).exit_code == 0
        outs.append({p.name: p.read_bytes() for p in out.iterdir() if p.name != "index.html"})
    assert outs[0] == outs[1] == outs[2]


def test_an_unchanged_file_is_left_alone_and_a_link_is_still_refused(acme: Path) -> None:
    assert render("--no-cache")[0] == 0
    svg = Path("output/acme-org.svg")
    before = svg.stat().st_ino
    assert render("--no-cache")[0] == 0
    assert svg.stat().st_ino == before  # not replaced: the same bytes were there
    target = acme.parent / "elsewhere.svg"
    target.write_bytes(svg.read_bytes())
    svg.unlink()
    svg.symlink_to(target)
    code, output = render("--no-cache")
    assert code == 1 and "link" in output and svg.is_symlink()


@pytest.mark.parametrize("fit", ["none", "16:9"])
def test_the_png_cap_holds_with_the_margins(fit: str) -> None:
    import struct

    from orgcharts.engine.render import MAX_PNG_SIDE, Look, render

    tall = "digraph { " + " -> ".join(f"n{i}" for i in range(40)) + " }"  # ~40 in: 2x fits, 16:9 pads it wide
    wide = "digraph { rankdir=LR; " + " -> ".join(f"n{i}" for i in range(60)) + " }"  # past the cap at 2x
    for dot in (tall, wide):
        png = render(dot, ["png"], Look(fit=fit))["png"]
        width, height = struct.unpack(">II", png[16:24])
        assert max(width, height) <= MAX_PNG_SIDE, (width, height)
        assert max(width, height) > MAX_PNG_SIDE * 0.9 or dot == tall  # capped, not shrunk for nothing


def test_an_svg_is_laid_out_once_and_never_depends_on_a_png(monkeypatch: pytest.MonkeyPatch) -> None:
    from orgcharts.engine import gvengine
    from orgcharts.engine import render as engine

    wide = "digraph { rankdir=LR; " + " -> ".join(f"n{i}" for i in range(60)) + " }"  # its PNG is capped
    layouts: list[int] = []
    real = gvengine.Layout.__init__

    def counted(self, dot, dpi=72, *rest):  # type: ignore[no-untyped-def]
        layouts.append(dpi)
        real(self, dot, dpi, *rest)

    monkeypatch.setattr(gvengine.Layout, "__init__", counted)
    alone = engine.render(wide, ["svg"])["svg"]
    assert layouts == [144]
    both = engine.render(wide, ["svg", "png"])  # the capped PNG: the same layout drawn at a lower resolution
    assert both["svg"] == alone and layouts == [144, 144]


def test_the_font_set_up_is_checked_once_yet_a_changed_copy_is_repaired(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from orgcharts.engine import fonts as fontsetup

    monkeypatch.setenv("ORGCHARTS_CACHE", str(tmp_path))
    conf = Path(fontsetup.font_config())
    assert (conf.parent / ".checked").is_file()
    reads: list[str] = []
    read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self.name) or read(self))
    assert fontsetup.font_config() == str(conf)
    assert reads == []  # stamped: no font read again
    copy = conf.parent / "LiberationSans-Regular.ttf"
    copy.write_bytes(read(copy)[:-1] + b"\0")  # same size, other bytes, a new time
    fontsetup.font_config()
    assert read(copy) == read(Path(fontsetup.__file__).parent.parent / "fonts" / "LiberationSans-Regular.ttf")
