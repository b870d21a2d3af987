"""Plain data -> YAML text, deterministically, quoting every string a YAML reader would misread."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

__all__ = ["dump_yaml", "yaml_scalar"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A conservative "plain is safe" shape: starts with a letter, digit or a few harmless marks, then no
# character that starts a comment, a mapping, an anchor, a tag, a flow collection or a quote.
_PLAIN = re.compile(r"[^\W_]|[(/.+$€£]", re.UNICODE)
_FORBIDDEN_PLAIN = re.compile(r"[#:{}\[\],&*!|>\"%@`\\\s]|^['-]|^\?")
# What YAML 1.2 or 1.1 resolve as non-strings that PyYAML (1.1) still reads as text: quote them too,
# so the file means the same in every YAML reader.
_OTHER_YAML = re.compile(
    r"^(?:[yYnN]|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[0-9][0-9:_.-]*)$"
)
# Characters a YAML reader folds, drops or refuses inside a double-quoted scalar when written raw.
_ESCAPE_RAW = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


# Words and numbers-after-a-letter separated by single spaces, `-`, `.` or `'` inside words: plain in every
# YAML reader unless they are one of YAML 1.1's booleans or null (checked apart). Most names and titles are
# this, and skipping the read-back for them keeps a 100,000-row import fast.
_WORDS = re.compile(r"[^\W\d_][^\W_]*(?:[-.'][^\W_]+)*(?: [^\W_]+(?:[-.'][^\W_]+)*)*")
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def _reads_back(text: str) -> bool:
    try:
        return bool(yaml.load(text, Loader=_Loader) == text)  # noqa: S506 - safe loader
    except yaml.YAMLError:
        return False


def _plain_ok(text: str, flow: bool) -> bool:
    """Whether `text` can be written without quotes and still read back as exactly this text."""
    if not text or text != text.strip() or not _PLAIN.match(text[0]):
        return False
    if _WORDS.fullmatch(text):
        return text.lower() not in _YAML_WORDS
    if " " in text:
        # Spaces are fine inside plain text, but not ` #`, `: ` or doubled spaces' neighbours.
        parts = text.split(" ")
        if any(not p or _FORBIDDEN_PLAIN.search(p) for p in parts):
            return False
    elif _FORBIDDEN_PLAIN.search(text):
        return False
    if flow and re.search(r"[,?\[\]{}]", text):  # PyYAML ends a plain scalar at these inside [...]
        return False
    if _OTHER_YAML.match(text):
        return False
    return _reads_back(text)


def _double_quoted(text: str) -> str:
    # JSON's string syntax is a subset of YAML's double-quoted scalars; escape the rest by code point.
    body = json.dumps(text, ensure_ascii=False)
    return _ESCAPE_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", body)


def yaml_scalar(value: Any, *, flow: bool = False) -> str:
    """One scalar as YAML: plain when that reads back unchanged, else double-quoted.

    >>> [yaml_scalar(v) for v in ["Sam", "no", "1:30", "0123", "#1 fan", "", True, 3, None]]
    ['Sam', '"no"', '"1:30"', '"0123"', '"#1 fan"', '""', 'true', '3', 'null']
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    return text if _plain_ok(text, flow) else _double_quoted(text)


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def _lines(value: Any, indent: int, width: int) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            head = f"{pad}{yaml_scalar(key)}:"
            if _is_scalar(item):
                out.append(f"{head} {yaml_scalar(item)}")
            elif not item:
                out.append(f"{head} {'{}' if isinstance(item, dict) else '[]'}")
            elif isinstance(item, list) and all(isinstance(i, str) for i in item):
                flow = f"{head} [{', '.join(yaml_scalar(i, flow=True) for i in item)}]"
                out += [flow] if len(flow) <= width else [head, *_lines(item, indent + 2, width)]
            else:
                out.append(head)
                out += _lines(item, indent + 2 if isinstance(item, dict) else indent + 2, width)
        return out
    for item in value:
        if _is_scalar(item):
            out.append(f"{pad}- {yaml_scalar(item)}")
            continue
        inner = _lines(item, indent + 2, width)
        out.append(f"{pad}- {inner[0].lstrip()}" if inner else f"{pad}- {{}}")
        out += inner[1:]
    return out


def dump_yaml(data: dict[str, Any], *, width: int = 100) -> str:
    """A mapping as block-style YAML in the mapping's own key order; short string lists on one line."""
    return "\n".join(_lines(data, 0, width)) + "\n"
