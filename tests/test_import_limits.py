"""import within bounds: specs that load or a finding on the row, hostile names, bounded reads, xlsx bombs, speed."""

import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from orgcharts.cli import main
from orgcharts.errors import SpecError
from orgcharts.commands.hrimport import run as hr_import
from orgcharts.commands.hrimport.run import import_table
from orgcharts.commands.hrimport.read import read_csv_text

from .conftest import ROOT


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, text: str, name: str = "hr.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def chain(levels: int) -> str:
    """Each person heads a department inside their manager's: departments nest `levels` deep."""
    rows = ["Employee ID,Name,Title,Manager ID,Department"]
    rows += [f"{i},Person {i},Head {i},{'' if i == 0 else i - 1},Dept {i}" for i in range(levels)]
    return "\n".join(rows) + "\n"


def test_a_40_level_department_chain_is_a_finding_on_its_row(tmp_path: Path) -> None:
    path = write(tmp_path, chain(40))
    out = tmp_path / "out.yaml"
    code, stdout, stderr = run("import", "csv", str(path), "-o", str(out))
    assert code == 1 and not out.exists()
    first = stderr.splitlines()[0]
    assert first.startswith(f"{path}:") and "the spec made from this row is refused: units[" in first
    assert "nest" in first and "deep" in first
    assert stderr.endswith(f"in {path}; nothing was written\n")
    assert run("import", "csv", str(write(tmp_path, chain(20), "ok.csv")))[0] == 0


@pytest.mark.parametrize(("org", "says"), [("Acme\x1b[31m", "control character"), ("A" * 500, "longer than 400"),
                                            ("\u200b", "empty once its invisible characters")])
def test_a_bad_org_is_a_finding_not_a_traceback(tmp_path: Path, org: str, says: str) -> None:
    path = write(tmp_path, "Name,Title,Manager\nAnn,CEO,\n")
    code, stdout, stderr = run("import", "csv", str(path), "--org", org)
    assert code == 1 and stdout == ""
    assert stderr.startswith(f"{path}:1:1: --org: ") and says in stderr
    assert "\x1b" not in stderr


@pytest.mark.parametrize(("stem", "org"), [("acme\u200bhr", "acmehr"), ("\u200b", "Imported organisation"),
                                           ("a\x07b", "ab"), ("x" * 200, "x" * 120)])
def test_the_org_named_after_a_hostile_file_name_still_loads(tmp_path: Path, stem: str, org: str) -> None:
    path = write(tmp_path, "Name,Title,Manager\nAnn,CEO,\n", f"{stem}.csv")
    code, stdout, stderr = run("import", "csv", str(path))
    assert code == 0, stderr
    assert f"\norg: {org}\n" in stdout


