"""Graphviz in worker processes: charts in parallel, each under a time limit, a crash kept to its chart."""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import signal
import time
from collections.abc import Sequence
from multiprocessing.connection import Connection, wait
from typing import Any

from . import render as engine
from .errors import RenderError

__all__ = ["Job", "render_jobs", "DEFAULT_TIMEOUT"]

DEFAULT_TIMEOUT = 60.0  # seconds per chart; a spec's charts take well under one each
Job = tuple[str, Sequence[str], engine.Look]  # DOT text, the formats wanted, and the framing


def _draw(dot: str, formats: Sequence[str], look: engine.Look = engine.Look()) -> dict[str, bytes]:
    """What a worker runs; a seam the tests replace to simulate crashes and hangs."""
    return engine.render(dot, formats, look)


def _work(conn: Connection, dot: str, formats: Sequence[str], look: engine.Look) -> None:
    # A crash is reported by the parent as one clear line, not as this process's stack dump.
    faulthandler.disable()
    try:
        conn.send(("ok", _draw(dot, formats, look)))
    except RenderError as exc:
        conn.send(("error", str(exc)))
    finally:
        conn.close()


def _context() -> Any:
    # fork starts a worker in milliseconds and shares the already loaded engine; spawn elsewhere.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _death(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"Graphviz crashed ({signal.Signals(-code).name}) while drawing this chart"
        except ValueError:
            pass
    return f"the worker drawing this chart stopped unexpectedly (exit code {code})"


def render_jobs(jobs: Sequence[Job], timeout: float = DEFAULT_TIMEOUT,
                workers: int | None = None) -> list[dict[str, bytes] | RenderError]:
    """Render every job in its own process, `workers` at a time; a result or a RenderError per job."""
    engine.load_engine()  # once, before forking: each worker then starts with Graphviz loaded
    ctx = _context()
    limit = max(1, workers or os.cpu_count() or 1)
    results: list[dict[str, bytes] | RenderError | None] = [None] * len(jobs)
    pending = list(range(len(jobs)))
    running: dict[int, tuple[Any, Connection, float]] = {}
    while pending or running:
        while pending and len(running) < limit:
            index = pending.pop(0)
            reader, writer = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_work, args=(writer, *jobs[index]), daemon=True)
            proc.start()
            writer.close()
            running[index] = (proc, reader, time.monotonic() + timeout)
        soonest = min(deadline for _, _, deadline in running.values())
        ready = wait([reader for _, reader, _ in running.values()], max(0.0, soonest - time.monotonic()))
        for index, (proc, reader, deadline) in list(running.items()):
            if reader in ready:
                results[index] = _collect(proc, reader)
            elif time.monotonic() >= deadline:
                proc.kill()
                results[index] = RenderError(f"Graphviz took longer than {timeout:g} s on this chart; "
                                             "it was stopped (simplify the chart or raise --timeout)")
            else:
                continue
            proc.join()
            reader.close()
            del running[index]
    return [r if r is not None else RenderError("not rendered") for r in results]


def _collect(proc: Any, reader: Connection) -> dict[str, bytes] | RenderError:
    try:
        status, payload = reader.recv()
    except (EOFError, OSError):
        proc.join()
        return RenderError(_death(proc.exitcode))
    return payload if status == "ok" else RenderError(payload)
