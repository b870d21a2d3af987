"""cache: keyed by everything that decides the bytes; a miss, a partial entry or a bad folder just draws."""

import os
import shutil
from pathlib import Path

import pytest

from orgcharts.out import cache as cache_module
from orgcharts.out.cache import PRUNE_EVERY, ChartCache, default_folder
from orgcharts.layout.memo import forget_all
from orgcharts.engine.render import Look


def test_key_changes_with_dot_formats_and_look(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path)
    base = cache.key("digraph { a }", ["svg", "png"], Look())
    assert cache.key("digraph { a }", ["png", "svg"], Look()) == base  # order of formats is not content
    assert cache.key("digraph { b }", ["svg", "png"], Look()) != base
    assert cache.key("digraph { a }", ["svg"], Look()) != base
    assert cache.key("digraph { a }", ["svg", "png"], Look(fit="16:9")) != base


def test_round_trip_and_partial_entries(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path)
    key = cache.key("digraph { a }", ["svg", "png"], Look())
    assert cache.get(key, ["svg", "png"]) is None
    cache.put(key, {"svg": b"<svg/>", "png": b"png"})
    assert cache.get(key, ["svg", "png"]) == {"svg": b"<svg/>", "png": b"png"}
    (tmp_path / key[:2] / f"{key}.png").unlink()
    assert cache.get(key, ["svg", "png"]) is None


def test_prune_forgets_unused_entries(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path)
    old, new = cache.key("a", ["svg"], Look()), cache.key("b", ["svg"], Look())
    cache.put(old, {"svg": b"1"})
    cache.put(new, {"svg": b"2"})
    os.utime(tmp_path / old[:2] / f"{old}.svg", (1, 1))
    cache.prune()
    assert cache.get(old, ["svg"]) is None and cache.get(new, ["svg"]) == {"svg": b"2"}


def test_a_command_sweeps_the_cache_once_a_day(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path)
    first, second = cache.key("a", ["svg"], Look()), cache.key("b", ["svg"], Look())
    cache.put(first, {"svg": b"1"})
    os.utime(tmp_path / first[:2] / f"{first}.svg", (1, 1))
    cache.prune(every=PRUNE_EVERY)
    assert cache.get(first, ["svg"]) is None  # the first sweep runs
    cache.put(second, {"svg": b"2"})
    os.utime(tmp_path / second[:2] / f"{second}.svg", (1, 1))
    cache.prune(every=PRUNE_EVERY)
    assert cache.get(second, ["svg"]) == {"svg": b"2"}  # swept less than a day ago: not again
    os.utime(tmp_path / second[:2] / f"{second}.svg", (1, 1))
    os.utime(tmp_path / ".pruned", (1, 1))
    cache.prune(every=PRUNE_EVERY)
    assert cache.get(second, ["svg"]) is None  # a day later: swept


def test_an_unwritable_cache_only_costs_speed(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = ChartCache(blocker / "cache")
    cache.put("ab" + "0" * 62, {"svg": b"x"})  # no error
    assert cache.get("ab" + "0" * 62, ["svg"]) is None


def test_default_folder_follows_the_environment(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ORGCHARTS_CACHE", "/x/y")
    assert default_folder() == Path("/x/y")
    monkeypatch.delenv("ORGCHARTS_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", "/c")
    assert default_folder() == Path("/c/orgcharts")


def _package_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the installed package (no compiled code) that the fingerprint is taken of."""
    copy = tmp_path / "package"
    shutil.copytree(cache_module.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    monkeypatch.setattr(cache_module, "PACKAGE", str(copy))
    forget_all()
    return copy


def _keys(folder: Path) -> tuple[str, str]:
    """A chart's key and a spec's key, each taken afresh (as a new process would)."""
    forget_all()
    cache = ChartCache(folder)
    return cache.key("digraph { a }", ["svg", "png"], Look()), cache.spec_key(b"org: Acme", "acme", {})


def test_appending_a_line_to_any_file_of_the_package_changes_both_keys(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    copy = _package_copy(tmp_path, monkeypatch)
    store = tmp_path / "cache"
    base = _keys(store)
    assert _keys(store) == base  # the same code: the same keys, read back from the remembered fingerprint
    files = sorted(p for p in copy.rglob("*") if p.is_file())
    modules = [p.relative_to(copy).as_posix() for p in files if p.suffix == ".py"]
    assert {"draw/png.py", "engine/render.py", "views/org.py", "layout/tree.py", "cli.py"} <= set(modules)
    assert any(p.suffix == ".ttf" for p in files)
    for path in files:
        data = path.read_bytes()
        path.write_bytes(data + b"\n# one more line\n")
        try:
            chart, spec = _keys(store)
            assert chart != base[0] and spec != base[1], path.relative_to(copy)
        finally:
            path.write_bytes(data)
            os.utime(path, ns=(0, 0))  # another time: the memo on disk is not used, the bytes are hashed
    assert _keys(store) == base  # every file as it was: the keys as they were
    monkeypatch.setattr(cache_module, "FONTS_CONF", cache_module.FONTS_CONF + " ")
    assert _keys(store)[0] != base[0]


def test_the_package_is_stat_ed_once_per_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _package_copy(tmp_path, monkeypatch)
    walks: list[str] = []
    real = cache_module._package_stats

    def counted(folder: str, prefix: str = "") -> list[tuple[str, int, int]]:
        if not prefix:
            walks.append(folder)
        return real(folder, prefix)

    monkeypatch.setattr(cache_module, "_package_stats", counted)
    cache = ChartCache(tmp_path / "cache")
    for n in range(5):
        cache.key(f"digraph {{ n{n} }}", ["svg"], Look())
        cache.spec_key(b"org: Acme", f"spec{n}", {})
    assert walks == [cache_module.PACKAGE]
