"""Hostile inputs the linter must meet with a message: odd files, huge lists, deep nesting, terminal escapes."""

import os
import time
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from orgcharts.cli import main
from orgcharts.errors import SpecError
from orgcharts.spec.loader import load_file, load_text
from orgcharts.spec.yamltree import MAX_BYTES


def errors(text: str) -> list[str]:
    with pytest.raises(SpecError) as info:
        load_text(text, "x.yaml")
    return [str(f) for f in info.value.findings]


# -- only regular files, never more than the limit ---------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "spec.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(SpecError) as info:
        load_file(fifo, "spec.yaml")
    assert time.monotonic() - started < 5
    assert str(info.value.findings[0]) == ("spec.yaml:1:1: cannot read file: not a regular file (a folder, device "
                                           "or pipe); name a .yaml file")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_without_reading(tmp_path: Path) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(SpecError) as info:
        load_file(link, "zero.yaml")
    assert "not a regular file" in str(info.value.findings[0])


def test_a_huge_file_is_not_read_whole(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as out:
        out.truncate(40 * MAX_BYTES)  # 200 MB, sparse: cheap to make, costly to read
    tracemalloc.start()
    try:
        with pytest.raises(SpecError) as info:
            load_file(big, "big.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert info.value.findings[0].code == "too-large"
    assert peak < 3 * MAX_BYTES  # one read of the limit plus a byte, not 200 MB


# -- output grows linearly with the spec ---------------------------------------------------------------------

def test_five_thousand_unmanaged_roles_give_one_short_finding() -> None:
    roles = "".join(f"  - {{id: r{i}, title: R}}\n" for i in range(5000))
    result_lines = []
    from orgcharts.spec.loader import load

    for f in load("org: A\nroles:\n" + roles, "x.yaml").warnings:
        result_lines.append(str(f))
    assert len(result_lines) == 1 and len(result_lines[0]) < 300


def test_account_person_over_three_thousand_people_stays_small_and_fast() -> None:
    people = ", ".join(f"P{i}" for i in range(3000))
    members = "".join(f"      - {{role: r, person: Q{i}}}\n" for i in range(3000))
    text = f"org: A\nroles:\n  - {{id: r, title: R, people: [{people}]}}\naccounts:\n  - id: a\n    client: C\n" \
           f"    lead: r\n    contributors:\n{members}"
    started = time.monotonic()
    found = errors(text)
    assert time.monotonic() - started < 20
    assert len(found) == 3000
    assert sum(map(len, found)) < 3000 * 200
    assert found[0].endswith("is not one of r's people (P0, P1, P2, P3, P4, P5, P6, P7, P8, P9 and 2,990 more)")


# -- nesting without recursion limits ------------------------------------------------------------------------

def _deep_units(depth: int) -> str:
    units = "".join(f"  - {{id: u{i}, name: U{i}" + (f", parent: u{i - 1}" if i else "") + "}\n" for i in range(depth))
    return (f"org: A\nunits:\n{units}roles:\n  - {{id: a, title: A, unit: u{depth - 1}, client_facing: [Talks], "
            "internal: [Plans]}\n  - {id: b, title: B, unit: u0, reports_to: a, client_facing: [Sells], "
            "internal: [Builds]}\n")


def test_units_nested_500_deep_are_refused_by_check_and_render_alike(tmp_path: Path) -> None:
    spec = tmp_path / "deep.yaml"
    spec.write_text(_deep_units(500), encoding="utf-8")
    runner = CliRunner()
    check = runner.invoke(main, ["check", str(spec)])
    render = runner.invoke(main, ["render", "--no-cache", "--out", str(tmp_path / "out"), str(spec)])
    assert check.exit_code == render.exit_code == 1
    assert check.exception is None or isinstance(check.exception, SystemExit)
    assert render.exception is None or isinstance(render.exception, SystemExit)
    assert "units nest 500 deep (u0 -> u1" in check.stderr and "units nest 500 deep" in render.stderr
    assert not (tmp_path / "out").exists()


def test_units_nested_32_deep_are_fine_and_a_500_long_reporting_chain_checks() -> None:
    load_text(_deep_units(32), "x.yaml")
    chain = "".join(f"  - {{id: r{i}, title: R{i}" + (f", reports_to: r{i - 1}" if i else "") + "}\n"
                    for i in range(500))
    load_text("org: A\nroles:\n" + chain, "x.yaml")


def test_a_long_reporting_cycle_is_printed_short() -> None:
    roles = "".join(f"  - {{id: r{i}, title: R, reports_to: r{(i + 1) % 2000}}}\n" for i in range(2000))
    (line,) = errors("org: A\nroles:\n" + roles)
    assert "r9 -> ... (1,990 more) -> r0" in line and len(line) < 300


# -- terminal escapes --------------------------------------------------------------------------------------

def test_messages_escape_terminal_control_sequences(tmp_path: Path) -> None:
    name = tmp_path / "evil\x1b[2J.yaml"
    name.write_text('org: A\nroles:\n  - {id: a, title: A, reports_to: "x\\e]0;pwned\\a"}\n'
                    '  - {id: b, title: B, "own\\x9bs": 1}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(name)])
    everything = result.stdout + result.stderr
    assert "\x1b" not in everything and "\x9b" not in everything and "\x07" not in everything
    assert "evil\\x1b[2J.yaml" in everything


def test_thousands_of_unknown_references_stay_fast() -> None:
    # "Did you mean" compares each unknown id with every known one; a budget keeps this linear.
    roles = "".join(f"  - {{id: role-{i}, title: R, reports_to: rol-{i}}}\n" for i in range(4000))
    started = time.monotonic()
    found = errors("org: A\nroles:\n" + roles)
    assert time.monotonic() - started < 30
    assert len(found) == 4000
    assert found[0].endswith("unknown role 'rol-0'; did you mean 'role-0'?")


def test_render_output_lines_escape_terminal_control_sequences(tmp_path: Path) -> None:
    from .conftest import MINIMAL

    name = tmp_path / "evil\x1b[2J.yaml"
    name.write_text(MINIMAL, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", "--no-cache", "--view", "org", "--out", str(tmp_path / "out"),
                                       str(name)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout + result.stderr and "evil\\x1b[2J-org.svg" in result.stdout
