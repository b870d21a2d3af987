"""cli: commands through click's CliRunner: exit codes, stderr, files written or left alone."""

import json
import os
import signal
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from orgcharts.cli import main

from .conftest import MINIMAL, ROOT


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with specs/acme.yaml, as a user's repository would have."""
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "acme.yaml").write_text(MINIMAL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_render_with_no_arguments_draws_specs_into_output(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(main, ["render"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout == ("wrote output/acme-responsibilities.svg\n"
                             "wrote output/acme-responsibilities.png\n"
                             "wrote output/acme-org.svg\n"
                             "wrote output/acme-org.png\n"
                             "wrote output/index.html\n")
    assert (project / "output" / "acme-responsibilities.svg").read_bytes().startswith(b'<?xml')


def test_render_twice_gives_identical_bytes(runner: CliRunner, project: Path) -> None:
    runner.invoke(main, ["render", "-f", "svg", "-f", "png", "-f", "pdf"])
    first = {p.name: p.read_bytes() for p in (project / "output").iterdir()}
    time.sleep(1.1)  # a clock in the bytes (cairo stamps the PDF to the second) would show
    runner.invoke(main, ["render", "-f", "svg", "-f", "png", "-f", "pdf"])
    assert {p.name: p.read_bytes() for p in (project / "output").iterdir()} == first
    assert len(first) == 7  # three formats of two charts, and the gallery


def test_render_named_spec_with_out_and_formats(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(main, ["render", "specs/acme.yaml", "--out", "charts", "--format", "dot",
                                  "--view", "responsibilities"])
    assert result.exit_code == 0
    assert sorted(p.name for p in (project / "charts").iterdir()) == ["acme-responsibilities.dot", "index.html"]


def test_misspelt_key_exits_1_and_leaves_output_untouched(runner: CliRunner, project: Path) -> None:
    runner.invoke(main, ["render"])
    before = {p.name: p.read_bytes() for p in (project / "output").iterdir()}
    spec = project / "specs" / "acme.yaml"
    spec.write_text(MINIMAL.replace("    owns: the customer", "    ownz: the customer"), encoding="utf-8")
    result = runner.invoke(main, ["render"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == ("specs/acme.yaml:9:5: units[0].ownz: unknown field; did you mean 'owns'?\n"
                             "1 error in 1 spec; nothing was written\n")
    assert {p.name: p.read_bytes() for p in (project / "output").iterdir()} == before


def test_check_validates_without_writing(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(main, ["check"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "specs/acme.yaml: ok\n", "")
    assert not (project / "output").exists()


def test_check_reports_errors_with_exit_1(runner: CliRunner, project: Path) -> None:
    (project / "specs" / "acme.yaml").write_text("org: A\nroles: [{id: a, title: A, reports_to: z}]\n")
    result = runner.invoke(main, ["check", "specs"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "specs/acme.yaml:2:39: roles[0].reports_to: unknown role 'z'"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", "nowhere.yaml"], "Path 'nowhere.yaml' does not exist"),
        (["render", "--view", "pie"], "Invalid value for '--view': 'pie' is not"),
        (["render", "--format", "gif"], "'gif' is not one of 'svg', 'png', 'pdf', 'dot'"),
        (["render", "--bogus"], "No such option '--bogus'"),
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, project: Path, args: list[str], message: str) -> None:
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_no_specs_folder_is_a_usage_error(runner: CliRunner, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["render"])
    assert result.exit_code == 2
    assert "no spec named and no ./specs folder here; name a spec file or folder" in result.stderr


def test_schema_prints_json_schema_matching_the_committed_file(runner: CliRunner) -> None:
    result = runner.invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "orgcharts spec v1"
    assert "roles" in schema["required"]
    assert result.stdout == (ROOT / "orgcharts.schema.json").read_text(), "run: orgcharts schema > orgcharts.schema.json"


@pytest.mark.parametrize("command", [[], ["render"], ["check"], ["schema"]])
def test_every_command_has_help(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(main, [*command, "--help"], prog_name="orgcharts")
    assert result.exit_code == 0
    assert result.stdout.startswith(" ".join(["Usage: orgcharts", *command]))


def test_check_prints_warnings_and_still_passes(runner: CliRunner, project: Path) -> None:
    (project / "specs" / "acme.yaml").write_text(
        MINIMAL.replace("    client_facing: [Shows the customer the thing]\n", ""), encoding="utf-8")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 0
    assert result.stdout == "specs/acme.yaml: 1 warning\n"
    assert result.stderr == ("specs/acme.yaml:17:5: warning: roles[1]: 'maker' lists duties on one side only; "
                             "add `client_facing:` duties, or state that it faces one side with `faces: team`\n")
    strict = runner.invoke(main, ["check", "--strict"])
    assert strict.exit_code == 1


def test_check_json_and_github_formats(runner: CliRunner, project: Path) -> None:
    (project / "specs" / "bad.yaml").write_text("org: A\nroles: [{id: a, title: A, ownz: x}]\n", encoding="utf-8")
    result = runner.invoke(main, ["check", "--format", "json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["files"] == ["specs/acme.yaml", "specs/bad.yaml"]
    assert (doc["errors"], doc["warnings"]) == (1, 0)
    assert doc["findings"] == [{"path": "specs/bad.yaml", "line": 2, "column": 27, "field": "roles[0].ownz",
                                "code": "unknown-field", "severity": "error",
                                "message": "unknown field; did you mean 'owns'?"}]
    github = runner.invoke(main, ["check", "--format", "github"])
    assert github.stdout == ("::error file=specs/bad.yaml,line=2,col=27,title=unknown-field::"
                             "roles[0].ownz: unknown field; did you mean 'owns'?\n")


def test_render_one_view(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(main, ["render", "--view", "org", "-f", "svg"])
    assert (result.exit_code, result.stdout) == (0, "wrote output/acme-org.svg\nwrote output/index.html\n")


def test_a_chart_that_crashes_keeps_its_old_files_and_the_rest_are_written(
        runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from orgcharts.engine import workers

    runner.invoke(main, ["render", "-f", "svg"])
    old_org = (project / "output" / "acme-org.svg").read_bytes()
    (project / "output" / "acme-responsibilities.svg").write_bytes(b"stale")
    real = workers._draw

    def crash_on_org(dot: str, formats, look):  # type: ignore[no-untyped-def]
        if dot.startswith('digraph "acme-org"'):
            os.kill(os.getpid(), signal.SIGSEGV)
        return real(dot, formats, look)

    monkeypatch.setattr(workers, "_draw", crash_on_org)
    monkeypatch.setattr(workers, "IN_PROCESS_LIMIT", -1)  # isolation as for a large chart: in workers
    result = runner.invoke(main, ["render", "-f", "svg", "--no-cache"])
    assert result.exit_code == 1
    assert result.stdout == "wrote output/acme-responsibilities.svg\nwrote output/index.html\n"
    assert result.stderr == ("error: acme-org: Graphviz crashed (SIGSEGV) while drawing this chart; "
                             "its earlier files were left as they were\n")
    assert (project / "output" / "acme-org.svg").read_bytes() == old_org
    assert (project / "output" / "acme-responsibilities.svg").read_bytes().startswith(b"<?xml")


def test_render_pptx_writes_one_deck_per_spec(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(main, ["render", "-f", "pptx"])
    assert (result.exit_code, result.stdout) == (0, "wrote output/acme.pptx\nwrote output/index.html\n")
    from pptx import Presentation

    deck = Presentation(str(project / "output" / "acme.pptx"))
    assert [s.shapes.title.text for s in deck.slides] == ["Acme", "Acme — reporting lines"]


def test_fit_background_and_theme_options(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(main, ["render", "--view", "org", "-f", "svg", "--fit", "16:9", "--background",
                                  "transparent", "--theme", "dark"])
    assert result.exit_code == 0, result.stderr
    svg = (project / "output" / "acme-org.svg").read_text()
    width, height = (float(v) for v in svg.split('viewBox="')[1].split('"')[0].split()[2:])
    assert width / height == 16 / 9
    assert 'transform="scale(1 1)' in svg  # padded, never scaled
    assert 'fill="white"' not in svg and "#0b1220" not in svg.lower()  # no background drawn
    assert "#cbd5e1" in svg.lower()  # the dark theme's lead colour


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--theme", "neon"], "unknown theme 'neon'; must be one of [dark, default, high-contrast, print] or a theme file (.yaml)"),
        (["--background", "blue"], "'blue' is not a background; use transparent, white or #RRGGBB"),
        (["--fit", "21:9"], "'21:9' is not one of 'none', '16:9', '4:3', 'a4'"),
    ],
)
def test_bad_look_options_are_usage_errors(runner: CliRunner, project: Path, args: list[str], message: str) -> None:
    result = runner.invoke(main, ["render", *args])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())


def test_theme_file_is_validated_with_positions(runner: CliRunner, project: Path) -> None:
    (project / "brand.yaml").write_text("base: dark\ncolors:\n  client: red\n  tem: '#123456'\n")
    result = runner.invoke(main, ["render", "--theme", "brand.yaml"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        "brand.yaml:3:11: colors.client: 'red' is not a colour; write it as #RRGGBB or #RGB, e.g. '#C2410C'",
        "brand.yaml:4:3: colors.tem: unknown field; did you mean 'team'?",
    ]
    (project / "brand.yaml").write_text("base: dark\ncolors: {client: '#FF0066'}\nfont: Inter\n")
    ok = runner.invoke(main, ["render", "--theme", "brand.yaml", "-f", "svg", "--view", "org"])
    svg = (project / "output" / "acme-org.svg").read_text()
    assert ok.exit_code == 0 and 'font-family="Inter,Liberation Sans,Arial,Helvetica,sans-serif"' in svg


def test_themes_lists_the_built_ins(runner: CliRunner) -> None:
    result = runner.invoke(main, ["themes"])
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["default", "dark", "print", "high-contrast"]


def test_asking_for_a_view_no_spec_has_data_for_is_an_error(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(main, ["render", "--view", "accounts"])
    assert result.exit_code == 1
    assert result.stderr == ("error: nothing to draw: no spec has data for accounts "
                             "(see `orgcharts render --help`)\n")
    assert not (project / "output").exists()


def test_unchanged_charts_come_from_the_cache(runner: CliRunner, project: Path, chart_cache: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from orgcharts.engine import workers

    first = runner.invoke(main, ["render", "-f", "svg"])
    before = (project / "output" / "acme-org.svg").read_bytes()
    (project / "output" / "acme-org.svg").unlink()

    def no_graphviz(*_: object) -> dict[str, bytes]:
        raise AssertionError("drawn again")

    monkeypatch.setattr(workers, "_draw", no_graphviz)
    again = runner.invoke(main, ["render", "-f", "svg"])
    assert (first.exit_code, again.exit_code) == (0, 0)
    assert (project / "output" / "acme-org.svg").read_bytes() == before
    fresh = runner.invoke(main, ["render", "-f", "svg", "--no-cache"])
    assert fresh.exit_code == 1 and "drawn again" not in fresh.stdout  # --no-cache reaches Graphviz
