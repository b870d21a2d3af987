"""import: HR rows -> spec: headers by synonym, grouping into roles, vacancies, and every bad row at once."""

from pathlib import Path

import pytest
import yaml

from orgcharts.errors import SpecError
from orgcharts.spec.loader import load_text
from orgcharts.commands.hrimport.columns import ColumnError, match_columns, normal_header, parse_map
from orgcharts.commands.hrimport.run import import_table
from orgcharts.commands.hrimport.read import read_csv_text, read_table


def spec_of(csv_text: str, *mapping: str) -> dict:
    return yaml.safe_load(import_table(read_csv_text(csv_text, "hr.csv"), "Acme", mapping).text)


def errors_of(csv_text: str, *mapping: str) -> list[str]:
    with pytest.raises(SpecError) as info:
        import_table(read_csv_text(csv_text, "hr.csv"), "Acme", mapping)
    return [str(f) for f in info.value.findings]


@pytest.mark.parametrize(("header", "field"), [
    ("Employee Name", "name"), ("Full name", "name"), ("  NAME ", "name"), ("Job Title", "title"),
    ("Position", "title"), ("Reports To", "manager"), ("Reports_To", "manager"), ("Supervisor", "manager"),
    ("Manager Email", "manager_email"), ("Manager E-mail", "manager_email"), ("Manager ID", "manager_id"),
    ("Department", "department"), ("Org Unit", "department"), ("Employee ID", "employee_id"),
    ("Unique_ID", "employee_id"), ("E-Mail", "email"), ("Dotted Line Manager", "dotted_manager"),
    ("Assistant", "assistant"), ("Vacancy", "vacancy"), ("Master_Shape", "shape"), ("First Name", "first_name"),
])
def test_headers_are_recognised_by_synonym_ignoring_case_and_spacing(header: str, field: str) -> None:
    fields, _ = match_columns([header], {})
    assert fields == {field: 0}


def test_of_two_columns_for_one_field_the_better_synonym_wins_and_a_note_says_so() -> None:
    fields, notes = match_columns(["Team", "Department", "Hire Date"], {})
    assert fields == {"department": 1}
    assert notes == ["column 'Team' also gives the department; 'Department' is used "
                     "(--map 'Team=department' to use it instead)",
                     "column 'Hire Date' is not used (--map 'Hire Date=FIELD' to use it)"]


def test_map_overrides_a_header_and_can_ignore_one() -> None:
    data = spec_of("Worker,Role,Boss,Team\nAnn,CEO,,Exec\nBob,Dev,Ann,Eng\n", "Worker=name", "Team=ignore")
    assert [r["people"] for r in data["roles"]] == [["Ann"], ["Bob"]]
    assert "units" not in data


def test_a_bad_map_is_a_usage_error_with_a_suggestion() -> None:
    with pytest.raises(ColumnError, match="'titel' is not a field; did you mean 'title'"):
        parse_map(["Role=titel"])
    with pytest.raises(ColumnError, match="does not have; did you mean 'boss'"):
        import_table(read_csv_text("Name,Title,Boss\nA,B,\n", "hr.csv"), "Acme", ["Bos=manager"])


def test_normal_header_folds_accents_and_punctuation() -> None:
    assert normal_header("Département / Équipe") == "departement equipe"


def test_people_with_the_same_title_and_manager_share_one_role() -> None:
    data = spec_of("Name,Title,Reports To,Department\n"
                   "Ann,CEO,,Exec\nBob,Engineer,Ann,Eng\nCat,Engineer,Ann,Eng\nDan,Engineer,Cat,Eng\n")
    roles = {r["id"]: r for r in data["roles"]}
    assert list(roles) == ["ceo", "engineer", "engineer-cat", "engineer-dan"]
    assert roles["engineer"]["people"] == ["Bob"]
    assert roles["engineer-cat"] == {"id": "engineer-cat", "title": "Engineer", "unit": "eng",
                                     "reports_to": "ceo", "people": ["Cat"]}
    assert roles["engineer-dan"]["reports_to"] == "engineer-cat"


