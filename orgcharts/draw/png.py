"""PNG of a laid-out graph: Graphviz's own cairo drawing, encoded here in less time, in fewer bytes.

Graphviz's PNG device spends nine tenths of its time in cairo's PNG writer (libpng trying five
filters on every row, then zlib). Here Graphviz draws with the same cairo renderer into a bitmap
this module owns (`gvRenderContext`), so the pixels are the ones its PNG would hold, and the PNG
is written with no filter and one zlib pass, in a thread while the next rows are converted. The
pixels are kept exactly: colours are un-premultiplied with cairo's own rounding, and the colour
type (RGB when every pixel is opaque, else RGBA) is the one cairo picks. `tests/test_raster.py`
decodes both PNGs and compares them.
"""

from __future__ import annotations

import ctypes
import re
import struct
import sys
import zlib
from collections.abc import Iterator
from queue import Queue
from threading import Thread
from typing import Any

__all__ = ["draw_png", "encode_png", "canvas_pixels", "LEVEL", "MAX_UNPREMULTIPLIED"]

# zlib's level: 3, the best of zlib's fast strategy (1 to 3 take the same time), compresses in ~0.55x
# the time of 4, for files 16-37% larger (a 1,000-role org's 16 pieces, 134 Mpx: zlib at 4 took 3.7 s of
# CPU, eight times Graphviz drawing them). 4 gives files 7% smaller than cairo's writer; 6 12%, slower still.
LEVEL = 3
# At most this many pixels that are not opaque are un-premultiplied here, one by one. A chart on its
# theme's background has one such row or column at most (the canvas's fractional last pixel); a
# chart with --background transparent has many more: Graphviz's own PNG writer takes those.
MAX_UNPREMULTIPLIED = 65_536
_BAND = 1 << 22  # bytes of bitmap converted and compressed at a time: memory stays near the bitmap's
_SIZE = re.compile(rb'<svg width="(\d+)pt" height="(\d+)pt"')
_NOT_OPAQUE = re.compile(rb"[^\xff]")
_BACKGROUND = struct.pack(">HHH", 255, 255, 255)  # the bKGD chunk cairo writes: white
_ARGB32 = 0  # CAIRO_FORMAT_ARGB32: premultiplied, native-endian 32-bit words
_CAIRO_SVG_DEVICE = b"svg:cairo"  # draws with the cairo renderer into the given context, writes nothing

_LIB: Any = None


def _library() -> Any:
    """Graphviz and cairo as pygraphviz's extension loaded them, or None where they cannot be reached."""
    global _LIB
    if _LIB is None:
        try:
            from pygraphviz import _graphviz  # type: ignore[attr-defined]

            lib = ctypes.CDLL(_graphviz.__file__)  # its symbols and those of the libraries it links
            pointer, integer = ctypes.c_void_p, ctypes.c_int
            for name, result, arguments in (
                ("cairo_format_stride_for_width", integer, [integer, integer]),
                ("cairo_image_surface_create_for_data", pointer, [ctypes.c_char_p, integer, integer, integer, integer]),
                ("cairo_surface_status", integer, [pointer]),
                ("cairo_surface_destroy", None, [pointer]),
                ("cairo_create", pointer, [pointer]),
                ("cairo_status", integer, [pointer]),
                ("cairo_destroy", None, [pointer]),
                ("gvRenderContext", integer, [pointer, pointer, ctypes.c_char_p, pointer]),
            ):
                function = getattr(lib, name)
                function.restype, function.argtypes = result, arguments
            _LIB = lib
        except (ImportError, OSError, AttributeError):
            _LIB = False
    return _LIB or None


def canvas_pixels(svg: bytes) -> tuple[int, int]:
    """The bitmap's width and height: Graphviz's SVG of the same layout and resolution states them.

    >>> canvas_pixels(b'<svg width="1618pt" height="1030pt"')
    (1618, 1030)
    """
    found = _SIZE.search(svg)
    if found is None:
        raise ValueError("no canvas size in Graphviz's SVG")
    return int(found.group(1)), int(found.group(2))


