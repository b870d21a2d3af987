"""docs --format docx: job descriptions read back from the Word files, a house-style template, and LibreOffice's PDF.

The golden texts are tests/golden/docs/ROLE.txt; ORGCHARTS_ACCEPT=1 rewrites them (look at the diff first).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from orgcharts.cli import main

from .conftest import ROOT

SPEC = ROOT / "specs" / "client-services.yaml"
GOLDEN = ROOT / "tests" / "golden" / "docs"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("word")
    result = CliRunner().invoke(main, ["docs", str(SPEC), "--out", str(out), "--format", "docx"])
    assert result.exit_code == 0, result.output
    return out / "client-services"


def read_back(path: Path) -> str:
    """A .docx as text: each paragraph on a line, `[Style]` before headings, facts as `label | value`."""
    document = docx.Document(str(path))
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = docx.text.paragraph.Paragraph(child, document)
            style = paragraph.style.name if paragraph.style is not None else "Normal"
            mark = "- " if style == "List Bullet" else f"[{style}] " if style != "Normal" else ""
            lines.append(mark + paragraph.text)
        elif tag == "tbl":
            table = docx.table.Table(child, document)
            lines += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("role", ["account-manager", "project-manager"])
def test_golden_job_descriptions_read_back_from_word(written: Path, role: str) -> None:
    text = read_back(written / f"{role}.docx")
    golden = GOLDEN / f"{role}.txt"
    if os.environ.get("ORGCHARTS_ACCEPT"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"run with ORGCHARTS_ACCEPT=1 to accept {golden}"


def test_the_job_descriptions_say_what_a_job_description_needs(written: Path) -> None:
    """Purpose, both sides of the role, the reporting line and key relationships, in each golden role."""
    am = read_back(written / "account-manager.docx")
    assert "[Heading 1] Purpose\nThe client's day-to-day partner" in am
    assert "Reports to | Account Director" in am
    assert "[Heading 1] Duties with the Client\n- Day-to-day contact for client questions and feedback" in am
    assert "[Heading 1] Duties with the Production team\n- Briefs the team on the client's goals" in am
    assert "[Heading 1] Key relationships\n- Clients' brand, marketing and e-commerce leads" in am
    assert "- Project Manager — account teams: Northwind Outfitters" in am  # derived from the accounts
    assert "Client Rep" in am and "Owns" not in am.split("[Heading 1] The unit")[0]
    pm = read_back(written / "project-manager.docx")
    assert "Reports to | Director of Client Services" in pm and "Dotted-line reports | QA Engineer" in pm
    assert "Headcount | 4 seats: 3 filled, 1 open · 3 FTE filled" in pm
    assert "[Heading 1] Purpose\nThe Team Captain: runs delivery" in pm
    links = [r.target_ref for r in docx.Document(str(written / "project-manager.docx")).part.rels.values()
             if r.is_external]
    assert "director-client-services.docx" in links and "qa-engineer.docx" in links
    index = read_back(written / "index.docx")
    assert "[Title] Barrel — job descriptions" in index and "- Account Manager" in index


def test_word_files_are_byte_stable(written: Path, tmp_path: Path) -> None:
    again = CliRunner().invoke(main, ["docs", str(SPEC), "--out", str(tmp_path), "--format", "docx"])
    assert again.exit_code == 0
    for path in written.iterdir():
        assert (tmp_path / "client-services" / path.name).read_bytes() == path.read_bytes(), path.name


def test_a_template_gives_the_house_style(tmp_path: Path) -> None:
    house = docx.Document()
    house.styles["Title"].font.name = "House Serif"
    house.sections[0].header.paragraphs[0].text = "Barrel — HR"
    house.add_paragraph("Template body text, not copied")
    template = tmp_path / "house.docx"
    house.save(str(template))
    out = tmp_path / "docs"
    result = CliRunner().invoke(main, ["docs", str(SPEC), "--out", str(out), "--format", "docx",
                                       "--template", str(template)])
    assert result.exit_code == 0, result.output
    page = docx.Document(str(out / "client-services" / "account-manager.docx"))
    assert page.styles["Title"].font.name == "House Serif"
    assert page.paragraphs[0].style.name == "Title" and page.paragraphs[0].text == "Account Manager"
    assert page.sections[0].header.paragraphs[0].text == "Barrel — HR"
    assert "Template body text" not in "\n".join(p.text for p in page.paragraphs)
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    result = CliRunner().invoke(main, ["docs", str(SPEC), "--out", str(tmp_path / "x"), "--format", "docx",
                                       "--template", str(bad)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{bad}:1:1: --template: not a Word .docx file" in result.stderr
    result = CliRunner().invoke(main, ["docs", str(SPEC), "--out", str(tmp_path / "y"), "--template", str(template)])
    assert result.exit_code == 2 and "--template is for --format docx" in result.stderr


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed: apt-get install poppler-utils")
def test_libreoffice_opens_the_word_file_and_its_pdf_reads_as_a_job_description(written: Path, tmp_path: Path) -> None:
    profile = tmp_path / "profile"  # a fresh LibreOffice profile: no lock shared with another run
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(written / "project-manager.docx")],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "project-manager.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          timeout=60).stdout.decode("utf-8")
    flat = " ".join(text.split())
    for expected in ("Project Manager", "Job description · Barrel", "Reports to Director of Client Services",
                     "Purpose The Team Captain: runs delivery", "Duties with the Client",
                     "Shares the schedule, milestones and launch plan", "Duties with the Production team",
                     "Runs kickoff, sprint planning and stand-ups", "Key relationships",
                     "Clients' project and product owners", "4 seats: 3 filled, 1 open"):
        assert expected in flat, expected
