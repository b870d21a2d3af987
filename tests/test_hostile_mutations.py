"""Not a test: `python tests/test_hostile_mutations.py [NAME...]` breaks each boundary defence in turn,
runs the hostile tests that guard it, expects them to fail, and restores the file (run it on a clean tree)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

W = str(Path(__file__).resolve().parent.parent)
# (defence, file, the code as it is, the code broken, the tests that must then fail)
MUTATIONS = [
 ("readfile regular-only", "orgcharts/spec/readfile.py", "        if not stat.S_ISREG(os.fstat(fd).st_mode):", "        if False:",
  "tests/test_hostile_round2.py -k 'regular_files_only and (dev/zero or folder)'"),
 ("write non-regular", "orgcharts/out/write.py", "        if old is not None and not stat.S_ISREG(old.st_mode):", "        if False:",
  "tests/test_write.py tests/test_hostile_round2.py -k 'regular_file or not_a_regular'"),
 ("write linked folder", "orgcharts/out/write.py", '    refuse_links(out_dir, label="the folder ")', "    pass",
  "tests/test_write.py tests/test_hostile_round2.py -k 'linked and not watch'"),
 ("docs foreign", "orgcharts/commands/docs/run.py", "    if foreign:\n", "    if False:\n",
  "tests/test_hostile_round2.py -k hand_written_page"),
 ("sweep as written", "orgcharts/out/prune.py", " and as_written(out_dir / name, owned[name])]", "]",
  "tests/test_hostile_round2.py tests/test_prune.py -k 'hand_written_page or manifest'"),
 ("stems dot", "orgcharts/out/pathnames.py", '    if stem in ("", ".", ".."):', '    if stem in ("",):',
  "tests/test_hostile_round2.py -k 'dotdot or dot_and'"),
 ("stems clash", "orgcharts/out/pathnames.py", "        if other != index and clashes:", "        if False:",
  "tests/test_hostile_round2.py -k two_specs"),
 ("href encode", "orgcharts/out/pathnames.py", '    encoded = quote(name, safe="")', '    encoded = name',
  "tests/test_hostile_round2.py -k links_no_scheme"),
 ("cli for_terminal notes", "orgcharts/cli.py", '        click.echo(for_terminal(f"note: {note}"), err=True)\n    if out is None:', '        click.echo(f"note: {note}", err=True)\n    if out is None:',
  "tests/test_hostile_round2.py -k printed_notes"),
 ("watch echo for_terminal", "orgcharts/cli.py", "echo=lambda text, err: click.echo(for_terminal(text), err=err)", "echo=lambda text, err: click.echo(text, err=err)",
  "tests/test_hostile_round2.py -k watch_prints"),
 ("serve host", "orgcharts/commands/watch/serve.py", '        if self.headers.get("Host", "").strip().lower() not in self.hosts:', "        if False:",
  "tests/test_hostile_server.py -k foreign_host"),
 ("serve realpath", "orgcharts/commands/watch/serve.py", "        if not real.is_relative_to(self.root):", "        if False:",
  "tests/test_hostile_server.py -k out_of_the_folder"),
 ("serve regular", "orgcharts/commands/watch/serve.py", "            return target if stat.S_ISREG(os.stat(real).st_mode) else None", "            return target",
  "tests/test_hostile_server.py -k out_of_the_folder"),
 ("serve cap", "orgcharts/commands/watch/serve.py", "        if not self._slots.acquire(blocking=False):", "        if self._slots.acquire(blocking=False) and False:",
  "tests/test_hostile_server.py -k idle"),
 ("serve handle_error", "orgcharts/commands/watch/serve.py", "        if error is not None and not isinstance(error, OSError):", "        super().handle_error(request, client_address)\n        if False:",
  "tests/test_hostile_server.py -k odd_queries"),
 ("serve handler catch", "orgcharts/commands/watch/serve.py", "        except OSError:  # the client went away", "        except KeyError:  # the client went away",
  "tests/test_hostile_server.py -k odd_queries"),
 ("serve version regex", "orgcharts/commands/watch/serve.py", 'if _VERSION.fullmatch(seen)', 'if seen.isdigit()',
  "tests/test_hostile_server.py -k odd_queries"),
 ("reload script rule", "orgcharts/commands/watch/serve.py", "    end = _PAGE_END.search(page)\n    cut = end.start() if end else len(page)",
  "    low = page.decode().lower()\n    cut = low.rfind('</body>')\n    cut = cut if cut >= 0 else len(page)",
  "tests/test_hostile_server.py -k 'reload_script or dotted'"),
 ("error page", "orgcharts/commands/watch/serve.py", "data = error_page(self.reloads.errors) if self.reloads.errors else _read(target)", "data = _read(target)",
  "tests/test_hostile_server.py -k broken_spec"),
 ("gitrev flags", "orgcharts/commands/diff/gitrev.py", 'SAFE_GIT = ("git", "--no-pager", "-c", "core.fsmonitor=false",', 'SAFE_GIT = ("git", "--no-pager",',
  "tests/test_hostile_small.py -k git"),
 ("modelcache excl", "orgcharts/spec/modelcache.py", 'temp = path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(6).hex()}.tmp")\n        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL',
  'temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")\n        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC',
  "tests/test_hostile_small.py -k model_cache"),
 ("svg graph id", "orgcharts/engine/dot.py", "    return safe_id(diagram_id)", "    return diagram_id",
  "tests/test_hostile_small.py -k control_characters"),
 ("u2028", "orgcharts/spec/yamlpos.py", "    if _OTHER_BREAKS.search(text) is None:", "    if True:",
  "tests/test_hostile_small.py -k separators"),
 ("text lines cap", "orgcharts/spec/models.py", "    if not value.isprintable() and len(value.splitlines()) > MAX_TEXT_LINES:", "    if False:",
  "tests/test_hostile_small.py -k two_hundred"),
 ("watch gallery is_ours", "orgcharts/commands/watch/run.py", "        if not is_ours(index):", "        if False:",
  "tests/test_hostile_round2.py -k 'index_html and watch'"),
 ("watch cli refuse links", "orgcharts/cli.py", "        refuse_links(out_dir)  # as `render` does", "        pass  # as `render` does",
  "tests/test_hostile_round2.py -k 'linked and watch'"),
 ("import read bounded", "orgcharts/commands/hrimport/read.py", "        raw = read_bounded(path, MAX_BYTES)", "        raw = path.read_bytes()",
  "tests/test_hostile_round2.py -k 'regular_files_only and import-csv and (fifo or folder)'"),
 ("gallery read_head", "orgcharts/out/gallery.py", "    head = read_head(page, 4096)  # a link", "    head = page.read_bytes()[:4096]  # a link",
  "tests/test_hostile_round2.py -k never_opened"),
 ("gallery skip links", "orgcharts/out/gallery.py", "not path.is_file() or path.is_symlink():", "not path.is_file():",
  "tests/test_hostile_round2.py -k never_opened"),
]


def main(only: list[str]) -> int:
    """Run each mutation (those whose name holds one of `only`, if given); 1 if a test survived one."""
    survived = 0
    for name, path, old, new, tests in MUTATIONS:
        survived += _mutate(name, path, old, new, tests, only)
    return 1 if survived else 0


def _mutate(name: str, path: str, old: str, new: str, tests: str, only: list[str]) -> int:
    if only and not any(o in name for o in only):
        return 0
    full = Path(W, path)
    text = full.read_text(encoding="utf-8")
    if text.count(old) != 1:
        print(f"!! {name}: the code to break was found {text.count(old)} times")
        return 1
    full.write_text(text.replace(old, new), encoding="utf-8")
    try:
        run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", *tests.split(" -k ")[0]
                              .split(), *(["-k", tests.split(" -k ", 1)[1].strip("'")] if " -k " in tests else [])],
                             cwd=W, capture_output=True, text=True, timeout=600, check=False)
    finally:
        full.write_text(text, encoding="utf-8")
    failed = run.returncode not in (0, 5)
    print(f"{'ok, its test failed' if failed else '!! its tests still pass'}: {name}", flush=True)
    return 0 if failed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
