"""export mermaid/d2: every role, unit, line and RACI mark of a view is in its source; goldens for the agency."""

import re
from collections.abc import Callable

import pytest

from orgcharts.loader import load_text
from orgcharts.spec import OrgSpec
from orgcharts.tools.export_d2 import export_d2
from orgcharts.tools.export_mermaid import export_mermaid
from orgcharts.tools.export_scope import available

from .conftest import ROOT
from .export_fixtures import hostile_spec


def shipped(stem: str) -> OrgSpec:
    return load_text((ROOT / "specs" / f"{stem}.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("view", ["responsibilities", "org", "raci", "accounts"])
def test_agency_views_match_their_goldens(view: str, golden: Callable[[str, str], None]) -> None:
    spec = shipped("client-services")
    golden(f"export/client-services-{view}.mmd", export_mermaid(spec, view))
    golden(f"export/client-services-{view}.d2", export_d2(spec, view))


def test_views_exported_are_those_with_data_and_those_the_spec_lists() -> None:
    assert available(shipped("client-services")) == ["responsibilities", "org", "raci", "accounts"]
    assert available(shipped("product-company")) == ["responsibilities", "org", "raci"]
    spec = shipped("client-services").model_copy(update={"views": shipped("client-services").views})
    assert available(spec, ["raci"]) == ["raci"]


def test_mermaid_org_has_every_role_unit_and_line() -> None:
    spec = shipped("product-company")
    text = export_mermaid(spec, "org")
    assert text.startswith("---\ntitle: ")
    for role in spec.roles:
        rid = "r_" + role.id.replace("-", "_")
        assert re.search(rf"^\s+{rid}\[\"<b>", text, re.M), role.id
        if role.reports_to:
            boss = "r_" + role.reports_to.replace("-", "_")
            assert f"  {boss} --> {rid}\n" in text or f"  {boss} ---|assistant| {rid}\n" in text
        for dotted in role.dotted_to:
            assert f"  r_{dotted.replace('-', '_')} -.-> {rid}\n" in text
    units = [u for u in spec.units if any(r.unit == u.id for r in spec.roles)]
    for unit in units:
        assert f"subgraph u_{unit.id.replace('-', '_')}[" in text
    assert text.count("subgraph ") == text.count("\n" + " " * 2 + "end\n") + len(re.findall(r"^\s{4,}end$", text, re.M))


def test_d2_org_edges_use_full_container_paths() -> None:
    spec = shipped("client-services")
    text = export_d2(spec, "org")
    assert "u_agency.r_partner -> u_agency.u_client_services.r_director_client_services\n" in text
    assert 'r_marketing_manager: "Marketing Manager\\nVacant" {style.stroke-dash: 4}' in text
    assert text.count("{") == text.count("}")


def test_raci_grids_have_a_cell_per_role_and_activity_with_accountable_marked() -> None:
    spec = shipped("client-services")
    roles = {r for a in spec.raci for f in ("responsible", "accountable", "consulted", "informed")
             for r in getattr(a, f)}
    phases = len([a for i, a in enumerate(spec.raci) if i == 0 or a.phase != spec.raci[i - 1].phase])
    mermaid = export_mermaid(spec, "raci")
    assert f"columns {len(roles) + 1}\n" in mermaid
    assert len(re.findall(r"^  c_\d+_\d+\[", mermaid, re.M)) == len(spec.raci) * len(roles)
    accountable = re.search(r"^  class (\S+) accountable$", mermaid, re.M)
    assert accountable and len(accountable.group(1).split(",")) == len(spec.raci)
    d2 = export_d2(spec, "raci")
    assert f"grid-rows: {1 + len(spec.raci) + phases}\n  grid-columns: {len(roles) + 1}\n" in d2
    cells = re.findall(r'^  c_\d+_\d+: "([RACI]*|\s)"', d2, re.M)
    assert len(cells) == len(spec.raci) * len(roles)
    assert sum("A" in c for c in cells) == len(spec.raci)


def test_responsibilities_put_each_side_of_a_role_toward_its_side() -> None:
    spec = shipped("client-services")
    mermaid = export_mermaid(spec, "responsibilities")
    d2 = export_d2(spec, "responsibilities")
    for role in spec.roles:
        rid = "r_" + role.id.replace("-", "_")
        if role.client_facing:
            assert f"  side_client --- {rid}_c\n" in mermaid and f"side_client -- {rid}\n" in d2
        if role.internal:
            assert f"  {rid}_i --- side_team\n" in mermaid and f"{rid} -- side_team\n" in d2
        if not (role.client_facing or role.internal):
            assert rid + "[" not in mermaid and rid + ":" not in d2


def test_hostile_text_never_escapes_its_label() -> None:
    spec = hostile_spec()
    for view in available(spec):
        mermaid = export_mermaid(spec, view)
        for line in mermaid.splitlines()[4:]:
            assert line.count('"') % 2 == 0, line
            assert not re.search(r"(?i)style|classdef", re.sub(r'"[^"]*"', "", line)) or line.lstrip().startswith(
                ("classDef", "class ", "style")), line
        d2 = export_d2(spec, view)
        assert d2.count("{") - d2.count("\\{") >= 0
        assert not re.search(r'(?<!\\)\$', d2)
        stripped = re.sub(r'"(?:[^"\\]|\\.)*"', '""', d2)
        assert stripped.count("{") == stripped.count("}"), view


def test_same_spec_same_bytes() -> None:
    spec = shipped("client-services")
    for view in available(spec):
        assert export_mermaid(spec, view) == export_mermaid(shipped("client-services"), view)
        assert export_d2(spec, view) == export_d2(shipped("client-services"), view)
