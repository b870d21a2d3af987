"""Whole specs served from the chart cache: each spec file's key, and its files merged with those drawn now."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..names import deck_name, stem_of
from ..commands.pipeline import Chart, Rendered

if TYPE_CHECKING:
    from .cache import ChartCache, SpecEntry

__all__ = ["cached_specs", "merge", "store_specs"]


def cached_specs(paths: Sequence[Path], options: dict[str, Any],
                  cache: ChartCache | None) -> tuple[dict[Path, tuple[str, bytes]], dict[Path, SpecEntry]]:
    """Each spec's key and bytes, and the entries the cache has for specs whose bytes are unchanged."""
    keys: dict[Path, tuple[str, bytes]] = {}
    entries: dict[Path, SpecEntry] = {}
    if cache is None:
        return keys, entries
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue  # the loader reports it
        keys[path] = (cache.spec_key(data, path.stem, options), data)
        entry = cache.get_spec(keys[path][0])
        if entry is not None:
            entries[path] = entry
    return keys, entries


def _split_files(files: dict[str, bytes], charts: Sequence[Chart],
                 path: Path) -> tuple[list[tuple[str, bytes]], list[tuple[str, bytes]]]:
    """The chart files and the deck of one spec among the files of a render, in their order."""
    mine = [c for c in charts if c.source == path]
    names = {c.name for c in mine}
    chart_files = [(n, d) for n, d in files.items() if n != deck_name(stem_of(n)) and stem_of(n) in names]
    deck = deck_name(path.stem)
    return chart_files, ([(deck, files[deck])] if mine and deck in files else [])


def merge(paths: Sequence[Path], entries: dict[Path, SpecEntry], charts: Sequence[Chart],
           drawn: Rendered) -> Rendered:
    """The cached specs' files and the drawn ones, in the order one render of them all gives:
    every chart spec by spec, then every deck."""
    if not entries:
        return drawn
    chart_files: list[tuple[str, bytes]] = []
    deck_files: list[tuple[str, bytes]] = []
    diagnostics: list[tuple[str, str]] = []
    failures: list[tuple[str, str]] = []
    for path in paths:
        if path in entries:
            chart_files.extend(entries[path].charts)
            deck_files.extend(entries[path].decks)
            diagnostics.extend(entries[path].diagnostics)
            continue
        files, deck = _split_files(drawn.files, charts, path)
        chart_files.extend(files)
        deck_files.extend(deck)
        mine = {c.name for c in charts if c.source == path}
        diagnostics.extend(d for d in drawn.diagnostics if d[0] in mine)
        failures.extend(f for f in drawn.failures if f[0] in mine)
    return Rendered(dict([*chart_files, *deck_files]), tuple(failures), tuple(diagnostics), drawn.notes)


def store_specs(cache: ChartCache, keys: dict[Path, tuple[str, bytes]], paths: Sequence[Path],
                 entries: dict[Path, SpecEntry], charts: Sequence[Chart], drawn: Rendered) -> None:
    """Remember each spec drawn in full, under its key, if its file still has the bytes it was keyed by."""
    from .cache import SpecEntry

    failed = {name for name, _ in drawn.failures}
    for path in paths:
        if path in entries or path not in keys:
            continue
        mine = [c for c in charts if c.source == path]
        if any(c.name in failed for c in mine):
            continue
        names = {c.name for c in mine}
        chart_files, decks = _split_files(drawn.files, charts, path)
        diagnostics = tuple(d for d in drawn.diagnostics if d[0] in names)
        try:
            unchanged = path.read_bytes() == keys[path][1]
        except OSError:
            unchanged = False
        if unchanged:
            cache.put_spec(keys[path][0], SpecEntry(tuple(chart_files), tuple(decks), diagnostics))
