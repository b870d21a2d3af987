"""Serve the output folder on the loopback address, with live reload: pages reload when charts are rewritten."""

from __future__ import annotations

import html
import json
import mimetypes
import os
import re
import socket
import stat
import sys
import threading
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from ...terminal import for_terminal

__all__ = ["Reloads", "serve", "RELOAD_PATH", "RELOAD_SCRIPT", "HOST", "MAX_CONNECTIONS", "SOCKET_TIMEOUT",
           "with_reload_script", "error_page"]

HOST = "127.0.0.1"  # loopback only: the preview is for the person at this machine
RELOAD_PATH = "/__orgcharts_reload"
POLL_SECONDS = 25.0  # a long poll answers at the latest after this, and the page asks again
MAX_CONNECTIONS = 32  # requests served at once (a thread each); more are answered 503 at once, no thread
SOCKET_TIMEOUT = 10.0  # seconds a connection may sit idle in a read or a write before it is closed
# Added to every HTML page served (the files on disk are left as written): it waits on the long
# poll and reloads the page when the version it saw first changes.
RELOAD_SCRIPT = ("<script>(function(){var seen=null;function poll(){fetch('" + RELOAD_PATH + "?v='+"
                 "(seen===null?'':seen),{cache:'no-store'}).then(function(r){return r.json()})"
                 ".then(function(d){if(seen!==null&&d.v!==seen){location.reload();return}seen=d.v;poll()})"
                 ".catch(function(){setTimeout(poll,1000)})}poll()})();</script>")
_VERSION = re.compile(r"[0-9]{1,18}")  # ASCII digits only: `²` is a digit to str.isdigit, not to int()
# The end of a page, matched on bytes (so case is folded in ASCII only: no `İ` can shift an index):
# `</body>` and `</html>`, then nothing but white space. The script goes just before; a page that
# does not end so gets it appended, which an HTML parser also puts in the body.
_PAGE_END = re.compile(rb"</body\s*>\s*(?:</html\s*>\s*)?\Z", re.IGNORECASE)
_BUSY = b"HTTP/1.0 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


