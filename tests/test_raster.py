"""raster: the PNG encoded here holds exactly the pixels of Graphviz's own PNG of the same layout."""

import io
import struct

import pytest
from PIL import Image

from orgcharts.draw import png as raster
from orgcharts.engine.gvengine import Layout
from orgcharts.engine.render import Look, _Drawing, render

CARDS = ('digraph g { bgcolor="#F5F7FA"; pad="0.1234"; node [shape=box style="rounded,filled" fillcolor="#DDEEFF" '
         'fontname="Liberation Sans"]; a [label="Client Services"]; b [label="Account\\nManagement" '
         'color="#C2410C" penwidth=3]; c [label=<<B>Team</B> <I>Captain</I>>]; a -> b; a -> c [style=dashed] }')
# Half-transparent fills on a clear canvas: almost every pixel is neither opaque nor clear.
GLASS = ('digraph g { bgcolor="transparent"; node [shape=circle style=filled fillcolor="#FF000080" '
         'color="#0000FF40" fontname="Liberation Sans"]; a -> b }')


def pixels(png: bytes) -> tuple[str, tuple[int, int], bytes]:
    image = Image.open(io.BytesIO(png))
    return image.mode, image.size, image.convert("RGBA").tobytes()


def both(dot: str, look: Look = Look(), dpi: int = 144) -> tuple[bytes, bytes]:
    """The PNG render() writes and Graphviz's own PNG, of one layout."""
    with Layout(dot, dpi) as layout:
        ours = _Drawing(layout).render(["svg", "png"], look)["png"]
        return ours, layout.data("png")  # Graphviz's device, framed the same way


@pytest.mark.parametrize("dpi", [144, 216, 101])
def test_the_png_holds_graphviz_s_pixels_in_graphviz_s_colour_type(dpi: int) -> None:
    ours, theirs = both(CARDS, dpi=dpi)
    assert ours != theirs  # encoded here, not by Graphviz
    assert pixels(ours) == pixels(theirs)


def test_a_canvas_with_a_fractional_last_pixel_keeps_its_partly_transparent_edge() -> None:
    ours, theirs = both(CARDS, Look(fit="16:9"))
    mode, _, rgba = pixels(theirs)
    assert mode == "RGBA" and any(0 < a < 255 for a in rgba[3::4])  # the case this checks
    assert ours != theirs and pixels(ours) == pixels(theirs)


def test_partly_transparent_pixels_get_cairo_s_colours(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(raster, "MAX_UNPREMULTIPLIED", 10**9)
    ours, theirs = both(GLASS, dpi=72)
    rgba = pixels(theirs)[2]
    assert sum(0 < a < 255 for a in rgba[3::4]) > 1000
    assert ours != theirs and pixels(ours) == pixels(theirs)


def test_a_mostly_transparent_chart_is_left_to_graphviz_s_png_writer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(raster, "MAX_UNPREMULTIPLIED", 1000)
    ours, theirs = both(GLASS, Look(background="transparent"))
    assert ours == theirs


def test_a_graph_without_a_background_is_left_to_graphviz() -> None:
    ours, theirs = both('digraph g { node [fontname="Liberation Sans"]; a -> b }')
    assert ours == theirs


def test_the_png_is_well_formed_and_the_same_every_time() -> None:
    first = render(CARDS, ["png"])["png"]
    assert first == render(CARDS, ["png"])["png"] == render(CARDS, ["svg", "png"])["png"]
    chunks, at = [], 8
    while at < len(first):
        (length,) = struct.unpack(">I", first[at:at + 4])
        chunks.append(first[at + 4:at + 8])
        at += 12 + length
    assert chunks == [b"IHDR", b"bKGD", b"IDAT", b"IEND"]
    Image.open(io.BytesIO(first)).verify()  # checks every chunk's CRC
