"""export csv and json: the columns import reads, formula guards, seat ids; the JSON loads back as the spec."""

import csv
import io
import json

from hypothesis import given
from hypothesis import strategies as st

from orgcharts.spec.loader import load_text
from orgcharts.spec.models import OrgSpec
from orgcharts.commands.export.csv import COLUMNS, export_csv
from orgcharts.commands.export.json import export_json
from orgcharts.commands.hrimport.columns import match_columns
from orgcharts.commands.hrimport.run import import_table
from orgcharts.commands.hrimport.read import read_csv_text

from .conftest import ROOT
from .export_fixtures import HOSTILE_TEXTS, hostile_spec


def agency() -> OrgSpec:
    return load_text((ROOT / "specs" / "client-services.yaml").read_text(encoding="utf-8"))


def test_csv_headers_are_the_ones_import_recognises() -> None:
    headers = [h for _, h in COLUMNS]
    fields, notes = match_columns(headers, {})
    assert fields == {field: i for i, (field, _) in enumerate(COLUMNS)}
    assert notes == []


def test_csv_has_a_row_per_person_and_per_open_seat_with_managers_by_seat_id() -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(agency()))))
    spec = agency()
    assert len(rows) == sum(max(1, r.seats) for r in spec.roles)
    assert sum(row["Vacancy"] == "yes" for row in rows) == sum(r.open for r in spec.roles)
    by_id = {r["Employee ID"]: r for r in rows}
    assert by_id["partner.1"]["Name"] == "Dana Whitfield" and by_id["partner.2"]["Name"] == "Omar Haddad"
    assert by_id["operations-manager"] == {"Employee ID": "operations-manager", "Role ID": "operations-manager",
                                           "Name": "Priya Nair", "Title": "Operations Manager",
                                           "Department": "Barrel", "Unit ID": "agency", "Parent Unit ID": "",
                                           "Unit Lead ID": "partner", "Manager ID": "partner.1",
                                           "Dotted Line Manager": "", "Assistant": "yes", "Vacancy": "", "FTE": "",
                                           "Grade": "", "Location": ""}
    assert by_id["partner.2"]["Role ID"] == "partner"
    assert by_id["project-manager.4"]["Vacancy"] == "yes" and by_id["project-manager.4"]["Name"] == ""
    assert by_id["qa-engineer"]["Dotted Line Manager"] == "project-manager.1"
    assert all(r["Manager ID"] in by_id for r in rows if r["Manager ID"])


def test_csv_guards_formulas_and_import_reads_them_back() -> None:
    spec = OrgSpec.model_validate({"org": "x", "roles": [
        {"id": "a", "title": "=SUM(A1)", "people": ["+1 555", "@handle"]},
        {"id": "b", "title": "-dash", "people": ["=HYPERLINK(\"http://x\")"]}]})
    text = export_csv(spec)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][2:4] == ["'+1 555", "'=SUM(A1)"]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    back = load_text(import_table(read_csv_text(text, "h.csv"), "x").text)
    assert [(r.title, [p.name for p in r.people]) for r in back.roles] == [
        ("=SUM(A1)", ["+1 555", "@handle"]), ("-dash", ['=HYPERLINK("http://x")'])]


def test_hostile_names_and_titles_come_back_from_csv() -> None:
    spec = hostile_spec()
    back = load_text(import_table(read_csv_text(export_csv(spec), "h.csv"), "h").text)

    def norm(values: list[str]) -> list[str]:
        return sorted(" ".join(v.split()) for v in values)  # import folds runs of spaces and line breaks

    assert norm([p.name for r in back.roles for p in r.people]) == norm([p.name for r in spec.roles for p in r.people])
    # the first person of a role others report to gets a role of their own: titles repeat, none is lost
    assert set(norm([r.title for r in back.roles])) == set(norm([r.title for r in spec.roles]))


def test_json_is_the_whole_spec_in_model_order_and_loads_back() -> None:
    spec = agency()
    text = export_json(spec)
    assert text == export_json(agency())
    data = json.loads(text)
    assert list(data) == list(OrgSpec.model_fields)
    assert list(data["roles"][0]) == list(type(spec.roles[0]).model_fields)
    assert load_text(text) == spec
    assert load_text(export_json(hostile_spec())) == hostile_spec()
    assert json.loads(export_json(hostile_spec()))["title"] == HOSTILE_TEXTS[0]


def test_csv_quotes_every_cell_a_spreadsheet_could_split_or_run() -> None:
    from orgcharts.commands.export.csv import csv_line

    assert csv_line(["Ann", "a,b", 'say "hi"', "=1+1", ";=cmd|' /C calc'!A0", "x;=y", "'=1+1", "'Tis", "a|b"]) == (
        'Ann,"a,b","say ""hi""","\'=1+1",";\'=cmd|\' /C calc\'!A0","x;\'=y","\'\'=1+1",\'Tis,"a|b"\n')
    spec = OrgSpec.model_validate({"org": "x", "roles": [{"id": "a", "title": ";=cmd|' /C calc'!A0",
                                                         "people": ["'=1+1"]}]})
    line = export_csv(spec).splitlines()[1]
    assert "\";'=cmd|' /C calc'!A0\"" in line and "\"''=1+1\"" in line
    for locale_separator in ",;\t|":  # whichever separator a spreadsheet splits on, no cell starts a formula
        for cell in next(csv.reader(io.StringIO(line), delimiter=locale_separator)):
            assert not cell.lstrip().startswith(("=", "+", "-", "@"))


@given(st.text(alphabet=",;\t|=+-@' ab\r\"", max_size=12))
def test_import_removes_exactly_what_export_adds(text: str) -> None:
    from orgcharts.commands.hrimport.read import guard_cell, unguard_cell

    assert unguard_cell(guard_cell(text)) == text
    guarded = guard_cell(text)
    for sep in ",;\t|":  # no piece a spreadsheet could split off starts a formula
        assert all(not piece.lstrip(" ").startswith(("=", "+", "-", "@")) for piece in guarded.split(sep))
