"""User text made safe to print, in a module of its own: every command's output passes through it."""

from __future__ import annotations

__all__ = ["for_terminal"]

# Characters a terminal may act on or hide: controls (ESC starts a sequence), format characters
# (bidirectional overrides reorder a line), separators that break lines, surrogates, private use.
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


def for_terminal(text: str) -> str:
    r"""User text made safe to print: every control or invisible character written as its escape.

    The one place text from a spec or a file name is made printable; plain text is untouched.

    >>> for_terminal("ok \x1b[31mred\u202e é 😀")
    'ok \\x1b[31mred\\u202e é 😀'
    """
    if text.isprintable():
        return text
    import unicodedata

    out = []
    for char in text:
        if unicodedata.category(char) in _HIDDEN and char not in "\n\t":
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000
                       else f"\\U{code:08x}")
        elif char in "\n\t":
            out.append("\\n" if char == "\n" else "\\t")
        else:
            out.append(char)
    return "".join(out)
