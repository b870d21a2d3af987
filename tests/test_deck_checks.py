"""The deck checks catch what they say: Google Slides' and Keynote's import rules, text out of its shape in
LibreOffice, text under the floor, slides without notes."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Emu, Pt

from checks.deckimport import import_problems
from checks.decktext import check_deck

from .test_deck_native import deck_bytes


def _rewrite(data: bytes, part: str, change: dict[bytes, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == part:
                for old, new in change.items():
                    assert old in body
                    body = body.replace(old, new)
            dst.writestr(info, body)
    return out.getvalue()


def test_our_native_deck_keeps_every_import_rule() -> None:
    assert import_problems(deck_bytes(), "deck") == []


def test_a_font_the_tools_lack_and_a_dangling_connector_are_reported() -> None:
    data = _rewrite(deck_bytes(), "ppt/slides/slide2.xml", {b'typeface="Arial"': b'typeface="Liberation Sans"',
                                                            b"<a:stCxn id=": b"<a:stCxn id=\"9999\" x="})
    found = import_problems(data, "deck")
    assert any("FONT 'Liberation Sans'" in p for p in found)
    assert any("GLUE" in p and "stCxn" in p for p in found)


def test_a_group_of_lines_only_and_shrink_to_fit_are_reported() -> None:
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    group = slide.shapes.add_group_shape()
    group.shapes.add_connector(1, 0, 0, Emu(100000), Emu(100000))
    box = slide.shapes.add_textbox(0, 0, Emu(100000), Emu(100000))
    box.text_frame.text = "x"
    box.text_frame._txBody.bodyPr.append(box.text_frame._txBody.bodyPr.makeelement(
        "{http://schemas.openxmlformats.org/drawingml/2006/main}normAutofit", {"fontScale": "62500"}))
    raw = io.BytesIO()
    deck.save(raw)
    found = import_problems(raw.getvalue(), "deck")
    assert any("LINE-GROUP" in p for p in found)
    assert any("AUTOFIT" in p for p in found)


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and poppler are not installed")
def test_text_run_out_of_its_box_small_text_and_missing_notes_are_found_in_libreoffice(tmp_path: Path) -> None:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12192000), Emu(6858000)
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    fits = slide.shapes.add_textbox(Emu(500000), Emu(500000), Emu(4000000), Emu(600000))
    fits.text_frame.text = "Inside"
    fits.text_frame.paragraphs[0].runs[0].font.size = Pt(12)
    spills = slide.shapes.add_textbox(Emu(500000), Emu(2000000), Emu(1500000), Emu(300000))
    spills.text_frame.word_wrap = True
    spills.text_frame.auto_size = MSO_AUTO_SIZE.NONE  # the box stays as small as it is
    spills.text_frame.text = "Overflowing words wrap down past the bottom of this small box every time"
    spills.text_frame.paragraphs[0].runs[0].font.size = Pt(12)
    tiny = slide.shapes.add_textbox(Emu(6000000), Emu(500000), Emu(4000000), Emu(600000))
    tiny.text_frame.text = "Tiny"
    tiny.text_frame.paragraphs[0].runs[0].font.size = Pt(3)
    raw = io.BytesIO()
    deck.save(raw)
    path = tmp_path / "deck.pptx"
    path.write_bytes(raw.getvalue())
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=240)
    found = check_deck(raw.getvalue(), tmp_path / "deck.pdf", "deck", 4.5)
    assert any("runs under 4.5 pt (smallest 3 pt)" in p for p in found)
    assert any("no speaker notes" in p for p in found)
    out = [p for p in found if "out of" in p]
    assert out and all("TextBox 2" in p for p in out)  # only the small box; "Inside" is inside
