"""Workers die with their parent: after every run, on SIGTERM, and (Linux) even on SIGKILL."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from orgcharts.engine import workers
from orgcharts.errors import RenderError
from orgcharts.engine.render import Look
from orgcharts.engine.workers import render_jobs

from .conftest import MINIMAL

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table in /proc")


def children(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if int(ppid) == pid and state != "Z":
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def misbehave(dot: str, formats: Sequence[str], look: object = None) -> dict[str, bytes]:
    if "HANG" in dot:
        time.sleep(30)
    if "BUG" in dot:
        raise ValueError("a bug in a worker")
    return {f: b"x" for f in formats}


def test_a_run_leaves_no_worker_behind_even_after_timeouts_and_bugs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "_draw", misbehave)
    results = render_jobs([("HANG", ["svg"], Look()), ("BUG", ["svg"], Look()), ("ok", ["svg"], Look())],
                          timeout=1.0)
    assert str(results[1]) == "the worker drawing this chart failed: ValueError: a bug in a worker"
    assert isinstance(results[0], RenderError) and results[2] == {"svg": b"x"}
    assert children(os.getpid()) == []


def test_an_interrupted_run_stops_its_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "_draw", misbehave)
    started = time.monotonic()

    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 1.0)
    try:
        with pytest.raises(KeyboardInterrupt):
            render_jobs([("HANG", ["svg"], Look()), ("HANG 2", ["svg"], Look())], timeout=20)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert time.monotonic() - started < 10
    assert children(os.getpid()) == []


PARENT = """
import sys, time
from pathlib import Path
from orgcharts.commands import pipeline
from orgcharts.engine import workers
from orgcharts.options import ChartOptions

def hang(dot, formats, look=None):
    time.sleep(60)

workers._draw = hang
workers.IN_PROCESS_LIMIT = -1  # drawn in workers, as a large chart is
pipeline.render_specs([Path(sys.argv[1])], Path(sys.argv[2]), ChartOptions(cache=False))
"""


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_killed_render_leaves_no_worker_and_no_temp_file(tmp_path: Path, how: signal.Signals) -> None:
    if how == signal.SIGKILL and not sys.platform.startswith("linux"):
        pytest.skip("the parent-death signal is Linux's")
    spec = tmp_path / "acme.yaml"
    spec.write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "out"
    parent = subprocess.Popen([sys.executable, "-c", PARENT, str(spec), str(out)])
    try:
        deadline = time.monotonic() + 30
        while len(kids := children(parent.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(kids) >= 2, "the workers did not start"
        parent.send_signal(how)
        parent.wait(timeout=10)
        time.sleep(1.0)
        assert [pid for pid in kids if alive(pid)] == []
        assert not out.exists() or list(out.iterdir()) == []
    finally:
        parent.kill()
        parent.wait()
    if how == signal.SIGTERM:
        assert parent.returncode == 128 + signal.SIGTERM


@pytest.mark.parametrize("platform,expected", [("linux", "fork"), ("darwin", "forkserver"), ("freebsd14", "forkserver")])
def test_workers_fork_only_on_linux(monkeypatch: pytest.MonkeyPatch, platform: str, expected: str) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    assert workers._context().get_start_method() == expected


def test_a_worker_holds_one_end_of_its_own_pipes_and_none_of_another_s(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker keeps the reading end of its jobs and the writing end of its results, nothing else:
    a sibling's pipe end held by it would keep that pipe open after the parent died, and the
    writing end of its own jobs would hide the parent's death."""
    import json

    real = workers._context
    inodes: list[int] = []

    class Recording:
        def __init__(self) -> None:
            self.ctx = real()

        def __getattr__(self, name: str) -> object:
            return getattr(self.ctx, name)

        def Pipe(self, duplex: bool = True) -> object:  # noqa: N802 - multiprocessing's name
            reader, writer = self.ctx.Pipe(duplex=duplex)
            inodes.append(os.fstat(reader.fileno()).st_ino)
            return reader, writer

    def report(dot: str, formats: Sequence[str], look: object = None) -> dict[str, bytes]:
        if dot == "first":
            time.sleep(1.5)  # still running when the second worker starts
            return {"svg": b"[]"}
        held = []
        for fd in os.listdir("/proc/self/fd"):
            try:
                held.append(os.readlink(f"/proc/self/fd/{fd}"))
            except OSError:
                pass
        return {"svg": json.dumps(held).encode()}

    monkeypatch.setattr(workers, "_context", Recording)
    monkeypatch.setattr(workers, "_draw", report)
    results = render_jobs([("first", ["svg"], Look()), ("second", ["svg"], Look())], workers=2)
    first_jobs, first_results, second_jobs, second_results = inodes  # each worker: jobs, then results
    assert isinstance(results[1], dict)
    held = json.loads(results[1]["svg"])
    assert held.count(f"pipe:[{second_jobs}]") == 1 and held.count(f"pipe:[{second_results}]") == 1
    assert f"pipe:[{first_jobs}]" not in held and f"pipe:[{first_results}]" not in held


def test_a_worker_draws_one_job_after_another(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers are started once each, not once a chart: a fork costs the parent and the child."""
    monkeypatch.setattr(workers, "_draw", lambda dot, formats, look=None: {"svg": str(os.getpid()).encode()})
    results = render_jobs([(str(n), ["svg"], Look()) for n in range(6)], workers=2)
    pids = {r["svg"] for r in results if isinstance(r, dict)}
    assert len(pids) == 2 and os.getpid() not in {int(p) for p in pids}
    assert children(os.getpid()) == []


def test_workers_started_by_a_forkserver_draw_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Elsewhere than Linux workers come from a fork server, whose pid is not the render's."""
    import multiprocessing
    import multiprocessing.forkserver
    import multiprocessing.resource_tracker

    monkeypatch.setattr(workers, "_context", lambda: multiprocessing.get_context("forkserver"))
    try:
        (result,) = render_jobs([("digraph { a -> b }", ["svg"], Look())])
    finally:
        multiprocessing.forkserver._forkserver._stop()  # type: ignore[attr-defined]
        multiprocessing.resource_tracker._resource_tracker._stop()  # type: ignore[attr-defined]
    assert isinstance(result, dict) and result["svg"].startswith(b"<?xml")
