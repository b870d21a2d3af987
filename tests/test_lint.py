"""lintrules: the registry, levels, waivers, selection, and the RACI, seat and side rules."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from orgcharts.cli import main
from orgcharts.errors import SpecError
from orgcharts.lint import RULES
from orgcharts.spec.loader import load, load_file

from .conftest import ROOT

TEAM = ROOT / "tests" / "specs" / "digital-service-team.yaml"


def found(text: str) -> list[str]:
    """Every finding as printed: the errors if any, else the warnings and suggestions."""
    try:
        return [str(f) for f in load(text, "x.yaml").warnings]
    except SpecError as exc:
        return [str(f) for f in exc.findings]


def codes(text: str) -> list[str]:
    try:
        return [f.code for f in load(text, "x.yaml").warnings]
    except SpecError as exc:
        return [f.code for f in exc.findings]


# -- the registry and its documentation ------------------------------------------------------------

def test_every_rule_has_a_level_and_a_summary() -> None:
    for code, item in RULES.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code)
        assert item.level in ("error", "warning", "suggestion") and item.summary


# -- the real matrixed team ---------------------------------------------------------------------------

def test_a_matrixed_team_passes_strict_with_its_published_raci() -> None:
    result = CliRunner().invoke(main, ["check", "--strict", str(TEAM)])
    assert result.exit_code == 0, result.output
    loaded = load_file(TEAM)
    assert not [f for f in loaded.warnings if f.severity != "suggestion"]
    # The Accountable is a peer of the Responsible on most rows: product manager for research and design.
    spec = loaded.spec
    row = next(a for a in spec.raci if a.activity == "Plan and run user research")
    assert (row.responsible, row.accountable) == (["user-researcher"], ["product-manager"])


# -- levels, --strict, --select/--ignore ---------------------------------------------------------------

ONE_SIDED = """\
org: A
roles:
  - {id: a, title: A, client_facing: [Talks], internal: [Plans]}
  - {id: b, title: B, reports_to: a, internal: [Builds]}
"""


def test_strict_fails_on_warnings_not_suggestions(tmp_path: Path) -> None:
    spec = tmp_path / "a.yaml"
    spec.write_text(ONE_SIDED, encoding="utf-8")
    assert CliRunner().invoke(main, ["check", "--strict", str(spec)]).exit_code == 1
    spec.write_text(ONE_SIDED.replace("internal: [Builds]", "internal: [Builds], headcount: 2")
                    .replace("[Plans]}", "[Plans], people: [Ann]}").replace("[Builds]", "[Builds], faces: team"),
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--strict", str(spec)])
    assert "suggestion: roles[1]: 'b' has 2 seats with no name" in result.stderr
    assert result.exit_code == 0


def test_select_and_ignore_pick_warnings_but_never_hide_errors(tmp_path: Path) -> None:
    spec = tmp_path / "a.yaml"
    spec.write_text(ONE_SIDED, encoding="utf-8")
    runner = CliRunner()
    ignored = runner.invoke(main, ["check", "--strict", "--ignore", "one-sided-role", str(spec)])
    assert ignored.exit_code == 0 and ignored.stderr == ""
    selected = runner.invoke(main, ["check", "--select", "several-tops,raci-idle", str(spec)])
    assert "one-sided-role" not in selected.stderr and selected.stdout.endswith(": ok\n")
    bad = runner.invoke(main, ["check", "--ignore", "one-sided-rol", str(spec)])
    assert bad.exit_code == 2 and "did you mean 'one-sided-role'?" in bad.stderr
    error = runner.invoke(main, ["check", "--ignore", "unknown-role", str(spec)])
    assert error.exit_code == 2 and "is an error, which cannot be waived" in error.stderr


# -- waivers ---------------------------------------------------------------------------------------------

def test_spec_level_ignore() -> None:
    assert codes(ONE_SIDED) == ["one-sided-role"]
    assert codes(ONE_SIDED + "lint: {ignore: [one-sided-role]}\n") == []
    assert found(ONE_SIDED + "lint: {ignore: [one-sided]}\n") == [
        "x.yaml:5:17: lint.ignore[0]: unknown rule code 'one-sided'; did you mean 'one-sided-role'?"]


def test_a_waiver_beside_the_line_excuses_that_item_and_says_why() -> None:
    waived = ONE_SIDED.replace("internal: [Builds]}", "internal: [Builds]}  # orgcharts: ignore[one-sided-role] — "
                                                      "builds only; never meets the client")
    assert found(waived) == []
    above = ONE_SIDED.replace("  - {id: b", "  # orgcharts: ignore[one-sided-role] -- builds only\n  - {id: b")
    assert found(above) == []


def test_a_waiver_on_a_field_line_excuses_findings_inside_that_item() -> None:
    text = """\
