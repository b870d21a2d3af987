"""The SHA-256 of the DOT of every chart `checks/layout.py` plans: a quick check that a layout change moved nothing.

    python bench/dothash.py > before.txt   # ... change the layout ...
    python bench/dothash.py > after.txt && diff before.txt after.txt

Every spec of specs/, tests/corpus/ and the generated organisations, every view, the org view both
TB and LR (278 charts). The SVG is Graphviz's drawing of the DOT, so the same DOT is the same SVG;
this takes ~30 s of CPU where rendering every SVG takes minutes.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checks.layout import DEFAULT_INPUTS, _generator, _load, plan  # noqa: E402
from orgcharts.views.registry import VIEWS  # noqa: E402


def main() -> None:
    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        paths = [p for d in DEFAULT_INPUTS for p in sorted(d.glob("*.yaml"))] + _generator().generated_specs(Path(tmp))
        items, _ = _load(paths)
        start = time.process_time()
        for item in items:
            for planned in plan(item, list(VIEWS)):
                digest = hashlib.sha256(planned.chart.dot.encode()).hexdigest()
                out[f"{planned.chart.name}:{planned.direction}"] = digest
    print(f"# {len(out)} charts, planned in {time.process_time() - start:.1f} s CPU", file=sys.stderr)
    for name in sorted(out):
        print(out[name], name)


if __name__ == "__main__":
    main()
