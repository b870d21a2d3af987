"""SVG post-processing: an accessible title and description, ids unique per chart, no comments."""

from __future__ import annotations

import html
import re

__all__ = ["finish_svg", "prefix_ids", "unscale"]

_COMMENT = re.compile(rb"<!--.*?-->\n?", re.DOTALL)
_SVG_OPEN = re.compile(rb"<svg\b([^>]*)>")
_ID = re.compile(rb'\b(id="|href="#|url\(#)([^")]+)')


_SIZE = re.compile(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"(\s*)viewBox="0\.00 0\.00 ([\d.]+) ([\d.]+)"')
_SCALE = re.compile(rb'transform="scale\(([\d.]+) ([\d.]+)\)')


def unscale(svg: bytes, factor: float) -> bytes:
    """Graphviz's SVG of a layout made at `factor` x 72 dpi, brought back to points.

    The drawing's coordinates are already points; only the canvas and the outer scale carry the
    factor. This lets the SVG and the PNG come from one layout, so they match to the pixel.
    >>> unscale(b'<svg width="331pt" height="330pt" viewBox="0.00 0.00 331.00 330.00">'
    ...         b'<g transform="scale(2 2) rotate(0)">', 2)
    b'<svg width="165.5pt" height="165pt" viewBox="0.00 0.00 165.50 165.00"><g transform="scale(1 1) rotate(0)">'
    """
    if factor == 1:
        return svg

    def size(m: re.Match[bytes]) -> bytes:
        w, h = float(m.group(1)) / factor, float(m.group(2)) / factor
        return (f'<svg width="{w:g}pt" height="{h:g}pt"'.encode() + m.group(3)
                + f'viewBox="0.00 0.00 {w:.2f} {h:.2f}"'.encode())

    return _SCALE.sub(b'transform="scale(1 1)', _SIZE.sub(size, svg, count=1), count=1)


def prefix_ids(svg: bytes, prefix: str) -> bytes:
    """Prefix every id and every reference to one, so two charts inlined in one page never collide.

    >>> prefix_ids(b'<g id="node1"><use xlink:href="#node1"/><path fill="url(#g1)"/></g>', "org")
    b'<g id="org-node1"><use xlink:href="#org-node1"/><path fill="url(#org-g1)"/></g>'
    """
    tag = prefix.encode()
    return _ID.sub(lambda m: m.group(1) + tag + b"-" + m.group(2), svg)


def finish_svg(svg: bytes, title: str, description: str, chart_id: str | None = None) -> bytes:
    """Add role, aria-label, <title> and <desc> to Graphviz's SVG and drop its comments.

    >>> print(finish_svg(b'<?xml version="1.0"?>\\n<!-- x -->\\n<svg width="1pt">\\n</svg>', 'T&C', 'd').decode())
    <?xml version="1.0"?>
    <svg role="img" aria-label="T&amp;C" width="1pt">
    <title>T&amp;C</title>
    <desc>d</desc>
    </svg>
    """
    svg = _COMMENT.sub(b"", svg)
    if chart_id:
        svg = prefix_ids(svg, chart_id)
    match = _SVG_OPEN.search(svg)
    if match is None:
        return svg
    # xml.sax.saxutils would do too, but it imports urllib and ssl: 15 ms of start-up.
    head = f'<svg role="img" aria-label="{html.escape(title)}"'.encode() + match.group(1) + b">"
    meta = (f"\n<title>{html.escape(title, quote=False)}</title>"
            f"\n<desc>{html.escape(description, quote=False)}</desc>").encode()
    return svg[: match.start()] + head + meta + svg[match.end():]
