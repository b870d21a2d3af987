"""Nothing lost: a render killed midway, or two renders at once, leave only whole files."""

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from xml.etree import ElementTree

from orgcharts.out.write import TEMP_MARK

from .conftest import ROOT


def assert_whole(path: Path) -> None:
    data = path.read_bytes()
    assert data, f"{path.name} is empty"
    suffix = Path(path.name.split(TEMP_MARK)[0]).suffix  # a temp file is judged as what it will become
    if suffix == ".svg":
        ElementTree.fromstring(data)
    elif suffix == ".png":
        assert data.startswith(b"\x89PNG") and data.endswith(b"IEND\xaeB`\x82"), f"{path.name} is cut short"
    elif suffix == ".pdf":
        assert data.rstrip().endswith(b"%%EOF"), f"{path.name} is cut short"


def render_command(out: Path) -> list[str]:
    return [sys.executable, "-m", "orgcharts", "render", str(ROOT / "specs"), "--out", str(out),
            "-f", "svg", "-f", "png", "-f", "pdf", "--no-cache"]


def test_sigkill_midway_never_leaves_a_cut_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    subprocess.run(render_command(out), check=True, capture_output=True)
    for delay in (0.3, 0.6, 0.9, 1.2):
        proc = subprocess.Popen(render_command(out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for path in out.iterdir():
            # A kill between linking a finished temp file and renaming it leaves that whole file
            # under its temp name (swept by a later run); never a cut one.
            assert not path.name.startswith(".") or TEMP_MARK in path.name, path.name
            assert_whole(path)


def test_two_renders_at_once_leave_valid_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    procs = [subprocess.Popen(render_command(out), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for _ in range(2)]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 40 and not any(n.startswith(".") for n in names)  # 13 charts x 3 formats, gallery
    for path in out.iterdir():
        assert_whole(path)
    shutil.rmtree(out)
