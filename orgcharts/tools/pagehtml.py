"""Role pages and their index as HTML, with the role's place in the org chart highlighted."""

from __future__ import annotations

import html
import re

from ..spec import OrgSpec
from ..themes import Theme
from .pages import Link, RolePage, unit_sections

__all__ = ["h", "node_ids", "highlight_css", "page_html", "index_html"]

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


def _list(items: tuple[str, ...], empty: str = "none listed") -> str:
    return "<ul>" + "".join(f"<li>{h(i)}</li>" for i in items) + "</ul>" if items else f"<p>{h(empty)}</p>"


def page_html(page: RolePage, org: str, svg: bytes | None, theme: Theme) -> str:
    """One role's page: the same content as the Markdown page, and the org chart with the role emphasised."""
    people = ", ".join(page.people)
    seats = f"{page.open_seats} open seat{'s' * (page.open_seats != 1)}" if page.open_seats else ""
    facts = [
        ("Unit", h(" › ".join(page.unit))), ("Nickname", h(page.nickname or "")), ("Owns", h(page.owns or "")),
        ("Key responsibility", h(page.key_responsibility or "")),
        ("Reports to", _link(page.reports_to) if page.reports_to else "no one"),
        ("Dotted line to", ", ".join(map(_link, page.dotted_to))),
        ("Direct reports", ", ".join(map(_link, page.direct_reports)) or "none"),
        ("Dotted-line reports", ", ".join(map(_link, page.dotted_reports))),
        ("People", " · ".join(h(p) for p in (people, seats) if p) or "none named"),
    ]
    body = [f'<p><a href="index.html">{h(org)} — roles</a></p>', f"<h1>{h(page.title)}</h1>", '<dl class="facts">']
    body += [f"<dt>{label}</dt><dd>{value}</dd>" for label, value in facts if value]
    body.append("</dl>")
    body += [f"<h2>Duties with the {h(page.client_side)}</h2>", _list(page.client_duties),
             f"<h2>Duties with the {h(page.team_side)}</h2>", _list(page.team_duties), "<h2>RACI</h2>"]
    body.append("<ul>" + "".join(f"<li><strong>{h(name)}:</strong> {h(', '.join(acts))}</li>"
                                 for name, acts in page.raci) + "</ul>" if page.raci else "<p>none</p>")
    body.append("<h2>Accounts</h2>")
    body.append(_list(tuple(f"{c} — {part}" + (f" ({p})" if p else "") for c, part, p in page.accounts), "none"))
    css = ""
    if svg is not None:
        css = highlight_css(svg, page, theme)
        body += ["<h2>In the org chart</h2>", f'<div class="chart">{_inline(svg)}</div>']
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
