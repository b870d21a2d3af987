"""YAML text -> plain data, with the position of every key and value, refusing what the format lacks."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Generic, NamedTuple, TypeVar

import yaml

from ..errors import Finding, Position, SpecError, format_field
from .yamlpos import mark_position as _pos
from .yamlpos import positioner

__all__ = ["Tree", "Scalar", "Places", "Unreadable", "parse", "forbidden", "MAX_DEPTH", "MAX_BYTES"]

Loc = tuple[str | int, ...]

# Documented limits: a spec is a hand-written file, so anything past these is a mistake or an attack.
MAX_DEPTH = 32
MAX_BYTES = 5_000_000

# The C parser is ~20x faster than the pure-Python one; both give events with marks.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()


class Scalar(NamedTuple):
    """How a scalar was written: its source text and whether it was quoted."""

    text: str
    plain: bool
    tag: str  # resolved YAML tag such as 'bool', 'int', 'str'


T = TypeVar("T")


class Places(Mapping[Loc, T], Generic[T]):
    """A mapping by field location whose values are made when looked up, from what the parser gave.

    A spec of a thousand roles has tens of thousands of keys and values, and few are ever asked for
    (one per finding): keeping the parser's marks costs nothing, making a `Position` for each does.
    """

    __slots__ = ("raw", "make")

    def __init__(self, make: Callable[[Any], T]) -> None:
        self.raw: dict[Loc, Any] = {}
        self.make = make

    def __getitem__(self, loc: Loc) -> T:
        return self.make(self.raw[loc])

    def __contains__(self, loc: object) -> bool:
        return loc in self.raw

    def __iter__(self) -> Iterator[Loc]:
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)


def _scalar(found: tuple[str, bool, str]) -> Scalar:
    return Scalar(*found)


class Tree:
    """Parsed YAML: the data, and positions keyed by field location."""

    __slots__ = ("data", "values", "keys", "scalars", "quoting", "pos")

    def __init__(self, data: Any, pos: Callable[[Any], Position] = _pos) -> None:
        self.data = data
        self.pos = pos  # the parser's marks -> positions (see `positioner`)
        self.values: Places[Position] = Places(pos)
        self.keys: Places[Position] = Places(pos)
        self.scalars: Places[Scalar] = Places(_scalar)
        # Where text that mentions `orgcharts:` runs (start, end): a waiver-like comment there is text.
        self.quoting: list[tuple[Position, Position]] = []

    def in_text(self, where: Position) -> bool:
        """Whether a position falls inside a text value that mentions `orgcharts:`."""
        return any(start <= where < end for start, end in self.quoting)

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """The position of `loc` (its key if asked), else of its nearest located ancestor."""
        table = (self.keys if key else self.values).raw
        values = self.values.raw
        probe = tuple(loc)
        while probe:
            found = table.get(probe)
            if found is None:
                found = values.get(probe)
            if found is not None:
                return self.pos(found)
            probe = probe[:-1]
        return self.values.get((), Position(1, 1))


# The first characters YAML 1.1 may read as something besides text (true, 1:30, ~ ...); a plain
# scalar starting with any other character is text, without trying each resolver's pattern.
_MAYBE_TYPED = frozenset(_resolver.yaml_implicit_resolvers) if None not in _resolver.yaml_implicit_resolvers \
    else None


class Unreadable:
    """A plain scalar YAML reads as a number it cannot make (`0b_`): no field takes it, and a text
    field says to quote it, as it does for any number."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return repr(self.text)


def _scalar_value(event: yaml.ScalarEvent) -> tuple[Any, str]:
    """Resolve a scalar the way YAML 1.1 does, returning the value and its short tag."""
    plain = event.style is None or event.style == ""
    if event.tag not in (None, "!") and not event.implicit[0] and not event.implicit[1]:
        # An explicit tag is refused (`check_node`): the text stays as written, never converted, so
        # `!!int 'x'` is a finding, not a crash.
        return event.value, event.tag.rsplit(":", 1)[-1]
    if plain and (_MAYBE_TYPED is None or event.value[:1] in _MAYBE_TYPED):
        tag = _resolver.resolve(yaml.ScalarNode, event.value, (True, False))
    else:
        return event.value, "str"
    short = tag.rsplit(":", 1)[-1]
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    if short == "null":
        return None, short
    try:
        if short == "bool":
            return _constructor.construct_yaml_bool(node), short
        if short == "int":
            return _constructor.construct_yaml_int(node), short
        if short == "float":
            return _constructor.construct_yaml_float(node), short
    except ValueError:  # `0b_` and `0x_` match YAML's pattern for a number, yet are none
        return Unreadable(event.value), short
    # Timestamps, binary and the like stay text: the format has no such types, and a
    # text field then accepts them only if quoted (see loader hints).
    return event.value, short


# XML 1.0 cannot hold these, so neither can an SVG: C0 controls other than tab and line ends,
# surrogates, and the noncharacters (U+FDD0-U+FDEF and the last two of every plane).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                        + "".join(f"\\U{p:04x}fffe\\U{p:04x}ffff" for p in range(1, 17)) + "]")


