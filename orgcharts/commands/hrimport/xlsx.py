"""Excel workbooks (.xlsx) -> rows of cells, bounded: declared sizes capped, DTDs refused, claimed dimensions ignored.

A workbook is a zip of XML parts. Before openpyxl sees one, every part is checked: only the two
compression methods Excel writes (stored, deflate), at most `MAX_UNZIPPED` bytes unpacked in all
(zipfile never inflates a part past its declared size), and no part with a DTD (`<!DOCTYPE` or
`<!ENTITY`: entity bombs and external entities; Excel never writes one). The sheet's claimed
dimension (`A1:XFD1048576`) is dropped, so only the cells present are read, at most `MAX_COLUMNS`
a row. Cost: one pass over the unpacked bytes to check them, one to read the cells.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Callable

from ...errors import SpecError

__all__ = ["read_xlsx_rows", "MAX_UNZIPPED", "MAX_COLUMNS"]

MAX_UNZIPPED = 64_000_000  # bytes of XML a workbook may unpack to (an HR export of 100,000 rows is ~40 MB)
MAX_COLUMNS = 256  # cells read per row; HR exports have a few dozen columns
_CHUNK = 1 << 20
_DTD_MARKS = (b"<!DOCTYPE", b"<!ENTITY")
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)

Fail = Callable[[str], SpecError]


def _check_parts(archive: zipfile.ZipFile, fail: Fail) -> None:
    """Refuse a workbook whose parts unpack past the cap, use other compression, or declare a DTD."""
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    if total > MAX_UNZIPPED:
        raise fail(f"the workbook unpacks to {total:,} bytes, more than the {MAX_UNZIPPED:,} an HR export "
                   "needs; save the sheet as CSV, or split it")
    for info in infos:
        if info.compress_type not in _METHODS:
            raise fail(f"part '{info.filename}' is compressed in a way Excel does not write; save the workbook "
                       "again from Excel, or as CSV")
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        tail = b""
        with archive.open(info) as part:
            while chunk := part.read(_CHUNK):
                window = tail + chunk
                if any(mark in window for mark in _DTD_MARKS):
                    raise fail(f"part '{info.filename}' declares XML entities (a DTD), which Excel never "
                               "writes and which can expand without bound or read other files; save the "
                               "workbook again from Excel, or as CSV")
                tail = window[-16:]


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


def read_xlsx_rows(raw: bytes, sheet: str | None, fail: Fail) -> list[tuple[int, tuple[str, ...]]]:
    """The rows that hold text, each with its 1-based row number; `fail(message)` makes the error to raise."""
    # openpyxl takes ~0.2 s to import: only when a workbook is read.
    from xml.etree.ElementTree import ParseError

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    unreadable = (InvalidFileException, zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, OSError,
                  ParseError, EOFError, TypeError, AttributeError, IndexError, NotImplementedError)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            _check_parts(archive, fail)
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except SpecError:
        raise
    except unreadable as exc:
        raise fail(f"not a readable .xlsx workbook ({type(exc).__name__}: {exc}); save it from Excel as .xlsx "
                   "or CSV") from None
    rows: list[tuple[int, tuple[str, ...]]] = []
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise fail(f"no sheet '{sheet}'; its sheets: {', '.join(book.sheetnames)}")
        if not book.worksheets:
            raise fail("the workbook has no worksheet")
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()  # the claimed A1:XFD1048576 is not believed: only cells present are read
        # No max_col: a missing row is then an empty tuple, not a padded one (a million of them cost little).
        for number, values in enumerate(ws.iter_rows(min_row=1, min_col=1, values_only=True), start=1):
            if not values:
                continue
            cells = tuple(_cell_text(v) for v in values[:MAX_COLUMNS])
            if any(cells):
                rows.append((number, cells))
    except SpecError:
        raise
    except unreadable as exc:
        raise fail(f"not a readable .xlsx workbook ({type(exc).__name__}: {exc}); save it from Excel as .xlsx "
                   "or CSV") from None
    finally:
        book.close()
    return rows
