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
from orgcharts.spec import ViewOptions  # noqa: E402
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


def raw_graphviz(dot: str, fmt: str, dpi: int) -> bytes:
    """Graphviz alone: pygraphviz's own parse, layout and render of the same DOT, no orgcharts code.

    PNG is drawn at the resolution orgcharts picks for it, so both do the same pixel work.
    """
    import pygraphviz

    args = f"-Gdpi={dpi}" if fmt == "png" else ""
    return pygraphviz.AGraph(string=dot).draw(format=fmt, prog="dot", args=args)


def png_dpi_of(dot: str) -> int:
    import pygraphviz

    return render.png_dpi(pygraphviz.AGraph(string=dot).draw(format="plain", prog="dot"))


def bench_spec(name: str, text: str, repeat: int, views: tuple[str, ...] = tuple(VIEWS)) -> None:
    theme = get_theme("default")
    stem = Path(name).stem
    tree = parse(text, name)
    spec = loader.load_text(text, name)
    options = ViewOptions()
    builders = [VIEWS[v] for v in views]
    diagrams = [d for charts in builders for d in charts(spec, stem, options)]
    dots = [to_dot(d, theme) for d in diagrams]
    render.render(dots[0], ["svg"])  # warm up: load the engine and fonts once
    stages = {
        "parse (YAML -> data)": median_seconds(lambda: parse(text, name), repeat),
        "validate (models + rules)": median_seconds(lambda: loader.load_text(text, name), repeat),
        "build (views)": median_seconds(lambda: [b(spec, stem, options) for b in builders], repeat),
        "dot (DOT text)": median_seconds(lambda: [to_dot(d, theme) for d in diagrams], repeat),
    }
    stages["validate (models + rules)"] -= stages["parse (YAML -> data)"]  # load_text parses too
    ours_render = median_seconds(lambda: [render.render(d, ["svg", "png"]) for d in dots], repeat)
    dpis = [png_dpi_of(d) for d in dots]
    raw = median_seconds(lambda: [(raw_graphviz(d, "svg", dpi), raw_graphviz(d, "png", dpi))
                                  for d, dpi in zip(dots, dpis)], repeat)
    own = sum(stages.values())
    print(f"\n== {name}: {len(spec.roles)} roles, {len(text) / 1024:.0f} KiB, "
          f"charts: {', '.join(d.id.removeprefix(stem + '-') for d in diagrams)}; {len(tree.values)} YAML nodes")
    for stage, seconds in stages.items():
        print(f"  {stage:<28} {seconds * 1000:9.1f} ms")
    print(f"  {'our stages, total':<28} {own * 1000:9.1f} ms")
    print(f"  {'render svg+png (orgcharts)':<28} {ours_render * 1000:9.1f} ms")
    print(f"  {'Graphviz alone, same DOT':<28} {raw * 1000:9.1f} ms")
    print(f"  ratio our stages / Graphviz     {own / raw:9.2f}   (aim: < 0.5)")
    print(f"  ratio orgcharts render / raw    {ours_render / raw:9.2f}")


def bench_cli(label: str, args: list[str], repeat: int, aim: str) -> None:
    """Time a whole `orgcharts` command, Python's start included."""
    exe = shutil.which("orgcharts") or str(Path(sys.executable).parent / "orgcharts")
    with tempfile.TemporaryDirectory() as out:
        cmd = [exe, "render", *args, "--out", out]
        seconds = median_seconds(lambda: subprocess.run(cmd, check=True, capture_output=True), repeat)
    print(f"\n== {label}: {seconds * 1000:.0f} ms (aim: {aim})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--roles", type=int, default=1000, help="size of the generated spec")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    args = parser.parse_args()
    os.chdir(ROOT)
    for path in sorted((ROOT / "specs").glob("*.yaml")):
        bench_spec(f"specs/{path.name}", path.read_text(encoding="utf-8"), args.repeat)
    bench_spec(f"generated-{args.roles}.yaml", generate(args.roles), 1)
    start = median_seconds(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), args.repeat)
    print(f"\n(bare Python start: {start * 1000:.0f} ms)")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ORGCHARTS_CACHE"] = str(Path(folder) / "cache")  # a cache of the benchmark's own
        specs = [str(ROOT / "specs")]
        bench_cli("orgcharts render specs/, svg + png, whole command, cold (--no-cache)", [*specs, "--no-cache"],
                  args.repeat, "< 500 ms")
        bench_cli("orgcharts render specs/, svg + png, whole command, charts unchanged (cache)", specs,
                  args.repeat, "< 500 ms")
        spec = Path(folder) / "generated-300.yaml"
        spec.write_text(generate(300), encoding="utf-8")
        bench_cli("orgcharts render of a generated 300-role org chart, svg + png, cold",
                  [str(spec), "--view", "org", "--no-cache"], args.repeat, "< 2 s")


if __name__ == "__main__":
    main()