def test_an_over_large_spec_is_a_finding_at_the_header(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Name,Title,Manager\nAnn,CEO,\n" + "".join(f"P{i},Clerk,Ann\n" for i in range(2000))
    monkeypatch.setattr(hr_import, "MAX_BYTES", 10_000)
    with pytest.raises(SpecError) as info:
        import_table(read_csv_text(text, "hr.csv"), "Acme")
    (finding,) = info.value.findings
    assert str(finding).startswith("hr.csv:1:1: the spec made from these 2,001 rows would be ")
    assert "import one department at a time" in str(finding)


def test_100000_rows_end_in_a_finding_in_linear_time() -> None:
    rows = ["Employee ID,Name,Title,Manager ID,Department"]
    rows += [f"E{i},Person {i},Clerk,{'' if i == 0 else f'E{(i - 1) // 5}'},Dept {i // 10}" for i in range(100_000)]
    started = time.process_time()
    with pytest.raises(SpecError) as info:
        import_table(read_csv_text("\n".join(rows) + "\n", "hr.csv"), "Acme")
    assert time.process_time() - started < 30  # ~7 s: a square in rows or units would be hours
    (finding,) = info.value.findings
    assert str(finding).startswith("hr.csv:1:1: the spec made from these 100,000 rows would be ")


def test_a_role_over_the_headcount_limit_is_a_finding_on_its_row() -> None:
    text = "Name,Title,Manager\nAnn,CEO,\n" + ",Clerk,Ann\n" * 10_001
    with pytest.raises(SpecError) as info:
        import_table(read_csv_text(text, "hr.csv"), "Acme")
    assert [str(f) for f in info.value.findings] == [
        "hr.csv:3:1: the spec made from this row is refused: roles[1].open: 10001 is too large; the most allowed "
        "is 10000"]


def test_20000_rows_with_unknown_managers_report_every_row_fast() -> None:
    text = "Name,Title,Manager\n" + "".join(f"Person {i},Clerk {i % 50},Boss {i * 7 % 20000}x\n" for i in range(20_000))
    started = time.process_time()
    with pytest.raises(SpecError) as info:
        import_table(read_csv_text(text, "hr.csv"), "Acme")
    assert time.process_time() - started < 10
    assert sum(f.code == "unknown-manager" for f in info.value.findings) == 20_000


def test_a_fifo_and_a_device_are_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "hr.csv"
    os.mkfifo(fifo)
    code, _, stderr = run("import", "csv", str(fifo))
    assert code == 1 and "not a regular file" in stderr
    if Path("/dev/zero").exists():
        code, _, stderr = run("import", "csv", "/dev/zero")
        assert code == 1 and "not a regular file" in stderr


# --- xlsx: claimed dimensions ignored, unpacked size capped, DTDs refused -----------------------------------


def workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in [["Name", "Title", "Reports To"], ["Ann", "CEO", None], ["Bob", "Dev", "Ann"]]:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewrite(raw: bytes, replace: dict[str, bytes | None], big: dict[str, int] | None = None) -> bytes:
    """The workbook with some parts replaced; `big`: part -> that many bytes of `A` in one shared string."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in (big or {}):
                continue
            data = replace.get(info.filename, src.read(info))
            if data is not None:
                dst.writestr(info.filename, data)
        for name, data in replace.items():
            if name not in src.namelist() and data is not None:
                dst.writestr(name, data)
        for name, size in (big or {}).items():
            with dst.open(name, "w", force_zip64=True) as part:
                part.write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                           b'2006/main" count="1" uniqueCount="1"><si><t>')
                chunk = b"A" * (1 << 20)
                for _ in range(size // len(chunk)):
                    part.write(chunk)
                part.write(b"</t></si></sst>")
    return out.getvalue()


def import_in_child(path: Path) -> tuple[int, str, float, int]:
    """Exit code, stderr, CPU seconds and peak memory (KB) of `orgcharts import xlsx` in a fresh process."""
    code = ("import resource, subprocess, sys\n"
            "p = subprocess.run([sys.executable, '-m', 'orgcharts', 'import', 'xlsx', sys.argv[1]], "
            "capture_output=True, text=True, timeout=120)\n"
            "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "print(p.returncode, u.ru_utime + u.ru_stime, u.ru_maxrss)\n"
            "sys.stderr.write(p.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=180,
                          cwd=ROOT)
    returncode, cpu, peak = done.stdout.split()
    return int(returncode), done.stderr, float(cpu), int(peak)


def test_a_claimed_dimension_of_the_whole_sheet_is_ignored(tmp_path: Path) -> None:
    raw = workbook()
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    assert b'<dimension ref="A1:C3"/>' in sheet
    path = tmp_path / "hr.xlsx"
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    sheet = sheet.replace(b"A1:C3", b"A1:XFD1048576").replace(b"</sheetData>", far)
    path.write_bytes(rewrite(raw, {"xl/worksheets/sheet1.xml": sheet}))
    assert path.stat().st_size < 6000
    code, stderr, cpu, peak = import_in_child(path)
    assert code == 0, stderr
    assert cpu < 5 and peak < 300_000


BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
        + b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
                   for n in range(1, 10))
        + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>')
EXTERNAL = (b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&e;</t></si></sst>')


SST = "xl/sharedStrings.xml"
SST_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def with_shared_strings(raw: bytes, sst: bytes | None, big: int = 0) -> bytes:
    """The workbook with a shared-strings part that openpyxl reads (typed and linked), holding `sst` or a
    string of `big` bytes."""
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        types, rels = z.read("[Content_Types].xml"), z.read("xl/_rels/workbook.xml.rels")
    types = types.replace(b"</Types>", b'<Override PartName="/' + SST.encode() + b'" ContentType="' + SST_TYPE
                          + b'"/></Types>')
    rels = rels.replace(b"</Relationships>", b'<Relationship Id="rIdS" Type="' + SST_REL
                        + b'" Target="sharedStrings.xml"/></Relationships>')
    return rewrite(raw, {"[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": rels, SST: sst},
                   big={SST: big} if big else None)


@pytest.mark.parametrize(("case", "says"), [("bomb", "declares XML entities"), ("external", "declares XML entities"),
                                            ("sheet-bomb", "declares XML entities"), ("huge-string", "unpacks to")])
def test_xlsx_bombs_end_in_a_clear_error_fast_and_small(tmp_path: Path, case: str, says: str) -> None:
    raw = workbook()
    if case == "huge-string":
        bad = with_shared_strings(raw, None, big=300 << 20)
        assert len(bad) < 1_000_000
    elif case == "sheet-bomb":
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            sheet = z.read("xl/worksheets/sheet1.xml")
        body = sheet.split(b"?>", 1)[1] if sheet.startswith(b"<?xml") else sheet
        bad = rewrite(raw, {"xl/worksheets/sheet1.xml": BOMB.split(b"<sst")[0] + body})
    else:
        bad = with_shared_strings(raw, BOMB if case == "bomb" else EXTERNAL)
    path = tmp_path / "hr.xlsx"
    path.write_bytes(bad)
    code, stderr, cpu, peak = import_in_child(path)
    assert code == 1
    assert stderr.startswith(f"{path}:1:1: ") and says in stderr
    assert "Traceback" not in stderr
    assert cpu < 5 and peak < 300_000


def test_shared_strings_are_read_when_they_are_sound(tmp_path: Path) -> None:
    sst = (b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           b"<si><t>Zed</t></si></sst>")
    path = tmp_path / "hr.xlsx"
    path.write_bytes(with_shared_strings(workbook(), sst))
    code, stdout, stderr = run("import", "xlsx", str(path))
    assert code == 0, stderr
    assert "people: [Ann]" in stdout


# --- any input: a spec that loads, or findings; never another exception ------------------------------------

_CELL = st.one_of(st.text(alphabet="Ab =;,'\"\t\n\r\x00\x1b\u200b\u202eé-@|#:N/DXxV0.5%", max_size=12),
                  st.sampled_from(["Vacant", "N/D", "XX", "Ann", "Eliminated", "0", "0.5", "1"]))


@settings(max_examples=150, deadline=None)
@given(header=st.lists(st.sampled_from(["Name", "Title", "Manager", "Employee ID", "FTE", "Grade", "Location",
                                        "Department", "Vacancy", "Post Unique Reference", "Reports to Senior Post",
                                        "Role ID", "Unit ID", "Dotted Line Manager", "Assistant", "Zzz"]),
                       min_size=1, max_size=7, unique=True),
       rows=st.lists(st.lists(_CELL, max_size=7), max_size=8), org=st.none() | _CELL)
def test_any_table_imports_to_a_spec_that_loads_or_to_findings(header: list[str], rows: list[list[str]],
                                                                org: str | None) -> None:
    from orgcharts.spec.loader import load
    from orgcharts.commands.hrimport.read import Table

    table = Table("hr.csv", tuple((n + 1, tuple(cells)) for n, cells in enumerate([header, *rows])))
    try:
        imported = import_table(table, org, name="h\u200b")
    except SpecError as exc:
        assert exc.findings and all(f.path == "hr.csv" for f in exc.findings)
        return
    load(imported.text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_read_as_csv_or_xlsx_end_in_a_table_or_findings(raw: bytes) -> None:
    import tempfile

    from orgcharts.commands.hrimport.read import read_table

    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".csv", ".xlsx"):
            path = Path(folder) / f"hr{suffix}"
            path.write_bytes(raw)
            try:
                read_table(path, path.name)
            except SpecError as exc:
                assert exc.findings
