"""The watch server as a hostile page or client would meet it: other hosts, paths out of the folder,
idle connections, odd queries, clients that leave, titles that fool a case-folding search, broken specs."""

from __future__ import annotations

import http.client
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from orgcharts.commands.watch.serve import MAX_CONNECTIONS, RELOAD_PATH, RELOAD_SCRIPT, Reloads, serve, with_reload_script
from orgcharts.commands.watch.run import Watcher, watch_loop
from orgcharts.options import ChartOptions

from .conftest import MINIMAL


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Path, Reloads, int]]:
    """A served folder holding a page and a chart, a secret beside it; (folder, reloads, port)."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("<html><body><h1>charts</h1></body></html>", encoding="utf-8")
    (out / "a.svg").write_bytes(b"<svg/>" * 200_000)
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    reloads = Reloads()
    server = serve(out, reloads, port=0, poll_seconds=5, max_connections=8)
    try:
        yield out, reloads, server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def ask(port: int, path: str, host: str | None = None) -> tuple[int, bytes]:
    """GET `path` with this Host header (default: the server's own address)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest("GET", path, skip_host=True)
        if host != "":
            conn.putheader("Host", host if host is not None else f"127.0.0.1:{port}")
        conn.endheaders()
        answer = conn.getresponse()
        return answer.status, answer.read()
    finally:
        conn.close()


@pytest.mark.parametrize("host", ["evil.example:{port}", "evil.example", "127.0.0.1.nip.io:{port}", "",
                                  "127.0.0.1:1", "localhost.evil:{port}"])
def test_a_foreign_host_header_is_refused(site: tuple[Path, Reloads, int], host: str) -> None:
    """DNS rebinding: a page of evil.example, its name re-pointed at 127.0.0.1, must read nothing."""
    _, _, port = site
    status, body = ask(port, "/a.svg", host.format(port=port))
    assert status == 421 and b"<svg/>" not in body
    assert ask(port, "/a.svg")[0] == 200
    assert ask(port, "/a.svg", f"localhost:{port}")[0] == 200


def test_no_path_leads_out_of_the_folder(site: tuple[Path, Reloads, int]) -> None:
    out, _, port = site
    (out / "leak").symlink_to(out.parent)  # a link to the folder above, holding secret.txt
    (out / "passwd.svg").symlink_to(out.parent / "secret.txt")
    os.mkfifo(out / "fifo.svg")  # opening this would hang the thread for ever
    for path in ("/leak/secret.txt", "/passwd.svg", "/../secret.txt", "/%2e%2e/secret.txt", "/fifo.svg",
                 "/leak/", "//etc/passwd", "/a.svg%00.html"):
        status, body = ask(port, path)
        assert status == 404 and b"secret" not in body, path


def test_odd_queries_and_clients_that_leave_print_no_traceback(site: tuple[Path, Reloads, int],
                                                                  capfd: pytest.CaptureFixture[str]) -> None:
    _, _, port = site
    for query in ("?v=%C2%B2", "?v=%D9%A3", "?v=99999999999999999999999", "?v=-1", "?v", "?v=%ff", "?v=1&v=2"):
        status, body = ask(port, RELOAD_PATH + query)
        assert status == 200 and body.startswith(b'{"v": '), query
    for _ in range(5):  # a tab closed while the 1.2 MB chart is on its way
        sock = socket.create_connection(("127.0.0.1", port))
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        sock.sendall(f"GET /a.svg HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        sock.recv(100)
        sock.close()  # with linger 0: a reset, mid-download
    with socket.create_connection(("127.0.0.1", port)) as sock:  # garbage instead of a request
        sock.sendall(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + os.urandom(64) + b"\r\n\r\n")
        sock.recv(100)
    time.sleep(0.5)
    assert ask(port, "/a.svg")[0] == 200  # still serving
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert "Error" not in captured.err


def test_idle_connections_do_not_grow_threads_past_the_cap(site: tuple[Path, Reloads, int]) -> None:
    """200 clients that connect and say nothing: the server's threads stay at its cap (8 here)."""
    _, _, port = site
    before = threading.active_count()
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(200)]
    try:
        time.sleep(1.0)
        assert threading.active_count() - before <= 8
    finally:
        for sock in idle:
            sock.close()
    time.sleep(0.3)
    assert ask(port, "/a.svg")[0] == 200  # the idle ones gone, the server answers again


def test_the_default_cap_and_timeout_are_set() -> None:
    from orgcharts.commands.watch.serve import SOCKET_TIMEOUT, _Handler

    assert MAX_CONNECTIONS <= 64 and _Handler.timeout == SOCKET_TIMEOUT <= 30


@pytest.mark.parametrize("page", [
    "<html><head><title>İİİİİİİİ</title></head><body><p>x</p></body></html>",
    "<html><head><title>ẞſK</title></head><body>a</BODY >\n</HTML>\n",
    "<html><body><!-- </body> --><p>x</p>",
    "<p>no end tags at all",
])
def test_the_reload_script_never_lands_inside_a_tag(page: str) -> None:
    data = with_reload_script(page.encode("utf-8")).decode("utf-8")
    assert data.count(RELOAD_SCRIPT) == 1
    before, _, after = data.partition(RELOAD_SCRIPT)
    assert before + after == page  # inserted, nothing cut
    assert before.count("<") == before.count(">")  # between tags, never inside one
    assert after.strip() == "" or after.lstrip().lower().startswith("</body")


def test_a_title_with_dotted_i_is_served_whole(site: tuple[Path, Reloads, int]) -> None:
    out, _, port = site
    page = "<html><head><title>" + "İ" * 40 + "</title></head><body><p>x</p></body></html>"
    (out / "index.html").write_text(page, encoding="utf-8")
    status, body = ask(port, "/")
    assert status == 200 and body.decode("utf-8").endswith(RELOAD_SCRIPT + "</body></html>")


def test_a_broken_spec_shows_its_error_on_the_page_within_a_second_and_the_chart_when_fixed(tmp_path: Path) -> None:
    folder = tmp_path / "specs"
    folder.mkdir()
    spec = folder / "spec.yaml"
    spec.write_text(MINIMAL, encoding="utf-8")
    reloads = Reloads()
    watcher = Watcher([folder], tmp_path / "out", ChartOptions(formats=("svg",), views=("org",), cache=False),
                      on_written=reloads.bump, on_errors=reloads.show_errors)
    watcher.handle(watcher.specs())
    server = serve(tmp_path / "out", reloads, port=0, poll_seconds=5)
    port = server.server_address[1]
    stop, ready = threading.Event(), threading.Event()
    loop = threading.Thread(target=watch_loop, args=(watcher, stop), kwargs={"ready": ready.set}, daemon=True)
    loop.start()
    try:
        assert ready.wait(20)
        status, body = ask(port, "/")
        assert status == 200 and b"spec-org.svg" in body
        seen = reloads.version
        woke: list[float] = []
        poll = threading.Thread(target=lambda: woke.append(ask(port, f"{RELOAD_PATH}?v={seen}")[0]
                                                           and time.perf_counter()))
        poll.start()
        saved = time.perf_counter()
        spec.write_text(MINIMAL.replace("reports_to: rep", "reports_to: nobody"), encoding="utf-8")
        poll.join(10)
        assert woke and woke[0] - saved < 1.0, "the page was not told within a second"
        status, body = ask(port, "/")
        text = body.decode("utf-8")
        assert "spec.yaml:" in text and "reports_to" in text and "nobody" in text and "spec-org.svg" not in text
        assert RELOAD_SCRIPT in text
        spec.write_text(MINIMAL, encoding="utf-8")
        deadline = time.monotonic() + 10
        while reloads.errors and time.monotonic() < deadline:
            time.sleep(0.05)
        status, body = ask(port, "/")
        assert b"spec-org.svg" in body and b"has errors" not in body
    finally:
        stop.set()
        loop.join(10)
        server.shutdown()
        server.server_close()
