"""'Did you mean' suggestions for misspelt keys, ids and names."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

__all__ = ["did_you_mean", "slugify"]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return `; did you mean 'x'?` for the closest choice, or '' when none is close.

    >>> did_you_mean('ownz', ['owns', 'title'])
    "; did you mean 'owns'?"
    >>> did_you_mean('zzz', ['owns'])
    ''
    """
    match = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""


def slugify(text: str) -> str:
    """Turn a name into a valid id.

    >>> slugify('Account Manager!')
    'account-manager'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "id"
