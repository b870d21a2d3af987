"""PDF post-processing: a fixed creation date, so the same chart gives the same bytes."""

from __future__ import annotations

import re

__all__ = ["stable_pdf", "FIXED_DATE"]

# The bundled cairo (1.15) stamps the wall-clock time and ignores SOURCE_DATE_EPOCH.
_DATE = re.compile(rb"(/(?:CreationDate|ModDate) \(D:)\d{14}")
FIXED_DATE = b"19800101000000"  # the zip epoch; as long as any date, so the xref offsets still hold


def stable_pdf(pdf: bytes) -> bytes:
    """Replace the PDF's timestamps with a fixed date of the same length.

    >>> stable_pdf(b"<< /CreationDate (D:20261125215008Z) >>")
    b'<< /CreationDate (D:19800101000000Z) >>'
    """
    return _DATE.sub(lambda m: m.group(1) + FIXED_DATE, pdf)
