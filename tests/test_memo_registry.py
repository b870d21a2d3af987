"""Every memo of the package is registered in one place, and the suite clears every registered memo."""

from __future__ import annotations

import importlib
import pkgutil
from functools import _lru_cache_wrapper

import orgcharts
from orgcharts.layout.memo import Memo, forget_all, registered, remembered

_PROBE: Memo[int] = Memo(4)  # made after conftest was written: registered like any memo of the package
_FILLED: list[bool] = []


def _every_module() -> list[object]:
    modules = []
    for info in pkgutil.walk_packages(orgcharts.__path__, "orgcharts."):
        if info.name.endswith("__main__"):
            continue
        modules.append(importlib.import_module(info.name))
    return modules


def test_every_memo_of_the_package_is_registered() -> None:
    modules = _every_module()
    clears = registered()
    found = 0
    for module in modules:
        for name, value in vars(module).items():
            if isinstance(value, Memo):
                found += 1
                assert value.clear in clears, f"{module.__name__}.{name}"
            elif isinstance(value, _lru_cache_wrapper) and value.__module__.startswith("orgcharts") \
                    and value.cache_info().maxsize != 1:
                # maxsize=1: a fact of the install read once (the fonts' digest), not a memo of input
                found += 1
                assert value.cache_clear in clears, f"{module.__name__}.{name} is an lru_cache: use memo.remembered"
    assert found >= 8  # org's five, fit's two, labels' two, columns' one


def test_forget_all_empties_memos_and_memoised_functions() -> None:
    calls: list[int] = []

    @remembered(8)
    def double(x: int) -> int:
        calls.append(x)
        return 2 * x

    memo: Memo[str] = Memo(3)
    memo.get("a", lambda: "A")
    double(2)
    double(2)
    assert len(memo) == 1 and calls == [2]
    forget_all()
    assert len(memo) == 0
    double(2)
    assert calls == [2, 2]


def test_a_memo_is_filled_here() -> None:
    _PROBE.get("kept?", lambda: 1)
    assert len(_PROBE) == 1
    _FILLED.append(True)


def test_and_found_empty_in_the_next_test() -> None:
    # conftest's autouse fixture clears every registered memo before each test, this module's too
    assert _FILLED, "runs after test_a_memo_is_filled_here (file order)"
    assert len(_PROBE) == 0
