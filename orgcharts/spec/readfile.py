"""Reading an input file: regular files only, opened without blocking, read to a bounded size."""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["ReadError", "read_bounded", "read_head"]

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


class ReadError(OSError):
    """An input file that cannot be read as one: the message says why and what to name instead."""

    def __init__(self, message: str, too_large: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.too_large = too_large

    def __str__(self) -> str:
        return self.message


def read_head(path: Path, max_bytes: int) -> bytes | None:
    """The first `max_bytes` of a regular file that is not a link, or None (missing, a link, a FIFO, a
    device, unreadable): for peeking at a file in an output folder, such as a page's generator mark."""
    try:
        fd = os.open(path, _FLAGS | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        return os.read(fd, max_bytes) if stat.S_ISREG(os.fstat(fd).st_mode) else None
    except OSError:
        return None
    finally:
        os.close(fd)


def read_bounded(path: Path, max_bytes: int, what: str = "file") -> bytes:
    """A regular file's bytes, reading at most one byte past `max_bytes`; ReadError otherwise.

    Opened without blocking and checked before any read, so a FIFO cannot hang the run and a
    device such as /dev/zero cannot fill memory; a file that grows while read is still cut off.
    """
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        raise ReadError(f"cannot read {what}: {exc.strerror}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ReadError(f"cannot read {what}: not a regular file (a folder, device or pipe); name a file")
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except ReadError:
        raise
    except OSError as exc:
        raise ReadError(f"cannot read {what}: {exc.strerror}") from None
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > max_bytes:
        raise ReadError(f"{what} is larger than {max_bytes:,} bytes", too_large=True)
    return raw
