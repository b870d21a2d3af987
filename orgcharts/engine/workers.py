"""Graphviz in worker processes: charts in parallel, each under a time limit, a crash kept to its chart."""

from __future__ import annotations

import atexit
import ctypes
import faulthandler
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.connection import Connection, wait
from typing import Any

from . import render as engine
from ..errors import RenderError
from ..options import DEFAULT_TIMEOUT
from ..layout.scene import SCENE

__all__ = ["Job", "render_jobs", "draw_jobs", "in_process", "IN_PROCESS_LIMIT", "DEFAULT_TIMEOUT"]

# Charts whose DOT totals at most this many bytes (a spec of up to ~100 roles) are drawn in this
# process: Graphviz takes milliseconds on them, less than starting a worker. Larger or more charts
# get worker processes, each under the time limit and with a crash kept to its chart.
IN_PROCESS_LIMIT = 256 * 1024

Job = tuple[str, Sequence[str], engine.Look]  # DOT text, the formats wanted, and the framing


def _draw(dot: str, formats: Sequence[str], look: engine.Look = engine.Look()) -> dict[str, bytes]:
    """What a worker runs; a seam the tests replace to simulate crashes and hangs."""
    return engine.render(dot, formats, look)


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with(parent: int) -> None:
    """In a worker: be killed when the parent dies, even by SIGKILL (Linux); stop now if it already has."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)


def _serve(jobs: Connection, results: Connection, parent: int = 0, inherited: tuple[int, ...] = ()) -> None:
    """A worker: draw each job the parent sends until it sends None or goes, and send back each result."""
    _die_with(parent or os.getppid())  # under forkserver the parent is the server: 0, not checked
    try:
        os.setpgid(0, 0)  # as the parent does too: whichever runs first, no window without a group
    except (OSError, AttributeError):
        pass
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent answers Ctrl-C, and stops its workers
    for fd in inherited:  # the parent's pipe ends, copied by fork: holding them would keep those open
        try:
            os.close(fd)
        except OSError:
            pass
    # A crash is reported by the parent as one clear line, not as this process's stack dump.
    faulthandler.disable()
    try:
        while (job := jobs.recv()) is not None:
            try:
                result: tuple[str, Any] = ("ok", _draw(*job))
            except RenderError as exc:
                result = ("error", str(exc))
            except BaseException as exc:  # every failure comes back as data, never a traceback
                result = ("error", f"the worker drawing this chart failed: {type(exc).__name__}: {exc}")
            results.send(result)
    except (OSError, EOFError):
        pass  # the parent has gone: nobody to tell
    finally:
        results.close()


def _context() -> Any:
    # fork starts a worker in milliseconds and shares the already loaded engine; it is only safe
    # enough on Linux. Elsewhere forkserver (or spawn) starts clean processes.
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


_LIVE: dict[int, Any] = {}  # pid -> worker process still running, for the exit and signal handlers


def _stop(proc: Any) -> None:
    """Kill a worker and whatever it started: its whole process group, then the process itself."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (OSError, AttributeError, TypeError):
        pass
    try:
        proc.kill()
    except (OSError, AttributeError, ValueError):
        pass


def _stop_all() -> None:
    for proc in list(_LIVE.values()):
        _stop(proc)
        _LIVE.pop(proc.pid, None)


atexit.register(_stop_all)


@contextmanager
def _stopped_on_signals() -> Iterator[None]:
    """While workers run, SIGTERM (as CI cancellation sends) ends this process through its cleanup."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: Any) -> None:
        _stop_all()
        raise SystemExit(128 + signum)

    previous = signal.getsignal(signal.SIGTERM)
    installed = previous in (signal.SIG_DFL, None)
    if installed:
        signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        if installed:
            signal.signal(signal.SIGTERM, previous)


def _death(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"Graphviz crashed ({signal.Signals(-code).name}) while drawing this chart"
        except ValueError:
            pass
    return f"the worker drawing this chart stopped unexpectedly (exit code {code})"


class _Worker:
    """A worker process and the parent's ends of its two pipes: jobs out, results in."""

    def __init__(self, ctx: Any, others: Sequence[_Worker]) -> None:
        job_reader, self.jobs = ctx.Pipe(duplex=False)
        self.results, result_writer = ctx.Pipe(duplex=False)
        forks = ctx.get_start_method() == "fork"
        # Under fork the worker inherits every pipe end the parent holds; it closes all but its own two.
        inherited = tuple(fd for w in (*others, self) for fd in (w.jobs.fileno(), w.results.fileno()))
        self.proc = ctx.Process(target=_serve, args=(job_reader, result_writer, os.getpid() if forks else 0,
                                                     inherited if forks else ()), daemon=True)
        self.proc.start()
        _LIVE[self.proc.pid] = self.proc
        try:
            os.setpgid(self.proc.pid, self.proc.pid)  # its own group, so a kill reaches all it started
        except (OSError, AttributeError):
            pass
        job_reader.close()
        result_writer.close()

    def retire(self, kill: bool) -> None:
        """Stop the worker (at once with `kill`, else when it has read the end of its jobs) and wait for it."""
        if kill:
            _stop(self.proc)
        try:
            self.jobs.send(None)
        except (OSError, ValueError):
            pass
        self.jobs.close()
        self.proc.join(None if kill else 5)
        if self.proc.is_alive():
            _stop(self.proc)
            self.proc.join()
        _LIVE.pop(self.proc.pid, None)
        self.results.close()