def _bitmap(gvc: Any, graph: Any, width: int, height: int) -> bytearray | None:
    """Graphviz's cairo drawing of the laid-out graph as premultiplied native-endian ARGB32 rows."""
    lib = _library()
    stride = width * 4
    if lib is None or lib.cairo_format_stride_for_width(_ARGB32, width) != stride:
        return None
    pixels = bytearray(stride * height)  # zeroed: clear, as cairo's own surface starts
    surface = lib.cairo_image_surface_create_for_data(
        (ctypes.c_char * len(pixels)).from_buffer(pixels), _ARGB32, width, height, stride)
    try:
        if lib.cairo_surface_status(surface) != 0:
            return None
        context = lib.cairo_create(surface)
        try:
            drawn = lib.gvRenderContext(int(gvc), int(graph), _CAIRO_SVG_DEVICE, context)
            if drawn != 0 or lib.cairo_status(context) != 0:
                return None
        finally:
            lib.cairo_destroy(context)
    finally:
        lib.cairo_surface_destroy(surface)
    return pixels


def _unpremultiply(pixels: bytearray, alpha: bytearray, width: int) -> None:
    """cairo's PNG writer's colours for the pixels that are not opaque (RGBA rows, in place)."""
    row_bytes = width * 4
    for found in _NOT_OPAQUE.finditer(alpha):
        a = alpha[found.start()]
        y, x = divmod(found.start(), width)
        at = y * row_bytes + x * 4
        for channel in range(at, at + 3):
            pixels[channel] = (pixels[channel] * 255 + a // 2) // a if a else 0


def _deflated(scanlines: Iterator[bytes], level: int) -> bytes:
    """The zlib stream of the scanlines, compressed in a thread (zlib lets go of the GIL) while the
    next band is converted in this one."""
    waiting: Queue[bytes | None] = Queue(maxsize=2)
    out: list[bytes] = []

    def pack() -> None:
        packer = zlib.compressobj(level)
        while (chunk := waiting.get()) is not None:
            out.append(packer.compress(chunk))
        out.append(packer.flush())

    packing = Thread(target=pack, name="png-deflate", daemon=True)
    packing.start()
    try:
        for chunk in scanlines:
            waiting.put(chunk)
    finally:
        waiting.put(None)
        packing.join()
    return b"".join(out)


def encode_png(bitmap: bytearray, width: int, height: int, level: int = LEVEL) -> bytes | None:
    """A PNG of premultiplied native-endian ARGB32 rows, holding the pixels cairo's PNG writer would;
    None when too many pixels are not opaque to un-premultiply them here."""
    # Native-endian ARGB: bytes B, G, R, A on little-endian machines, A, R, G, B on big-endian.
    red, green, blue, alpha_at = (2, 1, 0, 3) if sys.byteorder == "little" else (1, 2, 3, 0)
    alpha = bitmap[alpha_at::4]
    not_opaque = len(alpha) - alpha.count(255)
    if not_opaque > MAX_UNPREMULTIPLIED:
        return None
    channels = 3 if not_opaque == 0 else 4
    row_bytes = width * channels
    rows = max(1, _BAND // (width * 4))

    def scanlines() -> Iterator[bytes]:
        for top in range(0, height, rows):
            bottom = min(height, top + rows)
            start, end = top * width * 4, bottom * width * 4
            pixels = bytearray((bottom - top) * row_bytes)
            pixels[0::channels] = bitmap[start + red:end:4]
            pixels[1::channels] = bitmap[start + green:end:4]
            pixels[2::channels] = bitmap[start + blue:end:4]
            if channels == 4:
                pixels[3::4] = alpha[top * width:bottom * width]
                _unpremultiply(pixels, alpha[top * width:bottom * width], width)
            yield b"".join(b"\0" + pixels[at:at + row_bytes]  # each row with filter type 0: none
                           for at in range(0, len(pixels), row_bytes))

    header = struct.pack(">IIBBBBB", width, height, 8, 2 if channels == 3 else 6, 0, 0, 0)
    return b"".join((b"\x89PNG\r\n\x1a\n", _chunk(b"IHDR", header), _chunk(b"bKGD", _BACKGROUND),
                     _chunk(b"IDAT", _deflated(scanlines(), level)), _chunk(b"IEND", b"")))


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def draw_png(gvc: Any, graph: Any, size: tuple[int, int], level: int = LEVEL) -> bytes | None:
    """The PNG of a graph laid out and framed in the Graphviz context `gvc`, `size` pixels (see
    `canvas_pixels`); None where this cannot be done here: the caller asks Graphviz for its PNG.

    The graph must set `bgcolor`: the device drawn through paints no default white.
    """
    width, height = size
    drawn = _bitmap(gvc, graph, width, height)
    return None if drawn is None else encode_png(drawn, width, height, level)
