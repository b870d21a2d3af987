"""cli import: spec on stdout or -o, notes and summary on stderr, errors as path:row:col lines, exit codes."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from orgcharts.cli import main


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(tmp_path: Path, text: str, name: str = "hr.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_import_prints_the_spec_and_a_summary(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "Name,Title,Reports To,Location,Hired\nAnn,CEO,,Oslo,\nBob,Dev,Ann,Oslo,\n,Dev,Ann,,\n")
    result = runner.invoke(main, ["import", "csv", str(path), "--org", "Acme"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ("version: 1\norg: Acme\nroles:\n  - id: ceo\n    title: CEO\n    people: [Ann]\n"
                             "    location: Oslo\n  - id: dev\n    title: Dev\n    reports_to: ceo\n    people: [Bob]\n"
                             "    open: 1\n")
    assert result.stderr == ("note: column 'Hired' is not used (--map 'Hired=FIELD' to use it)\n"
                             "imported: 2 people and 1 open seat in 2 roles and 0 units; checks clean\n")


def test_import_writes_the_file_atomically_and_names_the_org_after_it(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "Name,Title,Manager,Department\nAnn,CEO,,Exec\nBob,Dev,Ann,Eng\nCat,QA,Ann,Eng\n",
                 "acme-hr.csv")
    out = tmp_path / "acme.yaml"
    result = runner.invoke(main, ["import", "csv", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("version: 1\norg: acme-hr\n")
    assert f"{out}:7:5: warning: units[1]: unit 'eng' has roles but no lead; add `lead:`" in result.stderr
    assert result.stderr.endswith("in 3 roles and 2 units; 1 warning\n")


def test_bad_rows_exit_1_with_every_error_and_write_nothing(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "Name,Title,Manager\nAnn,CEO,\nBob,,Ann\nCat,Dev,Bobb\n")
    out = tmp_path / "out.yaml"
    result = runner.invoke(main, ["import", "csv", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"{path}:3:2: Title: no job title; every person and open seat needs one\n"
                             f"{path}:4:3: Manager: 'Bobb' is nobody in this file; did you mean 'Bob'?\n"
                             f"2 errors in {path}; nothing was written\n")
    assert not out.exists()
    assert isinstance(result.exception, SystemExit)


def test_a_bad_map_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "Name,Title,Boss\nAnn,CEO,\n")
    result = runner.invoke(main, ["import", "csv", str(path), "--map", "Boss=manger"])
    assert result.exit_code == 2
    assert "'manger' is not a field; did you mean 'manager'?" in result.stderr


def test_an_excel_file_named_csv_and_an_unreadable_workbook(runner: CliRunner, tmp_path: Path) -> None:
    fake = tmp_path / "hr.csv"
    fake.write_bytes(b"PK\x03\x04rest")
    result = runner.invoke(main, ["import", "csv", str(fake)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{fake}:1:1: this is an Excel workbook, not CSV text; name it .xlsx\n")
    broken = tmp_path / "hr.xlsx"
    broken.write_bytes(b"not a zip")
    result = runner.invoke(main, ["import", "xlsx", str(broken)])
    assert result.exit_code == 1
    assert "not a readable .xlsx workbook" in result.stderr
    assert "Traceback" not in result.output


def test_import_xlsx_with_a_named_sheet(runner: CliRunner, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.create_sheet("People")
    for row in [["Name", "Position", "Reports To"], ["Ann", "CEO", None], ["Bob", "Dev", "Ann"]]:
        book["People"].append(row)
    path = tmp_path / "hr.xlsx"
    book.save(path)
    result = runner.invoke(main, ["import", "xlsx", str(path), "--sheet", "People"])
    assert result.exit_code == 0, result.output
    assert "reports_to: ceo" in result.stdout
    result = runner.invoke(main, ["import", "xlsx", str(path), "--sheet", "Staff"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}:1:1: no sheet 'Staff'; its sheets: Sheet, People\n")


def test_the_map_help_lists_every_field_the_importer_reads() -> None:
    from orgcharts.commands.specs import MAP_FIELDS
    from orgcharts.commands.hrimport.columns import field_help

    assert MAP_FIELDS == field_help()
