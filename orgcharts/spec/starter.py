"""`orgcharts init`: a starter spec and the JSON Schema beside it, so the editor modeline works in any folder."""

from __future__ import annotations

from pathlib import Path

from ..out.write import refuse_links, write_atomic

__all__ = ["SCHEMA_NAME", "StarterError", "starter_spec", "write_starter"]

SCHEMA_NAME = "orgcharts.schema.json"

_STARTER = """\
# yaml-language-server: $schema={schema}
# A starter spec: two units, four roles, three RACI activities and one client account.
# Render it with `orgcharts render {name}.yaml`; check it with `orgcharts check --strict {name}.yaml`.
version: 1
org: {org}
title: {title}
sides:
  client: Client
  team: Team
units:
  - id: client-services
    name: Client Services
    lead: account-director
    faces: client
    owns: the client relationship
  - id: delivery
    name: Delivery
    lead: project-manager
    faces: team
    owns: getting the work made, on time and on budget
roles:
  - id: account-director
    title: Account Director
    unit: client-services
    people: [Alex Morgan]
    client_facing:
      - Owns the relationship with the client's leadership
    internal:
      - Signs off each brief before the team starts
  - id: account-manager
    title: Account Manager
    unit: client-services
    reports_to: account-director
    people: [Sam Ortiz]
    client_facing:
      - Day-to-day point of contact for the client
    internal:
      - Briefs the team on the client's goals and context
  - id: project-manager
    title: Project Manager
    unit: delivery
    reports_to: account-director
    people: [Priya Shah]
    client_facing:
      - Reports progress, risks and budget to the client
    internal:
      - Plans the work and runs the team's stand-ups
  - id: designer
    title: Designer
    unit: delivery
    reports_to: project-manager
    people: [Jo Lee]
    headcount: 2
    open: 1                    # one seat not filled yet: drawn dashed
    internal:
      - Designs the work the client sees
raci:
  - activity: Brief the team
    responsible: account-manager
    accountable: account-director
    consulted: project-manager
  - activity: Plan the work
    responsible: project-manager
    accountable: account-director
    informed: account-manager
  - activity: Design the work
    responsible: designer
    accountable: project-manager
    consulted: account-manager
accounts:
  - id: first-client
    client: First Client
    lead: account-manager
    contributors: [project-manager, designer]
"""


class StarterError(ValueError):
    """A name or folder `init` cannot use; the message says what to do instead."""


def starter_spec(name: str, org: str) -> str:
    """The starter spec's text, its modeline pointing at the schema written beside it."""
    from ..out.yamltext import yaml_scalar

    title = yaml_scalar(f"{org} — who owns what")
    return _STARTER.format(schema=SCHEMA_NAME, name=name, org=yaml_scalar(org), title=title)


def write_starter(folder: Path, name: str, org: str, schema: str) -> list[Path]:
    """Write NAME.yaml and the schema into `folder`; an existing spec is never replaced (the schema is)."""
    if not org.strip() or any(ord(c) < 32 for c in org):
        raise StarterError("--org must be a one-line name, such as 'Barrel'")
    if not name or name in (".", "..") or any(c in name for c in "/\\\0") or name.startswith("."):
        raise StarterError(f"--name {name!r} is not a plain file name; give a name such as 'my-team'")
    refuse_links(folder)
    spec = folder / f"{name}.yaml"
    if spec.exists() or spec.is_symlink():
        raise StarterError(f"{spec} already exists; orgcharts init never replaces a spec: pick another --name")
    return [write_atomic(folder, spec.name, starter_spec(name, org).encode("utf-8")),
            write_atomic(folder, SCHEMA_NAME, (schema.rstrip("\n") + "\n").encode("utf-8"))]