def forbidden(text: str) -> str | None:
    """The first character of `text` that no chart can hold, if any.

    >>> forbidden("a\ufffeb"), forbidden("ok")
    ('\ufffe', None)
    """
    if text.isprintable():  # every forbidden character is unprintable: most texts stop here
        return None
    found = _FORBIDDEN.search(text)
    return found.group() if found else None


def _forbidden_message(char: str) -> str:
    return (f"the character U+{ord(char):04X} is not allowed: XML, and so every chart, cannot hold it; "
            "remove it")


_NO_SPACE = re.compile(r"^\s*(?:- )?([A-Za-z_][\w-]*):(\S.*)$")


# PyYAML's wording for the usual indentation slips, and what to tell the user instead.
def _indent_hint(problem: str, line: int, context_line: int | None, lines: list[str] | None = None) -> str:
    source = lines[context_line - 1] if lines and context_line and context_line <= len(lines) else ""
    glued = _NO_SPACE.match(source)
    if "could not find expected ':'" in problem and glued:
        key, value = glued.groups()
        return f"line {context_line}: `{key}:{value[:20]}` needs a space after the colon: `{key}: {value[:20]}`"
    if "while scanning a quoted scalar" in problem and context_line:
        return f"the quote opened on line {context_line} is never closed; close it on that line"
    if "mapping values are not allowed" in problem:
        return (f"line {line} holds a `key:` indented deeper than the line above, so it reads as part of "
                "that line's value; line it up with the keys above (or, if it is text that contains ': ', "
                "put the text in quotes)")
    if "expected '-' indicator" in problem and context_line:
        return (f"line {line} does not line up with the list that starts on line {context_line}; indent it "
                "like those `- ` items, or like the fields above if it is a new field")
    if "did not find expected key" in problem and context_line:
        return (f"line {line} does not line up with the fields that start on line {context_line}; "
                "indent it like them")
    if "could not find expected ':'" in problem and context_line:
        return (f"line {context_line} has no `key:`; if it continues the text above, put that text in "
                "quotes; if it is a list item, start it with `- ` lined up with the others")
    return ""


def _syntax_finding(path: str, text: str, exc: yaml.YAMLError) -> Finding:
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        char = text[exc.position] if exc.position < len(text) else "\x00"
        return Finding(path, Position(line, col), "", _forbidden_message(char), code="forbidden-character")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    to_pos = positioner(text)
    at = to_pos(mark) if mark is not None else None
    message = f"YAML syntax error: {problem}"
    if context:
        message += f" ({context})"
    if at is not None and _char_at(text, at.line - 1, at.col - 1) == "\t":
        message += "; indent with spaces, not tabs"
    elif at is not None:
        hint = _indent_hint(f"{problem} ({context})", at.line,
                            to_pos(context_mark).line if context_mark is not None else None, text.split("\n"))
        message += f": {hint}" if hint else ""
    if ("could not find expected ':'" in problem or "quoted scalar" in str(context)) and context_mark is not None:
        at = to_pos(context_mark)  # the line without a colon, not the line after it
    pos = at if at is not None else Position(1, 1)
    return Finding(path, pos, "", message, code="yaml-syntax")


def _glued_item(lines: list[str], event: yaml.ScalarEvent,
                pos: Callable[[Any], Position] = _pos) -> tuple[int, str] | None:
    """A plain text running over lines that swallowed a `- item`: the item's line (0-based) and text."""
    first, last = pos(event.start_mark).line - 1, pos(event.end_mark).line - 1
    if event.style not in (None, "") or first == last:
        return None
    for number in range(first + 1, min(last, len(lines) - 1) + 1):
        stripped = lines[number].strip()
        if stripped == "-" or stripped.startswith("- "):
            return number, stripped
    return None


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column : column + 1] if line < len(lines) else ""


_Scalar, _Alias = yaml.ScalarEvent, yaml.AliasEvent
_SeqStart, _SeqEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_MapStart, _MapEnd = yaml.MappingStartEvent, yaml.MappingEndEvent


