"""diff: the change model, changelog and review on a small pair, and on the agency before and after."""

from __future__ import annotations

import textwrap

import pytest

from orgcharts.spec.loader import load_file, load_text
from orgcharts.spec.models import OrgSpec
from orgcharts.commands.diff.changelog import as_markdown, as_text, sections
from orgcharts.commands.diff.changes import Changes, compute
from orgcharts.commands.diff.review import review

from .conftest import ROOT

OLD = """\
org: Acme
sides: {client: Customer, team: Makers}
roles:
  - id: rep
    title: Rep
    client_facing: [Talks to the customer, Sends the invoice]
    internal: [Briefs the makers]
  - id: maker
    title: Maker
    reports_to: rep
    client_facing: [Shows the customer the thing]
    internal: [Makes the thing]
raci:
  - activity: Talks
    accountable: rep
    responsible: [rep, maker]
"""


def _new(old: str = OLD) -> str:
    """The same org with the rep renamed and the invoice duty moved to the maker."""
    return (old.replace("title: Rep", "title: Account Rep")
            .replace("client_facing: [Talks to the customer, Sends the invoice]", "client_facing: [Talks to the customer]")
            .replace("client_facing: [Shows the customer the thing]",
                     "client_facing: [Shows the customer the thing, Sends the invoice]"))


def _changes(old: str, new: str) -> Changes:
    return compute(load_text(textwrap.dedent(old)), load_text(textwrap.dedent(new)))


def _roles(changes: Changes) -> dict[str, tuple[str, ...]]:
    return dict(sections(changes)[0].groups)


def test_rename_and_one_moved_duty_show_exactly_that() -> None:
    changes = _changes(OLD, _new())
    assert _roles(changes) == {
        "Account Rep (was Rep)": ("renamed from Rep", "1 duty moved to Maker: “Sends the invoice”"),
        "Maker": ("1 duty moved here from Account Rep: “Sends the invoice”",),
    }
    assert [s.title for s in sections(changes)] == ["Roles", "Accountability review"]  # no unit changed
    found = review(changes)
    assert (found.accountable, found.orphaned, found.leads) == ((), (), ())
    assert all((s.old_roles, s.old_people) == (s.new_roles, s.new_people) for s in found.spans)
    assert [r.status for r in changes.roles] == ["moved", "moved"]


def test_a_role_with_a_new_id_but_the_same_title_is_the_same_role() -> None:
    new = OLD.replace("id: maker", "id: builder").replace("responsible: [rep, maker]", "responsible: [rep, builder]")
    changes = _changes(OLD, new)
    assert [r.status for r in changes.roles] == ["same", "same"]
    assert _roles(changes) == {"No role changed": ()}


def test_a_retitled_role_with_a_new_id_is_removed_and_added() -> None:
    new = (OLD.replace("id: maker\n    title: Maker", "id: builder\n    title: Builder")
           .replace("responsible: [rep, maker]", "responsible: [rep, builder]"))
    changes = _changes(OLD, new)
    assert {r.key: r.status for r in changes.roles} == {"rep": "same", "builder": "added", "maker": "removed"}
    assert _roles(changes)["Builder"] == (
        "new role; reports to the Rep (vacant)",
        "2 duties moved here from Maker: “Shows the customer the thing”; “Makes the thing”",
        "now Responsible for Talks")
    assert dict(sections(changes)[-1].groups)["Duties nobody owns after the change"] == ("none",)


def test_duty_moved_to_the_other_side_and_reworded_duty() -> None:
    new = (OLD.replace("internal: [Briefs the makers]", "internal: [Briefs the makers, Sends the invoice]")
           .replace("client_facing: [Talks to the customer, Sends the invoice]",
                    "client_facing: [Talks to the paying customer]"))
    lines = _roles(_changes(OLD, new))["Rep"]
    assert lines == ("reworded: “Talks to the customer” is now “Talks to the paying customer”",
                     "“Sends the invoice” is now a duty with the Makers (was with the Customer)")


def test_raci_letters_and_accountable_changes() -> None:
    new = OLD.replace("accountable: rep", "accountable: maker").replace("responsible: [rep, maker]",
                                                                       "responsible: [rep]")
    changes = _changes(OLD, new)
    assert _roles(changes) == {"Rep": ("now Responsible for Talks (was Accountable and Responsible)",),
                               "Maker": ("now Accountable for Talks (was Responsible)",)}
    assert review(changes).accountable == (("Talks", "rep", "maker"),)


@pytest.fixture(scope="module")
def agency() -> Changes:
    def spec(name: str) -> OrgSpec:
        return load_file(ROOT / "specs" / name).spec

    return compute(spec("client-services-before.yaml"), spec("client-services.yaml"))


def test_agency_changelog_tells_the_project_managers_story(agency: Changes) -> None:
    pm = _roles(agency)["Project Manager"]
    assert pm[:3] == ("moved with Project Management from Barrel into Client Services",
                      "now reports to the Director of Client Services (was the Head of Delivery)",
                      "2 duties moved here from Account Manager: “Shares the schedule, milestones and launch plan”; "
                      "“Runs kickoff, sprint planning and stand-ups”")
    assert "now Accountable and Responsible for Kickoff, Budget tracking, Launch (was Responsible)" in pm
    assert _roles(agency)["Head of Delivery"][0] == ("role removed (was in Project Management, reporting to the "
                                                    "Partner; held by Alex Romero)")
    assert _roles(agency)["QA Engineer (was QA Analyst)"][:3] == (
        "renamed from QA Analyst", "moved from Project Management to Engineering",
        "now reports to the Tech Lead (was the Head of Delivery)")


def test_agency_accountability_review(agency: Changes) -> None:
    found = review(agency)
    assert ("Kickoff", "account-manager", "project-manager") in found.accountable
    assert ("Weekly production meeting", "head-of-delivery", None) in found.accountable
    assert [d.text for _, d in found.orphaned] == [
        "Sets the process account managers work by", "Sends the client a weekly development status report",
        "Writes the technical specification with the tech lead",
        "Walks the client through acceptance testing before launch",
        "Runs the weekly production meeting across projects", "Reviews each project's profitability every month"]
    assert found.leads == (("Harbor & Vine", "Owen Price (Account Director)", "Lena Ortiz (Account Director)"),
                           ("Pinecrest Goods", "Owen Price (Account Director)", None))
    spans = {s.key: (s.old_roles, s.new_roles, s.old_people, s.new_people) for s in found.spans}
    assert spans["director-client-services"] == (1, 2, 3, 5)
    assert spans["head-of-delivery"] == (2, 0, 5, 0)


def test_changelog_formats_agree_and_escape_markdown(agency: Changes) -> None:
    text = as_text(agency, "a.yaml", "b.yaml")
    markdown = as_markdown(agency, "a.yaml", "b.yaml")
    assert text.splitlines()[0] == "Barrel: what changed from a.yaml to b.yaml"
    assert "### QA Engineer (was QA Analyst)" in markdown
    assert "- now reports to the Tech Lead (was the Head of Delivery)" in markdown
    hostile = _changes(OLD, _new().replace("title: Account Rep", "title: '<b>*Rep*</b>'"))
    assert "### \\<b\\>\\*Rep\\*\\</b\\> (was Rep)" in as_markdown(hostile, "a", "b")
