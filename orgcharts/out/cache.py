"""A content-addressed cache of drawn charts: the same DOT, formats and framing are drawn once.

Two kinds of entry: a chart's files keyed by its DOT (any spec that yields that DOT reuses it),
and a whole spec's files keyed by the spec file's bytes, so an unchanged spec is not even parsed.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from .digest import sha256_hex
from ..layout.memo import register
from ..engine.fonts import FONTS_CONF
from ..engine.fonts import user_cache_folder as default_folder
from ..options import Look
from .write import write_atomic

if TYPE_CHECKING:
    from ..engine.render import Drawn

__all__ = ["ChartCache", "SpecEntry", "default_folder", "code_fingerprint", "PACKAGE", "from_environment", "MAX_AGE",
           "PRUNE_EVERY"]

MAX_AGE = 30 * 24 * 3600  # seconds an unused entry is kept
PRUNE_EVERY = 24 * 3600  # seconds between two sweeps of a command's `prune(every=...)` (a sweep stats every entry)
PACKAGE = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # every file of the package is in the key
# Per process: (package folder, memo folder) -> its fingerprint. The code a process runs does not
# change under it, so the package is stat-ed once per process however many specs and charts are keyed.
_FINGERPRINTS: dict[tuple[str, Path | None], str] = {}
register(_FINGERPRINTS.clear)


# Libraries whose versions shape the output: Graphviz (pinned by pygraphviz's wheel), the parser,
# the models, the DOT quoting, the decks and the command line.
LIBRARIES = ("pygraphviz", "yaml", "pydantic", "pydantic_core", "graphviz", "pptx", "PIL", "click")


@lru_cache(maxsize=1)
def installed() -> str:
    """The installed distributions (name and version, from their `.dist-info` folders) beside the
    libraries we use, and Python's version; found without importing them or importlib.metadata."""
    import importlib.util

    names: set[str] = set()
    for module in LIBRARIES:
        try:
            found = importlib.util.find_spec(module)
        except (ImportError, ValueError):
            found = None
        if found is None or not found.origin:
            names.add(f"{module}: missing")
            continue
        site = Path(found.origin).parent.parent
        try:
            names.update(entry for entry in os.listdir(site) if entry.endswith((".dist-info", ".egg-info")))
        except OSError:
            names.add(f"{module}: {found.origin}")
    return "\n".join([*sorted(names), sys.version, __version__])


def _package_stats(folder: str, prefix: str = "") -> list[tuple[str, int, int]]:
    """(path inside the package, size, modification time in ns) of every file of the package, but
    compiled code, found with one scandir per folder (pathlib's rglob and a stat per file cost ~8 ms)."""
    found: list[tuple[str, int, int]] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=True):
                if entry.name != "__pycache__":
                    found.extend(_package_stats(entry.path, f"{prefix}{entry.name}/"))
            elif entry.is_file() and not entry.name.endswith((".pyc", ".pyo")):
                info = entry.stat()
                found.append((prefix + entry.name, info.st_size, info.st_mtime_ns))
    return sorted(found) if not prefix else found


def code_fingerprint(memo_folder: Path | None = None) -> str:
    """A hash of every file of the package (all its code, the fonts), the fontconfig text and the
    installed versions: whatever turns a spec file's bytes, or a DOT, into charts. Found once per
    process (`PACKAGE` is stat-ed once; the memo is registered, so tests can forget it).

    Hashing ~2 MB takes a few ms; with `memo_folder` the result is kept there under a name made of
    every file's size and modification time, so an unchanged install is only stat-ed.
    """
    known = _FINGERPRINTS.get((PACKAGE, memo_folder))
    if known is None:
        known = _FINGERPRINTS[(PACKAGE, memo_folder)] = _fingerprint(PACKAGE, memo_folder)
    return known


def _fingerprint(here: str, memo_folder: Path | None) -> str:
    """`code_fingerprint` of the package in `here`, computed (or read back from `memo_folder`)."""
    stats = _package_stats(here)
    signature = sha256_hex(json.dumps([here, stats, installed(), FONTS_CONF]).encode())
    memo = memo_folder / f"code-{signature[:40]}" if memo_folder is not None else None
    if memo is not None:
        try:
            known = memo.read_bytes().decode("ascii")  # bytes: a text file would look its codec up (~1 ms)
            if len(known) == 64 and all(c in "0123456789abcdef" for c in known):
                return known
        except (OSError, ValueError):
            pass
    import hashlib

    digest = hashlib.sha256()
    for name, _, _ in stats:
        digest.update(name.encode() + b"\0" + Path(here, name).read_bytes() + b"\0")
    digest.update(FONTS_CONF.encode() + b"\0" + installed().encode())
    result = digest.hexdigest()
    if memo is not None:
        try:
            write_atomic(memo.parent, memo.name, result.encode("ascii"), linked_folder_ok=True)
        except OSError:
            pass
    return result


