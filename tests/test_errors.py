"""errors: how findings print and sort."""

from orgcharts.errors import Finding, Position, SpecError, format_field


def test_finding_prints_path_line_col_field_message() -> None:
    f = Finding("specs/x.yaml", Position(12, 5), "roles[1].ownz", "unknown field; did you mean 'owns'?")
    assert str(f) == "specs/x.yaml:12:5: roles[1].ownz: unknown field; did you mean 'owns'?"


def test_finding_without_field_and_warning_prefix() -> None:
    assert str(Finding("a.yaml", Position(1, 1), "", "empty")) == "a.yaml:1:1: empty"
    w = Finding("a.yaml", Position(2, 3), "roles[0]", "no duty", severity="warning")
    assert str(w) == "a.yaml:2:3: warning: roles[0]: no duty"


def test_spec_error_sorts_findings_by_file_position() -> None:
    late = Finding("a.yaml", Position(9, 1), "b", "late")
    early = Finding("a.yaml", Position(2, 7), "a", "early")
    assert SpecError([late, early]).findings == [early, late]


def test_format_field_mixes_names_and_indexes() -> None:
    assert format_field(("roles", 0, "people", 2, "name")) == "roles[0].people[2].name"