org: A
roles:
  - id: a  # orgcharts: ignore[one-sided-role]: the lead only plans
    title: A
    internal: [Plans]
"""
    assert found(text) == []
    assert codes(text.replace("one-sided-role]", "several-tops]")) == ["one-sided-role", "unused-waiver"]


def test_unused_unexplained_unknown_and_error_waivers_are_reported() -> None:
    text = ONE_SIDED.replace("  - {id: a,", "  # orgcharts: ignore[raci-chain] — matrix team\n  - {id: a,")
    assert found(text)[0] == ("x.yaml:3:3: warning: this waiver (raci-chain) excuses nothing in `roles[0]` "
                              "(line 4); remove it, or move it to the line of the item the finding names")
    bare = ONE_SIDED.replace("[Builds]}", "[Builds]}  # orgcharts: ignore[one-sided-role]")
    assert found(bare) == ["x.yaml:4:59: warning: say why beside the waiver: "
                           "`# orgcharts: ignore[one-sided-role] — the reason`"]
    error = ONE_SIDED + "  - {id: c, title: C, reports_to: zz}  # orgcharts: ignore[unknown-role] — later\n"
    assert codes(error) == ["unknown-role", "unknown-code"]


# -- RACI ---------------------------------------------------------------------------------------------------

RACI = """\
org: A
roles:
  - {id: lead, title: Lead, people: [Lee], client_facing: [Sells the work], internal: [Plans the work]}
  - {id: pm, title: PM, reports_to: lead, people: [Pat], client_facing: [Reports progress], internal: [Plans sprints]}
  - {id: dev, title: Dev, reports_to: pm, people: [Dee], client_facing: [Demos builds], internal: [Builds features]}
