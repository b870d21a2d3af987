"""Atomic writes into the output folder: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

__all__ = ["write_atomic", "sweep_stale", "OutputPathError", "TEMP_MARK"]

TEMP_MARK = ".orgcharts-tmp-"  # in the names of the rare temp files a killed run can leave


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
    """Write `data` to `out_dir/name`: written and fsynced aside, then renamed into place."""
    target = _target(out_dir, name)
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = _write_aside(out_dir, name, data)
    try:
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(out_dir)
    return target


def _write_aside(out_dir: Path, name: str, data: bytes) -> str:
    """A complete, fsynced copy of `data` under a temporary name in `out_dir`.

    On Linux the file has no name at all until it is complete (O_TMPFILE), so a run killed while
    writing leaves nothing behind; elsewhere a named temp file is removed on any error.
    """
    tmp = os.path.join(out_dir, f".{name}{TEMP_MARK}{os.getpid()}-{time.monotonic_ns()}")
    flag = getattr(os, "O_TMPFILE", 0)
    if flag:
        try:
            fd = os.open(out_dir, flag | os.O_WRONLY, 0o644)
        except OSError:
            fd = -1  # the file system has no unnamed files: fall back below
        if fd >= 0:
            try:
                _write_all(fd, data)
                os.link(f"/proc/self/fd/{fd}", tmp)
                return tmp
            except OSError:
                pass
            finally:
                os.close(fd)
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=f".{name}{TEMP_MARK}")
    try:
        _write_all(fd, data)
        os.chmod(tmp, 0o644)
    except BaseException:
        os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        raise
    os.close(fd)
    return tmp


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.fsync(fd)


def sweep_stale(out_dir: Path, older_than: float = 3600.0) -> None:
    """Remove temp files that a killed run left more than `older_than` seconds ago."""
    if not out_dir.is_dir():
        return
    cutoff = time.time() - older_than
    for entry in out_dir.iterdir():
        if TEMP_MARK in entry.name and entry.name.startswith("."):
            try:
                if entry.lstat().st_mtime < cutoff:
                    entry.unlink()
            except OSError:
                pass


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
