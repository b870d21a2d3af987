"""The spec format, v1: strict Pydantic models whose field descriptions are the reference docs."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator,
                      model_validator)
from pydantic_core import PydanticCustomError

from .modelcache import complete
from .texts import (COLOUR_PATTERN, FACES_HELP, MAX_TEXT_LINES, SLUG_PATTERN, Colour, Duty, Faces, Slug, Text,
                    ThemeName, _safe_text, visible)
from ..themes import font_family


def _texts_file() -> str:
    """The value types' module: its code shapes the models as much as this module's does."""
    import os

    return os.path.join(os.path.dirname(__file__), "texts.py")


__all__ = ["Colour", "ThemeName", "Faces", "ThemeColours", "ThemeSpec", "Slug", "Text", "visible", "Side", "Sides",
           "Unit", "Person", "Placement", "Role", "LintOptions", "Activity", "Member", "Account", "ViewOptions",
           "Views", "OrgSpec", "SLUG_PATTERN", "COLOUR_PATTERN", "MAX_TEXT_LINES", "Duty", "MODELS"]

class _Strict(BaseModel):
    # strict: a YAML `no` or `1:30` never silently becomes text; unknown keys are errors.
    # defer_build: `modelcache.complete` builds them all at the end of this module, or takes them from its cache.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


def _name_shorthand(value: Any) -> Any:
    """Let `client: Client` stand for `client: {name: Client}`."""
    return {"name": value} if isinstance(value, str) else value


def _one_or_many(value: Any) -> Any:
    """Let `accountable: a` stand for `accountable: [a]`."""
    return [value] if isinstance(value, str) else value


class Side(_Strict):
    """One of the two sides every role faces."""

    name: Text = Field(description="What this side is called on the charts, e.g. `Client` or `Production team`.")
    description: Text | None = Field(None, description="One line shown under the name.")
    units: list[Slug] = Field(
        default_factory=list,
        description="Units (by id) that make up this side; the team side lists them in its lane.",
    )

    _shorthand = model_validator(mode="before")(_name_shorthand)


def _client_side() -> Side:
    return Side(name="Client")


def _team_side() -> Side:
    return Side(name="Team")


class Sides(_Strict):
    """The names of the outward (client) side and the inward (team) side."""

    client: Side = Field(default_factory=_client_side, description="The outward side.")
    team: Side = Field(default_factory=_team_side, description="The inward side.")


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
    faces: Faces | None = Field(None, description=FACES_HELP)


class Person(_Strict):
    """Someone who holds a role."""

    name: Text = Field(description="The person's name as it should appear on charts.")
    fte: Annotated[float, Field(gt=0, le=1)] = Field(
        1.0, description="The share of a full-time week this person gives the role: 1 is full time, 0.5 half.",
    )

    _shorthand = model_validator(mode="before")(_name_shorthand)


class Placement(_Strict):
    """One place a role is held: a pod or matrix team, its own manager and its own seats."""

    unit: Slug = Field(description="The unit (by id) this placement sits in, e.g. a client pod.")
    reports_to: Slug | None = Field(
        None, description="The role (by id) this placement reports to; default: the role's `reports_to:`. A placed "
        "role named here means its placement in the same pod.",
    )
    dotted_to: list[Slug] = Field(default_factory=list, description="Dotted-line managers of this placement only.")
    people: list[Person] = Field(default_factory=list, description="Who holds the role in this placement.")
    headcount: Annotated[int, Field(ge=0, le=10_000)] | None = Field(
        None, description="Seats in this placement; defaults as a role's `headcount:` does.",
    )
    open: Annotated[int, Field(ge=0, le=10_000)] = Field(0, description="Open seats in this placement.")


class Role(_Strict):
    """A role: what it is called, where it sits, and what it does on each side."""

    id: Slug
    title: Text = Field(description="Job title, e.g. `Account Manager`.")
    unit: Slug | None = Field(None, description="The unit (by id) the role belongs to.")
    reports_to: Slug | None = Field(None, description="The role (by id) this role reports to.")
    nickname: Text | None = Field(None, description="A short name for the role; defaults to its unit's.")
    owns: Text | None = Field(None, description="What the role owns.")
    key_responsibility: Text | None = Field(None, description="The one result the role answers for.")
    # --- job-description fields (`orgcharts docs`): what a job description says beyond the chart ---
    purpose: Text | None = Field(
        None, description="Why the role exists, in a sentence or two: the first line of its job description.",
    )
    hours: Text | None = Field(None, description="Working pattern, e.g. `37.5 hours a week, hybrid`.")
    requirements: list[Duty] = Field(
        default_factory=list, description="What the holder needs: skills, experience, qualifications; one each.",
    )
    key_relationships: list[Text] = Field(
        default_factory=list, description="People and groups the role works with that the chart does not show, "
        "e.g. `Clients' marketing and e-commerce leads`; reporting lines, dotted lines, RACI and account teams "
        "are added from the spec.",
    )
    # --- end of job-description fields ---
    client_facing: list[Duty] = Field(
        default_factory=list, description="Duties toward the client side, one short sentence each."
    )
    internal: list[Duty] = Field(
        default_factory=list, description="Duties toward the team side, one short sentence each."
    )
    people: list[Person] = Field(
        default_factory=list, description="Who holds the role: names, or `{name: ...}` mappings. Optional: "
        "seats may be filled without naming anyone.",
    )
    headcount: Annotated[int, Field(ge=0, le=10_000)] | None = Field(
        None, description="Seats in the role, filled or open. Defaults to the people named plus `open`, "
        "or 1. Seats beyond the named people and `open` are filled by people not named.",
    )
    open: Annotated[int, Field(ge=0, le=10_000)] = Field(
        0, description="Seats not filled yet: drawn as vacancies (dashed). Open seats are only ever stated, "
        "never inferred from missing names.",
    )
    shared: bool | Text = Field(
        False, description="A role shared with or lent to the team: `true`, or who it is shared with or "
        "lent by, e.g. `Digital Services`; cards say so.",
    )
    placeholder: bool = Field(
        False, description="A title-only role, such as a manager not yet named or outside the team: drawn "
        "without people or vacancies, and exempt from the rules about duties and the RACI.",
    )
    dotted_to: list[Slug] = Field(
        default_factory=list, description="Secondary (dotted-line) managers, by role id; drawn dashed.",
    )
    assistant: bool = Field(
        False, description="A staff or assistant role: drawn beside its manager instead of below.",
    )
    faces: Faces | None = Field(None, description=FACES_HELP)
    # --- HR fields (import and export of HR data): how much of a week, which grade, where ---
    fte: Annotated[float, Field(gt=0, le=1)] | None = Field(
        None, description="The share of a full-time week each seat of the role is when no named person "
        "holds it (open and unnamed seats): 1 is full time, 0.5 half. Default: 1. A named person's share is "
        "their own `fte`.",
    )
    grade: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80),
                     AfterValidator(_safe_text)] | None = Field(
        None, description="The role's grade or pay band, e.g. `SCS2`, `G7` or `L5`.",
    )
    location: Text | None = Field(None, description="Where the role is based, e.g. `London` or `Remote`.")
    # --- end of HR fields ---
    placements: list[Placement] = Field(
        default_factory=list, description="Pods and matrix teams: the same role held in several units, written "
        "once. Each placement is drawn as a role of its own, with id `<role>-<unit>`, titled by its unit where "
        "titles repeat; a reference to the role from inside a pod means that pod's placement, and in the RACI "
        "every placement. The role's own `unit:`, `people:`, `headcount:` and `open:` are left out.",
    )

    @property
    def seats(self) -> int:
        """Every seat in the role: named, unnamed and open."""
        if self.headcount is not None:
            return self.headcount
        return 0 if self.placeholder else max(1, len(self.people) + self.open)

    @property
    def vacancies(self) -> int:
        """The open seats, as stated by `open:`."""
        return self.open

    @property
    def unnamed(self) -> int:
        """Filled seats whose holders are not named."""
        return max(0, self.seats - len(self.people) - self.open)


class Activity(_Strict):
    """One row of the RACI matrix: who is Responsible, Accountable, Consulted and Informed."""

    activity: Text = Field(description="What is done, e.g. `Change order`.")
    phase: Text | None = Field(None, description="Groups rows under a heading, e.g. `Sell` or `Deliver`.")
    responsible: list[Slug] = Field(default_factory=list, description="Roles that do the work (at least one).")
    accountable: list[Slug] = Field(
        default_factory=list, description="The one role that answers for the result (a role id).",
    )
    consulted: list[Slug] = Field(default_factory=list, description="Roles asked before it is done.")
    informed: list[Slug] = Field(default_factory=list, description="Roles told once it is done.")

    _accountable = field_validator("accountable", "responsible", "consulted", "informed",
                                   mode="before")(_one_or_many)


def _role_shorthand(value: Any) -> Any:
    """Let `lead: account-manager` stand for `lead: {role: account-manager}`."""
    return {"role": value} if isinstance(value, str) else value


class Member(_Strict):
    """Someone on an account team: a role, and optionally the person in it."""

    role: Slug = Field(description="The role (by id).")
    person: Text | None = Field(None, description="Who, by name; defaults to the role's only person.")

    _shorthand = model_validator(mode="before")(_role_shorthand)


class Account(_Strict):
    """A client account and the team that serves it."""

    id: Slug
    client: Text = Field(description="The client's name.")
    description: Text | None = Field(None, description="A line about the account or its work.")
    lead: Member = Field(description="The account lead: a role id, or `{role: ..., person: ...}`.")
    project_manager: Member | None = Field(None, description="The project manager (Team Captain).")
    contributors: list[Member] = Field(default_factory=list, description="Everyone else on the team.")


class ViewOptions(_Strict):
    """Options for one view."""

    title: Text | None = Field(
        None, description="This chart's title; defaults to the spec's `title` for the responsibilities chart, "
        "and to '<org> — <what it shows>' for the others.",
    )
    direction: Literal["TB", "LR"] | None = Field(
        None, description="Flow of the org chart: `TB` (top to bottom, default) or `LR`.",
    )
    units: list[Slug] = Field(
        default_factory=list, description="Only these units (and the units inside them); default: all.",
    )
    stack: Annotated[int, Field(ge=1, le=100)] = Field(
        6, description="Org chart: past this many direct reports, a manager's reports are stacked.",
    )
    split: bool = Field(
        True, description="A chart too dense for one slide is split into pieces along the organisation's "
        "structure; `false` draws it whole, as a poster.",
    )


class Views(_Strict):
    """Which charts to draw, each with its options; when absent, every chart the spec has data for."""

    responsibilities: ViewOptions | None = None
    org: ViewOptions | None = None
    raci: ViewOptions | None = None
    accounts: ViewOptions | None = None


class ThemeColours(_Strict):
    """Colours that replace the base theme's; every one optional."""

    background: Colour | None = Field(None, description="Behind everything.")
    ink: Colour | None = Field(None, description="Titles and body text.")
    muted: Colour | None = Field(None, description="Secondary text: people, notes, headings.")
    card: Colour | None = Field(None, description="Inside cards.")
    card_border: Colour | None = Field(None, description="Card borders of roles facing neither side.")
    group: Colour | None = Field(None, description="Inside unit frames.")
    group_border: Colour | None = Field(None, description="Unit frame borders.")
    lead: Colour | None = Field(None, description="Leads and the top of the org; Accountable cells.")
    lead_tint: Colour | None = Field(None, description="Light fill that goes with `lead`.")
    client: Colour | None = Field(None, description="The client side: borders, headings, lines.")
    client_tint: Colour | None = Field(None, description="Fill behind client-facing duties.")
    team: Colour | None = Field(None, description="The team side: borders, headings, lines.")
    team_tint: Colour | None = Field(None, description="Fill behind team-facing duties.")
    both: Colour | None = Field(None, description="What faces both sides alike: borders, headings.")
    both_tint: Colour | None = Field(None, description="Light fill that goes with `both`.")
    edge: Colour | None = Field(None, description="Lines between boxes.")


