"""Time orgcharts stage by stage against Graphviz alone on the same DOT, and print the ratios.

    python bench/bench.py            # specs/ and a generated 1,000-role spec
    python bench/bench.py --roles 300 --repeat 3

Numbers are medians of --repeat runs on this machine; tests never time anything.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parent.parent

from genspec import generate  # noqa: E402

from orgcharts import loader, render  # noqa: E402
from orgcharts.dot import to_dot  # noqa: E402
from orgcharts.themes import get_theme  # noqa: E402
from orgcharts.views import VIEWS  # noqa: E402
from orgcharts.yamltree import parse  # noqa: E402


def median_seconds(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def raw_graphviz(dot: str, fmt: str) -> bytes:
    """Graphviz alone: pygraphviz's own parse, layout and render of the same DOT, no orgcharts code.

    PNG is drawn at the same 2x resolution orgcharts uses, so both do the same pixel work.
    """
    import pygraphviz

    args = f"-Gdpi={render.VECTOR_DPI * render.PNG_SCALE}" if fmt == "png" else ""
    return pygraphviz.AGraph(string=dot).draw(format=fmt, prog="dot", args=args)


def bench_spec(name: str, text: str, repeat: int) -> None:
    theme = get_theme("default")
    stem = Path(name).stem
    tree = parse(text, name)
    spec = loader.load_text(text, name)
    diagrams = [d for d in (build(spec, stem) for build in VIEWS.values()) if d is not None]
    dots = [to_dot(d, theme) for d in diagrams]
    render.render(dots[0], ["svg"])  # warm up: load the engine and fonts once
    stages = {
        "parse (YAML -> data)": median_seconds(lambda: parse(text, name), repeat),
        "validate (models + rules)": median_seconds(lambda: loader.load_text(text, name), repeat),
        "build (views)": median_seconds(lambda: [b(spec, stem) for b in VIEWS.values()], repeat),
        "dot (DOT text)": median_seconds(lambda: [to_dot(d, theme) for d in diagrams], repeat),
    }
    stages["validate (models + rules)"] -= stages["parse (YAML -> data)"]  # load_text parses too
    ours_render = median_seconds(lambda: [render.render(d, ["svg", "png"]) for d in dots], repeat)
    raw = median_seconds(lambda: [(raw_graphviz(d, "svg"), raw_graphviz(d, "png")) for d in dots], repeat)
    own = sum(stages.values())
    print(f"\n== {name}: {len(spec.roles)} roles, {len(text) / 1024:.0f} KiB, {len(dots)} chart(s), "
          f"{len(tree.values)} YAML nodes")
    for stage, seconds in stages.items():
        print(f"  {stage:<28} {seconds * 1000:9.1f} ms")
    print(f"  {'our stages, total':<28} {own * 1000:9.1f} ms")
    print(f"  {'render svg+png (orgcharts)':<28} {ours_render * 1000:9.1f} ms")
    print(f"  {'Graphviz alone, same DOT':<28} {raw * 1000:9.1f} ms")
    print(f"  ratio our stages / Graphviz     {own / raw:9.2f}   (aim: < 0.5)")
    print(f"  ratio orgcharts render / raw    {ours_render / raw:9.2f}")


def bench_cli(repeat: int) -> None:
    exe = shutil.which("orgcharts") or str(Path(sys.executable).parent / "orgcharts")
    with tempfile.TemporaryDirectory() as out:
        cmd = [exe, "render", str(ROOT / "specs"), "--out", out]
        seconds = median_seconds(lambda: subprocess.run(cmd, check=True, capture_output=True), repeat)
        start = median_seconds(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), repeat)
    print(f"\n== orgcharts render specs/ (whole command, Python start included): {seconds * 1000:.0f} ms "
          f"(aim: < 500 ms; bare Python start {start * 1000:.0f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--roles", type=int, default=1000, help="size of the generated spec")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    args = parser.parse_args()
    os.chdir(ROOT)
    for path in sorted((ROOT / "specs").glob("*.yaml")):
        bench_spec(f"specs/{path.name}", path.read_text(encoding="utf-8"), args.repeat)
    bench_spec(f"generated-{args.roles}.yaml", generate(args.roles), max(1, args.repeat // 2))
    bench_cli(args.repeat)


if __name__ == "__main__":
    main()
