"""Role pages and their index as HTML, each with a chart of the role's neighbourhood, the role highlighted."""

from __future__ import annotations

import html
import re

from ...spec.models import OrgSpec
from ...themes import Theme
from .jdlayout import Block, Inline, facts, blocks
from .pages import Link, RolePage, unit_sections

__all__ = ["h", "inline", "node_ids", "highlight_css", "page_html", "index_html"]

_NODE = re.compile(rb'<g id="([^"]+)" class="node">\s*<title>([^<]*)</title>')
_STYLE = """body{font-family:"Liberation Sans",Arial,Helvetica,sans-serif;color:#1F2933;max-width:72rem;
margin:2rem auto;padding:0 1rem;line-height:1.45}h1{margin-bottom:.2rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}.facts dt{font-weight:bold}.facts dd{margin:0}
.chart svg{max-width:100%;height:auto}
.chart g.node{opacity:.35}.chart g.cluster{opacity:.6}a{color:#0E7490}"""


def h(text: str) -> str:
    """The one escape for user text in HTML pages.

    >>> h('<script>"x" & y')
    '&lt;script&gt;&quot;x&quot; &amp; y'
    """
    return html.escape(text, quote=True)


def node_ids(svg: bytes) -> dict[str, str]:
    """Card id (e.g. `role-partner`) -> the id of the SVG group that draws it."""
    return {html.unescape(title.decode()): gid.decode() for gid, title in _NODE.findall(svg)}


def highlight_css(svg: bytes, page: RolePage, theme: Theme) -> str:
    """CSS that emphasises this role's card and its managers' cards in the inlined org chart."""
    ids = node_ids(svg)
    here = ids.get(f"role-{page.id}")
    if here is None:
        return ""
    chain = [ids[f"role-{link.id}"] for link in page.chain if f"role-{link.id}" in ids]
    rules = [f"#{here},{''.join(f'#{c},' for c in chain)}#{here}{{opacity:1}}",
             f'#{here} path:not([stroke="none"]){{stroke:{theme.client};stroke-width:6px}}']
    rules += [f'#{c} path:not([stroke="none"]){{stroke:{theme.lead};stroke-width:4px}}' for c in chain]
    return "\n".join(rules)


def _inline(svg: bytes) -> str:
    """The SVG element alone, for inlining into HTML (no XML prolog or doctype)."""
    text = svg.decode("utf-8")
    return text[text.find("<svg"):]


def _doc(title: str, body: list[str], css: str = "") -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{h(title)}</title>\n<style>\n{_STYLE}\n{css}\n</style>\n</head>\n<body>\n"
            + "\n".join(body) + "\n</body>\n</html>\n")


def _link(link: Link) -> str:
    return f'<a href="{h(link.id)}.html">{h(link.title)}</a>'


def inline(parts: Inline) -> str:
    """Text and links as HTML, the text escaped."""
    return "".join(_link(p) if isinstance(p, Link) else h(p) for p in parts)


def _block(block: Block) -> list[str]:
    out = [f"<h2>{h(block.heading)}</h2>"]
    out += [f"<p>{inline(p)}</p>" for p in block.paragraphs]
    if block.items:
        out.append("<ul>" + "".join(f"<li><strong>{h(label)}:</strong> {inline(text)}</li>" if label
                                    else f"<li>{inline(text)}</li>" for label, text in block.items) + "</ul>")
    return out


def page_html(page: RolePage, org: str, svg: bytes | None, theme: Theme) -> str:
    """One role's page: the same content as the Markdown page, and a chart of the role's neighbourhood
    (manager, peers, reports, dotted lines) with the role emphasised."""
    body = [f'<p><a href="index.html">{h(org)} — roles</a></p>', f"<h1>{h(page.title)}</h1>", '<dl class="facts">']
    body += [f"<dt>{h(label)}</dt><dd>{inline(value)}</dd>" for label, value in facts(page)]
    body.append("</dl>")
    for block in blocks(page):
        body += _block(block)
    css = ""
    if svg is not None:
        css = highlight_css(svg, page, theme)
        body += ["<h2>Where the role sits</h2>", f'<div class="chart">{_inline(svg)}</div>']
    return _doc(f"{page.title} — {org}", body, css)


def index_html(spec: OrgSpec, pages: list[RolePage]) -> str:
    """The index: every role page, grouped by unit."""
    body = [f"<h1>{h(spec.org)} — roles</h1>"]
    if spec.description:
        body.append(f"<p>{h(spec.description)}</p>")
    for unit, members in unit_sections(spec, pages):
        body.append(f"<h2>{h(unit)}</h2><ul>")
        body += [f"<li>{_link(Link(p.id, p.title))}" + (f" — “{h(p.nickname)}”" if p.nickname else "") + "</li>"
                 for p in members]
        body.append("</ul>")
    return _doc(f"{spec.org} — roles", body)
