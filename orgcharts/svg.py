"""SVG post-processing: an accessible title and description, ids unique per chart, no comments."""

from __future__ import annotations

import html
import re

__all__ = ["finish_svg", "prefix_ids"]

_COMMENT = re.compile(rb"<!--.*?-->\n?", re.DOTALL)
_SVG_OPEN = re.compile(rb"<svg\b([^>]*)>")
_ID = re.compile(rb'\b(id="|href="#|url\(#)([^")]+)')


def prefix_ids(svg: bytes, prefix: str) -> bytes:
    """Prefix every id and every reference to one, so two charts inlined in one page never collide.

    >>> prefix_ids(b'<g id="node1"><use xlink:href="#node1"/><path fill="url(#g1)"/></g>', "org")
    b'<g id="org-node1"><use xlink:href="#org-node1"/><path fill="url(#org-g1)"/></g>'
    """
    tag = prefix.encode()
    return _ID.sub(lambda m: m.group(1) + tag + b"-" + m.group(2), svg)


def finish_svg(svg: bytes, title: str, description: str, chart_id: str | None = None) -> bytes:
    """Add role, aria-label, <title> and <desc> to Graphviz's SVG and drop its comments.

    >>> finish_svg(b'<?xml version="1.0"?>\\n<!-- x -->\\n<svg width="1pt">\\n</svg>', 'T&C', 'd').decode()
    '<?xml version="1.0"?>\\n<svg role="img" aria-label="T&amp;C" width="1pt">\\n<title>T&amp;C</title>\\n<desc>d</desc>\\n</svg>'
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
