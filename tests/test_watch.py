"""watch: a save re-renders its spec, an invalid save writes nothing, the live-reload server wakes pages."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from orgcharts.cli import main
from orgcharts.commands.watch.serve import HOST, RELOAD_PATH, RELOAD_SCRIPT, Reloads, serve
from orgcharts.options import ChartOptions
from orgcharts.commands.watch.run import Outcome, Watcher, watch_loop

from .conftest import MINIMAL


def make(tmp_path: Path, formats: tuple[str, ...] = ("svg", "png")) -> tuple[Watcher, Path, list[str], list[int]]:
    """A watcher on tmp_path/specs (holding spec.yaml), writing to tmp_path/out, recording what it says."""
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "spec.yaml").write_text(MINIMAL, encoding="utf-8")
    said: list[str] = []
    reloads: list[int] = []
    watcher = Watcher([folder], tmp_path / "out", ChartOptions(formats=formats, views=("org",), cache=False),
                      echo=lambda text, err: said.append(text), on_written=lambda: reloads.append(1))
    return watcher, folder / "spec.yaml", said, reloads


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.is_dir() else {}


def test_a_save_renders_that_spec_svgs_first_then_tells_the_page(tmp_path: Path) -> None:
    watcher, spec, said, reloads = make(tmp_path)
    outcome = watcher.handle([spec])
    names = [p.name for p in outcome.written]
    # The preview first: SVG written and the gallery rewritten before the PNG is drawn.
    assert names.index("spec-org.svg") < names.index("index.html") < names.index("spec-org.png")
    assert {"spec-org.svg", "spec-org.png", "index.html"} <= set(files(tmp_path / "out"))
    assert reloads == [1] and 0 < outcome.preview_seconds <= outcome.seconds
    assert not outcome.kept and not outcome.failures


def test_an_invalid_save_writes_nothing_and_keeps_the_last_good_charts(tmp_path: Path) -> None:
    watcher, spec, said, reloads = make(tmp_path)
    watcher.handle([spec])
    before = files(tmp_path / "out")
    spec.write_text(MINIMAL.replace("reports_to: rep", "reports_to: nobody"), encoding="utf-8")
    outcome = watcher.handle([spec])
    assert outcome.kept == [spec.resolve()] and outcome.written == []
    assert files(tmp_path / "out") == before
    assert reloads == [1]
    assert any("reports_to" in line and ":" in line.split(" ")[0] for line in said)  # path:line:col: field
    assert said[-1].endswith("not rendered; its last good charts stay in place")
    spec.write_text(MINIMAL.replace("title: Maker", "title: Builder"), encoding="utf-8")  # fixed again
    assert [p.name for p in watcher.handle([spec]).written][:1] == ["spec-org.svg"]
    assert b"Builder" in (tmp_path / "out" / "spec-org.svg").read_bytes()


def test_a_save_that_changes_no_chart_draws_nothing(tmp_path: Path) -> None:
    watcher, spec, said, reloads = make(tmp_path)
    watcher.handle([spec])
    spec.write_text(MINIMAL + "# a comment changes no chart\n", encoding="utf-8")
    assert watcher.handle([spec]).written == []
    spec.write_text(MINIMAL.replace("title: Rep", "title: Lead Rep"), encoding="utf-8")
    assert "spec-org.svg" in [p.name for p in watcher.handle([spec]).written]


def test_a_save_removes_the_pieces_it_no_longer_draws(tmp_path: Path) -> None:
    watcher, spec, said, reloads = make(tmp_path)
    watcher.handle([spec])
    out = tmp_path / "out"
    for name in ("spec-org-2.svg", "spec-org-2.png", "spec-raci.svg"):  # an earlier, bigger split
        (out / name).write_text("earlier")
    spec.write_text(MINIMAL.replace("title: Rep", "title: Lead Rep"), encoding="utf-8")
    watcher.handle([spec])
    assert not (out / "spec-org-2.svg").exists() and not (out / "spec-org-2.png").exists()
    assert (out / "spec-raci.svg").exists()  # this watch draws org only: raci is not its to judge
    assert "spec-org-2.svg" not in (out / "index.html").read_text()
    assert any(line.startswith("removed ") and "spec-org-2.png" in line for line in said)


def test_a_chart_a_save_leaves_as_it_was_is_not_written_in_dot_again(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from orgcharts.engine import dot

    made: list[str] = []
    real = dot.to_dot
    monkeypatch.setattr(dot, "to_dot", lambda diagram, look: made.append(diagram.id) or real(diagram, look))
    watcher, spec, said, reloads = make(tmp_path, ("svg",))
    watcher.handle([spec])
    assert made == ["spec-org"]
    spec.write_text(MINIMAL + "# a comment changes no chart\n", encoding="utf-8")
    watcher.handle([spec])
    assert made == ["spec-org"]  # the same diagram: its DOT is the one already made
    spec.write_text(MINIMAL.replace("title: Rep", "title: Lead Rep"), encoding="utf-8")
    assert "spec-org.svg" in [p.name for p in watcher.handle([spec]).written]
    assert made == ["spec-org", "spec-org"]
    assert "Lead Rep" in (tmp_path / "out" / "spec-org.svg").read_text(encoding="utf-8")


def test_the_gallery_is_rewritten_only_when_it_changes(tmp_path: Path) -> None:
    watcher, spec, said, reloads = make(tmp_path, ("svg",))
    watcher.handle([spec])
    index = tmp_path / "out" / "index.html"
    index.write_text(index.read_text(encoding="utf-8") + "<!-- as left -->", encoding="utf-8")  # marks this copy
    spec.write_text(MINIMAL.replace("title: Rep", "title: Lead Rep"), encoding="utf-8")  # a card, not a chart title
    outcome = watcher.handle([spec])
    assert [p.name for p in outcome.written] == ["spec-org.svg", "index.html"] and reloads == [1, 1]
    assert not index.read_text(encoding="utf-8").endswith("<!-- as left -->")  # a page not as drawn is replaced
    spec.write_text(MINIMAL.replace("title: Rep", "title: Senior Rep"), encoding="utf-8")
    outcome = watcher.handle([spec])
    assert [p.name for p in outcome.written] == ["spec-org.svg"]  # the page says the same: not written again
    spec.write_text(MINIMAL.replace("org: Acme", "org: Acme Two"), encoding="utf-8")  # the chart's title changes
    assert "index.html" in [p.name for p in watcher.handle([spec]).written]


def test_only_specs_it_watches_are_rendered(tmp_path: Path) -> None:
    watcher, spec, said, reloads = make(tmp_path)
    other = tmp_path / "elsewhere.yaml"
    other.write_text(MINIMAL, encoding="utf-8")
    for ignored in (spec.parent / "notes.txt", spec.parent / ".spec.yaml.swp", spec.parent / ".#spec.yaml", other):
        assert not watcher.follows(ignored)
    assert watcher.follows(spec)
    assert watcher.handle([other, spec.parent / "gone.yaml"]).written == []  # outside, and deleted


def test_warnings_are_shown_once_then_counted(tmp_path: Path) -> None:
    watcher, spec, said, reloads = make(tmp_path)
    spec.write_text(MINIMAL.replace("    internal: [Briefs the makers]\n", ""), encoding="utf-8")  # one-sided
    watcher.handle([spec])
    shown = [line for line in said if "warning:" in line]
    assert shown
    said.clear()
    spec.write_text("# moved down a line\n" + spec.read_text(encoding="utf-8"), encoding="utf-8")
    watcher.handle([spec])
    assert not [line for line in said if "warning:" in line]
    assert len(said) == 1 and said[0].endswith(f"spec.yaml: {len(shown)} warning{'s' * (len(shown) != 1)}, as before")


def test_reloads_wake_a_waiting_page() -> None:
    reloads = Reloads()
    got: list[int] = []
    waiter = threading.Thread(target=lambda: got.append(reloads.wait_past(0, 10)))
    waiter.start()
    reloads.bump()
    waiter.join(10)
    assert got == [1]
    assert reloads.wait_past(1, 0.01) == 1  # nothing new: answers with the same version after the timeout


def get(url: str, timeout: float = 10) -> tuple[int, bytes, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:  # noqa: S310 - loopback test server
            return answer.status, answer.read(), dict(answer.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, b"", {}


def test_the_server_is_loopback_only_adds_the_reload_script_and_long_polls(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("<html><body><h1>charts</h1></body></html>", encoding="utf-8")
    (out / "a.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("no", encoding="utf-8")
    reloads = Reloads()
    server = serve(out, reloads, port=0, poll_seconds=10)
    try:
        host, port = server.server_address[:2]
        assert host == HOST == "127.0.0.1"
        base = f"http://{host}:{port}"
        status, body, headers = get(base + "/")
        assert status == 200 and body.decode().endswith(RELOAD_SCRIPT + "</body></html>")
        assert (out / "index.html").read_text(encoding="utf-8").count("<script>") == 0  # the file is untouched
        status, body, headers = get(base + "/a.svg")
        assert (status, body, headers.get("Cache-Control")) == (200, b"<svg/>", "no-store")
        assert get(base + "/../secret.txt")[0] == 404
        assert json.loads(get(base + RELOAD_PATH)[1]) == {"v": 0}
        answer: list[bytes] = []
        poll = threading.Thread(target=lambda: answer.append(get(base + RELOAD_PATH + "?v=0")[1]))
        poll.start()
        reloads.bump()
        poll.join(10)
        assert [json.loads(a) for a in answer] == [{"v": 1}]
    finally:
        server.shutdown()
        server.server_close()


def test_a_real_save_is_picked_up_by_the_loop(tmp_path: Path) -> None:
    watcher, spec, said, reloads = make(tmp_path, ("svg",))
    done = threading.Event()
    seen: list[Outcome] = []
    handle: Callable[..., Outcome] = watcher.handle

    def record(paths: list[Path]) -> Outcome:
        outcome = handle(paths)
        seen.append(outcome)
        done.set()
        return outcome

    watcher.handle = record  # type: ignore[method-assign]
    stop, ready = threading.Event(), threading.Event()
    loop = threading.Thread(target=watch_loop, args=(watcher, stop), kwargs={"ready": ready.set}, daemon=True)
    loop.start()
    try:
        assert ready.wait(20), "the watcher did not start"
        spec.write_text(MINIMAL.replace("title: Maker", "title: Crafter"), encoding="utf-8")
        assert done.wait(30), "the save was not rendered within 30 s"
        assert b"Crafter" in (tmp_path / "out" / "spec-org.svg").read_bytes()
    finally:
        stop.set()
        loop.join(10)
    assert not loop.is_alive()


def test_watch_command_is_listed_with_its_options() -> None:
    result = CliRunner().invoke(main, ["watch", "--help"])
    assert result.exit_code == 0
    for option in ("--serve", "--port", "--out", "--format", "--no-cache"):
        assert option in result.output


@pytest.mark.parametrize("port", ["-1", "70000"])
def test_watch_refuses_a_bad_port(port: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["watch", str(tmp_path), "--port", port])
    assert result.exit_code == 2


def test_watch_draws_with_the_options_it_was_given(tmp_path: Path) -> None:
    """--no-split reaches every re-render: a view too dense for one slide is drawn whole, as `render` draws it."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from genspec import generate

    spec = tmp_path / "big.yaml"
    spec.write_text(generate(120, seed=3), encoding="utf-8")
    counts = {}
    for split in (True, False):
        out = tmp_path / f"out-{split}"
        watcher = Watcher([spec], out, ChartOptions(formats=("dot",), views=("org",), split=split, cache=False))
        watcher.handle([spec])
        counts[split] = len(list(out.glob("*.dot")))
    assert counts[False] == 1 < counts[True]
