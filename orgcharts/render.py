"""DOT -> SVG / PNG / PDF bytes with the Graphviz bundled in pygraphviz's wheel, in process."""

from __future__ import annotations

import hashlib
import html
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import RenderError
from .pdf import stable_pdf

__all__ = ["FORMATS", "render", "font_config", "load_engine", "png_dpi"]

FORMATS = ("svg", "png", "pdf", "dot")
VECTOR_DPI = 72  # SVG and PDF in points, as authored
PNG_SCALE = 2  # PNGs at 2x, sharp on slides and retina screens
MAX_PNG_SIDE = 8192  # pixels; a bigger chart's PNG is drawn at less than 2x (cairo stops at 32767)


_FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<!-- Written by orgcharts: Graphviz measures and draws text with the shipped font alone,
     so the same spec lays out to the same bytes on every machine. -->
<fontconfig>
  <dir>{fonts}</dir>
  <match target="pattern">
    <edit name="family" mode="assign" binding="strong"><string>Liberation Sans</string></edit>
  </match>
</fontconfig>
"""


def font_config() -> str:
    """A fontconfig file that makes Graphviz see only the font shipped with orgcharts.

    It names the font folder by absolute path (the bundled fontconfig resolves relative
    folders against the working directory), so it is written once per install to the temp folder.
    """
    fonts = Path(str(resources.files("orgcharts") / "fonts")).resolve()
    text = _FONTS_CONF.format(fonts=html.escape(str(fonts), quote=False))
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    conf = Path(tempfile.gettempdir()) / f"orgcharts-fonts-{digest}.conf"
    if not conf.is_file() or conf.read_text(encoding="utf-8") != text:
        fd, tmp = tempfile.mkstemp(dir=conf.parent, prefix=".orgcharts-fonts-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, conf)
    return str(conf)


_graphviz: Any = None


def load_engine() -> None:
    """Load the bundled Graphviz now (workers forked afterwards start with it loaded)."""
    _engine()


def _engine() -> Any:
    """Import pygraphviz on first use: its shared libraries take ~140 ms to load."""
    global _graphviz
    if _graphviz is None:
        # Must be set before the bundled fontconfig initialises: the same metrics on every machine.
        os.environ["FONTCONFIG_FILE"] = font_config()
        import pygraphviz

        _graphviz = pygraphviz
    return _graphviz


@contextmanager
def _quiet_stderr() -> Iterator[list[str]]:
    """Capture what the C libraries print on fd 2 (fontconfig warnings, Graphviz errors)."""
    captured: list[str] = []
    with tempfile.TemporaryFile() as sink:
        saved = os.dup(2)
        os.dup2(sink.fileno(), 2)
        try:
            yield captured
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            captured.append(sink.read().decode("utf-8", "replace"))


def _graphviz_errors(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and "fontconfig" not in ln.lower()]
    return "; ".join(lines[:5])


def _layout_and_render(pgv: Any, dot: str, formats: Sequence[str], dpi: int) -> dict[str, bytes]:
    try:
        agraph = pgv.AGraph(string=dot)
    except Exception as exc:  # pygraphviz raises DotError, or ValueError on an empty graph
        raise RenderError(f"Graphviz could not read the generated DOT ({exc})") from None
    gv, graph = pgv.graphviz, agraph.handle
    gvc = gv.gvContextWithBuiltins()
    try:
        gv.agattr(graph, 0, b"dpi", str(dpi).encode())
        if gv.gvLayout(gvc, graph, b"dot") != 0:
            raise RenderError("Graphviz layout failed")
        out: dict[str, bytes] = {}
        try:
            for fmt in formats:
                err, data = gv.gvRenderData(gvc, graph, fmt.encode())
                if err:
                    raise RenderError(f"Graphviz could not render {fmt}")
                out[fmt] = bytes(data)
        finally:
            gv.gvFreeLayout(gvc, graph)
        return out
    finally:
        gv.gvFreeContext(gvc)


def png_dpi(plain: bytes) -> int:
    """The PNG resolution: 2x, unless that makes the longer side exceed MAX_PNG_SIDE pixels.

    >>> png_dpi(b"graph 1 10 5\\n")
    144
    >>> png_dpi(b"graph 1 200 50\\n")
    40
    """
    _, _, width, height = plain.split(b"\n", 1)[0].split()[:4]
    longest = max(float(width), float(height), 1.0)  # inches
    return max(1, min(VECTOR_DPI * PNG_SCALE, int(MAX_PNG_SIDE / longest)))


def render(dot: str, formats: Sequence[str]) -> dict[str, bytes]:
    """Lay out `dot` once per resolution and render each format; `dot` itself is returned as is."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format '{unknown[0]}'; must be one of [{', '.join(FORMATS)}]")
    out: dict[str, bytes] = {}
    if "dot" in formats:
        out["dot"] = dot.encode("utf-8")
    vector = [f for f in formats if f in ("svg", "pdf")]
    if not vector and "png" not in formats:
        return out
    pgv = _engine()
    with _quiet_stderr() as errors:
        try:
            # Graphviz fixes the resolution at layout time, so PNG gets a layout of its own, at a
            # resolution read off the vector layout's size ("plain" output starts with it).
            out.update(_layout_and_render(pgv, dot, [*vector, "plain"], VECTOR_DPI))
            if "png" in formats:
                out.update(_layout_and_render(pgv, dot, ["png"], png_dpi(out["plain"])))
        except RenderError as exc:
            failure = exc
        else:
            failure = None
    if failure is not None:
        detail = _graphviz_errors(errors[0])
        raise RenderError(f"{failure}: {detail}" if detail else str(failure))
    if "pdf" in out:
        out["pdf"] = stable_pdf(out["pdf"])
    return {f: out[f] for f in formats}
