"""The vocabulary, defined once: view names, formats, RACI letters, sides, and how output files are named.

It imports nothing, so the command line can offer these as choices without loading the code they name
(tests/test_names.py holds that views.VIEWS, render.FITS and themes.THEMES agree with them).
"""

from __future__ import annotations

import re

__all__ = ["VIEW_NAMES", "RESPONSIBILITIES", "ORG", "RACI", "ACCOUNTS", "FORMATS", "DECK_FORMAT", "OUTPUT_FORMATS",
           "DEFAULT_FORMATS", "FIT_NAMES", "THEME_NAMES", "RACI_ROLES", "RACI_LETTERS", "RACI_FIELDS", "RACI_FIELD_OF",
           "RACI_SHOWN", "RACI_WORDS", "SIDES", "DUTY_SIDES", "chart_id", "file_name", "deck_name", "diff_stem",
           "stem_of", "chart_file_parts"]

# The views, in the order they are drawn and listed (the keys of views.VIEWS).
VIEW_NAMES = ("responsibilities", "org", "raci", "accounts")
RESPONSIBILITIES, ORG, RACI, ACCOUNTS = VIEW_NAMES

FORMATS = ("svg", "png", "pdf", "dot")  # what Graphviz draws, one file per chart (render.FORMATS)
DECK_FORMAT = "pptx"  # one deck per spec, a slide per chart
OUTPUT_FORMATS = (*FORMATS, DECK_FORMAT)
DEFAULT_FORMATS = ("svg", "png")  # what a command draws when no format is named
FIT_NAMES = ("none", "16:9", "4:3", "a4")  # the keys of render.FITS
THEME_NAMES = ("default", "dark", "print", "high-contrast")  # the keys of themes.THEMES, in its order

# RACI: the field of an activity that holds the roles with each letter, and the letter, in the order
# the letters are spelled (R, A, C, I) and the spec's activities list them.
RACI_ROLES = (("responsible", "R"), ("accountable", "A"), ("consulted", "C"), ("informed", "I"))
RACI_FIELDS = tuple(field for field, _ in RACI_ROLES)
RACI_LETTERS = tuple(letter for _, letter in RACI_ROLES)
# A role's letters for one activity are shown Accountable first ("A/R"), in the matrix, the change
# charts, the changelog and the role pages alike.
RACI_SHOWN = ("A", "R", "C", "I")
RACI_FIELD_OF = {letter: field for field, letter in RACI_ROLES}  # "A" -> "accountable"
RACI_WORDS = {letter: RACI_FIELD_OF[letter].capitalize() for letter in RACI_SHOWN}  # "A" -> "Accountable"

SIDES = ("client", "team")  # the two sides of the work a spec names (`sides:`), client-facing first
DUTY_SIDES = ("client_facing", "internal")  # a role's duties on each side, in SIDES order


def chart_id(stem: str, view: str, piece: int | None = None) -> str:
    """A chart's name, and so its files' stem and its SVG id: SPEC-VIEW, or SPEC-VIEW-N for a piece of a split."""
    return f"{stem}-{view}" if piece is None else f"{stem}-{view}-{piece}"


def file_name(name: str, fmt: str) -> str:
    """The file a chart (or page) named `name` is written to in format `fmt`: NAME.FORMAT."""
    return f"{name}.{fmt}"


def deck_name(stem: str) -> str:
    """The deck of a spec (or of a diff's stem): STEM.pptx."""
    return file_name(stem, DECK_FORMAT)


def diff_stem(stem: str) -> str:
    """The stem a diff's files share: NEWSTEM-diff (charts NEWSTEM-diff-VIEW.FORMAT, the changelog NEWSTEM-diff.md)."""
    return f"{stem}-diff"


_CHART_FILE = re.compile(r"(?P<stem>.+)-(?P<view>" + "|".join(VIEW_NAMES) + r")(?:-(?P<piece>[1-9][0-9]*))?"
                         r"\.(?P<fmt>" + "|".join(FORMATS) + r")")


def chart_file_parts(file: str) -> tuple[str, str, int | None, str] | None:
    """(spec stem, view, piece or None, format) of a chart file's name as `file_name(chart_id(...), fmt)`
    makes it, else None. The parse is unique: a view name never ends in digits, so another spec's files
    (`a-org-org.svg` is spec `a-org`'s) never read as this spec's pieces."""
    found = _CHART_FILE.fullmatch(file)
    if found is None:
        return None
    return found["stem"], found["view"], int(found["piece"]) if found["piece"] else None, found["fmt"]


def stem_of(file: str) -> str:
    """A written file's name without its format: the chart's name (`file_name`'s inverse)."""
    return file.rsplit(".", 1)[0]
