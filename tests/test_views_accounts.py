"""views.accounts: each account's client, and its team split by the side each member faces."""

from orgcharts.loader import load_text
from orgcharts.spec import ViewOptions
from orgcharts.views.accounts import build

ACCOUNTS = """\
org: Agency
roles:
  - {id: ad, title: Account Director, client_facing: [a, b], people: [Kim, Lee]}
  - {id: pm, title: Project Manager, internal: [a], people: [Sam]}
  - {id: dev, title: Developer, internal: [a], people: [Ola]}
accounts:
  - id: acme
    client: Acme & Sons
    description: Shop rebuild
    lead: {role: ad, person: Lee}
    project_manager: pm
    contributors: [dev]
  - {id: zeta, client: Zeta, lead: ad}
"""


def test_each_account_is_a_client_card_and_a_team_card_in_spec_order() -> None:
    d = build(load_text(ACCOUNTS), "a", ViewOptions())
    assert d is not None
    assert [c.id for c in d.cards] == ["account-acme", "team-acme", "account-zeta", "team-zeta"]
    assert d.ranks == (("account-acme", "account-zeta"),)
    assert [(e.tail, e.head) for e in d.edges] == [("account-acme", "team-acme"), ("account-zeta", "team-zeta")]


def test_members_split_by_side_with_their_part() -> None:
    d = build(load_text(ACCOUNTS), "a", ViewOptions())
    assert d is not None
    team = d.cards[1]
    assert team.columns[0].items == ("Lee · Account Director (account lead)",)
    assert team.columns[1].items == ("Sam · Project Manager", "Ola · Developer")
    # Two people hold the role and none is named: the role alone.
    assert d.cards[3].columns[0].items == ("Account Director (account lead)",)
    assert d.cards[3].columns[1].items == ("—",)


def test_no_accounts_means_no_chart() -> None:
    assert build(load_text("org: X\nroles: [{id: a, title: A}]\n"), "x", ViewOptions()) is None
