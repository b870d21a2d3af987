"""Names -> paths and links: spec stems that are safe folder and file names, one per output folder, and links."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

__all__ = ["stem_problem", "output_stems", "href", "link"]


def stem_problem(stem: str) -> str | None:
    """Why a spec's stem cannot name its outputs (a folder or a file prefix), or None.

    >>> stem_problem(".."), stem_problem("acme")
    ("its name without the suffix is '..', which names a folder, not a spec; rename the file", None)
    """
    if stem in ("", ".", ".."):
        return f"its name without the suffix is {stem!r}, which names a folder, not a spec; rename the file"
    if any(c in stem for c in "/\\\0"):
        return f"its name without the suffix, {stem!r}, holds a path separator; rename the file"
    return None


def output_stems(paths: Sequence[Path], display: Sequence[str] | None = None, *,
                 clashes: bool = True) -> dict[Path, str]:
    """Each spec's stem, which names its outputs; SpecError for a stem that is not a safe name, or
    two specs with one stem (compared as a case-insensitive file system would) that would share a folder.
    `clashes=False`: the caller compares the very file names written instead (`render`, which names both)."""
    shown = list(display) if display is not None else [str(p) for p in paths]
    findings: list[tuple[int, str, str]] = []  # (spec, message, code); made findings only on failure
    first: dict[str, int] = {}
    for index, path in enumerate(paths):
        problem = stem_problem(path.stem)
        if problem:
            findings.append((index, problem, "output-name"))
            continue
        other = first.setdefault(path.stem.casefold(), index)
        if other != index and clashes:
            findings.append((index, f"its outputs would replace those of {shown[other]} (both are named "
                             f"'{path.stem}'); rename one of the two files, or write them to different --out "
                             "folders", "output-clash"))
    if findings:  # the error classes are imported only now: a render from the cache never needs them
        from ..errors import Finding, Position, SpecError

        raise SpecError([Finding(shown[i], Position(1, 1), "", message, code=code) for i, message, code in findings])
    return {path: path.stem for path in paths}


def href(*parts: str) -> str:
    """A relative link to a file under the page's folder: each part percent-encoded, so no name is a
    scheme (`javascript:`, its colon encoded), a parent (`..`), a query or a fragment; safe in HTML and Markdown.

    >>> href("javascript:alert(1)", "index.html"), href("..", "a b.md")
    ('javascript%3Aalert%281%29/index.html', '%2E%2E/a%20b.md')
    """
    return "/".join(_part(p) for p in parts)


def _part(name: str) -> str:
    encoded = quote(name, safe="")
    return encoded.replace(".", "%2E") if set(name) == {"."} else encoded


def link(name: str) -> str:
    """An href (HTML-escaped) to a file beside the page: always `./` and percent-encoded.

    >>> link("javascript:alert(1)-org.svg"), link('a b#"c.svg')
    ('./javascript%3Aalert%281%29-org.svg', './a%20b%23%22c.svg')
    """
    return html.escape("./" + href(name), quote=True)
