"""workers: charts drawn in worker processes; a crash or a hang stays with its chart."""

import os
import signal
import time
from collections.abc import Sequence

import pytest

from orgcharts.engine import workers
from orgcharts.errors import RenderError
from orgcharts.engine.render import Look
from orgcharts.engine.workers import render_jobs

pytestmark = pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(),
                                reason="the seam below reaches workers only when they fork")

GOOD = "digraph { a -> b }"


def misbehave(dot: str, formats: Sequence[str], look: object = None) -> dict[str, bytes]:
    """Stand-in for Graphviz: crashes or hangs on request, else draws."""
    if "CRASH" in dot or ("SCENE_BREAKS" in dot and "scene" in formats):
        os.kill(os.getpid(), signal.SIGSEGV)
    if "HANG" in dot:
        time.sleep(30)
    if "REFUSE" in dot:
        raise RenderError("Graphviz layout failed")
    return {f: f"{f} of {dot}".encode() for f in formats}


@pytest.fixture
def flaky(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "_draw", misbehave)


def test_results_come_back_in_job_order() -> None:
    results = render_jobs([(GOOD, ["svg"], Look()), ("digraph { x }", ["dot"], Look())], workers=2)
    assert isinstance(results[0], dict) and results[0]["svg"].startswith(b"<?xml")
    assert results[1] == {"dot": b"digraph { x }"}


def test_a_crash_is_an_error_for_that_chart_only(flaky: None) -> None:
    results = render_jobs([("CRASH", ["svg"], Look()), (GOOD, ["svg"], Look())])
    assert isinstance(results[0], RenderError)
    assert str(results[0]) == "Graphviz crashed (SIGSEGV) while drawing this chart"
    assert results[1] == {"svg": b"svg of digraph { a -> b }"}


def test_a_crash_writing_the_scene_still_draws_the_chart_without_it(flaky: None) -> None:
    results = render_jobs([("SCENE_BREAKS", ["svg", "png", "scene"], Look()), (GOOD, ["svg", "scene"], Look())])
    assert results[0] == {"svg": b"svg of SCENE_BREAKS", "png": b"png of SCENE_BREAKS"}  # its slide: a picture
    assert results[1] == {"svg": b"svg of digraph { a -> b }", "scene": b"scene of digraph { a -> b }"}


def test_a_hang_is_stopped_at_the_time_limit(flaky: None) -> None:
    start = time.monotonic()
    results = render_jobs([("HANG", ["svg"], Look()), (GOOD, ["svg"], Look())], timeout=1.0)
    assert time.monotonic() - start < 10
    assert str(results[0]) == ("Graphviz took longer than 1 s on this chart; it was stopped "
                               "(simplify the chart or raise --timeout)")
    assert results[1] == {"svg": b"svg of digraph { a -> b }"}


def test_a_render_error_in_the_worker_comes_back_as_is(flaky: None) -> None:
    (result,) = render_jobs([("REFUSE", ["svg"], Look())])
    assert isinstance(result, RenderError) and str(result) == "Graphviz layout failed"