def test_grouping_merges_siblings_and_keeps_managers_apart() -> None:
    data = spec_of("Name,Title,Reports To\nAnn,CEO,\nBob,Dev,Ann\nCat,Dev,Ann\nDan,Dev,Ann\n")
    assert data["roles"][1] == {"id": "dev", "title": "Dev", "reports_to": "ceo", "people": ["Bob", "Cat", "Dan"]}


def test_departments_become_units_with_unique_ids_leads_and_parents() -> None:
    data = spec_of("Name,Title,Reports To,Department\nAnn,CEO,,R&D\nBob,CTO,Ann,R-D\nCat,Dev,Bob,R D\n"
                   "Dan,Analyst,Ann, r&D \nEve,Tester,Ann,\n")
    assert data["units"] == [{"id": "r-d", "name": "R&D", "lead": "ceo"},
                             {"id": "r-d-2", "name": "R-D", "parent": "r-d", "lead": "cto"},
                             {"id": "r-d-3", "name": "R D", "parent": "r-d-2", "lead": "dev"}]
    assert [r.get("unit") for r in data["roles"]] == ["r-d", "r-d-2", "r-d-3", "r-d", None]


def test_a_department_with_two_tops_gets_no_lead_and_check_warns() -> None:
    result = import_table(read_csv_text("Name,Title,Reports To,Department\nAnn,CEO,,Exec\nBob,Dev,Ann,Eng\n"
                                        "Cat,QA,Ann,Eng\n", "hr.csv"), "Acme")
    assert [str(w) for w in result.warnings] == [
        "<import>:7:5: warning: units[1]: unit 'eng' has roles but no lead; add `lead:`"]


def test_vacancies_from_flag_or_empty_name_become_open_seats() -> None:
    data = spec_of("Name,Title,Reports To,Vacancy\nAnn,CEO,,\nBob,Dev,Ann,\n,Dev,Ann,\nTBH,Dev,Ann,yes\n"
                   ",Designer,Ann,\n")
    roles = {r["id"]: r for r in data["roles"]}
    assert roles["dev"] == {"id": "dev", "title": "Dev", "reports_to": "ceo", "people": ["Bob"], "open": 2}
    assert roles["designer"] == {"id": "designer", "title": "Designer", "reports_to": "ceo", "open": 1}


def test_a_row_without_a_name_stated_filled_is_an_unnamed_seat() -> None:
    data = spec_of("Name,Title,Reports To,Vacancy\nAnn,CEO,,\nBob,Dev,Ann,\n,Dev,Ann,no\n,Dev,Ann,yes\n")
    dev = {r["id"]: r for r in data["roles"]}["dev"]
    assert dev == {"id": "dev", "title": "Dev", "reports_to": "ceo", "people": ["Bob"], "headcount": 3, "open": 1}


def test_managers_by_id_email_or_name_dotted_lines_and_assistants() -> None:
    data = spec_of("Employee ID,Name,Email,Title,Manager,Dotted Line Manager,Assistant\n"
                   "1,Ann,ann@x.io,CEO,,,\n2,Bob,bob@x.io,CTO,1,,\n3,Cat,cat@x.io,CFO,ann@x.io,,\n"
                   "4,Dan,,Dev,Bob,Cat; 1,\n5,Eve,,EA,1,,yes\n")
    roles = {r["id"]: r for r in data["roles"]}
    assert roles["cto"]["reports_to"] == "ceo" and roles["cfo"]["reports_to"] == "ceo"
    assert roles["dev"]["dotted_to"] == ["cfo", "ceo"]
    assert roles["ea"]["assistant"] is True


def test_visio_master_shape_marks_assistants_and_vacancies() -> None:
    data = spec_of("Unique_ID,Name,Title,Reports_To,Master_Shape\n1,Ann,CEO,,Executive\n2,Eve,EA,1,Assistant\n"
                   "3,,Dev,1,Vacancy\n")
    assert data["roles"][1]["assistant"] is True
    assert data["roles"][2] == {"id": "dev", "title": "Dev", "reports_to": "ceo", "open": 1}


def test_first_and_last_name_columns_make_the_name() -> None:
    data = spec_of("First Name,Last Name,Title,Reports To\nAnn,Lee,CEO,\nBob,Roy,Dev,Ann Lee\n")
    assert [r["people"] for r in data["roles"]] == [["Ann Lee"], ["Bob Roy"]]


