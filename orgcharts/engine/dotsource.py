"""DOT text written the way the `graphviz` package writes it (same quoting, order and layout), without its cost.

`dot` builds every chart through `DotGraph`: statements in the order given, attributes sorted by
name after a leading `label`, ids and values quoted only when DOT needs it, and a string wrapped
in `<...>` passed through as an HTML-like label unless it is marked `NoHtml` (see `escape`).
`tests/test_dotsource.py` holds it to the package's output byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from ..layout.memo import register

__all__ = ["DotGraph", "NoHtml", "escape", "quote", "quote_edge"]

_HTML = re.compile(r"<.*>$", re.DOTALL)
_ID = re.compile(r"([a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?))$")
_KEYWORDS = frozenset({"node", "edge", "graph", "digraph", "subgraph", "strict"})
_QUOTES = re.compile(r"(?P<escaped_backslashes>(?:\\{2})*)\\?(?P<literal_quote>\")")


class NoHtml(str):
    """A string never read as an HTML-like label, even when it looks like `<...>`."""

    __slots__ = ()


def escape(text: str) -> NoHtml:
    r"""Text whose backslashes and `<...>` are literal: `graphviz.escape`.

    >>> print(quote(escape(r"a\l <b>")))
    "a\\l <b>"
    """
    return NoHtml(text.replace("\\", "\\\\"))


_quoted: dict[str, str] = {}  # plain strings only, never NoHtml: the same text always quotes the same
register(_quoted.clear)


def quote(value: str) -> str:
    """A DOT id or value: as it is when DOT reads it so, else in double quotes with `"` escaped.

    >>> [quote(v) for v in ("spam", "spam spam", "-4.2", "node", "<<B>x</B>>", 'say "hi"')]
    ['spam', '"spam spam"', '-4.2', '"node"', '<<B>x</B>>', '"say \\\\"hi\\\\""']
    """
    if type(value) is str:
        got = _quoted.get(value)
        if got is None:
            got = _quote(value, html=True)
            if len(_quoted) < 65536:
                _quoted[value] = got
        return got
    return _quote(value, html=not isinstance(value, NoHtml))


def _quote(value: str, html: bool) -> str:
    if html and _HTML.match(value):
        return value
    if not _ID.match(value) or value.lower() in _KEYWORDS:
        if '"' in value:  # without one the substitution finds nothing to escape
            value = _QUOTES.sub(r"\g<escaped_backslashes>\\\g<literal_quote>", value)
        return f'"{value}"'
    return value


def quote_edge(end: str) -> str:
    """An edge's end, `node[:port[:compass]]`, each part quoted on its own."""
    node, _, rest = end.partition(":")
    parts = [quote(node)]
    if rest:
        port, _, compass = rest.partition(":")
        parts.append(quote(port))
        if compass:
            parts.append(compass)
    return ":".join(parts)


def _attrs(label: str | None, attrs: dict[str, str]) -> str:
    items = [f"label={quote(label)}"] if label is not None else []
    items += [f"{quote(k)}={quote(v)}" for k, v in sorted(attrs.items()) if v is not None]
    return " ".join(items)


class DotGraph:
    """A digraph or one of its subgraphs, as lines of DOT text: `graphviz.Digraph`'s subset `dot` uses."""

    def __init__(self, name: str | None = None) -> None:
        self.name = name
        self.body: list[str] = []

    def attr(self, kw: str | None = None, **attrs: str) -> None:
        """`graph [...]`, `node [...]`, `edge [...]`, or (no `kw`) bare attributes of this (sub)graph."""
        if not attrs:
            return
        text = _attrs(None, attrs)
        self.body.append(f"\t{kw} [{text}]\n" if kw is not None else f"\t{text}\n")

    def node(self, name: str, label: str | None = None, **attrs: str) -> None:
        """A node statement."""
        text = _attrs(label, attrs)
        self.body.append(f"\t{quote(name)} [{text}]\n" if text else f"\t{quote(name)}\n")

    def edge(self, tail: str, head: str, label: str | None = None, **attrs: str) -> None:
        """An edge statement; `tail` and `head` may name a port after a colon."""
        text = _attrs(label, attrs)
        self.body.append(f"\t{quote_edge(tail)} -> {quote_edge(head)}" + (f" [{text}]\n" if text else "\n"))

    @contextmanager
    def subgraph(self, name: str | None = None) -> Iterator[DotGraph]:
        """A subgraph, added to this graph's body when the `with` block ends."""
        sub = DotGraph(name)
        yield sub
        head = f"subgraph {quote(sub.name)} {{\n" if sub.name else "{\n"
        self.body += [f"\t{line}" for line in (head, *sub.body, "}\n")]

    @property
    def source(self) -> str:
        """The whole DOT text."""
        head = f"digraph {quote(self.name)} {{\n" if self.name else "digraph {\n"
        return head + "".join(self.body) + "}\n"