raci:
"""


def test_raci_chain_fires_only_when_the_accountable_sits_below_a_responsible() -> None:
    peer = RACI + "  - {activity: Sprints, responsible: dev, accountable: pm, informed: lead}\n"
    assert "raci-chain" not in codes(peer)
    inverted = RACI + "  - {activity: Sprints, responsible: lead, accountable: dev, informed: pm}\n"
    assert codes(inverted).count("raci-chain") == 1


def test_raci_per_activity_and_per_role_rules() -> None:
    rows = "".join(f"  - {{activity: Work {i}, responsible: dev, accountable: pm, informed: lead}}\n" for i in range(6))
    crowded = ("  - {activity: Big, responsible: [lead, pm, dev, a, b], accountable: lead, "
               "consulted: [a, b, c, d, e, f], informed: pm}\n")
    extra = "".join(f"  - {{id: {x}, title: {x.upper()}, reports_to: lead}}\n" for x in "abcdef")
    text = RACI.replace("raci:\n", extra + "raci:\n") + rows + crowded + "  - {activity: Alone, responsible: a, accountable: a}\n"
    got = codes(text)
    assert got.count("raci-many-responsible") == 1 and got.count("raci-many-accountable") == 1
    assert got.count("raci-crowded") == 1 and got.count("raci-many-consulted") == 1
    assert got.count("raci-silent") == 1


def test_an_accountable_with_every_seat_open_is_a_warning() -> None:
    text = RACI.replace("{id: pm, title: PM, reports_to: lead, people: [Pat],", "{id: pm, title: PM, reports_to: lead, open: 1,")
    text += "  - {activity: Sprints, responsible: dev, accountable: pm, informed: lead}\n"
    assert [m for m in found(text) if "raci-vacant" in m or "every seat is open" in m] == [
        "x.yaml:7:56: warning: raci[0].accountable: 'pm' is Accountable but every seat is open; name an acting "
        "Accountable until the seat is filled"]


def test_an_account_led_by_a_team_only_role_is_a_warning() -> None:
    text = RACI.replace("raci:\n", "accounts:\n  - {id: acme, client: Acme, lead: dev}\n")
    text = text.replace("client_facing: [Demos builds], internal: [Builds features]", "internal: [Builds features], faces: team")
    assert [m for m in found(text) if "client-facing lead" in m] == [
        "x.yaml:7:36: warning: accounts[0].lead: 'dev' faces only the team, so account 'acme' has no client-facing "
        "lead; lead it with a client-facing role, or give this role client-facing duties"]


def test_stem_heuristics_are_suggestions() -> None:
    text = RACI + "  - {activity: Quarterly audit, responsible: dev, accountable: pm, informed: lead}\n"
    levels = {f.code: f.severity for f in load(text, "x.yaml").warnings}
    assert levels["activity-without-duty"] == "suggestion"
    assert levels["duty-without-activity"] == "suggestion"


# -- the format: seats, shared roles, placeholders, stated sides ------------------------------------------

def test_faces_clears_one_sided_role() -> None:
    assert codes(ONE_SIDED.replace("[Builds]}", "[Builds], faces: team}")) == []
    unit = ONE_SIDED.replace("roles:", "units: [{id: eng, name: Eng, faces: team, lead: b}]\nroles:")
    assert codes(unit.replace("[Builds]}", "[Builds], unit: eng}")) == []


def test_placeholder_and_seat_count_rules() -> None:
    text = "org: A\nroles:\n  - {id: boss, title: Director, placeholder: true, people: [Ann]}\n"
    assert found(text) == ["x.yaml:3:33: roles[0].placeholder: a placeholder is a title only; remove its "
                           "`people:`, `open:` and `headcount:`, or remove `placeholder: true`"]
    over = "org: A\nroles:\n  - {id: a, title: A, people: [Ann, Bo], open: 1, headcount: 2}\n"
    assert found(over) == ["x.yaml:3:62: warning: roles[0].headcount: headcount 2 is less than the 2 people named "
                           "plus 1 open; make it 3, or remove it"]


# -- loops, depth and size --------------------------------------------------------------------------------

def test_a_dotted_line_closing_a_loop_is_an_error() -> None:
    text = ("org: A\nroles:\n  - {id: a, title: A, dotted_to: [c]}\n  - {id: b, title: B, reports_to: a}\n"
            "  - {id: c, title: C, reports_to: b}\n")
    assert found(text) == ["x.yaml:3:35: roles[0].dotted_to[0]: this dotted line closes a loop with the reporting "
                           "lines (a -> c -> b -> a): 'a' would answer to someone who answers to it; remove the "
                           "dotted line or fix the reporting line"]
    two_dotted = "org: A\nroles:\n  - {id: a, title: A, dotted_to: [b]}\n  - {id: b, title: B, dotted_to: [a]}\n"
    assert codes(two_dotted) == ["dotted-loop"]


def test_several_tops_is_one_finding_with_a_capped_list() -> None:
    roles = "".join(f"  - {{id: r{i}, title: R}}\n" for i in range(5000))
    (line,) = found("org: A\nroles:\n" + roles)
    assert line.startswith("x.yaml:4:5: warning: roles[1]: 5,000 roles report to no one (r0, r1,")
    assert line.endswith("r9 and 4,990 more); add `reports_to:` so the org has one top")


# -- the docs (docs/spec.md: the format; docs/checks.md: the rules) --------------------------------------------

def _readme() -> str:
    return "\n".join((ROOT / "docs" / page).read_text(encoding="utf-8") for page in ("spec.md", "checks.md"))


def test_readme_rule_table_is_the_registry_s() -> None:
    from orgcharts.lint import rule_table

    assert rule_table() in _readme()


def test_readme_example_spec_passes_strict(tmp_path: Path) -> None:
    example = _readme().split("```yaml\n", 1)[1].split("```", 1)[0]
    spec = tmp_path / "example.yaml"
    spec.write_text(example, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--strict", str(spec)])
    assert result.exit_code == 0 and result.stderr == "", result.output


def test_readme_reference_tables_name_every_field_of_every_model() -> None:
    from pydantic import BaseModel

    from orgcharts.spec import models

    readme = _readme()
    tables = re.findall(r"<!-- fields: (\w+) -->\n((?:\|.*\n)+)", readme)
    assert tables
    documented = set()
    for name, table in tables:
        model = getattr(models, name)
        first_cells = [row.split("|")[1] for row in table.splitlines()[2:]]
        fields = {f for cell in first_cells for f in re.findall(r"`([a-z_]+)`", cell)}
        assert fields == set(model.model_fields), (name, fields ^ set(model.model_fields))
        documented.add(model)
    # Every model reachable from the spec has a table.
    reachable = {m for m in vars(models).values()
                 if isinstance(m, type) and issubclass(m, BaseModel) and m.__module__ == models.__name__
                 and m.__name__ not in ("_Strict", "Sides", "Views")}
    assert reachable == documented, reachable ^ documented


def test_suggestions_in_json_and_github_reports(tmp_path: Path) -> None:
    import json

    spec = tmp_path / "a.yaml"
    spec.write_text(ONE_SIDED.replace("[Plans]}", "[Plans], people: [Ann]}").replace("[Builds]}", "[Builds], "
                    "faces: team, headcount: 2}"), encoding="utf-8")
    doc = json.loads(CliRunner().invoke(main, ["check", "--format", "json", str(spec)]).stdout)
    assert (doc["errors"], doc["warnings"], doc["suggestions"]) == (0, 0, 1)
    github = CliRunner().invoke(main, ["check", "--format", "github", str(spec)]).stdout
    assert github.startswith("::notice file=") and "title=unnamed-seats::" in github


def test_a_waiver_on_one_item_does_not_cover_its_siblings() -> None:
    text = ONE_SIDED.replace("internal: [Plans]}", "internal: [Plans]}  # orgcharts: ignore[one-sided-role] — a only")
    text = text.replace("client_facing: [Talks], ", "")
    assert codes(text) == ["one-sided-role"]  # b's finding stays; a's is waived
    assert found(text)[0].startswith("x.yaml:4:5: warning: roles[1]: 'b'")


def test_the_matrixed_team_plans_every_chart() -> None:
    # Placeholders, shared roles, unnamed and open seats reach every view and DOT without trouble.
    from orgcharts.commands.pipeline import SpecFile, plan_charts

    charts = plan_charts([SpecFile(TEAM, load_file(TEAM).spec)], [])
    assert {c.view for c in charts} == {"responsibilities", "org", "raci"}
    org = next(c.dot for c in charts if c.view == "org")
    assert "3 people" in org and "Ade Bello · shared with" in org and "Vacant" in org
    assert "15 people in 19 roles" in org


def test_a_waiver_lookalike_inside_text_is_text() -> None:
    text = ONE_SIDED + 'description: "see # orgcharts: ignore[one-sided-role] — in quotes"\n'
    text += "title: >-\n  A block # orgcharts: ignore[raci-chain] — also text\n"
    assert codes(text) == ["one-sided-role"]


def test_a_waiver_must_name_codes() -> None:
    text = ONE_SIDED.replace("[Builds]}", "[Builds]}  # orgcharts: ignore[] — builds only")
    assert codes(text) == ["unknown-code"]  # an error: the spec is refused until the codes are named


PODS = """\
org: Pods
units:
  - {id: agency, name: Agency, lead: md}
  - {id: pod-a, name: Pod Acme, parent: agency, lead: ad-a}
  - {id: pod-b, name: Pod Birch, parent: agency, lead: ad-b}
