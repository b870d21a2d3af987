"""HR export files -> rows of text cells with their row and column: CSV (any dialect) and .xlsx."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ...errors import Finding, Position, SpecError
from .xlsx import read_xlsx_rows

__all__ = ["Table", "read_table", "read_csv_text", "read_input_bytes", "TABLE_SUFFIXES", "FORMULA_START",
           "SEPARATORS", "needs_guard", "guard_cell", "unguard_cell"]

TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
SEPARATORS = ",;\t|"  # what a spreadsheet may split a CSV line on, by locale
_DELIMITERS = SEPARATORS
MAX_BYTES = 50_000_000
# Cells starting with these run as formulas in spreadsheets; `export --to csv` writes them after a `'`.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# A guard point: the start of a cell, or right after a separator (a spreadsheet in another locale may split
# the cell there). A formula character there, after any spaces and `'`, gets one more `'`.
_AT_POINT = r"(?:^|(?<=[,;\t|]))( *)"
_FORMULA = r"([=+\-@\t\r])"
_GUARD = re.compile(_AT_POINT + r"('*)" + _FORMULA)
_UNGUARD = re.compile(_AT_POINT + r"'('*)" + _FORMULA)


def needs_guard(text: str) -> bool:
    """Whether a spreadsheet could run part of the cell as a formula (or `unguard_cell` would change it).

    >>> [needs_guard(t) for t in ("=1", "a;=b", "a; -b", "'=1", "'Tis", "Ann", "a=b")]
    [True, True, True, True, False, False, False]
    """
    return _GUARD.search(text) is not None


def guard_cell(text: str) -> str:
    """A `'` before every formula character at a guard point (`=1` -> `'=1`, `a;=cmd` -> `a;'=cmd`, `'=1` ->
    `''=1`); `unguard_cell` removes exactly these.

    >>> guard_cell("=HYPERLINK(1)"), guard_cell("Ann"), guard_cell("'=1+1"), guard_cell("a;=cmd|x")
    ("'=HYPERLINK(1)", 'Ann', "''=1+1", "a;'=cmd|x")
    """
    return _GUARD.sub(r"\1'\2\3", text)


def unguard_cell(text: str) -> str:
    """Drop the `'`s that `guard_cell` adds, and nothing else.

    >>> unguard_cell("'=1+1"), unguard_cell("'Tis"), unguard_cell("=1"), unguard_cell("''=1+1"), unguard_cell("a;'-b")
    ('=1+1', "'Tis", '=1', "'=1+1", 'a;-b')
    """
    return _UNGUARD.sub(r"\1\2\3", text) if "'" in text else text


@dataclass(frozen=True)
class Table:
    """A sheet: rows of stripped cell texts, each row with the file row it starts on (1-based)."""

    path: str
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    notes: tuple[str, ...] = ()


def _fail(shown: str, message: str, line: int = 1, col: int = 1, code: str = "io") -> SpecError:
    return SpecError([Finding(shown, Position(line, col), "", message, code=code)])


def read_input_bytes(path: Path, shown: str, limit: int = MAX_BYTES) -> bytes:
    """A regular file's bytes, at most `limit`, through the one input boundary (readfile.read_bounded): a FIFO,
    a device or a folder is refused before anything is read, so `/dev/zero` cannot fill memory."""
    from ...spec.readfile import ReadError, read_bounded

    try:
        return read_bounded(path, limit)
    except ReadError as exc:
        raise _fail(shown, f"{exc}; split it" if exc.too_large else str(exc),
                    code="too-large" if exc.too_large else "io") from None


def read_table(path: Path, shown: str, *, encoding: str = "utf-8", sheet: str | None = None) -> Table:
    """Read a CSV or Excel file; an unreadable one raises SpecError with the reason and the fix."""
    raw = read_input_bytes(path, shown)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return Table(shown, tuple(read_xlsx_rows(raw, sheet, lambda message: _fail(shown, message))))
    if raw.startswith(b"PK\x03\x04"):
        raise _fail(shown, "this is an Excel workbook, not CSV text; name it .xlsx")
    text, notes = _decode(raw, shown, encoding)
    table = read_csv_text(text, shown)
    return Table(table.path, table.rows, notes)


_UTF8 = ("utf-8", "utf8", "utf-8-sig")


def _decode(raw: bytes, shown: str, encoding: str) -> tuple[str, tuple[str, ...]]:
    """Text and notes. UTF-8 (the default) falls back to Windows-1252, as older Excel and many publishers
    save CSV, with a note saying so; any other encoding is as named."""
    utf8 = encoding.lower().replace("_", "-") in _UTF8
    try:
        text = raw.decode("utf-8-sig" if utf8 else encoding)
    except UnicodeDecodeError as exc:
        if utf8:
            try:
                return raw.decode("cp1252"), (f"{shown} is not UTF-8; read it as Windows-1252 (cp1252); name "
                                              "another encoding with --encoding",)
            except UnicodeDecodeError:
                pass
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _fail(shown, f"byte 0x{raw[exc.start]:02x} is not {encoding}; save the file as CSV UTF-8, or "
                    "name its encoding with --encoding (e.g. cp1252)", line, col, "encoding") from None
    except LookupError:
        raise _fail(shown, f"unknown encoding '{encoding}'") from None
    return text.removeprefix("\ufeff"), ()


def _delimiter(text: str) -> str:
    """The dialect's delimiter: csv.Sniffer's guess if the header line has it, else the header's commonest."""
    header = text.split("\n", 1)[0]
    try:
        guess = csv.Sniffer().sniff(text[:65536], delimiters=_DELIMITERS).delimiter
        if guess in header:
            return guess
    except csv.Error:
        pass
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv_text(text: str, shown: str) -> Table:
    """CSV text (BOM, CRLF, `,` `;` tab or `|` delimited, quoted newlines) -> a Table."""
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    rows: list[tuple[int, tuple[str, ...]]] = []
    start = 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                rows.append((start, tuple(unguard_cell(cell.strip()) for cell in record)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise _fail(shown, f"not valid CSV: {exc}; check the quotes on this row", reader.line_num,
                    code="csv-syntax") from None
    return Table(shown, tuple(rows))
