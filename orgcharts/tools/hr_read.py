"""HR export files -> rows of text cells with their row and column: CSV (any dialect) and .xlsx."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from pathlib import Path

from ..errors import Finding, Position, SpecError

__all__ = ["Table", "read_table", "read_csv_text", "TABLE_SUFFIXES", "FORMULA_START", "unguard_cell"]

TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
_DELIMITERS = ",;\t|"
MAX_BYTES = 50_000_000
# Cells starting with these run as formulas in spreadsheets; `export --to csv` writes them after a `'`.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def unguard_cell(text: str) -> str:
    """Drop the `'` that keeps a spreadsheet from running a cell as a formula.

    >>> unguard_cell("'=1+1"), unguard_cell("'Tis"), unguard_cell("=1")
    ('=1+1', "'Tis", '=1')
    """
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


@dataclass(frozen=True)
class Table:
    """A sheet: rows of stripped cell texts, each row with the file row it starts on (1-based)."""

    path: str
    rows: tuple[tuple[int, tuple[str, ...]], ...]


def _fail(shown: str, message: str, line: int = 1, col: int = 1, code: str = "io") -> SpecError:
    return SpecError([Finding(shown, Position(line, col), "", message, code=code)])


def read_table(path: Path, shown: str, *, encoding: str = "utf-8", sheet: str | None = None) -> Table:
    """Read a CSV or Excel file; an unreadable one raises SpecError with the reason and the fix."""
    from ..readfile import ReadError, read_bounded

    try:
        raw = read_bounded(path, MAX_BYTES)
    except ReadError as exc:
        raise _fail(shown, f"{exc}; split it" if exc.too_large else str(exc),
                    code="too-large" if exc.too_large else "io") from None
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(raw, shown, sheet)
    if raw.startswith(b"PK\x03\x04"):
        raise _fail(shown, "this is an Excel workbook, not CSV text; name it .xlsx")
    return read_csv_text(_decode(raw, shown, encoding), shown)


def _decode(raw: bytes, shown: str, encoding: str) -> str:
    try:
        text = raw.decode("utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding)
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _fail(shown, f"byte 0x{raw[exc.start]:02x} is not {encoding}; save the file as CSV UTF-8, or "
                    "name its encoding with --encoding (e.g. cp1252)", line, col, "encoding") from None
    except LookupError:
        raise _fail(shown, f"unknown encoding '{encoding}'") from None
    return text.removeprefix("\ufeff")


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


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores 1001 as 1001.0
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    return str(value).strip()


def _read_xlsx(raw: bytes, shown: str, sheet: str | None) -> Table:
    # openpyxl takes ~0.2 s to import: only when a workbook is read.
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _fail(shown, f"not a readable .xlsx workbook ({exc}); save it from Excel as .xlsx or CSV") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise _fail(shown, f"no sheet '{sheet}'; its sheets: {', '.join(book.sheetnames)}")
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        rows: list[tuple[int, tuple[str, ...]]] = []
        for number, values in enumerate(ws.iter_rows(min_row=1, min_col=1, values_only=True), start=1):
            cells = tuple(_cell_text(v) for v in values)
            if any(cells):
                rows.append((number, cells))
    finally:
        book.close()
    return Table(shown, tuple(rows))
