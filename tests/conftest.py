"""Shared fixtures: small specs written to tmp_path, and the golden-file accept switch."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import textwrap
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# The spec models are completed (from the per-machine model cache) when the first test module imports
# them, before any fixture runs: that cache goes to a folder of this session's, never ~/.cache.
# Caches are off in tests unless the test is about them: the model and schema caches too (the tests
# of those caches unset this switch in the processes they start).
os.environ["ORGCHARTS_NO_MODEL_CACHE"] = "1"
if "ORGCHARTS_CACHE" not in os.environ:
    os.environ["ORGCHARTS_CACHE"] = tempfile.mkdtemp(prefix="orgcharts-tests-")
    atexit.register(shutil.rmtree, os.environ["ORGCHARTS_CACHE"], ignore_errors=True)

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"

MINIMAL = """\
org: Acme
sides:
  client: Customer
  team: Makers
units:
  - id: front
    name: Front Office
    nickname: Face
    owns: the customer
    lead: rep
roles:
  - id: rep
    title: Rep
    unit: front
    client_facing: [Talks to the customer]
    internal: [Briefs the makers]
  - id: maker
    title: Maker
    reports_to: rep
    client_facing: [Shows the customer the thing]
    internal: [Makes the thing, Fixes the thing]
"""


@pytest.fixture(scope="session")
def user_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's user cache folder: where the font set-up goes, never the package or ~/.cache."""
    return tmp_path_factory.mktemp("user-cache")


@pytest.fixture(autouse=True)
def no_chart_cache(user_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test draws from or into the chart cache unless it asks for `chart_cache`: a test that
    passed because an earlier run's chart was served would prove nothing about drawing."""
    monkeypatch.setenv("ORGCHARTS_CACHE", str(user_cache))
    monkeypatch.setenv("ORGCHARTS_NO_CACHE", "1")


@pytest.fixture
def chart_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """For the tests about the cache: a chart cache of their own, switched on."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("ORGCHARTS_CACHE", str(folder))
    monkeypatch.delenv("ORGCHARTS_NO_CACHE")
    return folder


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--accept", action="store_true", help="Rewrite golden files with the current output.")


@pytest.fixture
def accept(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--accept"))


@pytest.fixture
def golden(accept: bool) -> Callable[[str, str], None]:
    """Compare text with tests/golden/NAME; `pytest --accept` rewrites it on purpose."""

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if accept or not path.exists():
            path.write_text(actual, encoding="utf-8")
            if not accept:
                pytest.fail(f"golden file {name} was missing and has been written; check it and re-run")
        assert actual == path.read_text(encoding="utf-8"), f"{name} differs; run pytest --accept if intended"

    return check


@pytest.fixture
def write_spec(tmp_path: Path) -> Callable[..., Path]:
    """Write spec text (dedented) to tmp_path/NAME and return its path."""

    def write(text: str, name: str = "spec.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


def _live_children(pid: int) -> list[int]:
    """Processes (not zombies) whose parent is `pid`, read from /proc; none where there is no /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, ppid = stat.read_text().rsplit(")", 1)[1].split()[:2]
        except (OSError, ValueError):
            continue
        if int(ppid) == pid and state != "Z":
            found.append(int(stat.parent.name))
    return found


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """The suite leaves no worker behind: any child process still alive at the end fails the run."""
    import os
    import time

    deadline = time.monotonic() + 2  # a worker being reaped right now gets a moment
    while (left := _live_children(os.getpid())) and time.monotonic() < deadline:
        time.sleep(0.1)
    if left:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        print(f"\nerror: the test session left {len(left)} child process(es) running: {left}")


@pytest.fixture(autouse=True)
def fresh_memos() -> None:
    """Each test starts with no layout remembered by an earlier one: a test must draw what it checks
    (the tests of the memos make their repeats themselves). Every memo registers itself where it is
    made (orgcharts.layout.memo), so none is missed here."""
    from orgcharts.layout.memo import forget_all

    forget_all()


@pytest.fixture
def layouts(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Graphviz's gvLayout calls in this process, by the name of the graph laid out."""
    from orgcharts.engine.gvengine import engine

    gv = engine().graphviz
    real = gv.gvLayout
    seen: Counter[str] = Counter()

    def counted(context: Any, graph: Any, algorithm: bytes) -> int:
        seen[gv.agnameof(graph).decode()] += 1
        return int(real(context, graph, algorithm))

    monkeypatch.setattr(gv, "gvLayout", counted)
    return seen
