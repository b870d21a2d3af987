"""The spec models completed from their core schemas, kept once per machine in the user cache folder.

Building the models' validators (pydantic's schema generation, in Python) is most of the cost of
importing the models, and it gives the same result on every run of the same code. So the models
are declared with `defer_build`, and `complete()` finishes them: from a pickle of the core schemas
pydantic generated, when one exists for exactly this code (the bytes of `spec.py` and of this
module), these libraries (every file's name, size and time) and this Python; else pydantic builds
them as usual and the result is stored for the next run. The file is checked before it is read
(owned by the user, not writable by others, a SHA-256 of its contents) and anything unexpected in
it means a normal build: a cache can make a start faster, never different. Validators made from
the cache are pydantic-core's own, without pydantic's plugin hooks (orgcharts uses none), and they
skip the plugin look-up, which reads every installed package's metadata.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..engine.fonts import user_cache_folder  # the one rule for the user cache folder (fontsetup is light)

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["complete", "enabled", "OFF_SWITCH", "cache_key", "cache_file", "user_cache_folder", "how_completed",
           "read_checked", "write_checked", "COMPLETED", "LIBRARIES", "MAGIC"]

MAGIC = b"orgcharts models v1\n"
# What pydantic sets on a model class when it completes it (`complete_model_class`): the cache sets
# exactly these, and is not written if a build sets anything else (a pydantic that works otherwise).
COMPLETED = frozenset({"__pydantic_complete__", "__pydantic_computed_fields__", "__pydantic_core_schema__",
                       "__pydantic_serializer__", "__pydantic_validator__", "__signature__"})
# Libraries whose code shapes the core schemas and the JSON Schema: every file of theirs (of the
# package and its `_internal` folder) is in the key by name, size and time, so an upgrade or a patch
# changes it. Found without importing them, so `orgcharts schema` can skip pydantic altogether.
LIBRARIES = ("pydantic", "pydantic_core", "annotated_types", "typing_extensions", "typing_inspection")
_PREFIX = "models-"
_KEEP_DAYS = 30  # a cache file for code no longer run is removed this long after it was written

_how = "not yet"
OFF_SWITCH = "ORGCHARTS_NO_MODEL_CACHE"  # set (as the test suite does): always built, nothing read or written


def enabled() -> bool:
    """Whether the per-machine model and schema caches may be read and written in this process."""
    return not os.environ.get(OFF_SWITCH)


def how_completed() -> str:
    """How the models were completed in this process: 'cache', or 'built' with the reason."""
    return _how


def cache_key(code: Sequence[str]) -> str:
    """A hash of the given code files and this module (their bytes), Python's version and the libraries'
    files (`LIBRARIES`); raises OSError when a file cannot be read."""
    digest = hashlib.sha256(MAGIC)
    for path in (*code, __file__):
        with open(path, "rb") as handle:
            digest.update(path.encode() + b"\0" + handle.read() + b"\0")
    digest.update(sys.version.encode() + b"\0")
    for name in LIBRARIES:
        digest.update(_library_stamp(name).encode() + b"\0")
    return digest.hexdigest()


def _library_stamp(name: str) -> str:
    """Where a library is, and the name, size and time of each of its files."""
    where = getattr(sys.modules.get(name), "__file__", None)
    if where is None:
        from importlib.machinery import PathFinder

        found = PathFinder.find_spec(name)
        where = found.origin if found is not None else None
    if where is None:
        return f"{name}: missing"
    if not os.path.basename(where).startswith("__init__."):
        info = os.stat(where)
        return f"{name} {where} {info.st_size} {info.st_mtime_ns}"
    folder = os.path.dirname(where)
    files = []
    for sub in ("", "_internal"):
        try:
            entries = os.scandir(os.path.join(folder, sub))
        except FileNotFoundError:
            continue
        with entries:
            for entry in entries:
                if entry.is_file(follow_symlinks=False):
                    info = entry.stat(follow_symlinks=False)
                    files.append(f"{sub}/{entry.name} {info.st_size} {info.st_mtime_ns}")
    return "\n".join([f"{name} {folder}", *sorted(files)])


def cache_file(key: str) -> Path:
    """Where the core schemas for `key` are kept."""
    return user_cache_folder() / f"{_PREFIX}{key[:32]}.pickle"


def complete(models: Sequence[type[BaseModel]], code: Sequence[str]) -> None:
    """Complete every model (declared with `defer_build`, in dependency order): from the cache when
    it matches, else built by pydantic and then cached. `code`: the files that declare them."""
    global _how
    if not enabled():
        _build(models)
        _how = f"built: {OFF_SWITCH} is set"
        return
    try:
        key = cache_key(code)
    except OSError as exc:  # the code is not in files (a zip, a frozen build): nothing to key on
        _build(models)
        _how = f"built: no key ({exc.strerror})"
        return
    path = cache_file(key)
    why = _from_cache(path, key, models)
    if why is None:
        _how = "cache"
        return
    _build(models)
    _how = f"built: {why}; {_store(path, key, models)}"


def _build(models: Sequence[type[BaseModel]]) -> None:
    """Pydantic's own build, in order (so each model reuses the validators of those it holds)."""
    for model in models:
        # Forced, as a failed cache may have left some models half set; no caller frame's names.
        model.model_rebuild(force=True, _parent_namespace_depth=0)


