"""What lands in the output folder: clashing names, the gallery's ownership, links, modes, PDFs, the cache."""

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from orgcharts.engine import workers
from orgcharts.out.cache import ChartCache
from orgcharts.cli import main
from orgcharts.errors import RenderError
from orgcharts.commands.pipeline import load_specs, plan_charts
from orgcharts.engine.render import Drawn, Look, render
from orgcharts.out.write import write_atomic

from .conftest import MINIMAL, ROOT


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> "subprocess.CompletedProcess[str]":
    return subprocess.run([sys.executable, "-m", "orgcharts", *args], capture_output=True, text=True)


# --- output names -------------------------------------------------------------------------------

@pytest.mark.parametrize("first,second", [("a/org.yaml", "b/org.yaml"), ("acme.yaml", "acme.yml"),
                                          ("Acme.yaml", "acme.yaml")])
def test_two_specs_that_would_write_the_same_file_are_an_error_naming_both(project: Path, first: str,
                                                                           second: str) -> None:
    for name in (first, second):
        Path(name).parent.mkdir(exist_ok=True)
        Path(name).write_text(MINIMAL, encoding="utf-8")
    if not Path(second).exists() or Path(first).samefile(second):
        pytest.skip("a case-insensitive file system holds one file for both names")
    result = CliRunner().invoke(main, ["render", first, second])
    assert result.exit_code == 1
    assert f"its charts would overwrite those of {first} (both write " in result.stderr
    assert result.stderr.startswith(f"{second}:1:1: ")
    assert "nothing was written" in result.stderr
    assert not Path("output").exists()


# --- the gallery --------------------------------------------------------------------------------

def test_an_index_html_orgcharts_did_not_write_is_left_alone(project: Path) -> None:
    Path("acme.yaml").write_text(MINIMAL, encoding="utf-8")
    Path("output").mkdir()
    Path("output/index.html").write_text("<h1>my own page</h1>", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", "acme.yaml", "-f", "svg"])
    assert result.exit_code == 0
    assert Path("output/index.html").read_text(encoding="utf-8") == "<h1>my own page</h1>"
    assert "note: output/index.html was not written by orgcharts; it was left as it is" in result.stderr
    assert Path("output/acme-org.svg").is_file()
    Path("output/index.html").unlink()
    CliRunner().invoke(main, ["render", "acme.yaml", "-f", "svg"])
    ours = Path("output/index.html").read_text(encoding="utf-8")
    assert '<meta name="generator" content="orgcharts">' in ours
    CliRunner().invoke(main, ["render", "acme.yaml", "-f", "png"])  # ours is replaced
    assert Path("output/index.html").read_text(encoding="utf-8") != ours
    older = ours.replace('<meta name="generator" content="orgcharts">\n', "")  # before the mark
    Path("output/index.html").write_text(older, encoding="utf-8")
    CliRunner().invoke(main, ["render", "acme.yaml", "-f", "svg"])
    assert '<meta name="generator" content="orgcharts">' in Path("output/index.html").read_text(encoding="utf-8")


# --- files --------------------------------------------------------------------------------------

def test_an_existing_file_keeps_its_mode_and_a_new_one_follows_the_umask(tmp_path: Path) -> None:
    kept = tmp_path / "a.svg"
    kept.write_bytes(b"old")
    kept.chmod(0o600)
    write_atomic(tmp_path, "a.svg", b"new")
    assert kept.stat().st_mode & 0o777 == 0o600 and kept.read_bytes() == b"new"
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path, "b.svg", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "b.svg").stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.svg", "b.svg"]