def render_jobs(jobs: Sequence[Job], timeout: float = DEFAULT_TIMEOUT,
                workers: int | None = None) -> list[dict[str, bytes] | RenderError]:
    """Render the jobs in `workers` worker processes, each drawing one job after another; a result
    or a RenderError per job. A worker that crashes or passes the time limit is replaced.

    Each worker is started once, not once per job: a fork copies the page tables of this process and
    makes both processes copy every page they then write (~16 ms a chart at 1,000 roles).
    Workers die with this process: on return, on any exception (Ctrl-C too), on SIGTERM, at exit,
    and on Linux even when this process is killed outright (the parent-death signal).
    """
    engine.load_engine()  # once, before forking: each worker then starts with Graphviz loaded
    ctx = _context()
    jobs = list(jobs)  # a job whose worker crashed while it asked for the Scene is tried again without
    limit = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    results: list[dict[str, bytes] | RenderError | None] = [None] * len(jobs)
    pending = list(range(len(jobs)))
    idle: list[_Worker] = []
    busy: dict[_Worker, tuple[int, float]] = {}  # worker -> its job and that job's deadline
    with _stopped_on_signals():
        try:
            while pending or busy:
                while pending and (idle or len(busy) < limit):
                    worker = idle.pop() if idle else _Worker(ctx, list(busy))
                    index = pending.pop(0)
                    try:
                        worker.jobs.send(jobs[index])
                    except OSError:  # it died waiting for work: another takes the job
                        worker.retire(kill=True)
                        pending.insert(0, index)
                        continue
                    busy[worker] = (index, time.monotonic() + timeout)
                soonest = min(deadline for _, deadline in busy.values())
                ready = wait([w.results for w in busy], max(0.0, soonest - time.monotonic()))
                for worker, (index, deadline) in list(busy.items()):
                    if worker.results in ready:
                        try:
                            status, payload = worker.results.recv()
                        except (EOFError, OSError):
                            worker.proc.join()
                            results[index] = RenderError(_death(worker.proc.exitcode))
                            worker.retire(kill=True)
                            dot, formats, look = jobs[index]
                            if SCENE in formats:  # the chart still gets its files; its slide a picture
                                jobs[index] = (dot, [f for f in formats if f != SCENE], look)
                                pending.insert(0, index)
                        else:
                            results[index] = payload if status == "ok" else RenderError(payload)
                            idle.append(worker)
                    elif time.monotonic() >= deadline:
                        results[index] = RenderError(f"Graphviz took longer than {timeout:g} s on this chart; "
                                                     "it was stopped (simplify the chart or raise --timeout)")
                        worker.retire(kill=True)
                    else:
                        continue
                    del busy[worker]
        finally:
            for worker in idle:
                worker.retire(kill=False)
            for worker in busy:
                worker.retire(kill=True)
    return [r if r is not None else RenderError("not rendered") for r in results]


IN_PROCESS_MIN_TIMEOUT = 1.0  # seconds: a tighter time limit is always enforced, so in workers


def in_process(jobs: Sequence[Job], timeout: float = DEFAULT_TIMEOUT) -> bool:
    """Whether these jobs are small enough to draw here rather than in workers (and the time
    limit loose enough: a limit under a second is kept by drawing in workers)."""
    return timeout >= IN_PROCESS_MIN_TIMEOUT and sum(len(dot) for dot, _, _ in jobs) <= IN_PROCESS_LIMIT


def draw_jobs(jobs: Sequence[Job], timeout: float = DEFAULT_TIMEOUT) -> list[dict[str, bytes] | RenderError]:
    """Each job's drawing or RenderError: small jobs in this process (no time limit: they take
    milliseconds), the rest, or any job under a limit of less than a second, in worker processes
    under `timeout` (see `render_jobs`)."""
    if not in_process(jobs, timeout):
        return render_jobs(jobs, timeout)
    results: list[dict[str, bytes] | RenderError] = []
    for dot, formats, look in jobs:
        try:
            results.append(_draw(dot, formats, look))
        except RenderError as exc:
            results.append(exc)
        except Exception as exc:  # as from a worker: this chart's error, never a traceback
            results.append(RenderError(f"drawing this chart failed: {type(exc).__name__}: {exc}"))
    return results