class _Builder:
    """Builds data from the event stream, keeping positions and collecting findings."""

    def __init__(self, path: str, text: str = "") -> None:
        self.path = path
        self.lines = text.split("\n")
        self.pos = positioner(text)
        self.tree = Tree(data=None, pos=self.pos)
        self.findings: list[Finding] = []
        # The parser's marks, kept as they come (made into positions when asked for).
        self.values = self.tree.values.raw
        self.keys = self.tree.keys.raw
        self.scalars = self.tree.scalars.raw

    def refuse(self, loc: Loc, mark: Any, message: str, code: str) -> None:
        where = mark if isinstance(mark, Position) else self.pos(mark)
        self.findings.append(Finding(self.path, where, format_field(loc), message, code=code))

    def check_node(self, loc: Loc, event: Any) -> None:
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self.refuse(loc, event.start_mark, f"anchors (&{anchor}) are not part of the format; "
                        "write the value out in full", "yaml-anchor")
        tag = getattr(event, "tag", None)
        implicit = getattr(event, "implicit", True)
        explicit = tag not in (None, "!") and not (implicit is True or (isinstance(implicit, tuple) and any(implicit)))
        if explicit:
            self.refuse(loc, event.start_mark, f"tags ({tag}) are not part of the format; remove the tag",
                        "yaml-tag")

    def check_scalar(self, loc: Loc, event: yaml.ScalarEvent) -> None:
        """Refuse characters no chart can hold, and a text that swallowed an over-indented `- item`."""
        value = event.value
        if "orgcharts:" in value:
            self.tree.quoting.append((self.pos(event.start_mark), self.pos(event.end_mark)))
        if not value.isprintable():  # every forbidden character is unprintable: most texts stop here
            char = forbidden(value)
            if char is not None:
                self.refuse(loc, event.start_mark, _forbidden_message(char), "forbidden-character")
        if event.style or event.start_mark.line == event.end_mark.line:
            return  # only a plain text running over lines can swallow an item
        glued = _glued_item(self.lines, event, self.pos)
        if glued is not None:
            number, item = glued
            start = self.pos(event.start_mark).line
            at = Position(number + 1, len(self.lines[number]) - len(self.lines[number].lstrip()) + 1)
            self.refuse(loc, at, f"line {number + 1} (`{item[:40]}`) is read as part of this text "
                        f"from line {start}, not as a new item: its `-` is indented deeper than the items "
                        "above; line it up with them (or quote the text if the dash belongs to it)",
                        "glued-item")

    def node(self, events: Iterator[Any], event: Any, loc: Loc, depth: int) -> Any:
        if depth > MAX_DEPTH:
            self.refuse(loc, event.start_mark, f"nested deeper than {MAX_DEPTH} levels; "
                        "a spec never needs that", "yaml-depth")
            raise _Abort
        self.values[loc] = event.start_mark
        kind = type(event)
        if kind is _Alias:
            self.refuse(loc, event.start_mark, f"aliases (*{event.anchor}) are not part of the format; "
                        "write the value out in full", "yaml-alias")
            return None
        if event.anchor is not None or event.tag is not None:
            self.check_node(loc, event)
        if kind is _Scalar:
            self.check_scalar(loc, event)
            value, tag = _scalar_value(event)
            self.scalars[loc] = (event.value, not event.style, tag)
            return value
        if kind is _SeqStart:
            items: list[Any] = []
            for nxt in events:
                if type(nxt) is _SeqEnd:
                    return items
                items.append(self.node(events, nxt, (*loc, len(items)), depth + 1))
        elif kind is _MapStart:
            return self.mapping(events, loc, depth)
        raise _Abort  # pragma: no cover - the parser never yields anything else here

    def mapping(self, events: Iterator[Any], loc: Loc, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        keys = self.keys
        for key_event in events:
            kind = type(key_event)
            if kind is _MapEnd:
                return out
            if kind is not _Scalar or key_event.value == "<<":
                what = "merge keys (<<)" if kind is _Scalar else "complex keys"
                self.refuse(loc, key_event.start_mark, f"{what} are not part of the format", "yaml-key")
                self.skip(events, key_event)
                self.skip(events, next(events))
                continue
            key = key_event.value
            child = (*loc, key)
            self.check_scalar(child, key_event)
            if key in out:
                first = self.pos(keys[child])
                self.refuse(child, key_event.start_mark,
                            f"duplicate key '{key}' (first at line {first.line}); keep one", "duplicate-key")
                self.skip(events, next(events))
                continue
            keys[child] = key_event.start_mark
            out[key] = self.node(events, next(events), child, depth + 1)
        return out

    def skip(self, events: Iterator[Any], event: Any) -> None:
        """Consume one whole node without building it."""
        level = 1 if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)) else 0
        while level:
            nxt = next(events)
            if isinstance(nxt, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                level += 1
            elif isinstance(nxt, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                level -= 1


class _Abort(Exception):
    """Stop building: a limit was hit and a finding recorded."""


def parse(text: str, path: str) -> Tree:
    """Parse one YAML document; raise SpecError with every finding if it is not acceptable."""
    builder = _Builder(path, text)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise SpecError([Finding(path, Position(1, 1), "", f"file is larger than {MAX_BYTES:,} bytes; "
                                 "split the organisation into several specs", code="too-large")])
    loader = _Loader(text)
    events = iter(loader.get_event, None)  # one call per event (yaml.parse makes two, through a generator)
    documents = 0
    try:
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    builder.refuse((), event.start_mark, "a spec holds one YAML document; "
                                   "remove the second '---' or split the file", "yaml-documents")
                    break
                builder.tree.data = builder.node(events, next(events), (), 0)
    except yaml.YAMLError as exc:
        builder.findings.append(_syntax_finding(path, text, exc))
    except _Abort:
        pass
    if builder.findings:
        raise SpecError(builder.findings)
    return builder.tree
