"""A content-addressed cache of drawn charts: the same DOT, formats and framing are drawn once."""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict
from importlib import metadata
from pathlib import Path

from . import __version__
from .render import Look
from .write import write_atomic

__all__ = ["ChartCache", "default_folder"]

MAX_AGE = 30 * 24 * 3600  # seconds an unused entry is kept


def default_folder() -> Path:
    """$ORGCHARTS_CACHE, else $XDG_CACHE_HOME/orgcharts, else ~/.cache/orgcharts."""
    if os.environ.get("ORGCHARTS_CACHE"):
        return Path(os.environ["ORGCHARTS_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "orgcharts"


def _engine_version() -> str:
    try:
        return metadata.version("pygraphviz")  # its wheel pins the bundled Graphviz
    except metadata.PackageNotFoundError:
        return "unknown"


class ChartCache:
    """Drawn files keyed by everything that decides their bytes; a miss or any error just draws."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._salt = f"{__version__}/{_engine_version()}"

    def key(self, dot: str, formats: list[str], look: Look) -> str:
        what = json.dumps([self._salt, dot, sorted(formats), asdict(look)], sort_keys=True)
        return hashlib.sha256(what.encode("utf-8")).hexdigest()

    def _path(self, key: str, fmt: str) -> Path:
        return self.folder / key[:2] / f"{key}.{fmt}"

    def get(self, key: str, formats: list[str]) -> dict[str, bytes] | None:
        try:
            found = {fmt: self._path(key, fmt).read_bytes() for fmt in formats}
        except OSError:
            return None
        now = time.time()
        for fmt in formats:  # a hit keeps the entry young
            try:
                os.utime(self._path(key, fmt), (now, now))
            except OSError:
                pass
        return found

    def put(self, key: str, files: dict[str, bytes]) -> None:
        try:
            for fmt, data in files.items():
                write_atomic(self.folder / key[:2], f"{key}.{fmt}", data)
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
            try:
                for entry in shard.iterdir():
                    if entry.stat().st_mtime < cutoff:
                        entry.unlink()
            except OSError:
                continue
