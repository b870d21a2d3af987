"""docs: a page per role whose content matches the spec (parsed back from the Markdown), and an index."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from orgcharts.cli import main
from orgcharts.spec.loader import load_file
from orgcharts.spec.models import OrgSpec

from .conftest import ROOT

SPEC = ROOT / "specs" / "client-services.yaml"


def _parse(text: str) -> tuple[str, dict[str, str], dict[str, list[str]]]:
    """A page as (title, facts, sections): `- **Label:** value` lines, then `## Heading` bullet lists."""
    lines = text.splitlines()
    assert lines[0].startswith("# ")
    facts: dict[str, str] = {}
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines[1:]:
        if line.startswith("## "):
            current = sections.setdefault(line[3:], [])
        elif line.startswith("- ") and current is None:
            label, value = re.fullmatch(r"- \*\*(.+?):\*\* (.*)", line).groups()  # type: ignore[union-attr]
            facts[label] = value
        elif line.startswith("- ") and current is not None:
            current.append(line[2:])
    return lines[0][2:], facts, sections


def _link(text: str) -> tuple[str, str]:
    title, target = re.fullmatch(r"\[(.+)\]\((.+)\.md\)", text).groups()  # type: ignore[union-attr]
    return title, target


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    result = CliRunner().invoke(main, ["docs", str(SPEC), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / "client-services"


@pytest.fixture(scope="module")
def spec() -> OrgSpec:
    return load_file(SPEC).spec


def test_a_page_per_role_and_an_index_linking_them_all(written: Path, spec: OrgSpec) -> None:
    assert sorted(p.name for p in written.iterdir()) == sorted([f"{r.id}.md" for r in spec.roles] + ["index.md"])
    index = (written / "index.md").read_text(encoding="utf-8")
    linked = [_link(m) for m in re.findall(r"\[[^\]]+\]\([^)]+\.md\)", index)]
    assert sorted(linked) == sorted((r.title, r.id) for r in spec.roles)
    assert (written.parent / "index.md").read_text(encoding="utf-8").endswith("(client-services/index.md)\n")


def test_page_content_matches_the_spec(written: Path, spec: OrgSpec) -> None:
    roles = {r.id: r for r in spec.roles}
    units = {u.id: u for u in spec.units}
    for role in spec.roles:
        title, facts, sections = _parse((written / f"{role.id}.md").read_text(encoding="utf-8"))
        assert title == role.title
        assert "Owns" not in facts and "Nickname" not in facts  # the unit's words are the unit's
        unit = units.get(role.unit or "")
        if unit is not None and unit.owns:
            assert sections[f"The unit: {unit.name}"][1] == f"**The unit owns:** {unit.owns}"
        boss = facts["Reports to"]
        assert (_link(boss) if boss != "no one" else None) == (
            (roles[role.reports_to].title, role.reports_to) if role.reports_to else None)
        reports = [r.id for r in spec.roles if r.reports_to == role.id]
        shown = facts["Direct reports"]
        assert ([_link(x)[1] for x in shown.split(", ")] if shown != "none" else []) == reports
        assert (facts["People"].split(", ") if "People" in facts else []) == [p.name for p in role.people]
        assert facts["Headcount"].startswith(f"{role.seats} seat")
        assert (f"{role.open} open" in facts["Headcount"]) == bool(role.open)
        assert sections["Duties with the Client"] == (list(role.client_facing) or ["none listed"])
        assert sections["Duties with the Production team"] == (list(role.internal) or ["none listed"])
        pairs = [re.fullmatch(r"\*\*(\w+):\*\* (.*)", x) for x in sections.get("RACI", [])]
        raci = dict(m.groups() for m in pairs if m)
        for letter, field in (("Accountable", "accountable"), ("Responsible", "responsible"),
                              ("Consulted", "consulted"), ("Informed", "informed")):
            expected = [a.activity for a in spec.raci if role.id in getattr(a, field)]
            assert (raci[letter].split(", ") if letter in raci else []) == expected, (role.id, letter)
        served = [a.client for a in spec.accounts  # one line per membership: two developers, two lines
                  for m in (a.lead, a.project_manager, *a.contributors) if m and m.role == role.id]
        assert [x.split(" — ")[0] for x in sections.get("Accounts", [])] == served  # no "Accounts: none"


def test_project_manager_page_reads_as_expected(written: Path) -> None:
    _, facts, sections = _parse((written / "project-manager.md").read_text(encoding="utf-8"))
    assert facts["Unit"] == "Project Management › Client Services › Barrel"
    assert facts["People"] == "Ravi Shah, Elena Novak, Chris Doyle"
    assert facts["Headcount"] == "4 seats: 3 filled, 1 open · 3 FTE filled"
    assert facts["Dotted-line reports"] == "[QA Engineer](qa-engineer.md)"
    assert sections["Accounts"][0] == "Northwind Outfitters — project manager (Ravi Shah)"
    assert sections["Key relationships"][:2] == ["Clients' project and product owners",
                                                 "Freelancers and partner agencies staffed on a project"]


def test_unit_text_is_the_units_and_derived_relationships(tmp_path: Path) -> None:
    spec = tmp_path / "hotel.yaml"
    spec.write_text("""\