class Reloads:
    """A version number that rises each time charts are written (or the errors shown change); waiters
    are woken when it does. `errors`: the lines to show in place of the charts while a spec is broken."""

    def __init__(self) -> None:
        self.version = 0
        self.errors: tuple[str, ...] = ()
        self._changed = threading.Condition()

    def bump(self) -> None:
        """Charts were written: wake every page waiting."""
        with self._changed:
            self.version += 1
            self._changed.notify_all()

    def show_errors(self, lines: Sequence[str]) -> None:
        """Show these errors on every page instead of the charts (none: the charts again); pages reload."""
        with self._changed:
            if tuple(lines) == self.errors:
                return
            self.errors = tuple(lines)
            self.version += 1
            self._changed.notify_all()

    def wait_past(self, seen: int, timeout: float) -> int:
        """The version once it differs from `seen`, or the current one after `timeout` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != seen, timeout)
            return self.version


def with_reload_script(page: bytes) -> bytes:
    """The page with the reload script before its closing `</body>` (or at its end): a parser-safe rule.

    >>> with_reload_script(b"<title>\\xc4\\xb0</title><body>x</BODY>\\n</html>").count(b"<script>")
    1
    """
    end = _PAGE_END.search(page)
    cut = end.start() if end else len(page)
    return page[:cut] + RELOAD_SCRIPT.encode() + page[cut:]


def error_page(errors: Sequence[str]) -> bytes:
    """What every page shows while a spec is broken: its findings (`file:line:col: message`), escaped."""
    items = "\n".join(html.escape(for_terminal(line)) for line in errors)
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<title>orgcharts: the spec has errors</title>\n<style>body{font-family:sans-serif;margin:2rem}"
            "pre{white-space:pre-wrap;color:#8B1E1E}</style>\n</head>\n<body>\n<h1>The spec has errors</h1>\n"
            "<p>Nothing was rendered; this page shows the charts again once the spec is fixed and saved.</p>\n"
            f"<pre>{items}</pre>\n</body>\n</html>\n").encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    """Files from the output folder (regular files inside it only), never cached; HTML with the reload
    script; the long poll. Requests naming another host than the one bound are refused."""

    reloads: Reloads
    root: Path
    hosts: frozenset[str]
    poll_seconds: float = POLL_SECONDS
    timeout = SOCKET_TIMEOUT  # StreamRequestHandler sets it on the socket

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self._answer(body=True)

    def do_HEAD(self) -> None:  # noqa: N802 - the name http.server calls
        self._answer(body=False)

    def _answer(self, body: bool) -> None:
        if self.headers.get("Host", "").strip().lower() not in self.hosts:
            # DNS rebinding: a page of another site that renamed its host to this address
            self._send(421, b"this preview answers only requests for its own address\n", "text/plain", body)
            return
        url = urlsplit(self.path)
        if url.path == RELOAD_PATH:
            self._poll(parse_qs(url.query).get("v", [""])[0], body)
            return
        target = self._file(url.path)
        if target is None:
            self._send(404, b"not written yet\n", "text/plain", body)
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind == "text/html":
            data = error_page(self.reloads.errors) if self.reloads.errors else _read(target)
            self._send(200, with_reload_script(data), "text/html; charset=utf-8", body)
            return
        self._send(200, _read(target), kind, body)

    def _file(self, path: str) -> Path | None:
        """The regular file a URL path names inside the folder, or None (missing, outside, not a file)."""
        parts = [p for p in unquote(path).split("/") if p]
        if any(p in (".", "..") or "\\" in p or "\0" in p for p in parts):
            return None
        target = self.root.joinpath(*parts)
        if not parts or path.endswith("/"):
            target = target / "index.html"
        real = Path(os.path.realpath(target))
        if not real.is_relative_to(self.root):  # a link that leads out of the folder
            return None
        try:
            return target if stat.S_ISREG(os.stat(real).st_mode) else None  # never a FIFO or device
        except OSError:
            return None

    def _poll(self, seen: str, body: bool) -> None:
        version = (self.reloads.wait_past(int(seen), self.poll_seconds) if _VERSION.fullmatch(seen)
                   else self.reloads.version)
        self._send(200, json.dumps({"v": version}).encode(), "application/json", body)

    def _send(self, status: int, data: bytes, kind: str, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")  # a reload always shows the newest chart
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the signature http.server uses
        pass  # the terminal shows what watch renders, not every request


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


class _Server(ThreadingHTTPServer):
    """A thread per request, at most MAX_CONNECTIONS at once; no request's failure prints a traceback."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type[_Handler], cap: int) -> None:
        self._slots = threading.BoundedSemaphore(cap)
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            try:  # at the cap: say so and close, without a thread
                request.setblocking(False)
                request.send(_BUSY)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Never a traceback: a client that closed or stalled mid-answer (a closed tab, a timeout) is
        nothing to tell anyone; anything else is one line on stderr."""
        error = sys.exc_info()[1]
        if error is not None and not isinstance(error, OSError):
            print(for_terminal(f"error: the preview server could not answer: {type(error).__name__}: {error}"),
                  file=sys.stderr)


def serve(out_dir: Path, reloads: Reloads, port: int = 8000, poll_seconds: float = POLL_SECONDS,
          max_connections: int = MAX_CONNECTIONS) -> ThreadingHTTPServer:
    """Start serving `out_dir` on 127.0.0.1:`port` (0 picks a free port) in a daemon thread."""
    out_dir.mkdir(parents=True, exist_ok=True)
    root = Path(os.path.realpath(out_dir))
    fields = {"reloads": reloads, "poll_seconds": poll_seconds, "root": root, "hosts": frozenset()}
    handler: type[_Handler] = type("Handler", (_Handler,), fields)
    server = _Server((HOST, port), handler, max_connections)
    bound = server.server_address[1]
    handler.hosts = frozenset({f"{HOST}:{bound}", f"localhost:{bound}"}
                              | ({HOST, "localhost"} if bound == 80 else set()))
    server.socket.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    threading.Thread(target=server.serve_forever, name="orgcharts-serve", daemon=True).start()
    return server
