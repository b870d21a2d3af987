"""Leftover outputs: files an earlier run wrote for a chart, piece or page this run no longer makes."""

from __future__ import annotations

import os
import stat
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

from ..names import FORMATS, chart_file_parts

__all__ = ["chart_owner", "chart_leftovers", "page_leftovers", "remove_all", "sweep_charts", "MANIFEST",
           "read_manifest", "manifest_bytes", "digest", "as_written"]

MANIFEST = ".orgcharts-written"  # in a folder orgcharts writes several files into: the files it wrote there
_MANIFEST_BYTES = 16_000_000

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


def read_manifest(out_dir: Path) -> dict[str, str]:
    """What the manifest in `out_dir` says orgcharts wrote there: relative POSIX path (each part a plain
    name) -> SHA-256 of the bytes written. Empty when there is none, or it is not a regular file."""
    from ..spec.readfile import ReadError, read_bounded

    try:
        raw = read_bounded(out_dir / MANIFEST, _MANIFEST_BYTES, "manifest")
    except ReadError:
        return {}
    entries = {}
    for line in raw.decode("utf-8", "replace").splitlines():
        digest, _, name = line.partition("  ")
        parts = name.split("/")
        if len(digest) == 64 and all(p not in ("", ".", "..") and "\\" not in p and "\0" not in p for p in parts):
            entries[name] = digest
    return entries


def manifest_bytes(entries: Mapping[str, str]) -> bytes:
    """The manifest's text: `DIGEST  PATH` a line, sorted by path (same files, same bytes)."""
    return "".join(f"{entries[name]}  {name}\n" for name in sorted(entries)).encode("utf-8")


def digest(data: bytes) -> str:
    """The SHA-256 a manifest records for the bytes written."""
    import hashlib  # only `docs` keeps a manifest: a render from the cache loads no OpenSSL

    return hashlib.sha256(data).hexdigest()


def as_written(path: Path, recorded: str | None) -> bool:
    """Whether `path` is a regular file still holding the bytes the manifest recorded (so it is ours to
    replace or remove); a file edited by hand since is not."""
    if recorded is None:
        return False
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
        return digest(path.read_bytes()) == recorded
    except OSError:
        return False


def page_leftovers(out_dir: Path, owned: Mapping[str, str], kept: Collection[str], folders: Collection[str],
                   suffix: str) -> list[Path]:
    """Pages (`*.SUFFIX`) orgcharts wrote (`owned`, from the manifest) in these `folders` of `out_dir` that
    this run did not write (`kept`), as they were written: pages of roles since removed. A file the
    manifest does not name, or one edited since, is never one."""
    return [out_dir / name for name in sorted(owned) if name not in kept and name.endswith(f".{suffix}")
            and name.count("/") == 1 and name.split("/")[0] in folders and as_written(out_dir / name, owned[name])]


def remove_all(paths: Iterable[Path]) -> list[Path]:
    """Remove each file that is still a regular file; the ones removed."""
    from .write import OutputPathError, refuse_links

    removed = []
    for path in paths:
        try:
            refuse_links(path.parent, label="")  # never through a folder that is a link
            if stat.S_ISREG(os.lstat(path).st_mode):
                os.unlink(path)
                removed.append(path)
        except (OSError, OutputPathError):
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