def _font(value: str) -> str:
    try:
        return font_family(value)
    except ValueError as exc:
        raise PydanticCustomError("font_family", str(exc)) from None


def _base_shorthand(value: Any) -> Any:
    """Let `theme: dark` stand for `theme: {base: dark}`."""
    return {"base": value} if isinstance(value, str) else value


class ThemeSpec(_Strict):
    """A theme: a built-in one by name, with brand colours and a font on top."""

    base: ThemeName = Field("default", description="The built-in theme to start from.")
    colors: ThemeColours = Field(default_factory=ThemeColours, description="Colours to replace.")
    font: Annotated[Text, AfterValidator(_font)] | None = Field(
        None, description="A brand font named first in SVG and PDF; it should be no wider than Arial, "
        "since charts are measured with the shipped Liberation Sans.",
    )

    _shorthand = model_validator(mode="before")(_base_shorthand)


class LintOptions(_Strict):
    """How `orgcharts check` treats this spec."""

    ignore: list[Annotated[str, StringConstraints(min_length=1, max_length=64)]] = Field(
        default_factory=list, description="Rule codes (warnings and suggestions) not to report for this "
        "spec, e.g. `[raci-chain]`; say why in a comment beside it.",
    )


class OrgSpec(_Strict):
    """An organisation (or one department of it): its sides, units and roles."""

    model_config = ConfigDict(
        title="orgcharts spec v1",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    version: Literal[1] = Field(1, description="Spec format version; `1` is the only one so far.")
    org: Text = Field(description="The organisation's name.")
    title: Text | None = Field(
        None, description="The title of the responsibilities chart and of the slide deck; defaults to the "
        "organisation's name. The other charts are titled '<org> — <what they show>' unless `views:` sets one.",
    )
    description: Text | None = Field(None, description="A line shown under the responsibilities chart's title.")
    sides: Sides = Field(default_factory=Sides, description="What the two sides are called.")
    units: list[Unit] = Field(default_factory=list, description="Departments and functions.")
    roles: list[Role] = Field(min_length=1, description="The roles; at least one.")
    raci: list[Activity] = Field(default_factory=list, description="The RACI matrix, one activity a row.")
    accounts: list[Account] = Field(default_factory=list, description="Client accounts and their teams.")
    views: Views | None = Field(None, description="Charts to draw and their options.")
    theme: ThemeSpec | None = Field(
        None, description="A built-in theme by name (`dark`), or `{base:, colors:, font:}`.",
    )
    lint: LintOptions | None = Field(None, description="Rules not to report for this spec: `{ignore: [code]}`.")


# Every model, each after those it holds: the order `complete` builds them in.
MODELS: tuple[type[_Strict], ...] = (Side, Sides, Unit, Person, Placement, Role, Activity, Member, Account,
                                     ViewOptions, Views, ThemeColours, ThemeSpec, LintOptions, OrgSpec)
complete(MODELS, [__file__, _texts_file()])