def _trusted(info: os.stat_result) -> bool:
    """A regular file of the user's that nobody else may write: what a pickle may be read from."""
    if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o022:
        return False
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def read_checked(path: Path, magic: bytes = MAGIC) -> bytes | str:
    """The contents of a cache file written by `write_checked`, checked, or why there are none."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return "no cache yet"
    except OSError as exc:
        return f"cache unreadable ({exc.strerror})"
    with os.fdopen(fd, "rb") as handle:
        if not _trusted(os.fstat(handle.fileno())):
            return "cache not trusted (not the user's own file, or others may write it)"
        raw = handle.read()
    body = raw[len(magic) + 32:]
    if not raw.startswith(magic) or hashlib.sha256(body).digest() != raw[len(magic):len(magic) + 32]:
        return "cache corrupt"
    return body


def _from_cache(path: Path, key: str, models: Sequence[type[BaseModel]]) -> str | None:
    """Complete the models from the cache file; None when done, else why not (models left to build)."""
    body = read_checked(path)
    if isinstance(body, str):
        return body
    try:
        try:
            from _pickle import loads  # the C unpickler alone: pickle.py adds ~2 ms of import
        except ImportError:  # pragma: no cover - another Python
            from pickle import loads

        stored_key, entries = loads(body)
        if stored_key != key or [name for name, _, _ in entries] != [m.__qualname__ for m in models]:
            return "cache for other code"
        install = _installer()
        for model, (_, schema, config) in zip(models, entries):
            install(model, schema, config)
    except Exception as exc:  # noqa: BLE001 - whatever a cache holds, the answer is a normal build
        return f"cache unusable ({type(exc).__name__})"
    return None


def _installer() -> Callable[[type[BaseModel], Any, Any], None]:
    """A function setting on a model what `complete_model_class` sets, from its core schema and config."""
    from functools import partial

    from pydantic._internal._config import ConfigWrapper
    from pydantic._internal._signature import generate_pydantic_signature
    from pydantic._internal._utils import LazyClassAttribute
    from pydantic_core import SchemaSerializer, SchemaValidator

    def install(model: type[BaseModel], schema: Any, config: Any) -> None:
        wrapper = ConfigWrapper(model.model_config, check=False)
        validator = SchemaValidator(schema, config)
        serializer = SchemaSerializer(schema, config)
        model.__pydantic_computed_fields__ = {}
        model.__pydantic_core_schema__ = schema
        model.__pydantic_validator__ = validator
        model.__pydantic_serializer__ = serializer
        model.__signature__ = LazyClassAttribute(  # type: ignore[assignment]
            "__signature__", partial(generate_pydantic_signature, init=model.__init__,
                                     fields=model.__pydantic_fields__, validate_by_alias=wrapper.validate_by_alias,
                                     extra=wrapper.extra))
        model.__pydantic_complete__ = True
        model.__pydantic_on_complete__()

    return install


def _entries(models: Sequence[type[BaseModel]]) -> list[tuple[str, Any, Any]] | str:
    """What to store for each built model: name, core schema and core config; or why not to."""
    from pydantic._internal._config import ConfigWrapper

    entries = []
    for model in models:
        if model.__pydantic_decorators__.computed_fields or any(
                field.deprecated for field in model.__pydantic_fields__.values()):
            return "not cached (computed or deprecated fields)"
        config = ConfigWrapper(model.model_config, check=False).core_config(title=model.__name__)
        entries.append((model.__qualname__, model.__pydantic_core_schema__, config))
    return entries


def _store(path: Path, key: str, models: Sequence[type[BaseModel]]) -> str:
    """Write the cache for the models just built (best effort); say what happened."""
    import pickle

    unset = [m.__qualname__ for m in models if not COMPLETED <= set(vars(m))]
    if unset:
        return f"not cached (pydantic completes {', '.join(unset)} differently)"
    entries = _entries(models)
    if isinstance(entries, str):
        return entries
    try:
        body = pickle.dumps((key, entries), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # noqa: BLE001 - a schema holding something pickle cannot name: no cache
        return f"not cached ({type(exc).__name__}: {exc})"
    return write_checked(path, body)


def write_checked(path: Path, body: bytes, magic: bytes = MAGIC) -> str:
    """Write a cache file atomically (a temporary file, then renamed), with a SHA-256 of the body; say
    what happened. Cache files of other code older than `_KEEP_DAYS` are removed on the way."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # A new file of an unguessable name, created here or not at all (O_EXCL): a name planted in a
        # shared cache folder (a link, or a hard link to another file) is never opened and truncated.
        temp = path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(6).hex()}.tmp")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(temp, flags, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(magic + hashlib.sha256(body).digest() + body)
            os.replace(temp, path)
        except BaseException:
            try:
                os.unlink(temp)
            except OSError:
                pass
            raise
    except OSError as exc:
        return f"not cached ({exc.strerror})"
    _prune(path)
    return "cached"


def _prune(kept: Path) -> None:
    """Remove cache files like `kept` (same prefix) written more than `_KEEP_DAYS` ago: they are for
    code no longer run, or rebuilt if it is."""
    import time

    limit = time.time() - _KEEP_DAYS * 86400
    prefix = kept.name.split("-", 1)[0] + "-"
    try:
        for entry in os.scandir(kept.parent):
            ours = entry.name.startswith((prefix, "." + prefix)) and entry.name != kept.name
            if ours and entry.stat(follow_symlinks=False).st_mtime < limit:
                os.unlink(entry.path)
    except OSError:
        pass