roles:
  - {id: md, title: MD, unit: agency, client_facing: [Wins new clients], internal: [Runs the agency]}
  - {id: ad-a, title: Account Director, unit: pod-a, reports_to: md, client_facing: [Leads Acme], internal: [Hires]}
  - {id: ad-b, title: Account Director, unit: pod-b, reports_to: md, client_facing: [Leads Birch], internal: [Plans]}
  - id: am
    title: Account Manager
    client_facing: [Runs the weekly status with the client]
    internal: [Briefs the team]
    placements:
      - {unit: pod-a, reports_to: ad-a, people: [Sam]}
      - {unit: pod-b, reports_to: ad-b, people: [Lee], headcount: 2}
  - id: ae
    title: Account Executive
    reports_to: am
    client_facing: [Sends the weekly status notes]
    internal: [Keeps the tracker]
    placements: [{unit: pod-a, people: [Ann]}, {unit: pod-b, people: [Bea]}]
raci:
  - {activity: Weekly status, accountable: am, responsible: [ae], informed: [md]}
"""


def test_a_placed_role_is_one_role_per_pod_with_no_duplicate_duty_and_one_top() -> None:
    from orgcharts.spec.loader import load

    loaded = load(PODS, "pods.yaml")
    codes = {f.code for f in loaded.warnings}
    assert "duplicate-duty" not in codes and "several-tops" not in codes, codes
    roles = {r.id: r for r in loaded.spec.roles}
    assert roles["am-pod-a"].unit == "pod-a" and roles["am-pod-a"].reports_to == "ad-a"
    assert roles["ae-pod-b"].reports_to == "am-pod-b"  # the manager placed in the same pod
    assert [p.name for p in roles["am-pod-b"].people] == ["Lee"] and roles["am-pod-b"].seats == 2
    assert "am" not in roles and "ae" not in roles
    assert loaded.spec.raci[0].accountable == ["am-pod-a", "am-pod-b"]
    # The same spec with the Account Manager copied into each pod: the linter calls it a duplicate duty.
    copied = PODS.replace("""  - id: am
    title: Account Manager
    client_facing: [Runs the weekly status with the client]
    internal: [Briefs the team]
    placements:
      - {unit: pod-a, reports_to: ad-a, people: [Sam]}
      - {unit: pod-b, reports_to: ad-b, people: [Lee], headcount: 2}
