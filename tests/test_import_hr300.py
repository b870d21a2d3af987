"""import + export on a realistic 300-row HR export: checks clean, same reporting tree, stable round trip."""

import csv
import io
import sys
from collections import Counter
from pathlib import Path

import pytest

from orgcharts.spec.loader import load_text
from orgcharts.spec.models import OrgSpec
from orgcharts.commands.export.csv import export_csv
from orgcharts.commands.hrimport.run import Imported, import_table
from orgcharts.commands.hrimport.read import read_csv_text

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from hrgen import generate  # noqa: E402


def _label(name: str, title: str) -> str:
    return name or f"(open) {title}"


def pairs_in_export(text: str) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    """(manager, report) and (dotted manager, report) person pairs straight from the HR rows."""
    rows = list(csv.DictReader(io.StringIO(text)))
    by_id = {r["Employee ID"]: r for r in rows}
    by_email = {r["Email"]: r for r in rows if r["Email"]}
    solid: Counter[tuple[str, str]] = Counter()
    dotted: Counter[tuple[str, str]] = Counter()
    for r in rows:
        me = _label(r["Full Name"] if r["Vacancy"] != "Yes" else "", r["Job Title"])
        if r["Manager Employee ID"]:
            boss = by_id[r["Manager Employee ID"]]
            solid[(_label(boss["Full Name"], boss["Job Title"]), me)] += 1
        if r["Dotted Line Manager"]:
            boss = by_email[r["Dotted Line Manager"]]
            dotted[(_label(boss["Full Name"], boss["Job Title"]), me)] += 1
    return solid, dotted


def pairs_in_spec(spec: OrgSpec) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    """The same pairs as the spec draws them: every person of a role under its manager role's one seat."""
    roles = {r.id: r for r in spec.roles}

    def seats(role_id: str) -> list[str]:
        role = roles[role_id]
        names = [p.name for p in role.people]
        return names + [f"(open) {role.title}"] * role.open

    solid: Counter[tuple[str, str]] = Counter()
    dotted: Counter[tuple[str, str]] = Counter()
    for role in spec.roles:
        for boss_id, into in [(role.reports_to, solid), *((d, dotted) for d in role.dotted_to)]:
            if boss_id is None:
                continue
            (boss,) = seats(boss_id)  # a manager always holds a role of their own
            for me in seats(role.id):
                into[(boss, me)] += 1
    return solid, dotted


@pytest.fixture(scope="module")
def export() -> str:
    return generate(300, seed=7)


@pytest.fixture(scope="module")
def imported(export: str) -> Imported:
    return import_table(read_csv_text(export, "northwind.csv"), "northwind")


def test_the_generator_is_deterministic_and_realistic(export: str) -> None:
    assert export == generate(300, seed=7)
    rows = list(csv.DictReader(io.StringIO(export)))
    assert len(rows) == 300
    assert export.count("\r\n") == 301  # as Excel writes CSV
    assert sum(r["Vacancy"] == "Yes" for r in rows) == 12
    assert sum(bool(r["Dotted Line Manager"]) for r in rows) >= 3
    assert sum(r["Assistant"] == "Yes" for r in rows) == 2
    ids = [r["Employee ID"] for r in rows]
    position = {i: n for n, i in enumerate(ids)}
    assert any(position[r["Manager Employee ID"]] > n for n, r in enumerate(rows) if r["Manager Employee ID"])


def test_the_imported_spec_checks_clean_with_no_warnings(imported: Imported) -> None:
    spec = load_text(imported.text, "northwind.yaml")
    assert imported.warnings == ()
    assert (imported.people, imported.seats, imported.roles, imported.units) == (288, 300, 68, 9)
    assert len(spec.roles) == 68


def test_the_spec_draws_the_same_reporting_tree_person_by_person(export: str, imported: Imported) -> None:
    solid_before, dotted_before = pairs_in_export(export)
    solid_after, dotted_after = pairs_in_spec(load_text(imported.text))
    assert sum(solid_before.values()) == 299
    assert solid_after == solid_before
    assert dotted_after == dotted_before


def test_export_to_csv_and_import_again_changes_nothing(imported: Imported) -> None:
    spec = load_text(imported.text)
    again = import_table(read_csv_text(export_csv(spec), "northwind.csv"), "northwind")
    assert again.text == imported.text
    assert import_table(read_csv_text(generate(300, seed=7), "x.csv"), "northwind").text == imported.text


def test_the_round_trip_holds_for_other_seeds_and_sizes() -> None:
    for rows, seed in [(60, 1), (500, 3)]:
        first = import_table(read_csv_text(generate(rows, seed=seed), "a.csv"), "a")
        assert first.warnings == ()
        again = import_table(read_csv_text(export_csv(load_text(first.text)), "a.csv"), "a")
        assert again.text == first.text


def test_a_spec_not_made_by_import_keeps_its_reporting_structure_through_csv() -> None:
    spec = load_text((ROOT / "specs" / "client-services.yaml").read_text(encoding="utf-8"))
    back = load_text(import_table(read_csv_text(export_csv(spec), "cs.csv"), "Barrel").text)
    first_seat = {r.id: ([p.name for p in r.people] or [f"(open) {r.title}"])[0] for r in spec.roles}
    before = {(first_seat[r.reports_to], p.name) for r in spec.roles if r.reports_to for p in r.people}
    after = {(r2.people[0].name if r2.people else "", p.name)
             for r in back.roles if r.reports_to for r2 in back.roles if r2.id == r.reports_to for p in r.people}
    assert after == before
    assert sorted(r.title for r in back.roles if r.assistant) == ["Operations Manager"]
    assert sum(r.seats for r in back.roles) == sum(r.seats for r in spec.roles)
    assert sum(r.open for r in back.roles) == sum(r.open for r in spec.roles)


def test_import_of_the_300_rows_through_the_command(tmp_path: Path, export: str) -> None:
    from click.testing import CliRunner

    from orgcharts.cli import main

    (tmp_path / "northwind.csv").write_text(export, encoding="utf-8", newline="")
    out = tmp_path / "northwind.yaml"
    result = CliRunner().invoke(main, ["import", "csv", str(tmp_path / "northwind.csv"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.endswith("288 people and 12 open seats in 68 roles and 9 units; checks clean\n")
    check = CliRunner().invoke(main, ["check", "--strict", str(out)])
    assert check.exit_code == 0, check.output
