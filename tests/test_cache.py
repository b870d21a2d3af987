"""cache: keyed by everything that decides the bytes; a miss, a partial entry or a bad folder just draws."""

import os
from pathlib import Path

from orgcharts.cache import PRUNE_EVERY, ChartCache, default_folder
from orgcharts.render import Look


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
