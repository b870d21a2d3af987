"""Structure rules: duplicate ids, dangling references, cycles and RACI letters, each positioned."""

import pytest

from orgcharts.errors import SpecError
from orgcharts.spec.loader import load_text


def errors(text: str) -> list[str]:
    with pytest.raises(SpecError) as info:
        load_text(text, "x.yaml")
    return [str(f) for f in info.value.findings]


def test_duplicate_ids() -> None:
    text = "org: A\nunits: [{id: u, name: U}, {id: u, name: V}]\nroles:\n  - {id: a, title: A}\n  - {id: a, title: B}\n"
    assert errors(text) == [
        "x.yaml:2:32: units[1].id: duplicate unit id 'u' (also units[0]); ids must be unique",
        "x.yaml:5:10: roles[1].id: duplicate role id 'a' (also roles[0]); ids must be unique",
    ]


def test_dangling_references_suggest_close_ids() -> None:
    text = """\
org: A
sides:
  team: {name: T, units: [desing]}
units:
  - {id: design, name: Design, parent: studio, lead: boss}
roles:
  - {id: a, title: A, unit: desgn, reports_to: b}
"""
    assert errors(text) == [
        "x.yaml:3:27: sides.team.units[0]: unknown unit 'desing'; did you mean 'design'?",
        "x.yaml:5:40: units[0].parent: unknown unit 'studio'",
        "x.yaml:5:54: units[0].lead: unknown role 'boss'",
        "x.yaml:7:29: roles[0].unit: unknown unit 'desgn'; did you mean 'design'?",
        "x.yaml:7:48: roles[0].reports_to: unknown role 'b'",
    ]


def test_reporting_cycle_is_printed() -> None:
    text = """\
org: A
roles:
  - {id: a, title: A, reports_to: c}
  - {id: b, title: B, reports_to: a}
  - {id: c, title: C, reports_to: b}
  - {id: d, title: D, reports_to: d}
"""
    assert errors(text) == [
        "x.yaml:3:35: roles[0].reports_to: reporting lines form a cycle: a -> c -> b -> a",
        "x.yaml:6:35: roles[3].reports_to: reporting lines form a cycle: d -> d",
    ]


def test_unit_cycle_is_printed() -> None:
    text = "org: A\nunits:\n  - {id: x, name: X, parent: y}\n  - {id: y, name: Y, parent: x}\nroles: [{id: a, title: A}]\n"
    assert errors(text) == ["x.yaml:3:30: units[0].parent: units nest in a cycle: x -> y -> x"]


RACI_BASE = """\
org: A
roles:
  - {id: account-director, title: AD}
  - {id: account-manager, title: AM, reports_to: account-director}
  - {id: designer, title: Designer, reports_to: account-director}
raci:
"""


def findings(text: str) -> tuple[list[str], list[str]]:
    """(errors, warnings) as printed."""
    from orgcharts.spec.loader import load

    try:
        loaded = load(text, "x.yaml")
    except SpecError as exc:
        return [str(f) for f in exc.findings], []
    return [], [str(f) for f in loaded.warnings]


def test_raci_two_accountables_is_an_error() -> None:
    text = RACI_BASE + """\
  - activity: Change order
    accountable: [account-director, account-manager]
    responsible: [account-manager]
"""
    assert errors(text) == [
        "x.yaml:8:18: raci[0].accountable: 2 accountable roles (account-director, account-manager); "
        "exactly one is allowed"
    ]


def test_raci_needs_an_accountable_and_a_responsible() -> None:
    text = RACI_BASE + "  - activity: Launch\n  - {activity: QA, accountable: designer, responsible: []}\n"
    assert errors(text) == [
        "x.yaml:7:5: raci[0].accountable: no accountable role; name exactly one",
        "x.yaml:7:5: raci[0].responsible: no responsible role; name at least one",
        "x.yaml:8:56: raci[1].responsible: no responsible role; name at least one",
    ]


def test_raci_unknown_role_suggests_the_id() -> None:
    text = RACI_BASE + "  - {activity: QA, accountable: designr, responsible: [designer]}\n"
    assert errors(text) == ["x.yaml:7:33: raci[0].accountable[0]: unknown role 'designr'; did you mean 'designer'?"]


def test_a_peer_accountable_is_fine_and_idle_roles_are_suggestions() -> None:
    # Matrixed teams: the Accountable is a peer of the Responsible, outside its reporting line.
    text = RACI_BASE + "  - {activity: QA, accountable: designer, responsible: [account-manager], informed: [account-director]}\n"
    assert findings(text) == ([], [
        "x.yaml:3:5: suggestion: roles[0]: 'account-director' is never Responsible or Accountable in the RACI; "
        "if it does or answers for one of its activities, mark it R or A there",
    ])


def test_an_accountable_below_its_responsible_is_a_warning() -> None:
    text = RACI_BASE + ("  - {activity: QA, accountable: designer, responsible: [account-director], informed: [account-manager]}\n"
                        "  - {activity: Brief, accountable: account-manager, responsible: [account-manager], informed: designer}\n")
    assert findings(text) == ([], [
        "x.yaml:7:33: warning: raci[0].accountable: 'designer' is Accountable but reports to 'account-director', "
        "who is Responsible: the one answering for 'QA' sits below someone doing it; make 'account-director' "
        "Accountable, or waive this with the reason",
    ])


def test_dotted_lines_and_assistants_are_checked() -> None:
    text = """\
org: A
roles:
  - {id: a, title: A}
  - {id: b, title: B, reports_to: a, dotted_to: [a, b, zz]}
  - {id: c, title: C, assistant: true}
"""
    assert errors(text) == [
        "x.yaml:4:50: roles[1].dotted_to[0]: 'a' is already this role's solid-line manager; remove it",
        "x.yaml:4:53: roles[1].dotted_to[1]: 'b' is already this role's own id; remove it",
        "x.yaml:4:56: roles[1].dotted_to[2]: unknown role 'zz'",
        "x.yaml:5:23: roles[2].assistant: an assistant is drawn beside its manager; add `reports_to:`",
    ]


def test_account_members_must_exist_and_be_the_role_s_people() -> None:
    text = """\
org: A
roles:
  - {id: ad, title: AD, people: [Marcus Bell, Lena Ortiz]}
accounts:
  - {id: n, client: N, lead: {role: ad, person: Marcus Bel}, contributors: [pm]}
  - {id: n, client: M, lead: ad}
"""
    assert errors(text) == [
        "x.yaml:5:49: accounts[0].lead.person: 'Marcus Bel' is not one of ad's people (Marcus Bell, Lena Ortiz); "
        "did you mean 'Marcus Bell'?",
        "x.yaml:5:77: accounts[0].contributors[0].role: unknown role 'pm'",
        "x.yaml:6:10: accounts[1].id: duplicate account id 'n' (also accounts[0]); ids must be unique",
    ]


def test_views_section_names_views_and_units() -> None:
    assert errors("org: A\nroles: [{id: a, title: A}]\nviews:\n  orgg: {}\n  raci: {units: [nope]}\n") == [
        "x.yaml:4:3: views.orgg: unknown field; did you mean 'org'?",
    ]
    assert errors("org: A\nroles: [{id: a, title: A}]\nviews:\n  raci: {units: [nope]}\n") == [
        "x.yaml:4:18: views.raci.units[0]: unknown unit 'nope'",
    ]
