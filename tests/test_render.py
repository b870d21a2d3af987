"""render: formats, resolution, determinism, quiet stderr and clear failures (needs the bundled Graphviz)."""

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from orgcharts.errors import RenderError
from orgcharts.engine.render import PNG_SCALE, render

from .conftest import ROOT

DOT = 'digraph g { dpi=72; node [shape=box fontname="Liberation Sans"]; a [label="Hello"]; a -> b }'


def png_size(data: bytes) -> tuple[int, int]:
    return struct.unpack(">II", data[16:24])


def test_each_format_has_its_signature() -> None:
    out = render(DOT, ["svg", "png", "pdf", "dot"])
    assert list(out) == ["svg", "png", "pdf", "dot"]
    assert b"<svg" in out["svg"] and b'viewBox="' in out["svg"]
    assert out["png"].startswith(b"\x89PNG\r\n\x1a\n")
    assert out["pdf"].startswith(b"%PDF-")
    assert out["dot"] == DOT.encode()


def test_png_is_rendered_at_twice_the_svg_size() -> None:
    out = render(DOT, ["svg", "png"])
    width_pt = float(out["svg"].split(b'width="')[1].split(b"pt")[0])
    width_px, _ = png_size(out["png"])
    assert width_px == pytest.approx(width_pt * PNG_SCALE, abs=2)


def test_same_dot_same_bytes() -> None:
    assert render(DOT, ["svg", "png", "pdf"]) == render(DOT, ["svg", "png", "pdf"])


def test_nothing_reaches_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    render(DOT, ["svg", "png"])
    assert capfd.readouterr().err == ""


def test_broken_dot_is_a_render_error_not_a_crash(capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(RenderError) as info:
        render("digraph { a -> }", ["svg"])
    assert str(info.value).startswith("Graphviz could not read the generated DOT")
    assert capfd.readouterr().err == ""


def test_unknown_format_lists_the_choices() -> None:
    with pytest.raises(ValueError, match=r"unknown format 'gif'; must be one of \[svg, png, pdf, dot\]"):
        render(DOT, ["gif"])


def test_pdf_carries_a_fixed_date_not_the_clock() -> None:
    pdf = render(DOT, ["pdf"])["pdf"]
    assert b"/CreationDate (D:19800101000000" in pdf


def test_other_system_fonts_do_not_change_a_byte(tmp_path: Path) -> None:
    """A machine whose fontconfig offers only a wide monospace font for everything still measures
    and draws with the shipped font alone: the same bytes as here."""
    mono = next(Path("/usr/share/fonts").rglob("DejaVuSansMono.ttf"), None)
    if mono is None:
        pytest.skip("needs a system font to build the other machine's fontconfig from")
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copy(mono, fonts)
    conf = tmp_path / "fonts.conf"
    conf.write_text(f"""<?xml version="1.0"?><fontconfig><dir>{fonts}</dir>
<match target="pattern"><edit name="family" mode="assign" binding="strong"><string>DejaVu Sans Mono</string></edit></match>
</fontconfig>""")
    spec = ROOT / "specs" / "client-services.yaml"

    def svg_bytes(env: dict[str, str], out: Path) -> bytes:
        subprocess.run([sys.executable, "-m", "orgcharts", "render", str(spec), "--out", str(out), "-f", "svg",
                        "--view", "responsibilities"], check=True, env=env, capture_output=True)
        return (out / "client-services-responsibilities-1.svg").read_bytes()

    plain = svg_bytes(dict(os.environ), tmp_path / "a")
    other = dict(os.environ, FONTCONFIG_FILE=str(conf), HOME=str(tmp_path), FC_LANG="de")
    assert svg_bytes(other, tmp_path / "b") == plain


def test_pdf_is_vector_with_the_font_embedded() -> None:
    pdf = render('digraph { a [label="Vector text"] }', ["pdf"])["pdf"]
    assert b"/FontFile" in pdf and b"/Subtype /Image" not in pdf