org: Hotel
units:
  - {id: front, name: Front Office, nickname: The Desk, owns: "arrival, stay and departure", key_responsibility: Happy guests}
roles:
  - id: manager
    title: Front Office Manager
    unit: front
    people: [Ann]
  - id: auditor
    title: Night Auditor
    unit: front
    reports_to: manager
    dotted_to: [controller]
    people: [{name: Bo, fte: 0.6}]
    headcount: 2
    open: 1
    fte: 0.5
    grade: B3
    location: Leeds
    owns: the night's ledger
    internal: [Balances the day's takings]
  - id: controller
    title: Financial Controller
    people: [Cy]
  - id: porter
    title: Night Porter
    reports_to: manager
raci:
  - {activity: Night audit, accountable: controller, responsible: [auditor], consulted: [porter]}
""", encoding="utf-8")
    out = tmp_path / "docs"
    assert CliRunner().invoke(main, ["docs", str(spec), "--out", str(out)]).exit_code == 0
    _, facts, sections = _parse((out / "hotel" / "auditor.md").read_text(encoding="utf-8"))
    assert sections["Purpose"] == ["**Owns:** the night's ledger"]  # the role's own
    assert sections["The unit: Front Office"] == [
        "**Known as:** “The Desk”", "**The unit owns:** arrival, stay and departure",
        "**The unit's key responsibility:** Happy guests"]
    assert facts["Headcount"] == "2 seats: 1 filled, 1 open · 0.6 FTE filled"
    assert (facts["Grade"], facts["Location"]) == ("B3", "Leeds")
    assert facts["Dotted line to"] == "[Financial Controller](controller.md)"
    assert sections["Key relationships"] == ["[Night Porter](porter.md) — works together on Night audit"]
    assert "Accounts" not in sections and "Requirements" not in sections
    _, boss, _ = _parse((out / "hotel" / "manager.md").read_text(encoding="utf-8"))
    assert boss["Direct reports"] == "[Night Auditor](auditor.md), [Night Porter](porter.md)"


HOSTILE = """\
org: "R&D <script>alert(1)</script>"
units:
  - {id: lab, name: "Lab *one*", lead: boss}
roles:
  - id: boss
    title: "<img src=x onerror=alert(1)>"
    unit: lab
    client_facing: ["- [link](http://x) & <b>"]
    internal: ["1. not a list"]
  - id: aide
    title: Aide
    unit: lab
    reports_to: boss
    client_facing: [Helps]
    internal: [Files]
"""


def test_html_escapes_user_text_and_highlights_the_role(tmp_path: Path) -> None:
    spec = tmp_path / "lab.yaml"
    spec.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "docs"
    for fmt in ("html", "md"):
        result = CliRunner().invoke(main, ["docs", str(spec), "--out", str(out), "--format", fmt])
        assert result.exit_code == 0, result.output
    page = (out / "lab" / "aide.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;b&gt;" in (out / "lab" / "boss.html").read_text(encoding="utf-8")
    here = re.search(r'<g id="([^"]+)" class="node">\s*<title>role&#45;aide</title>', page)
    boss = re.search(r'<g id="([^"]+)" class="node">\s*<title>role&#45;boss</title>', page)
    assert here and boss
    assert f'#{here.group(1)} path:not([stroke="none"]){{stroke:' in page  # this role, emphasised
    assert f'#{boss.group(1)} path:not([stroke="none"]){{stroke:' in page  # its manager, in the chain
    md = (out / "lab" / "boss.md").read_text(encoding="utf-8")
    assert "# \\<img src=x onerror=alert(1)\\>" in md
    assert "- \\- \\[link\\](http://x) & \\<b\\>" in md and "- \\1. not a list" in md


def test_docs_are_deterministic_and_invalid_specs_write_nothing(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    for _ in range(2):
        assert CliRunner().invoke(main, ["docs", str(SPEC), "--out", str(out), "--format", "html"]).exit_code == 0
        if _ == 0:
            first = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == first
    bad = tmp_path / "bad.yaml"
    bad.write_text("org: X\nroles:\n  - id: a\n    title: A\n    reports_to: b\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["docs", str(bad), "--out", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "bad.yaml:5:17: roles[0].reports_to: unknown role 'b'" in result.stderr
    assert not (tmp_path / "none").exists()


def test_the_page_of_a_removed_role_is_removed(tmp_path: Path) -> None:
    spec = tmp_path / "team.yaml"
    spec.write_text("org: T\nroles:\n  - id: lead\n    title: Lead\n  - id: dev\n    title: Dev\n    reports_to: lead\n",
                    encoding="utf-8")
    out = tmp_path / "docs"
    assert CliRunner().invoke(main, ["docs", str(spec), "--out", str(out)]).exit_code == 0
    (out / "team" / "notes.txt").write_text("mine")
    spec.write_text("org: T\nroles:\n  - id: lead\n    title: Lead\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["docs", str(spec), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "team").iterdir()) == ["index.md", "lead.md", "notes.txt"]
    assert f"removed {out / 'team' / 'dev.md'}: that role is no longer in the spec" in result.output
