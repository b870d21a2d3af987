"""What the C libraries (Graphviz, fontconfig, cairo) print on fd 2, kept off the user's terminal."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["captured_stderr"]


@contextmanager
def captured_stderr() -> Iterator[list[str]]:
    """Redirect fd 2 for the block; on leaving, the list holds what was printed there.

    Python's own `sys.stderr` writes go through fd 2 too, so nothing is printed inside the block.
    """
    captured: list[str] = []
    with tempfile.TemporaryFile() as sink:
        saved = os.dup(2)
        os.dup2(sink.fileno(), 2)
        try:
            yield captured
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            captured.append(sink.read().decode("utf-8", "replace"))
