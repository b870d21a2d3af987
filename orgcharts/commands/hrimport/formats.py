"""Published HR formats, recognised by their headers, and the conventions that give their cells meaning.

The UK central government organogram (data.gov.uk schemas `organogram-senior-staff-csv-schema.json`
and the junior-staff schema; guidance.data.gov.uk/organogram-data.html): one row per senior post;
`Post Unique Reference` names the post, `Reports to Senior Post` its manager's post, `XX` for the
top post; `Name` is `N/D` when not disclosed, `Vacant` when the post is open, `Eliminated` when it
no longer exists; rows that repeat a post reference are a job share; post `0` is someone paid but
not in a post. The junior-staff file counts posts (in FTE) under each senior post.
"""

from __future__ import annotations

from dataclasses import dataclass

from .columns import normal_header

__all__ = ["Conventions", "GENERIC", "ORGANOGRAM", "JUNIOR_COLUMNS", "detect", "is_junior",
           "VACANT_NAMES", "UNDISCLOSED_NAMES"]

# Names that are not a person's, in any format: an open seat, or a filled seat whose holder is not named.
VACANT_NAMES = frozenset({"vacant", "vacancy", "open", "open position", "open req", "tbh", "to be hired", "tbc",
                          "tba", "hiring"})
UNDISCLOSED_NAMES = frozenset({"n/d", "nd", "n d", "not disclosed", "undisclosed", "withheld", "redacted"})


@dataclass(frozen=True)
class Conventions:
    """What a format's cells mean beyond their columns."""

    name: str
    top: frozenset[str] = frozenset()  # manager cells (casefolded) meaning "reports to no one in the file"
    dropped_names: frozenset[str] = frozenset()  # names of rows that are not posts any more
    not_in_post: frozenset[str] = frozenset()  # post ids of people paid but not in a post
    shared_posts: bool = False  # rows repeating a post id are one post held jointly (a job share)
    org_column: str = ""  # the normal header whose one value names the organisation
    known: frozenset[str] = frozenset()  # normal headers of the format that are read by no field: no note


GENERIC = Conventions(name="", org_column="organisation")

ORGANOGRAM = Conventions(
    name="UK organogram (senior staff)",
    top=frozenset({"xx"}),
    dropped_names=frozenset({"eliminated"}),
    not_in_post=frozenset({"0"}),
    shared_posts=True,
    org_column="organisation",
    known=frozenset(normal_header(h) for h in (
        "Job/Team Function", "Parent Department", "Contact Phone", "Salary Cost of Reports (£)",
        "Actual Pay Floor (£)", "Actual Pay Ceiling (£)", "Professional/Occupational Group", "Notes", "Valid?",
        "Organisation")),
)

# The junior-staff file: (field, normal header) of the columns read.
JUNIOR_COLUMNS = {
    "post": "reporting senior post",
    "title": "generic job title",
    "grade": "grade",
    "fte": "number of posts in fte",
    "unit": "unit",
}


def detect(headers: tuple[str, ...]) -> Conventions:
    """The format whose signature columns the header row has; GENERIC when none."""
    normals = {normal_header(h) for h in headers}
    if {"post unique reference", "reports to senior post"} <= normals:
        return ORGANOGRAM
    return GENERIC


def is_junior(headers: tuple[str, ...]) -> bool:
    """Whether a header row is the organogram's junior-staff file."""
    normals = {normal_header(h) for h in headers}
    return {JUNIOR_COLUMNS["post"], JUNIOR_COLUMNS["fte"]} <= normals