def test_every_error_is_reported_at_once_with_row_and_column() -> None:
    assert errors_of("Name,Title,Reports To\nAnn Lee,CEO,\nBob Roy,CTO,Ann Lee\nCat,Dev,Bob Ray\n"
                     "Dan,Dev,Eve\nEve,Lead,Dan\nAnn Lee,CFO,Bob Roy\nFay,,Ann Lee\nGus,Dev,Gus\n") == [
        "hr.csv:4:3: Reports To: 'Bob Ray' is nobody in this file; did you mean 'Bob Roy'?",
        "hr.csv:5:3: Reports To: reporting lines form a cycle: Dan (row 5) -> Eve (row 6) -> Dan (row 5)",
        "hr.csv:7:1: Name: 'Ann Lee' is also on row 2; list each person once, or give the two an employee id "
        "or email each",
        "hr.csv:8:2: Title: no job title; every person and open seat needs one",
        "hr.csv:9:3: Reports To: 'Gus' is this row itself; a person cannot report to themself",
    ]


def test_duplicate_ids_and_emails_and_ambiguous_names() -> None:
    assert errors_of("ID,Name,Email,Title,Manager\n1,Ann,a@x,CEO,\n1,Bob,a@x,Dev,Ann\n2,Bob,b@x,Dev,Ann\n"
                     "3,Cy,c@x,Dev,Bob\n") == [
        "hr.csv:3:1: ID: '1' is also on row 2; list each person once",
        "hr.csv:3:3: Email: 'a@x' is also on row 2; list each person once",
        "hr.csv:5:5: Manager: 'Bob' names several people (rows 3, 4); use their employee id or email",
    ]


def test_missing_columns_are_named_with_the_fix() -> None:
    assert errors_of("Who,Location\nAnn,London\n") == [
        "hr.csv:1:1: no column gives the job title; columns: 'Who', 'Location'; name one with --map 'COLUMN=title'",
        "hr.csv:1:1: no column gives the manager; columns: 'Who', 'Location'; name one with --map "
        "'COLUMN=manager'",
        "hr.csv:1:1: no column gives the person's name; columns: 'Who', 'Location'; name one with --map "
        "'COLUMN=name'",
    ]


def test_bad_flags_long_text_and_control_characters_are_cell_errors() -> None:
    assert errors_of(f"Name,Title,Manager,Assistant\nAnn,CEO,,maybe\nBob,{'x' * 401},Ann,\nC\x07y,Dev,Ann,\n") == [
        "hr.csv:2:4: Assistant: 'maybe' is not yes or no; write yes, no or leave it empty",
        "hr.csv:3:2: Title: is longer than 400 characters; shorten it",
        "hr.csv:4:1: Name: contains the invisible control character U+0007, which could hide or reorder text; "
        "remove it",
    ]


def test_an_assistant_without_a_manager_and_a_dotted_line_to_the_manager_are_errors() -> None:
    assert errors_of("Name,Title,Manager,Dotted Line,Assistant\nAnn,CEO,,,yes\nBob,Dev,Ann,Ann,\n") == [
        "hr.csv:2:5: Assistant: an assistant is drawn beside a manager; give this row a manager",
        "hr.csv:3:4: Dotted Line: 'Ann' is already this row's manager; a dotted line goes to someone else",
    ]


def test_bom_crlf_semicolons_quoted_newlines_and_title_lines_are_read() -> None:
    text = "\ufeffHR export 2026;;\r\nName;Job Title;Reports To\r\n\"Lee; Ann\";CEO;\r\nBob;\"Dev\r\nOps\";\"Lee; Ann\"\r\n"
    data = spec_of(text)
    assert [(r["title"], r["people"]) for r in data["roles"]] == [("CEO", ["Lee; Ann"]), ("Dev Ops", ["Bob"])]


def test_tab_delimited_and_excel_formula_guards() -> None:
    data = spec_of("Name\tTitle\tManager\n'=cmd\tCEO\t\n'+1\tDev\t'=cmd\n")
    assert [r["people"] for r in data["roles"]] == [["=cmd"], ["+1"]]


def test_positions_are_file_rows_even_after_blank_and_multiline_rows() -> None:
    errors = errors_of('Name,Title,Manager\n\nAnn,"C\nE\nO",\n\nBob,Dev,Nobody\n')
    assert errors == ["hr.csv:7:3: Manager: 'Nobody' is nobody in this file; check the spelling"]