def test_each_file_is_written_once_into_a_new_named_temp_file(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[tuple[str, int]] = []
    real_open = os.open

    def spy(path: str, flags: int, *args: object, **kwargs: object) -> int:
        opened.append((str(path), flags))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", spy)
    write_atomic(tmp_path, "a.svg", b"data")
    files = [(p, f) for p, f in opened if f & os.O_WRONLY]
    assert len(files) == 1  # no unnamed file first and a copy after
    path, flags = files[0]
    assert path.startswith(".a.svg.orgcharts-tmp-") and flags & os.O_EXCL and flags & os.O_CREAT


@pytest.mark.parametrize("layout", ["out-is-a-link", "parent-is-a-link"])
def test_an_out_folder_through_a_symbolic_link_is_refused(project: Path, layout: str) -> None:
    Path("acme.yaml").write_text(MINIMAL, encoding="utf-8")
    Path("elsewhere").mkdir()
    if layout == "out-is-a-link":
        Path("charts").symlink_to("elsewhere")
        out = "charts"
    else:
        Path("parent").symlink_to("elsewhere")
        out = "parent/charts"
    result = CliRunner().invoke(main, ["render", "acme.yaml", "--out", out])
    assert result.exit_code == 1
    link = "charts" if layout == "out-is-a-link" else "parent"
    assert result.stderr.startswith(f"error: --out {out} passes through the symbolic link ")
    assert f"{link}; orgcharts does not write through links: name the real folder (" in result.stderr
    assert list(Path("elsewhere").iterdir()) == []


def test_rendering_writes_nothing_into_the_installed_package(tmp_path: Path) -> None:
    fonts = Path(__import__("orgcharts").__file__).parent / "fonts"
    (fonts / ".uuid").unlink(missing_ok=True)  # left by versions that set fontconfig up in the package
    before = sorted(p.name for p in fonts.iterdir())
    env = dict(os.environ, ORGCHARTS_CACHE=str(tmp_path / "cache"))
    env.pop("FONTCONFIG_FILE", None)
    done = subprocess.run([sys.executable, "-m", "orgcharts", "render", str(ROOT / "specs" / "client-services.yaml"),
                           "--out", str(tmp_path / "out"), "-f", "png", "--view", "org"], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in fonts.iterdir()) == before
    assert list((tmp_path / "cache").glob("fonts-*/fonts.conf"))


# --- PDF ----------------------------------------------------------------------------------------

def media_box(pdf: bytes) -> tuple[float, float]:
    x0, y0, x1, y1 = (float(v) for v in re.search(rb"/MediaBox \[ *([\d. ]+)\]", pdf).group(1).split())
    return x1 - x0, y1 - y0


def svg_size(svg: bytes) -> tuple[float, float]:
    w, h = re.search(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg).groups()
    return float(w), float(h)


CHARTS = plan_charts(load_specs([ROOT / "specs" / "client-services.yaml"]), [])


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.view)
def test_a_pdf_is_the_size_of_its_svg_and_fits_the_exact_ratio(chart) -> None:  # type: ignore[no-untyped-def]
    plain = render(chart.dot, ["svg", "pdf"])
    assert media_box(plain["pdf"]) == svg_size(plain["svg"])
    for fit, ratio in (("16:9", 16 / 9), ("4:3", 4 / 3), ("a4", 297 / 210)):
        fitted = render(chart.dot, ["svg", "pdf"], Look(fit=fit))
        width, height = media_box(fitted["pdf"])
        assert width / height == pytest.approx(ratio, abs=0.002), fit
        assert (width, height) == svg_size(fitted["svg"])


def test_pdf_bytes_do_not_depend_on_the_time_zone(tmp_path: Path) -> None:
    spec = ROOT / "specs" / "client-services.yaml"
    digests = set()
    for zone in ("Asia/Kolkata", "America/New_York", "UTC"):
        out = tmp_path / zone.replace("/", "-")
        env = dict(os.environ, TZ=zone)
        subprocess.run([sys.executable, "-m", "orgcharts", "render", str(spec), "--out", str(out), "-f", "pdf",
                        "--view", "accounts"], env=env, check=True, capture_output=True)
        pdf = (out / "client-services-accounts.pdf").read_bytes()
        assert b"/CreationDate (D:19800101000000Z)" in pdf
        start = int(re.search(rb"startxref\n(\d+)", pdf).group(1))
        assert pdf[start:start + 4] == b"xref"  # the offsets still hold after the date was replaced
        digests.add(hashlib.sha256(pdf).hexdigest())
    assert len(digests) == 1


# --- the cache ----------------------------------------------------------------------------------