""", """  - {id: am, title: Account Manager, unit: pod-a, reports_to: ad-a, client_facing: [Runs the weekly status with the client], internal: [Briefs the team]}
  - {id: am2, title: Account Manager, unit: pod-b, reports_to: ad-b, client_facing: [Runs the weekly status with the client], internal: [Briefs the team]}
""")
    assert "duplicate-duty" in {f.code for f in load(copied, "copied.yaml").warnings}


@pytest.mark.parametrize("change,message,line,code", [
    ("    title: Account Manager\n", "    title: Account Manager\n    unit: pod-a\n", 12, "placed-role"),
    ("      - {unit: pod-b, reports_to: ad-b, people: [Lee], headcount: 2}\n",
     "      - {unit: pod-a, reports_to: ad-b, people: [Lee], headcount: 2}\n", 16, "placed-role"),
    ("      - {unit: pod-a, reports_to: ad-a, people: [Sam]}\n", "      - {unit: pod-x, reports_to: ad-a}\n", 15,
     "unknown-unit"),
    ("      - {unit: pod-a, reports_to: ad-a, people: [Sam]}\n", "      - {unit: pod-a, reports_to: ad-q}\n", 15,
     "unknown-role"),
], ids=["own-unit", "twice-in-a-unit", "unknown-unit", "unknown-manager"])
def test_a_placed_role_that_is_wrong_is_an_error_at_its_line(change: str, message: str, line: int, code: str) -> None:
    from orgcharts.errors import SpecError
    from orgcharts.spec.loader import load

    assert change in PODS
    with pytest.raises(SpecError) as caught:
        load(PODS.replace(change, message), "pods.yaml")
    (finding,) = caught.value.findings
    assert (finding.position.line, finding.code) == (line, code), finding
