"""Atomic writes into the output folder: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_atomic", "OutputPathError"]


class OutputPathError(ValueError):
    """An output name that would escape the output folder or write through a link."""


def _target(out_dir: Path, name: str) -> Path:
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name:
        raise OutputPathError(f"output name {name!r} is not a plain file name")
    target = out_dir / name
    if target.is_symlink():
        raise OutputPathError(f"{target} is a symbolic link; orgcharts does not write through links")
    return target


def write_atomic(out_dir: Path, name: str, data: bytes) -> Path:
    """Write `data` to `out_dir/name` via a temp file in the same folder, fsync and os.replace."""
    target = _target(out_dir, name)
    out_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(out_dir)
    return target


def _fsync_dir(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk too.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
