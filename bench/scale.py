"""Time the org view's layout (planning: split, search, placement; no drawing) at growing sizes, one fresh process each.

    python bench/scale.py 1000,5000,20000,50000

Prints per size: roles, pieces, CPU seconds of loading and of planning, peak RSS (MiB). The specs
are `genspec`'s with one duty a side (the org view draws none); the loader's 5 MB limit on a spec
file is lifted in the child (a 20,000-role spec passes it, a 50,000-role one does not).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from genspec import generate  # noqa: E402

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from orgcharts.spec import loader
from orgcharts.commands import pipeline
from orgcharts.spec import yamltree
loader.MAX_BYTES = yamltree.MAX_BYTES = 1 << 30  # past 20,000 roles a spec is over the 5 MB limit: measure anyway
path = Path(sys.argv[1])
start = time.process_time()
loaded = loader.load_file(path, path.name)
t = time.process_time()
charts = pipeline.plan_charts([pipeline.SpecFile(path, loaded.spec, loaded.warnings)], ["org"])
plan = time.process_time() - t
print(json.dumps({"pieces": len(charts), "load": t - start, "plan": plan,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    sizes = [int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "1000,5000,20000").split(",")]
    print(f"{'roles':>7} {'pieces':>6} {'load s':>7} {'plan s':>7} {'plan/1k roles':>13} {'peak MiB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            spec = Path(tmp) / f"gen{size}.yaml"
            spec.write_text(generate(size, duties=1), encoding="utf-8")  # (the org view draws no duties)
            done = subprocess.run([sys.executable, "-c", CHILD, str(spec)], capture_output=True, text=True,
                                  timeout=3600)
            if done.returncode:
                print(f"{size:>7} failed: {done.stderr[-400:]}")
                continue
            got = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"{size:>7} {got['pieces']:>6} {got['load']:7.2f} {got['plan']:7.2f} "
                  f"{got['plan'] / size * 1000:13.3f} {got['rss']:8.0f}", flush=True)


if __name__ == "__main__":
    main()
