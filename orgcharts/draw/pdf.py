"""PDF post-processing: a fixed creation date, so the same chart gives the same bytes in every time zone."""

from __future__ import annotations

import re

__all__ = ["stable_pdf", "FIXED_DATE"]

# The bundled cairo (1.15) stamps the local wall-clock time with its zone ("Z", "+05'30")
# and ignores SOURCE_DATE_EPOCH.
_DATE = re.compile(rb"(/(?:CreationDate|ModDate) ?)\(D:[^)]*\)")
FIXED_DATE = b"(D:19800101000000Z)"  # the zip epoch, in UTC
_XREF = re.compile(rb"\nxref\n\d+ \d+\n((?:\d{10} \d{5} [nf] ?\r?\n)+)")
_ENTRY = re.compile(rb"(\d{10})( \d{5} n)")
_STARTXREF = re.compile(rb"startxref\n(\d+)\n%%EOF\s*$")


def stable_pdf(pdf: bytes) -> bytes:
    """Replace the PDF's timestamps with a fixed UTC date, moving the cross-reference offsets to match.

    >>> stable_pdf(b"<< /CreationDate (D:20261125215008+05'30) >>")
    b'<< /CreationDate (D:19800101000000Z) >>'
    """
    marks: list[tuple[int, int]] = []  # (end of a replaced date in the old bytes, total shift after it)
    shift = 0

    def fixed(match: re.Match[bytes]) -> bytes:
        nonlocal shift
        new = match.group(1) + FIXED_DATE
        shift += len(new) - len(match.group(0))
        marks.append((match.end(), shift))
        return new

    out = _DATE.sub(fixed, pdf)
    if shift == 0:
        return out

    def moved(offset: int) -> int:
        return offset + next((total for end, total in reversed(marks) if offset >= end), 0)

    def entries(match: re.Match[bytes]) -> bytes:
        table = _ENTRY.sub(lambda e: b"%010d" % moved(int(e.group(1))) + e.group(2), match.group(1))
        return match.group(0)[: match.start(1) - match.start(0)] + table

    out = _XREF.sub(entries, out)
    return _STARTXREF.sub(lambda m: b"startxref\n%d\n%%%%EOF\n" % moved(int(m.group(1))), out)
