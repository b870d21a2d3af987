"""SHA-256 hex digests that spare a cache hit loading OpenSSL: hashlib's import is ~5–9 ms of it.

Small inputs (keys, spec files, most cache entries) go through CPython's own SHA-256 module, which
loads in ~0.2 ms; large ones through hashlib (OpenSSL), about twice as fast per byte. Both give
the same digest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["sha256_hex", "LARGE"]

LARGE = 1 << 20  # bytes: past this, OpenSSL's speed pays for loading it
_builtin: Callable[[bytes], Any] | None = None


def _small_hasher() -> Callable[[bytes], Any]:
    global _builtin
    if _builtin is None:
        try:
            from _sha2 import sha256  # type: ignore[import-not-found]  # Python 3.12+
        except ImportError:
            try:
                from _sha256 import sha256  # type: ignore[import-not-found,no-redef]  # Python 3.11
            except ImportError:
                from hashlib import sha256  # type: ignore[assignment]
        _builtin = sha256
    return _builtin


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of `data`, as 64 hex digits.

    >>> sha256_hex(b"abc")
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    >>> sha256_hex(b"x" * LARGE) == __import__("hashlib").sha256(b"x" * LARGE).hexdigest()
    True
    """
    if len(data) >= LARGE:
        import hashlib

        return hashlib.sha256(data).hexdigest()
    return str(_small_hasher()(data).hexdigest())
