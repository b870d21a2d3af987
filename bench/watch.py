"""Time `orgcharts watch` from a save to the charts written, on a generated 100-role spec.

    python bench/watch.py [ROLES] [SAVES]

A watcher runs in this process (as `orgcharts watch` does), the spec is saved SAVES times with one
role's title changed, and for each save it prints the time from the write to the SVGs being written
(the gallery reloads then) and to every format being written. Tests never time anything.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from genspec import generate

from orgcharts.watch import Outcome, Settings, Watcher, watch_loop


def main() -> None:
    roles = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    saves = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "specs", Path(tmp) / "output"
        folder.mkdir()
        spec = folder / "big.yaml"
        text = generate(roles)
        spec.write_text(text, encoding="utf-8")
        done: list[tuple[float, Outcome]] = []
        arrived = threading.Event()
        watcher = Watcher([folder], Settings(out))
        first = watcher.handle(watcher.specs())
        print(f"{roles} roles: first render {first.seconds:.2f} s (SVGs after {first.preview_seconds:.2f} s)")
        handle = watcher.handle

        def timed(paths: list[Path]) -> Outcome:
            outcome = handle(paths)
            done.append((time.perf_counter(), outcome))
            arrived.set()
            return outcome

        watcher.handle = timed  # type: ignore[method-assign]
        stop, ready = threading.Event(), threading.Event()
        thread = threading.Thread(target=watch_loop, args=(watcher, stop), kwargs={"ready": ready.set})
        thread.start()
        ready.wait(10)
        previews, totals = [], []
        for n in range(saves):
            arrived.clear()
            saved = time.perf_counter()
            spec.write_text(text.replace("title: Role 5 ", f"title: Role 5 v{n} "), encoding="utf-8")
            if not arrived.wait(60):
                print("no render within 60 s")
                break
            ended, outcome = done[-1]
            started = ended - outcome.seconds
            previews.append(started - saved + outcome.preview_seconds)
            totals.append(ended - saved)
            print(f"save {n + 1}: SVGs written {previews[-1]:.2f} s after the save, every format {totals[-1]:.2f} s")
            time.sleep(0.5)
        stop.set()
        thread.join(5)
        if previews:
            print(f"median: SVGs {statistics.median(previews):.2f} s, every format {statistics.median(totals):.2f} s")


if __name__ == "__main__":
    main()
