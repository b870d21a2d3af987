"""cli export: one view or file to stdout, several into a folder, usage errors named, invalid specs refused."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from orgcharts.cli import main

from .conftest import MINIMAL, ROOT

AGENCY = str(ROOT / "specs" / "client-services.yaml")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_one_view_goes_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(main, ["export", AGENCY, "--to", "mermaid", "--view", "org"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("---\ntitle: Barrel — reporting lines\n---\nflowchart TB\n")
    assert result.stderr == ""


def test_several_views_need_a_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["export", AGENCY, "--to", "d2"])
    assert result.exit_code == 2
    assert "5 charts to export" in result.stderr and "give a folder with -o" in result.stderr
    result = runner.invoke(main, ["export", AGENCY, "--to", "d2", "-o", str(tmp_path / "d2")])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "d2").iterdir())
    assert names == ["client-services-accounts.d2", "client-services-org.d2", "client-services-raci.d2",
                     "client-services-responsibilities-1.d2", "client-services-responsibilities-2.d2"]
    assert result.stdout == "".join(f"wrote {tmp_path / 'd2' / n}\n" for n in
                                    ["client-services-responsibilities-1.d2", "client-services-responsibilities-2.d2",
                                     "client-services-org.d2",
                                     "client-services-raci.d2", "client-services-accounts.d2"])


def test_csv_and_json_to_a_file_or_an_existing_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["export", AGENCY, "--to", "csv", "-o", str(tmp_path / "people.csv")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "people.csv").read_text(encoding="utf-8").startswith("Employee ID,Role ID,Name,Title,")
    result = runner.invoke(main, ["export", AGENCY, "--to", "json", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "client-services.json").read_text(encoding="utf-8").startswith('{\n  "version": 1,')


def test_usage_errors(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["export", AGENCY, "--to", "csv", "--view", "org"])
    assert result.exit_code == 2 and "--view applies to mermaid and d2" in result.stderr
    product = str(ROOT / "specs" / "product-company.yaml")
    result = runner.invoke(main, ["export", product, "--to", "mermaid", "--view", "accounts"])
    assert result.exit_code == 2
    assert "no data for the accounts view; it has: responsibilities, org, raci" in result.stderr
    result = runner.invoke(main, ["export", AGENCY, "--to", "svg"])
    assert result.exit_code == 2


def test_an_invalid_spec_is_refused_with_its_errors(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("reports_to: rep", "reports_to: repp"), encoding="utf-8")
    result = runner.invoke(main, ["export", str(bad), "--to", "csv", "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 1
    assert "roles[1].reports_to: unknown role 'repp'; did you mean 'rep'?" in result.stderr
    assert not (tmp_path / "out.csv").exists()


def test_a_path_without_the_format_suffix_is_a_folder(runner: CliRunner, tmp_path: Path) -> None:
    product = str(ROOT / "specs" / "product-company.yaml")
    result = runner.invoke(main, ["export", product, "--to", "mermaid", "--view", "org", "-o", str(tmp_path / "mm")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "mm" / "product-company-org.mmd").is_file()
    result = runner.invoke(main, ["export", product, "--to", "mermaid", "--view", "org", "-o", str(tmp_path / "o.mmd")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o.mmd").read_text(encoding="utf-8") == (tmp_path / "mm" / "product-company-org.mmd").read_text(
        encoding="utf-8")
