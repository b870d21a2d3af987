"""spec -> export csv -> import csv changes nothing the CSV carries: ids, shared roles, FTE, vacancies, dotted lines."""

from pathlib import Path
from typing import Any

import pytest

from orgcharts.spec.loader import load_text
from orgcharts.spec.models import OrgSpec
from orgcharts.commands.export.csv import export_csv
from orgcharts.commands.hrimport.run import import_table
from orgcharts.commands.hrimport.read import guard_cell, read_csv_text

from .conftest import ROOT

SPECS = sorted([*(ROOT / "specs").glob("*.yaml"), *(ROOT / "tests" / "corpus").glob("*.yaml")])
# What a row per seat carries; duties, RACI, accounts, nicknames and sides stay in the spec.
CARRIED = {"id", "title", "unit", "reports_to", "people", "open", "dotted_to", "assistant", "placeholder", "fte",
           "grade", "location"}


def carried(spec: OrgSpec) -> dict[str, Any]:
    """The model as far as the CSV carries it: roles in order, each with its seats; units by id."""
    return {"roles": [{**r.model_dump(include=CARRIED), "seats": r.seats} for r in spec.roles],
            "units": {u.id: (u.name, u.parent, u.lead) for u in spec.units}}


def round_trip(spec: OrgSpec) -> OrgSpec:
    return load_text(import_table(read_csv_text(export_csv(spec), "people.csv"), spec.org).text)


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.stem)
def test_every_spec_and_corpus_org_survives_csv(path: Path) -> None:
    spec = load_text(path.read_text(encoding="utf-8"))
    assert carried(round_trip(spec)) == carried(spec)


def test_the_corpus_is_there() -> None:
    assert len(SPECS) >= 15


def test_shared_roles_fte_vacancies_unnamed_seats_grade_and_location_come_back() -> None:
    spec = OrgSpec.model_validate({"org": "Acme", "units": [
        {"id": "firm", "name": "The Firm", "lead": "partner"},
        {"id": "ops-team", "name": "Ops", "parent": "firm", "lead": "ops-lead"}], "roles": [
        {"id": "partner", "title": "Partner", "unit": "firm", "people": [{"name": "Dana", "fte": 0.6},
                                                                         {"name": "Omar", "fte": 0.4}],
         "grade": "P1", "location": "London"},
        {"id": "ops-lead", "title": "Ops Lead", "unit": "ops-team", "reports_to": "partner", "people": ["Ann"]},
        {"id": "clerk", "title": "Clerk", "unit": "ops-team", "reports_to": "ops-lead", "people": ["Bo"],
         "headcount": 5, "open": 2, "fte": 0.5, "dotted_to": ["partner"]},
        {"id": "clerk-2", "title": "Clerk", "unit": "ops-team", "reports_to": "ops-lead", "people": ["Cy"]},
    ]})
    back = round_trip(spec)
    assert carried(back) == carried(spec)
    partner = back.roles[0]
    assert [(p.name, p.fte) for p in partner.people] == [("Dana", 0.6), ("Omar", 0.4)]
    assert (back.roles[2].seats, back.roles[2].open, back.roles[2].unnamed, back.roles[2].fte) == (5, 2, 2, 0.5)


@pytest.mark.parametrize("text", ["'=1+1", "=1+1", ";=cmd|' /C calc'!A0", "a;=b", "a, b", 'say "hi"', "'Tis",
                                  "''=x", "-minus", "+1 555", "@at", "x|=y", "tab\t=z"])
def test_formula_guards_come_off_exactly(text: str) -> None:
    spec = OrgSpec.model_validate({"org": "x", "roles": [{"id": "a", "title": text, "people": [text]}]})
    csv_text = export_csv(spec)
    body = csv_text.splitlines()[1]
    assert guard_cell(text).replace('"', '""') in body
    back = round_trip(spec)
    assert back.roles[0].title == " ".join(text.split())
    assert back.roles[0].people[0].name == " ".join(text.split())
