"""views.accounts: one card per account, members by the side they face, flowed into columns, split when many."""

from orgcharts.views.diagram import Card
from orgcharts.layout.slides import measure
from orgcharts.spec.loader import load_text
from orgcharts.spec.models import ViewOptions
from orgcharts.views.accounts import build, charts

ACCOUNTS = """\
org: Agency
roles:
  - {id: ad, title: Account Director, client_facing: [a, b], people: [Kim, Lee]}
  - {id: pm, title: Project Manager, internal: [a], people: [Sam]}
  - {id: dev, title: Developer, internal: [a], people: [Ola]}
  - {id: lead, title: Tech Lead, client_facing: [a], internal: [b], people: [Ria]}
accounts:
  - id: acme
    client: Acme & Sons
    description: Shop rebuild
    lead: {role: ad, person: Lee}
    project_manager: pm
    contributors: [dev]
  - {id: zeta, client: Zeta, lead: ad}
"""


def _cards(text: str) -> list[Card]:
    d = build(load_text(text), "a", ViewOptions())
    assert d is not None
    return [c for c in d.cards if isinstance(c, Card)]


def test_one_card_per_account_in_spec_order_and_no_lines() -> None:
    d = build(load_text(ACCOUNTS), "a", ViewOptions())
    assert d is not None
    assert [(c.id, c.title) for c in d.cards] == [("account-acme", "Acme & Sons"), ("account-zeta", "Zeta")]
    assert all(e.invisible for e in d.edges)


def test_members_split_by_side_with_their_part() -> None:
    acme, zeta = _cards(ACCOUNTS)
    assert [c.heading for c in acme.columns] == ["With the Client", "In the Team"]
    assert acme.columns[0].items == ("Lee · Account Director (account lead)",)
    assert acme.columns[1].items == ("Sam · Project Manager", "Ola · Developer")
    # Two people hold the role and none is named: the role alone.
    assert zeta.columns[0].items == ("Account Director (account lead)",)
    assert zeta.columns[1].items == ("—",)


def test_members_facing_both_sit_between_the_sides_and_the_legend_says_so() -> None:
    text = ACCOUNTS.replace("contributors: [dev]", "contributors: [dev, lead]")
    d = build(load_text(text), "a", ViewOptions())
    assert d is not None
    acme, zeta = (c for c in d.cards if isinstance(c, Card))
    assert [(c.heading, c.tone) for c in acme.columns] == [
        ("With the Client", "client"), ("With both sides", "both"), ("In the Team", "team")]
    assert acme.columns[1].items == ("Ria · Tech Lead",)
    assert len(zeta.columns) == 2  # nobody on Zeta faces both: no empty middle column
    assert d.legend == (("works with the Client", "client"), ("faces both sides: listed between them", "both"),
                        ("works in the Team", "team"))
    plain = build(load_text(ACCOUNTS), "a", ViewOptions())
    assert plain is not None and [tone for _, tone in plain.legend] == ["client", "team"]


def _many(n: int) -> str:
    members = ", ".join(["dev"] * 6)
    accounts = "".join(f"  - {{id: c{i}, client: Client {i}, description: A long engagement with many parts, "
                       f"lead: ad, project_manager: pm, contributors: [{members}]}}\n" for i in range(n))
    return ACCOUNTS.split("accounts:")[0] + "accounts:\n" + accounts


def test_accounts_flow_into_columns_for_the_slide() -> None:
    d = build(load_text(_many(4)), "a", ViewOptions())
    assert d is not None
    assert len(d.ranks) >= 1 and len(d.edges) >= 1  # more than one column
    assert measure(d).fit.ok


def test_many_accounts_are_split_into_titled_pieces() -> None:
    pieces = charts(load_text(_many(24)), "a", ViewOptions())
    n = len(pieces)
    assert n >= 2
    assert [p.id for p in pieces] == [f"a-accounts-{i}" for i in range(1, n + 1)]
    assert [p.title for p in pieces] == [f"Agency — account teams — {i} of {n}" for i in range(1, n + 1)]
    assert [c.id for p in pieces for c in p.cards] == [f"account-c{i}" for i in range(24)]
    assert all(measure(p).fit.ok for p in pieces)
    (poster,) = charts(load_text(_many(24)), "a", ViewOptions(split=False))
    assert poster.id == "a-accounts" and not measure(poster).fit.ok


def test_no_accounts_means_no_chart() -> None:
    assert build(load_text("org: X\nroles: [{id: a, title: A}]\n"), "x", ViewOptions()) is None


def test_cards_of_three_columns_still_fit_the_slide() -> None:
    from .conftest import ROOT

    text = (ROOT / "specs" / "client-services.yaml").read_text(encoding="utf-8")
    text = text.replace("  - id: tech-lead\n", "  - id: tech-lead\n    faces: both\n", 1)
    d = build(load_text(text), "cs", ViewOptions())
    assert d is not None
    assert any(len(c.columns) == 3 for c in d.cards if isinstance(c, Card))
    assert measure(d).fit.ok
