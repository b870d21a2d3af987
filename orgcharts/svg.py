"""SVG post-processing: an accessible title and description, no generator comments."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

__all__ = ["finish_svg"]

_COMMENT = re.compile(rb"<!--.*?-->\n?", re.DOTALL)
_SVG_OPEN = re.compile(rb"<svg\b([^>]*)>")


def finish_svg(svg: bytes, title: str, description: str) -> bytes:
    """Add role, aria-label, <title> and <desc> to Graphviz's SVG and drop its comments.

    >>> finish_svg(b'<?xml version="1.0"?>\\n<!-- x -->\\n<svg width="1pt">\\n</svg>', 'T&C', 'd').decode()
    '<?xml version="1.0"?>\\n<svg role="img" aria-label="T&amp;C" width="1pt">\\n<title>T&amp;C</title>\\n<desc>d</desc>\\n</svg>'
    """
    svg = _COMMENT.sub(b"", svg)
    match = _SVG_OPEN.search(svg)
    if match is None:
        return svg
    head = f"<svg role=\"img\" aria-label={quoteattr(title)}".encode() + match.group(1) + b">"
    meta = f"\n<title>{escape(title)}</title>\n<desc>{escape(description)}</desc>".encode()
    return svg[: match.start()] + head + meta + svg[match.end():]
