"""A content-addressed cache of drawn charts: the same DOT, formats and framing are drawn once."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from dataclasses import asdict
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from . import __version__
from .fontsetup import FONTS_CONF, font_files
from .fontsetup import user_cache_folder as default_folder
from .render import Drawn, Look
from .write import write_atomic

__all__ = ["ChartCache", "default_folder", "fingerprint", "SHAPING_MODULES", "from_environment"]

MAX_AGE = 30 * 24 * 3600  # seconds an unused entry is kept
# The modules whose code turns DOT into the cached bytes, or DOT itself into being.
SHAPING_MODULES = ("render", "svg", "pdf", "dot", "labels", "themes", "fontsetup", "workers", "cache")


def _version(package: str) -> str:
    try:
        return metadata.version(package)  # pygraphviz's wheel pins the bundled Graphviz
    except metadata.PackageNotFoundError:
        return "unknown"


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of everything besides the DOT that shapes a drawing's bytes: the code that draws,
    the fontconfig text, the font files and the versions. Read once per process (~2 ms)."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in SHAPING_MODULES:
        digest.update(name.encode() + b"\0" + (here / f"{name}.py").read_bytes())
    digest.update(FONTS_CONF.encode())
    for path in font_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for part in (__version__, _version("pygraphviz"), sys.version):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


class ChartCache:
    """Drawn files keyed by everything that decides their bytes; a miss or any error just draws."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._salt = fingerprint()

    def key(self, dot: str, formats: list[str], look: Look) -> str:
        what = json.dumps([self._salt, dot, sorted(formats), asdict(look)], sort_keys=True)
        return hashlib.sha256(what.encode("utf-8")).hexdigest()

    def _path(self, key: str, fmt: str) -> Path:
        return self.folder / key[:2] / f"{key}.{fmt}"

    def get(self, key: str, formats: list[str]) -> Drawn | None:
        """The entry's files, only if each still has the content hash stored beside it."""
        try:
            record = json.loads(self._path(key, "sums").read_text(encoding="utf-8"))
            found = Drawn({fmt: self._path(key, fmt).read_bytes() for fmt in formats})
            sums = record["sha256"]
            if any(hashlib.sha256(data).hexdigest() != sums.get(fmt) for fmt, data in found.items()):
                return None  # changed since it was stored: drawn again, and the entry replaced
            found.diagnostics = tuple(str(d) for d in record.get("diagnostics", ()))
        except (OSError, ValueError, TypeError, AttributeError, KeyError):
            return None
        now = time.time()
        for fmt in [*formats, "sums"]:  # a hit keeps the entry young
            try:
                os.utime(self._path(key, fmt), (now, now))
            except OSError:
                pass
        return found

    def put(self, key: str, files: dict[str, bytes]) -> None:
        """Store the files, then their content hashes (and Graphviz's warnings) beside them."""
        record = {"sha256": {fmt: hashlib.sha256(data).hexdigest() for fmt, data in files.items()},
                  "diagnostics": list(getattr(files, "diagnostics", ()))}
        try:
            for fmt, data in files.items():
                write_atomic(self.folder / key[:2], f"{key}.{fmt}", data)
            write_atomic(self.folder / key[:2], f"{key}.sums", json.dumps(record, sort_keys=True).encode())
        except OSError:
            pass  # a read-only or full cache folder only costs speed

    def prune(self, max_age: float = MAX_AGE) -> None:
        """Forget entries unused for `max_age` seconds."""
        cutoff = time.time() - max_age
        try:
            shards = list(self.folder.iterdir())
        except OSError:
            return
        for shard in shards:
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
