"""Atomic writes into the output folder: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

__all__ = ["write_atomic", "write_file", "sweep_stale", "OutputPathError", "TEMP_MARK", "refuse_links"]

TEMP_MARK = ".orgcharts-tmp-"  # in the names of the temp files a run killed mid-write can leave
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


class OutputPathError(ValueError):
    """An output name that would escape the output folder or write through a link."""


def refuse_links(out_dir: Path, label: str = "--out ") -> None:
    """Refuse an output folder that is, or lies under, a symbolic link, as named on the command line.

    Every folder of the path as given is checked (a relative path from the working folder on);
    the fix is to name the real folder, which the message gives.
    """
    path = Path(out_dir)
    base = Path.cwd() if not path.is_absolute() else Path(path.anchor)
    current = base
    for part in path.parts[1:] if path.is_absolute() else path.parts:
        current = current / part
        if current.is_symlink():
            real = os.path.realpath(path if path.is_absolute() else Path.cwd() / path)
            raise OutputPathError(f"{label}{out_dir} passes through the symbolic link {current}; orgcharts does "
                                  f"not write through links: name the real folder ({real}) instead")


def _target(out_dir: Path, name: str) -> None:
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name:
        raise OutputPathError(f"output name {name!r} is not a plain file name")


def write_atomic(out_dir: Path, name: str, data: bytes, *, linked_folder_ok: bool = False) -> Path:
    """Write `data` to `out_dir/name`: a new temp file (O_EXCL) beside it, fsynced, renamed, folder fsynced.

    An existing file keeps its permissions; a new one gets 0666 less the umask. Only a regular file
    is ever replaced (a link, device, pipe or folder in its place is refused: as root, /dev/null
    would otherwise become a file), and never through a folder that is a link: every folder of
    `out_dir` is checked, then the last is opened once without following a link and all is done in it.
    `linked_folder_ok`: only for the user's own cache folder (often under a linked ~/.cache), never an output.
    """
    _target(out_dir, name)
    if not linked_folder_ok:
        refuse_links(out_dir, label="the folder ")
    out_dir.mkdir(parents=True, exist_ok=True)
    folder = os.open(out_dir, os.O_RDONLY | _DIRECTORY | _NOFOLLOW)
    try:
        try:
            old = os.stat(name, dir_fd=folder, follow_symlinks=False)
        except FileNotFoundError:
            old = None
        if old is not None and stat.S_ISLNK(old.st_mode):
            raise OutputPathError(f"{out_dir / name} is a symbolic link; orgcharts does not write through links")
        if old is not None and not stat.S_ISREG(old.st_mode):
            raise OutputPathError(f"{out_dir / name} is not a regular file (a folder, device or pipe); orgcharts "
                                  "only replaces files: name a file path")
        tmp = f".{name}{TEMP_MARK}{os.getpid()}-{os.urandom(4).hex()}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666, dir_fd=folder)
        try:
            try:
                if old is not None:
                    os.fchmod(fd, stat.S_IMODE(old.st_mode))
                _write_all(fd, data)
            finally:
                os.close(fd)
            os.replace(tmp, name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException:
            try:
                os.unlink(tmp, dir_fd=folder)
            except OSError:
                pass
            raise
        try:
            os.fsync(folder)  # the rename is durable only once the folder's entry is on disk too
        except OSError:
            pass
    finally:
        os.close(folder)
    return out_dir / name


def write_file(path: Path, data: bytes) -> Path:
    """Write one named output file (`import -o`, `export -o`): write_atomic into its folder."""
    return write_atomic(path.parent, path.name, data)


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
