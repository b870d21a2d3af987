"""Leftover outputs: files an earlier run wrote for a chart, piece or page this run no longer makes."""

from __future__ import annotations

import os
import stat
from collections.abc import Collection, Iterable
from pathlib import Path

from .names import FORMATS, chart_file_parts

__all__ = ["chart_owner", "chart_leftovers", "page_leftovers", "remove_all", "sweep_charts"]

def chart_owner(name: str) -> tuple[str, str, str] | None:
    """(spec stem, view, format) of a chart file name as `render` writes it (STEM-VIEW[-N].FORMAT), else None.

    The parse is unique: a view name never ends in digits, so another spec's files (`a-org-org.svg` is
    spec `a-org`'s) never read as this spec's pieces.
    """
    found = chart_file_parts(name)
    return (found[0], found[1], found[3]) if found else None


def _regular_files(folder: Path) -> Iterable[str]:
    """Names of the regular files (never links or folders) directly in `folder`; none if it is missing."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    return sorted(e.name for e in entries if e.is_file(follow_symlinks=False))


def chart_leftovers(out_dir: Path, stems: Collection[str], views: Collection[str], drawn: Collection[str],
                    failed: Collection[tuple[str, str]]) -> list[Path]:
    """Files, in every chart format, of these specs' charts and pieces that this run did not draw.

    `stems`: the specs this run drew (all of them valid); `views`: the views it drew or found no data
    for; `drawn`: the chart names it drew (file names without the format); `failed`: (stem, view)
    pairs with a chart that did not draw, whose earlier files are kept as the render promises.
    """
    gone = []
    for name in _regular_files(out_dir):
        owner = chart_owner(name)
        if owner is None or name.rsplit(".", 1)[0] in drawn:
            continue
        stem, view, _ = owner
        if stem in stems and view in views and (stem, view) not in failed:
            gone.append(out_dir / name)
    return gone


def page_leftovers(folder: Path, suffix: str, kept: Collection[str]) -> list[Path]:
    """Role pages (`*.SUFFIX`) in one spec's docs folder that this run did not write: roles since removed."""
    return [folder / name for name in _regular_files(folder) if name.endswith(f".{suffix}") and name not in kept]


def remove_all(paths: Iterable[Path]) -> list[Path]:
    """Remove each file that is still a regular file; the ones removed."""
    removed = []
    for path in paths:
        try:
            if stat.S_ISREG(os.lstat(path).st_mode):
                os.unlink(path)
                removed.append(path)
        except OSError:
            continue
    return removed


def sweep_charts(out_dir: Path, stems: Collection[str], views: Collection[str], formats: Collection[str],
                 drawn: Collection[str], failures: Iterable[str]) -> list[Path]:
    """Remove the leftovers of one run (`render` or a `watch` save) and name them.

    `formats`: what the run was asked for (a deck alone says nothing of the chart files, so it
    sweeps nothing); `failures`: the names of the charts that did not draw.
    """
    if not any(f in FORMATS for f in formats):
        return []
    failed = {(owner[0], owner[1]) for name in failures if (owner := chart_owner(f"{name}.svg"))}
    return remove_all(chart_leftovers(out_dir, stems, views, drawn, failed))
