"""Codes reported while reading and validating the YAML, before the rule functions run."""

from __future__ import annotations

from .registry import declare

__all__: list[str] = []

declare("io", "error", "the file cannot be read, or is not a regular file (a folder, device or pipe)")
declare("encoding", "error", "bytes that are not UTF-8")
declare("too-large", "error", "a file over 5,000,000 bytes (only that much plus one byte is ever read)")
declare("empty-spec", "error", "nothing in the file")
declare("yaml-syntax", "error", "a YAML syntax error; tabs and the usual indentation slips get a hint naming "
        "the line to fix")
declare("forbidden-character", "error", "a character XML (and so every chart) cannot hold: U+FFFE, U+FFFF, "
        "other noncharacters, surrogates, C0 controls")
declare("glued-item", "error", "an over-indented `- item` that YAML glued onto the text above it")
declare("yaml-anchor", "error", "an anchor (`&a`): not part of the format")
declare("yaml-alias", "error", "an alias (`*a`), so no alias bomb can expand")
declare("yaml-key", "error", "a merge key (`<<`) or a complex key")
declare("yaml-tag", "error", "a tag (`!!str`)")
declare("yaml-documents", "error", "a second YAML document in the file")
declare("yaml-depth", "error", "nesting deeper than 32 levels")
declare("duplicate-key", "error", "a key given twice in one mapping (YAML would silently keep the last)")
declare("unknown-field", "error", "a field the format does not have; with a \"did you mean\"")
declare("missing-field", "error", "a required field is missing")
declare("wrong-type", "error", "a value of the wrong kind (a list where text belongs, ...)")
declare("quote-text", "error", "a bare `no`, `yes`, `1:30`, `0123` or `~` where text, a name or a role id "
        "belongs: YAML reads it as something else, so quote it")
declare("invalid-id", "error", "an id that is not a slug; the message suggests one")
declare("invalid-colour", "error", "a colour that is not `#RRGGBB` or `#RGB`")
declare("empty-text", "error", "empty text, or text made only of invisible characters (U+200B, U+2063 ...)")
declare("too-long", "error", "text over 400 characters (200 for a duty) or 10 lines")
declare("too-few", "error", "a list that needs at least one item")
declare("too-many", "error", "a list longer than allowed")
declare("out-of-range", "error", "a number outside its range (`fte` above 0 up to 1, `headcount` 0 to 10,000)")
declare("invalid-value", "error", "a value that is not one of the allowed ones")
declare("unsafe-text", "error", "control characters or bidirectional overrides, which can hide or reorder text")
