"""Job descriptions as Word files (.docx, through python-docx), in a house style taken from a template's styles."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from ...errors import Finding, Position, SpecError
from ...spec.models import OrgSpec
from .jdlayout import Inline, blocks, facts
from .pages import Link, RolePage, unit_sections

__all__ = ["page_docx", "index_docx", "STYLES"]

# The styles a page uses; a template should define them (Word's built-in names). Missing ones fall back to
# the template's default paragraph style, so a bare template still gives a readable page.
STYLES = {"title": "Title", "subtitle": "Subtitle", "heading": "Heading 1", "bullet": "List Bullet",
          "table": "Table Grid"}
_FIXED = datetime(2000, 1, 1)  # core properties' dates: same spec, same bytes
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _document(template: Path | None) -> Any:
    """A new document: python-docx's default, or the template with its body emptied (styles, headers,
    footers and page setup kept)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if template is None:
        return docx.Document()
    try:
        document = docx.Document(str(template))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise SpecError([Finding(str(template), Position(1, 1), "--template",
                                 f"not a Word .docx file python-docx can open ({type(exc).__name__}); "
                                 "pass a .docx saved by Word or LibreOffice")]) from None
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    return document


def _style(document: Any, key: str) -> Any:
    """The named style if the document has it, else None (the default style)."""
    name = STYLES[key]
    try:
        return document.styles[name]
    except KeyError:
        return None


def _hyperlink(paragraph: Any, target: str, text: str) -> None:
    """A link to another file beside this one (another role's page), in the Hyperlink style's colour."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    rid = paragraph.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0E7490")
    props.append(colour)
    props.append(underline)
    run.append(props)
    words = OxmlElement("w:t")
    words.text = text
    words.set(qn("xml:space"), "preserve")
    run.append(words)
    link.append(run)
    paragraph._p.append(link)


def _inline(paragraph: Any, parts: Inline) -> None:
    for part in parts:
        if isinstance(part, Link):
            _hyperlink(paragraph, f"{part.id}.docx", part.title)
        else:
            paragraph.add_run(part)


def _stable(document: Any, title: str) -> bytes:
    """The document's bytes with fixed dates, in a zip with fixed times and order: same spec, same bytes."""
    props = document.core_properties
    props.title, props.author, props.last_modified_by, props.revision = title[:255], "orgcharts", "orgcharts", 1
    props.created = props.modified = props.last_printed = _FIXED
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, _ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def page_docx(page: RolePage, org: str, template: Path | None = None) -> bytes:
    """One role's job description as a .docx: title, facts, then purpose, unit, duties on both sides,
    requirements, key relationships, RACI and accounts, as the Markdown page has them."""
    document = _document(template)
    document.add_paragraph(page.title, _style(document, "title"))
    document.add_paragraph(f"Job description · {org}", _style(document, "subtitle"))
    rows = facts(page)
    table = document.add_table(rows=len(rows), cols=2)
    if _style(document, "table") is not None:
        table.style = _style(document, "table")
    from docx.shared import Cm

    table.autofit = False
    table.columns[0].width, table.columns[1].width = Cm(4), Cm(12)  # the grid LibreOffice reads
    for row, (name, value) in zip(table.rows, rows):
        row.cells[0].paragraphs[0].add_run(name).bold = True
        _inline(row.cells[1].paragraphs[0], value)
        row.cells[0].width, row.cells[1].width = Cm(4), Cm(12)  # labels narrow, values wide
    for block in blocks(page):
        document.add_paragraph(block.heading, _style(document, "heading"))
        for text in block.paragraphs:
            _inline(document.add_paragraph(), text)
        for label, item in block.items:
            paragraph = document.add_paragraph(style=_style(document, "bullet"))
            if label:
                paragraph.add_run(f"{label}: ").bold = True
            _inline(paragraph, item)
    return _stable(document, f"{page.title} — {org}")


def index_docx(spec: OrgSpec, pages: list[RolePage], template: Path | None = None) -> bytes:
    """The index: every role's job description, grouped by unit, each a link to its file."""
    document = _document(template)
    document.add_paragraph(f"{spec.org} — job descriptions", _style(document, "title"))
    if spec.description:
        document.add_paragraph(spec.description)
    for unit, members in unit_sections(spec, pages):
        document.add_paragraph(unit, _style(document, "heading"))
        for page in members:
            _inline(document.add_paragraph(style=_style(document, "bullet")), (Link(page.id, page.title),))
    return _stable(document, f"{spec.org} — job descriptions")
