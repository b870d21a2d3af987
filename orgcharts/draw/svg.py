"""SVG post-processing: an accessible title and description, ids unique per chart, no comments."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator

__all__ = ["finish_svg", "prefix_ids", "unscale", "safe_id"]

_COMMENT = re.compile(rb"<!--.*?-->\n?", re.DOTALL)
_SVG_OPEN = re.compile(rb"<svg\b([^>]*)>")
_TAG_START = re.compile(rb"<[A-Za-z]")  # a start tag runs from here to its first `>`; text is never touched
# What every id or reference prefix_ids changes contains; a tag holding none of these is left alone.
_REFERENCES = (b'id="', b'href="#', b"url(#")
# Attributes that hold an id or a reference to one; other attributes keep their values as written.
_ATTR = re.compile(rb'(\s(?:id|href|xlink:href|fill|stroke|clip-path|mask|filter|'
                   rb'marker-start|marker-mid|marker-end|style)=")([^"]*)"')
_URL = re.compile(rb"url\(#([^)]+)\)")
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]+")


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


def safe_id(name: str) -> str:
    """An id made of letters, digits, `_` and `-` only, for any name (a spec's file stem).

    A name that needed changing gets a short hash, so two different names never share an id.
    >>> safe_id("client-services"), safe_id("R&D"), safe_id('x" onload="alert(1)')
    ('client-services', 'R-D-1d168d', 'x-onload-alert-1-5b6ce0')
    """
    slug = _UNSAFE_ID.sub("-", name).strip("-")
    if slug == name and slug[:1].isalpha():
        return slug
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:6]
    return "-".join(part for part in ("" if slug[:1].isalpha() else "c", slug, digest) if part)


def prefix_ids(svg: bytes, prefix: str) -> bytes:
    """Prefix every id and every reference to one, so two charts inlined in one page never collide.

    Only ids and references inside tags change; text, even "see url(#a1)", stays as written.
    >>> prefix_ids(b'<g id="node1"><use xlink:href="#node1"/><path fill="url(#g1)"/></g>', "org")
    b'<g id="org-node1"><use xlink:href="#org-node1"/><path fill="url(#org-g1)"/></g>'
    >>> prefix_ids(b'<text id="a1">see url(#a1) id="a1"</text>', "org")
    b'<text id="org-a1">see url(#a1) id="a1"</text>'
    """
    tag = safe_id(prefix).encode() + b"-"

    def attr(m: re.Match[bytes]) -> bytes:
        name, value = m.group(1), m.group(2)
        if name.endswith(b' id="'):
            value = tag + value
        elif name.endswith(b'href="'):
            value = b"#" + tag + value[1:] if value.startswith(b"#") else value
        else:
            value = _URL.sub(lambda u: b"url(#" + tag + u.group(1) + b")", value)
        return name + value + b'"'

    parts: list[bytes] = []
    done = 0
    for start, end in _tags_with_references(svg):
        parts += (svg[done:start], _ATTR.sub(attr, svg[start:end]))
        done = end
    return b"".join((*parts, svg[done:]))


def _find_all(data: bytes, needle: bytes) -> Iterator[int]:
    at = data.find(needle)
    while at >= 0:
        yield at
        at = data.find(needle, at + 1)


def _tags_with_references(svg: bytes) -> list[tuple[int, int]]:
    """The start and end of every start tag (`<name` up to its first `>`) that holds an id or reference.

    Found from the references (in a few tags out of a hundred), not tag by tag: a regex callback
    per tag was most of prefixing's time. The work grows with the length of the SVG alone, however
    its tags and text fall: no stretch is searched twice for the same thing.
    """
    spans: list[tuple[int, int]] = []
    last_close = -1  # the last `>` before the reference in hand
    searched = 0  # `>` and tag starts have been looked for before here
    end = 0  # the end of the last tag taken
    for at in sorted({at for needle in _REFERENCES for at in _find_all(svg, needle)}):
        if at < end:
            continue  # in the tag just taken
        last_close = max(last_close, svg.rfind(b">", searched, at))
        # The first `<name` after that `>` opens the tag holding this reference, if one does
        # (`at + 1`: a `<` just before the reference opens a tag named by its first letter).
        opened = _TAG_START.search(svg, max(last_close + 1, searched), at + 1)
        searched = at
        if opened is None:
            continue  # in text between tags
        close = svg.find(b">", at)
        if close < 0:
            break  # no tag closes from here on
        spans.append((opened.start(), close + 1))
        last_close, end = close, close + 1
        searched = end
    return spans


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