def test_not_utf8_is_read_as_windows_1252_with_a_note_and_bytes_neither_allows_say_which(tmp_path: Path) -> None:
    path = tmp_path / "hr.csv"
    path.write_bytes("Name,Title,Manager\nZoë,CEO,\n".encode("cp1252"))
    table = read_table(path, "hr.csv")
    assert table.rows[1][1][0] == "Zoë"
    assert table.notes == ("hr.csv is not UTF-8; read it as Windows-1252 (cp1252); name another encoding with "
                           "--encoding",)
    path.write_bytes(b"Name,Title,Manager\nZo\x81,CEO,\n")
    with pytest.raises(SpecError) as info:
        read_table(path, "hr.csv")
    assert str(info.value) == ("hr.csv:2:3: byte 0x81 is not utf-8; save the file as CSV UTF-8, or name its "
                               "encoding with --encoding (e.g. cp1252)")


def test_xlsx_is_read_with_numbers_as_ids(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [["Employee ID", "Name", "Title", "Manager ID", "Hired"], [1001, "Ann", "CEO", None, None],
                [1002, "Bob", "Dev", 1001, None]]:
        sheet.append(row)
    path = tmp_path / "hr.xlsx"
    book.save(path)
    data = yaml.safe_load(import_table(read_table(path, "hr.xlsx"), "Acme").text)
    assert data["roles"][1]["reports_to"] == "ceo"


def test_hostile_names_and_titles_survive_import_exactly() -> None:
    names = ["no", "yes", "1:30", "0123", "#1 fan", "- dash", "@at", "[x]", "{y}", "a: b", 'say "hi"', "~",
             "null", "Zoë 😀", "O'Brien", "&amp;", "<b>bold</b>", "x, y"]
    rows = "".join(f'"{n.replace(chr(34), chr(34) * 2)}","{n.replace(chr(34), chr(34) * 2)}",Boss\n' for n in names)
    result = import_table(read_csv_text("Name,Title,Manager\nBoss,CEO,\n" + rows, "hr.csv"), "no")
    spec = load_text(result.text)
    assert spec.org == "no"
    assert [(r.title, r.people[0].name) for r in spec.roles[1:]] == [(n, n) for n in names]
    assert result.warnings == ()


def test_a_bom_never_reaches_the_first_header(tmp_path: Path) -> None:
    assert read_csv_text("\ufeffName,Title\r\nAnn,CEO\r\n", "hr.csv").rows[0] == (1, ("Name", "Title"))
    path = tmp_path / "hr.csv"
    path.write_bytes(b"\xef\xbb\xbfName;Title\r\nAnn;CEO\r\n")
    assert read_table(path, "hr.csv").rows == ((1, ("Name", "Title")), (2, ("Ann", "CEO")))


def test_an_open_seat_can_be_a_manager_by_its_position_id() -> None:
    data = spec_of("Position ID,Name,Title,Manager ID,Vacancy\nP1,Ann,CEO,,\nP2,,Head of Design,P1,yes\n"
                   "P3,Bob,Designer,P2,\nP4,Cat,Designer,P2,\n")
    assert data["roles"] == [
        {"id": "ceo", "title": "CEO", "people": ["Ann"]},
        {"id": "head-of-design", "title": "Head of Design", "reports_to": "ceo", "open": 1},
        {"id": "designer", "title": "Designer", "reports_to": "head-of-design", "people": ["Bob", "Cat"]},
    ]


def test_xlsx_positions_are_the_sheet_cells_even_when_the_table_starts_at_c3(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for ref, value in {"C3": "Name", "D3": "Title", "E3": "Manager", "C4": "Ann", "D4": "CEO", "C5": "Bob",
                       "D5": "Dev", "E5": "Nobody"}.items():
        sheet[ref] = value
    path = tmp_path / "hr.xlsx"
    book.save(path)
    with pytest.raises(SpecError) as info:
        import_table(read_table(path, "hr.xlsx"), "Acme")
    assert str(info.value) == "hr.xlsx:5:5: Manager: 'Nobody' is nobody in this file; check the spelling"