def test_a_poisoned_entry_is_ignored_and_drawn_again(project: Path, chart_cache: Path) -> None:
    Path("acme.yaml").write_text(MINIMAL, encoding="utf-8")
    assert CliRunner().invoke(main, ["render", "acme.yaml", "-f", "svg"]).exit_code == 0
    clean = Path("output/acme-org.svg").read_bytes()
    entries = [p for p in chart_cache.glob("??/*.svg")]
    assert entries
    for entry in entries:
        entry.write_bytes(entry.read_bytes().replace(b"<svg ", b'<svg onload="alert(1)" ', 1))
    for whole_spec in chart_cache.glob("??/*.spec"):  # else the spec's own entry serves it, charts unread
        whole_spec.unlink()
    assert CliRunner().invoke(main, ["render", "acme.yaml", "-f", "svg"]).exit_code == 0
    assert Path("output/acme-org.svg").read_bytes() == clean
    assert all(b"onload" not in entry.read_bytes() for entry in entries)  # and the entry was redrawn


def test_the_cache_keeps_the_warnings_of_the_charts_it_holds(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path)
    drawn = Drawn({"svg": b"<svg/>"})
    drawn.diagnostics = ("using box for unknown shape x",)
    cache.put("ab" * 32, drawn)
    found = cache.get("ab" * 32, ["svg"])
    assert found == {"svg": b"<svg/>"} and found is not None and found.diagnostics == drawn.diagnostics


# --- Graphviz's diagnostics ---------------------------------------------------------------------

def test_a_graphviz_error_fails_the_chart_with_its_message() -> None:
    with pytest.raises(RenderError, match=r"^Graphviz reported an error: Unknown HTML element <FOO> on line 1 "
                                          r"in label of node a$"):
        render("digraph { a [label=<<FOO>x</FOO>>] }", ["svg"])


def test_graphviz_warnings_come_back_with_the_drawing() -> None:
    drawn = render("digraph { a [shape=nosuchshape] }", ["svg"])
    assert drawn.diagnostics == ("using box for unknown shape nosuchshape",)


def test_warnings_are_shown_under_verbose_only(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Path("acme.yaml").write_text(MINIMAL, encoding="utf-8")

    def warn(dot: str, formats: object, look: object = None) -> Drawn:
        drawn = render(dot, formats)  # type: ignore[arg-type]
        drawn.diagnostics = ("something odd",)
        return drawn

    monkeypatch.setattr(workers, "_draw", warn)
    quiet = CliRunner().invoke(main, ["render", "acme.yaml", "-f", "svg"])
    loud = CliRunner().invoke(main, ["render", "acme.yaml", "-f", "svg", "-v"])
    assert (quiet.exit_code, loud.exit_code) == (0, 0)
    assert "something odd" not in quiet.stderr
    assert "warning: acme-org: Graphviz: something odd\n" in loud.stderr


SHIPPED = sorted((ROOT / "specs").glob("*.yaml")) + sorted((ROOT / "tests" / "corpus").glob("*.yaml"))


@pytest.mark.parametrize("spec", SHIPPED, ids=lambda p: p.stem)
def test_shipped_and_corpus_specs_render_with_no_graphviz_diagnostics(spec: Path) -> None:
    for chart in plan_charts(load_specs([spec]), []):
        drawn = render(chart.dot, ["svg", "png", "pdf"])
        assert drawn.diagnostics == (), (chart.view, drawn.diagnostics)


# --- number options -----------------------------------------------------------------------------

@pytest.mark.parametrize("option,value", [("--scale", "nan"), ("--scale", "inf"), ("--timeout", "inf"),
                                          ("--timeout", "nan"), ("--timeout", "1e300"), ("--timeout", "-inf")])
def test_number_options_refuse_nan_and_infinities(project: Path, option: str, value: str) -> None:
    Path("acme.yaml").write_text(MINIMAL, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", "acme.yaml", option, value])
    assert result.exit_code == 2
    assert f"Invalid value for '{option}': " in result.stderr
    assert "finite number" in result.stderr or "is not in the range" in result.stderr
    assert not Path("output").exists()


# --- decks --------------------------------------------------------------------------------------

def test_a_deck_takes_a_title_longer_than_a_core_property(project: Path) -> None:
    Path("acme.yaml").write_text(MINIMAL.replace("org: Acme", "org: Acme\ntitle: " + "Long " * 70), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", "acme.yaml", "-f", "pptx"])
    assert result.exit_code == 0, result.stderr
    assert Path("output/acme.pptx").stat().st_size > 0
