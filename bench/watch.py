"""Time `orgcharts watch` from a save to the charts written, on a generated 100-role spec.

    python bench/watch.py [ROLES] [SAVES] [same|grow] [FORMATS]      # e.g. 100 20 same svg

A watcher runs in this process (as `orgcharts watch` does), the spec is saved SAVES times with one
role's title changed (every chart changes): `same` (the default) keeps the card's size, `grow`
makes the title longer at every save, so the card grows and the layouts kept for the process
serve only the subtrees the card is not in. For each save it prints the time from the write to
the first chart's SVG being written (the gallery reloads then), to every SVG, and to every format
being written, then the median (p50) and 95th percentile (p95) of each over the saves. FORMATS
(comma-separated, default `svg`): what the watcher writes, for every view. Tests never time anything.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path

from genspec import generate

from orgcharts.options import ChartOptions
from orgcharts.commands.watch.run import Outcome, Watcher, watch_loop


def main() -> None:
    roles = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    saves = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    grow = len(sys.argv) > 3 and sys.argv[3] == "grow"
    formats = tuple((sys.argv[4] if len(sys.argv) > 4 else "svg").split(","))
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "specs", Path(tmp) / "output"
        folder.mkdir()
        spec = folder / "big.yaml"
        text = generate(roles)
        spec.write_text(text, encoding="utf-8")
        done: list[tuple[float, Outcome]] = []
        arrived = threading.Event()
        shown: list[float] = []  # when the gallery was told to reload (after each chart's SVG)
        watcher = Watcher([folder], out, ChartOptions(formats=tuple(formats), cache=False),
                          on_written=lambda: shown.append(time.perf_counter()))
        first = watcher.handle(watcher.specs())
        print(f"{roles} roles: first render {first.seconds:.2f} s")
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
        previews, lasts, totals = [], [], []
        for n in range(saves):
            arrived.clear()
            shown.clear()
            saved = time.perf_counter()
            edit = "Wide " * (n + 1) if grow else f"v{n} "
            spec.write_text(text.replace("title: Role 5 ", f"title: Role 5 {edit}"), encoding="utf-8")
            if not arrived.wait(60):
                print("no render within 60 s")
                break
            ended, outcome = done[-1]
            previews.append(shown[0] - saved)
            lasts.append(shown[-1] - saved)
            totals.append(ended - saved)
            print(f"save {n + 1}: first chart on the page {previews[-1]:.2f} s after the save, every SVG "
                  f"{lasts[-1]:.2f} s, every format {totals[-1]:.2f} s")
            time.sleep(0.5)
        stop.set()
        thread.join(5)
        for name, times in (("first chart", previews), ("every SVG", lasts), (f"every format ({','.join(formats)})",
                                                                               totals)):
            if times:
                print(f"{name}: p50 {_percentile(times, 50) * 1000:.0f} ms, p95 {_percentile(times, 95) * 1000:.0f} ms")


def _percentile(times: list[float], p: int) -> float:
    """The `p`th percentile of the times (nearest rank): with 20 saves, p95 is the second slowest."""
    ranked = sorted(times)
    return ranked[max(0, min(len(ranked) - 1, -(-p * len(ranked) // 100) - 1))]


if __name__ == "__main__":
    main()
