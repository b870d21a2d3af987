"""'Did you mean' suggestions for misspelt keys, ids and names."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

__all__ = ["did_you_mean", "slugify", "Suggester", "BUDGET"]

BUDGET = 50_000  # comparisons one spec may spend on suggestions: a spec full of typos stays fast


class Suggester:
    """"Did you mean" for many words against fixed choices, within one shared budget of comparisons.

    Each suggestion costs one comparison per choice; once the budget is spent, no more are made, so
    thousands of unknown ids against thousands of known ones stay linear (and the output the same).

    >>> ask = Suggester(budget=3)
    >>> ask("ownz", ["owns", "title"]), ask("titel", ["owns", "title"])
    ("; did you mean 'owns'?", '')
    """

    def __init__(self, budget: int = BUDGET) -> None:
        self.left = budget

    def __call__(self, word: str, choices: Iterable[str]) -> str:
        """`; did you mean 'x'?`, or '' when none is close or the budget is spent."""
        pool = choices if isinstance(choices, (list, tuple, dict, set, frozenset)) else list(choices)
        if len(pool) > self.left:
            self.left = 0
            return ""
        self.left -= len(pool)
        return did_you_mean(word, pool)


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
