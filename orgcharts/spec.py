"""The spec format, v1: strict Pydantic models whose field descriptions are the reference docs."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

__all__ = ["Slug", "Text", "Side", "Sides", "Unit", "Person", "Role", "OrgSpec", "SLUG_PATTERN"]

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=64),
    Field(description="A short id: lowercase letters, digits and single hyphens, e.g. `account-manager`."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]
Duty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class _Strict(BaseModel):
    # strict: a YAML `no` or `1:30` never silently becomes text; unknown keys are errors.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _name_shorthand(value: Any) -> Any:
    """Let `client: Client` stand for `client: {name: Client}`."""
    return {"name": value} if isinstance(value, str) else value


class Side(_Strict):
    """One of the two sides every role faces."""

    name: Text = Field(description="What this side is called on the charts, e.g. `Client` or `Production team`.")
    description: Text | None = Field(None, description="One line shown under the name.")
    units: list[Slug] = Field(
        default_factory=list,
        description="Units (by id) that make up this side; the team side lists them in its lane.",
    )

    _shorthand = model_validator(mode="before")(_name_shorthand)


class Sides(_Strict):
    """The names of the outward (client) side and the inward (team) side."""

    client: Side = Field(default_factory=lambda: Side(name="Client"), description="The outward side.")
    team: Side = Field(default_factory=lambda: Side(name="Team"), description="The inward side.")


class Unit(_Strict):
    """A department or function; units nest through `parent`."""

    id: Slug
    name: Text = Field(description="Display name, e.g. `Account Management`.")
    parent: Slug | None = Field(None, description="The unit (by id) this one sits in.")
    lead: Slug | None = Field(None, description="The role (by id) that leads this unit.")
    nickname: Text | None = Field(None, description='A short name for what the unit is, e.g. `Client Rep`.')
    owns: Text | None = Field(None, description="What the unit owns, e.g. `the client relationship`.")
    key_responsibility: Text | None = Field(None, description="The one result the unit answers for.")
    description: Text | None = Field(None, description="A sentence or two about the unit.")


class Person(_Strict):
    """Someone who holds a role."""

    name: Text = Field(description="The person's name as it should appear on charts.")

    _shorthand = model_validator(mode="before")(_name_shorthand)


class Role(_Strict):
    """A role: what it is called, where it sits, and what it does on each side."""

    id: Slug
    title: Text = Field(description="Job title, e.g. `Account Manager`.")
    unit: Slug | None = Field(None, description="The unit (by id) the role belongs to.")
    reports_to: Slug | None = Field(None, description="The role (by id) this role reports to.")
    nickname: Text | None = Field(None, description="A short name for the role; defaults to its unit's.")
    owns: Text | None = Field(None, description="What the role owns.")
    key_responsibility: Text | None = Field(None, description="The one result the role answers for.")
    client_facing: list[Duty] = Field(
        default_factory=list, description="Duties toward the client side, one short sentence each."
    )
    internal: list[Duty] = Field(
        default_factory=list, description="Duties toward the team side, one short sentence each."
    )
    people: list[Person] = Field(
        default_factory=list, description="Who holds the role: names, or `{name: ...}` mappings."
    )


class OrgSpec(_Strict):
    """An organisation (or one department of it): its sides, units and roles."""

    model_config = ConfigDict(
        title="orgcharts spec v1",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    version: Literal[1] = Field(1, description="Spec format version; `1` is the only one so far.")
    org: Text = Field(description="The organisation's name.")
    title: Text | None = Field(None, description="The charts' title; defaults to the organisation's name.")
    description: Text | None = Field(None, description="A line shown under the title.")
    sides: Sides = Field(default_factory=Sides, description="What the two sides are called.")
    units: list[Unit] = Field(default_factory=list, description="Departments and functions.")
    roles: list[Role] = Field(min_length=1, description="The roles; at least one.")
