"""Serve the output folder on the loopback address, with live reload: pages reload when charts are rewritten."""

from __future__ import annotations

import json
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

__all__ = ["Reloads", "serve", "RELOAD_PATH", "RELOAD_SCRIPT", "HOST"]

HOST = "127.0.0.1"  # loopback only: the preview is for the person at this machine
RELOAD_PATH = "/__orgcharts_reload"
POLL_SECONDS = 25.0  # a long poll answers at the latest after this, and the page asks again
# Added to every HTML page served (the files on disk are left as written): it waits on the long
# poll and reloads the page when the version it saw first changes.
RELOAD_SCRIPT = ("<script>(function(){var seen=null;function poll(){fetch('" + RELOAD_PATH + "?v='+"
                 "(seen===null?'':seen),{cache:'no-store'}).then(function(r){return r.json()})"
                 ".then(function(d){if(seen!==null&&d.v!==seen){location.reload();return}seen=d.v;poll()})"
                 ".catch(function(){setTimeout(poll,1000)})}poll()})();</script>")


class Reloads:
    """A version number that rises each time charts are written; waiters are woken when it does."""

    def __init__(self) -> None:
        self.version = 0
        self._changed = threading.Condition()

    def bump(self) -> None:
        """Charts were written: wake every page waiting."""
        with self._changed:
            self.version += 1
            self._changed.notify_all()

    def wait_past(self, seen: int, timeout: float) -> int:
        """The version once it differs from `seen`, or the current one after `timeout` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != seen, timeout)
            return self.version


class _Handler(SimpleHTTPRequestHandler):
    """Files from the output folder, never cached; HTML with the reload script; the long poll."""

    reloads: Reloads
    poll_seconds: float = POLL_SECONDS

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        url = urlsplit(self.path)
        if url.path == RELOAD_PATH:
            self._poll(parse_qs(url.query).get("v", [""])[0])
            return
        if url.path == "/" or url.path.endswith(".html"):
            self._page(url.path)
            return
        super().do_GET()

    def _poll(self, seen: str) -> None:
        version = self.reloads.version if not seen.isdigit() else self.reloads.wait_past(int(seen), self.poll_seconds)
        self._send(json.dumps({"v": version}).encode(), "application/json")

    def _page(self, path: str) -> None:
        target = Path(self.translate_path(path))
        if target.is_dir():
            target = target / "index.html"
        try:
            body = target.read_bytes()
        except OSError:
            self.send_error(404, "not written yet")
            return
        text = body.decode("utf-8", "replace")
        cut = text.lower().rfind("</body>")
        text = text[:cut] + RELOAD_SCRIPT + text[cut:] if cut >= 0 else text + RELOAD_SCRIPT
        self._send(text.encode("utf-8"), "text/html; charset=utf-8")

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a reload always shows the newest chart
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the signature http.server uses
        pass  # the terminal shows what watch renders, not every request


def serve(out_dir: Path, reloads: Reloads, port: int = 8000, poll_seconds: float = POLL_SECONDS) -> ThreadingHTTPServer:
    """Start serving `out_dir` on 127.0.0.1:`port` (0 picks a free port) in a daemon thread."""
    out_dir.mkdir(parents=True, exist_ok=True)
    handler = type("Handler", (_Handler,), {"reloads": reloads, "poll_seconds": poll_seconds})
    server = ThreadingHTTPServer((HOST, port), partial(handler, directory=str(out_dir)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="orgcharts-serve", daemon=True).start()
    return server