@dataclass(frozen=True)
class SpecEntry:
    """All a spec rendered to: its charts' files, its decks, and Graphviz's warnings, in order."""

    charts: tuple[tuple[str, bytes], ...]  # (file name, bytes)
    decks: tuple[tuple[str, bytes], ...] = ()
    diagnostics: tuple[tuple[str, str], ...] = ()  # (chart name, warning)

    def pack(self) -> bytes:
        header = {"charts": [[n, len(d)] for n, d in self.charts], "decks": [[n, len(d)] for n, d in self.decks],
                  "diagnostics": [list(d) for d in self.diagnostics]}
        return b"".join([json.dumps(header, sort_keys=True).encode("utf-8"), b"\n",
                         *(d for _, d in self.charts), *(d for _, d in self.decks)])

    @classmethod
    def unpack(cls, data: bytes) -> SpecEntry:
        head, _, body = data.partition(b"\n")
        header = json.loads(head)
        at = 0
        parts: dict[str, list[tuple[str, bytes]]] = {"charts": [], "decks": []}
        for kind in ("charts", "decks"):
            for name, size in header[kind]:
                if not isinstance(name, str) or not isinstance(size, int) or size < 0 or at + size > len(body):
                    raise ValueError("a damaged entry")
                parts[kind].append((name, body[at:at + size]))
                at += size
        if at != len(body):
            raise ValueError("a damaged entry")
        diagnostics = tuple((str(c), str(m)) for c, m in header["diagnostics"])
        return cls(tuple(parts["charts"]), tuple(parts["decks"]), diagnostics)


class ChartCache:
    """Drawn files keyed by everything that decides their bytes; a miss or any error just draws."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def key(self, dot: str, formats: list[str], look: Look) -> str:
        what = json.dumps([code_fingerprint(self.folder), dot, sorted(formats), asdict(look)], sort_keys=True)
        return sha256_hex(what.encode("utf-8"))

    def spec_key(self, spec: bytes, stem: str, options: dict[str, Any]) -> str:
        """A whole spec's key: its file's bytes and name, every option, and the code fingerprint."""
        what = json.dumps(["spec", code_fingerprint(self.folder), sha256_hex(spec), stem, options],
                          sort_keys=True, default=str)
        return sha256_hex(what.encode("utf-8"))

    def get_spec(self, key: str) -> SpecEntry | None:
        """A spec's entry, only if its bytes still have the hash stored beside them."""
        try:
            record = json.loads(self._path(key, "sums").read_text(encoding="utf-8"))
            data = self._path(key, "spec").read_bytes()
            if sha256_hex(data) != record["sha256"]["spec"]:
                return None
            entry = SpecEntry.unpack(data)
        except (OSError, ValueError, TypeError, AttributeError, KeyError):
            return None
        self._touch(key, ["spec"])
        return entry

    def put_spec(self, key: str, entry: SpecEntry) -> None:
        """Store a spec's entry (as `put` stores a chart's)."""
        self.put(key, {"spec": entry.pack()})

    def _touch(self, key: str, formats: Sequence[str]) -> None:
        now = time.time()
        for fmt in [*formats, "sums"]:  # a hit keeps the entry young
            try:
                os.utime(self._path(key, fmt), (now, now))
            except OSError:
                pass

    def _path(self, key: str, fmt: str) -> Path:
        return self.folder / key[:2] / f"{key}.{fmt}"

    def get(self, key: str, formats: list[str]) -> Drawn | None:
        """The entry's files, only if each still has the content hash stored beside it."""
        from ..engine.render import Drawn

        try:
            record = json.loads(self._path(key, "sums").read_text(encoding="utf-8"))
            found = Drawn({fmt: self._path(key, fmt).read_bytes() for fmt in formats})
            sums = record["sha256"]
            if any(sha256_hex(data) != sums.get(fmt) for fmt, data in found.items()):
                return None  # changed since it was stored: drawn again, and the entry replaced
            found.diagnostics = tuple(str(d) for d in record.get("diagnostics", ()))
        except (OSError, ValueError, TypeError, AttributeError, KeyError):
            return None
        self._touch(key, formats)
        return found

    def put(self, key: str, files: dict[str, bytes]) -> None:
        """Store the files, then their content hashes (and Graphviz's warnings) beside them."""
        record = {"sha256": {fmt: sha256_hex(data) for fmt, data in files.items()},
                  "diagnostics": list(getattr(files, "diagnostics", ()))}
        try:
            for fmt, data in files.items():
                write_atomic(self.folder / key[:2], f"{key}.{fmt}", data, linked_folder_ok=True)
            write_atomic(self.folder / key[:2], f"{key}.sums", json.dumps(record, sort_keys=True).encode(),
                         linked_folder_ok=True)
        except OSError:
            pass  # a read-only or full cache folder only costs speed

    def prune_daily(self) -> None:
        """What each command that drew does at its end: `prune(every=PRUNE_EVERY)`."""
        self.prune(every=PRUNE_EVERY)

    def prune(self, max_age: float = MAX_AGE, every: float = 0.0) -> None:
        """Forget entries unused for `max_age` seconds; with `every`, only if the last sweep is older
        than that (a sweep stats every file of the cache: milliseconds per thousand entries)."""
        now = time.time()
        if every > 0:
            stamp = self.folder / ".pruned"
            try:
                if now - stamp.stat().st_mtime < every:
                    return
            except OSError:
                pass
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                stamp.touch()
            except OSError:
                pass
        cutoff = now - max_age
        try:
            shards = list(self.folder.iterdir())
        except OSError:
            return
        for shard in shards:
            if shard.name.startswith("code-"):  # a remembered fingerprint of an older install
                try:
                    if shard.stat().st_mtime < cutoff:
                        shard.unlink()
                except OSError:
                    pass
                continue
            if len(shard.name) != 2:  # only the entry shards: the font set-up lives here too
                continue
            try:
                for entry in shard.iterdir():
                    if entry.stat().st_mtime < cutoff:
                        entry.unlink()
            except OSError:
                continue


def from_environment() -> ChartCache | None:
    """The user's cache, unless $ORGCHARTS_NO_CACHE is set (to anything but `0`): then none."""
    if os.environ.get("ORGCHARTS_NO_CACHE", "0") not in ("", "0"):
        return None
    return ChartCache(default_folder())
