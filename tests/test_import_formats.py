"""Published HR formats import with no flag and no edit: UK organogram (senior + junior, BOM or cp1252),
Workday- and BambooHR-style reports; their conventions become the spec's meaning."""

import csv
import io
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from orgcharts.cli import main
from orgcharts.errors import SpecError
from orgcharts.spec.loader import load_text
from orgcharts.spec.models import OrgSpec
from orgcharts.commands.hrimport.run import Imported, import_file, import_table
from orgcharts.commands.hrimport.read import read_csv_text

from .hrformats import ORGANISATION, bamboohr, organogram, organogram_files, workday


def write_organogram(folder: Path, encoding: str) -> Path:
    senior, junior = organogram_files(300, encoding=encoding)
    (folder / "orrt-2024-09-30-senior.csv").write_bytes(senior)
    (folder / "orrt-2024-09-30-junior.csv").write_bytes(junior)
    return folder / "orrt-2024-09-30-senior.csv"


@pytest.fixture(scope="module", params=["utf-8-sig", "cp1252"])
def organogram_import(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Imported:
    path = write_organogram(tmp_path_factory.mktemp(request.param), request.param)
    return import_file(path, path.name)


def test_the_generator_is_deterministic_and_has_the_conventions() -> None:
    assert organogram_files(300) == organogram_files(300)
    senior, junior = organogram_files(300)
    assert senior.startswith(b"\xef\xbb\xbfPost Unique Reference,Name,Grade (or equivalent),Job Title")
    rows = list(csv.DictReader(io.StringIO(senior.decode("utf-8-sig"))))
    names = [r["Name"] for r in rows]
    assert len({r["Post Unique Reference"] for r in rows}) >= 300
    assert names.count("Vacant") >= 10 and names.count("N/D") >= 100 and names.count("Eliminated") == 2
    assert [r["Reports to Senior Post"] for r in rows].count("XX") == 1
    assert organogram_files(300, encoding="cp1252")[0].count(b"\xa3") == 3  # the £ of three headers
    assert len(junior.splitlines()) > 300


def test_an_organogram_imports_with_its_conventions(organogram_import: Imported) -> None:
    spec = load_text(organogram_import.text)
    posts, junior = organogram(300)
    assert organogram_import.warnings == ()  # the spec checks clean
    assert spec.org == ORGANISATION  # named after the file's Organisation, not the file
    top = spec.roles[0]
    assert (top.title, top.reports_to, top.grade) == ("Permanent Secretary", None, "SCS4")
    assert [r.id for r in spec.roles if r.reports_to is None] == [top.id]  # the XX post is the one root
    by_title = {r.title: r for r in spec.roles if r.grade and r.grade.startswith("SCS")}
    live = [p for p in posts if not p.eliminated]
    assert len(by_title) == len(live)  # eliminated posts are left out, job shares are one role
    for post in live:
        role = by_title[post.title]
        assert role.grade == post.grade
        if post.vacant:  # vacant -> an open seat, nobody named
            assert (role.open, role.people, role.seats) == (1, [], 1)
        elif post.undisclosed:  # N/D -> a filled seat without a name
            assert (role.open, role.people, role.unnamed) == (0, [], 1)
        else:
            assert [(p.name, p.fte) for p in role.people] == list(zip(post.names, post.ftes))
    assert sum(1 for r in spec.roles if len(r.people) == 2 and all(p.fte == 0.5 for p in r.people)) == 2
    assert any(p.fte == 0.8 for r in spec.roles for p in r.people)


def test_junior_staff_become_headcount_under_their_senior_post(organogram_import: Imported) -> None:
    spec = load_text(organogram_import.text)
    posts, junior = organogram(300)
    by_post = {p.ref: p.title for p in posts}
    titles = {r.id: r.title for r in spec.roles}
    junior_roles = [r for r in spec.roles if r.grade and not r.grade.startswith("SCS")]
    assert junior_roles and all(r.people == [] and r.open == 0 for r in junior_roles)
    expected: dict[tuple[str, str], float] = {}
    for row in junior:
        key = (by_post[row[3]], row[7])
        expected[key] = expected.get(key, 0) + float(row[8])
    got = {(titles[r.reports_to or ""], r.title): r.seats * (r.fte or 1) for r in junior_roles}
    assert got.keys() == expected.keys()
    assert all(math.isclose(got[k], v, abs_tol=0.001) for k, v in expected.items())
    assert all(r.seats == math.ceil(expected[(titles[r.reports_to or ""], r.title)]) for r in junior_roles)


def test_the_organogram_through_the_command_then_check(tmp_path: Path) -> None:
    path = write_organogram(tmp_path, "cp1252")
    out = tmp_path / "orrt.yaml"
    runner = CliRunner()
    result = runner.invoke(main, ["import", "csv", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "as the UK organogram (senior staff) format" in result.stderr
    assert "read it as Windows-1252" in result.stderr
    assert "read junior staff from" in result.stderr
    assert "not used" not in result.stderr  # every column of the format is known
    assert result.stderr.endswith("checks clean\n")
    checked = runner.invoke(main, ["check", str(out)])
    assert checked.exit_code == 0, checked.output


def hr_system(text: str, *mapping: str) -> tuple[OrgSpec, Imported]:
    imported = import_table(read_csv_text(text, "people.csv"), None, mapping, name="people")
    return load_text(imported.text), imported


def test_a_workday_report_imports_with_open_positions_and_fte() -> None:
    text = workday(300)
    spec, imported = hr_system(text)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert imported.warnings == ()
    assert [r.title for r in spec.roles if r.reports_to is None] == ["Chief Executive Officer"]
    assert sum(r.open for r in spec.roles) == sum(1 for r in rows if not r["Worker"]) == 12
    assert sum(len(r.people) for r in spec.roles) == 288
    fte = {p.name: p.fte for r in spec.roles for p in r.people}
    assert {row["Worker"]: float(row["FTE"]) for row in rows if row["Worker"]} == fte
    assert {r.grade for r in spec.roles} >= {"Executive", "Vice President", "Manager"}


def test_a_bamboohr_report_imports_by_employee_number_and_names() -> None:
    text = bamboohr(300)
    spec, imported = hr_system(text)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert imported.warnings == ()
    assert [r.title for r in spec.roles if r.reports_to is None] == ["Chief Executive Officer"]
    names = sorted(p.name for r in spec.roles for p in r.people)
    assert names == sorted(f"{row['First Name']} {row['Last Name']}" for row in rows)
    assert {r.location for r in spec.roles} >= {"Lisbon", "Berlin"}


@pytest.mark.parametrize(("header", "field"), [
    ("Post Unique Reference", "employee_id"), ("Reports to Senior Post", "manager_id"),
    ("Grade (or equivalent)", "grade"), ("Contact E-mail", "email"), ("Unit", "department"),
    ("Employee #", "employee_id"), ("Display name", "name"), ("Business Title", "title"),
    ("Supervisory Organization", "department"), ("Worker's Manager", "manager"), ("Site", "location"),
    ("Office", "location"), ("Work location", "location"), ("Manager - Work email", "manager_email"),
    ("Legal first name", "first_name"), ("Management Level", "grade"), ("FTE", "fte"),
])
def test_published_column_names_are_recognised(header: str, field: str) -> None:
    from orgcharts.commands.hrimport.columns import match_columns

    assert match_columns([header], {})[0] == {field: 0}


def test_vacant_and_undisclosed_names_in_any_export_are_seats_not_people() -> None:
    spec, _ = hr_system("Name,Title,Manager\nAnn,CEO,\nVacant,Dev,Ann\nVacant,Dev,Ann\nN/D,Dev,Ann\n")
    dev = spec.roles[1]
    assert (dev.people, dev.open, dev.unnamed) == ([], 2, 1)


def test_fte_cells_are_checked_with_row_and_column() -> None:
    with pytest.raises(SpecError) as info:
        hr_system("Name,Title,Manager,FTE\nAnn,CEO,,1\nBob,Dev,Ann,1.5\nCy,Dev,Ann,half\nDi,Dev,Ann,50%\n")
    assert [str(f) for f in info.value.findings] == [
        "people.csv:3:4: FTE: '1.5' is not a share of full time; write a number above 0 and at most 1 (0.5 is "
        "half time), or 50%",
        "people.csv:4:4: FTE: 'half' is not a share of full time; write a number above 0 and at most 1 (0.5 is "
        "half time), or 50%"]


def test_a_misread_manager_column_is_named_with_the_map_that_fixes_it() -> None:
    text = ("Employee ID,Name,Title,Reports To,Boss Code\n1,Ann,CEO,HQ,\n2,Bob,Dev,HQ,1\n3,Cy,Dev,North,1\n"
            "4,Di,QA,South,2\n")
    with pytest.raises(SpecError) as info:
        hr_system(text)
    misread = [str(f) for f in info.value.findings if f.code == "misread-column"]
    assert misread == ["people.csv:1:4: Reports To: this column was read as the manager from its header, but 4 "
                       "of its 4 values name nobody in this file; if it holds something else, pass --map "
                       "'Reports To=ignore'; column 'Boss Code' names people in this file: --map "
                       "'Boss Code=manager_id'"]
    fixed, _ = hr_system(text, "Reports To=ignore", "Boss Code=manager_id")
    assert fixed.roles[1].reports_to == fixed.roles[0].id


@pytest.mark.parametrize("text", [
    # HiBob people report
    "Employee ID,Display name,Email,Job title,Department,Site,Reports to\n"
    "1,Ann Lee,ann@x.io,CEO,Exec,London,\n2,Bo Chan,bo@x.io,Engineer,Tech,Leeds,Ann Lee\n"
    "3,Cy Diaz,cy@x.io,Engineer,Tech,Leeds,Ann Lee\n",
    # Personio employee export
    "ID,First name,Last name,Email,Position,Department,Office,Supervisor,Weekly working hours\n"
    "1,Ann,Lee,ann@x.io,CEO,Exec,London,,40\n2,Bo,Chan,bo@x.io,Engineer,Tech,Leeds,Ann Lee,40\n"
    "3,Cy,Diaz,cy@x.io,Engineer,Tech,Leeds,Ann Lee,20\n",
    # Rippling report
    "Employee name,Work email,Title,Department,Manager - Work email,Work location,Employment status\n"
    "Ann Lee,ann@x.io,CEO,Exec,,London,Active\nBo Chan,bo@x.io,Engineer,Tech,ann@x.io,Leeds,Active\n"
    "Cy Diaz,cy@x.io,Engineer,Tech,ann@x.io,Leeds,Active\n",
], ids=["hibob", "personio", "rippling"])
def test_hibob_personio_and_rippling_reports_import_with_no_flag(text: str) -> None:
    spec, imported = hr_system(text)
    assert [(r.title, r.reports_to, [p.name for p in r.people], r.location) for r in spec.roles] == [
        ("CEO", None, ["Ann Lee"], "London"), ("Engineer", "ceo", ["Bo Chan", "Cy Diaz"], "Leeds")]
    assert [u.name for u in spec.units] == ["Exec", "Tech"]


def test_an_organogram_saved_as_xlsx_imports_the_same(tmp_path: Path) -> None:
    from openpyxl import Workbook

    senior, junior = organogram_files(120)
    book = Workbook()
    for row in csv.reader(io.StringIO(senior.decode("utf-8-sig"))):
        book.active.append(row)
    path = tmp_path / "orrt-senior.xlsx"
    book.save(path)
    (tmp_path / "orrt-senior.csv").write_bytes(senior)
    from_xlsx = import_file(path, path.name)
    from_csv = import_file(tmp_path / "orrt-senior.csv", "orrt-senior.csv")
    assert from_xlsx.text == from_csv.text
    assert from_xlsx.warnings == ()
