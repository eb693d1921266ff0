"""`serve`: build, serve the output on loopback, rebuild on every change, reload open tabs.

The HTTP server answers only with files inside the output folder (`..`, encoded dots,
absolute paths and symlinks that lead out of it are 404s) and adds the live-reload script to
the pages it serves. It reads each file when asked, so it always serves the latest finished
build: builds are swapped in whole, and a broken edit never replaces the last good one.
"""

from __future__ import annotations

import mimetypes
import os
import re
import signal
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.config import SiteConfig, load_config
from generator.errors import SiteError
from generator.live import (
    EVENTS_URL,
    PREFIX,
    SCRIPT,
    SCRIPT_URL,
    STATUS_URL,
    LiveState,
    Snapshot,
    inject,
)
from generator.output import check_output_dir
from generator.session import Session
from generator.sources import sources_stamp
from generator.staging import discard_spare
from generator.watch import DEBOUNCE, Change, ChangeQueue, Kind, RebuildLoop, Watcher

LOOPBACK = ("127.0.0.1", "localhost", "::1")
HEARTBEAT = 10.0  # seconds between keep-alive comments on the event stream
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".wasm": "application/wasm",
}
# CSS and JS carry a hash of their content in their names: they may be cached for good.
_HASHED = re.compile(r"/static/.+\.[0-9a-f]{10}\.(css|js)$")
_NOT_FOUND = b"<!doctype html><meta charset=utf-8><title>Not found</title><body><h1>Not found</h1>"


@dataclass(frozen=True)
class Located:
    kind: str  # "file", "redirect" or "missing"
    target: str = ""  # the file's path, or the redirect's location
    page: str = ""  # a file's path in the output, as builds name the files they change


def locate(output: Path, mount: str, raw: str) -> Located:
    """Which file of `output` a request path names, when it names one inside it."""
    parts = urlsplit(raw)
    try:
        path = unquote(parts.path, errors="strict")
    except UnicodeDecodeError:
        return Located("missing")
    if "\x00" in path or "\\" in path or not path.startswith("/"):
        return Located("missing")
    if not path.startswith(mount):
        return (
            Located("redirect", mount) if path + "/" == mount or path == "/" else Located("missing")
        )
    segments = path[len(mount) :].split("/")
    if any(s in (".", "..") or s.startswith(".") for s in segments if s):
        return Located("missing")
    root = os.path.realpath(output)
    real = os.path.realpath(os.path.join(root, *[s for s in segments if s]))
    if real != root and not real.startswith(root + os.sep):
        return Located("missing")  # a symlink that leads out of the output folder
    if os.path.isdir(real):
        if not path.endswith("/"):
            query = f"?{parts.query}" if parts.query else ""
            return Located("redirect", parts.path + "/" + query)
        real = os.path.join(real, "index.html")
    if not os.path.isfile(real):
        return Located("missing")
    return Located("file", real, os.path.relpath(real, root))


def content_type(path: str) -> str:
    suffix = os.path.splitext(path)[1].lower()
    return _TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    output: Path
    mount: str
    state: LiveState


class _Server6(_Server):
    address_family = socket.AF_INET6


class Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "Huikan"

    def log_message(self, format: str, *args: object) -> None:
        pass  # one line per rebuild is what the terminal is for

    def do_HEAD(self) -> None:
        self.do_GET(body=False)

    def do_GET(self, body: bool = True) -> None:
        path = urlsplit(self.path).path
        if path == EVENTS_URL:
            return self._events()
        if path == SCRIPT_URL:
            return self._send(200, SCRIPT, "text/javascript; charset=utf-8", body)
        if path == STATUS_URL:
            data = self.server.state.snapshot().to_json().encode("utf-8")
            return self._send(200, data, "application/json; charset=utf-8", body)
        if path.startswith(PREFIX):
            return self._not_found(body)
        found = locate(self.server.output, self.server.mount, self.path)
        if found.kind == "redirect":
            self.send_response(302)
            self.send_header("Location", found.target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if found.kind == "file":
            # The state first: a page is then never labelled with a build newer than its bytes
            # (its tab would miss that build's reload).
            state = self.server.state.snapshot()
            try:
                with open(found.target, "rb") as file:
                    data = file.read()
            except OSError:  # removed by a build swapped in meanwhile
                return self._not_found(body)
            forever = bool(_HASHED.search(found.target))
            kind = content_type(found.target)
            return self._send(200, data, kind, body, forever, found.page, state)
        return self._not_found(body)

    def _not_found(self, body: bool) -> None:
        try:
            data = (self.server.output / "404.html").read_bytes()
        except OSError:
            data = _NOT_FOUND
        self._send(404, data, "text/html; charset=utf-8", body)

    def _send(
        self,
        status: int,
        data: bytes,
        kind: str,
        body: bool,
        forever: bool = False,
        file: str | None = None,
        state: Snapshot | None = None,
    ) -> None:
        if kind.startswith("text/html"):
            data = inject(data, state or self.server.state.snapshot(), file)
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=31536000, immutable" if forever else "no-store")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _events(self) -> None:
        """Server-Sent Events: the build state now, then whenever it changes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = -1
        try:
            self.wfile.write(b"retry: 500\n\n")
            while True:
                state = self.server.state.wait(seen, HEARTBEAT)
                if state is None:
                    return
                if state.version == seen:
                    self.wfile.write(b": still here\n\n")  # notices a closed tab
                else:
                    seen = state.version
                    self.wfile.write(f"event: state\ndata: {state.to_json()}\n\n".encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            return


def theme_dir_of(root: Path) -> Path:
    return SiteConfig(root=root).theme_dir


def mount_of(root: Path) -> str:
    try:
        return load_config(root).base_path
    except SiteError:
        return "/"  # a broken site.yaml is shown in the overlay; serve at the root meanwhile


SAVED_DURING_FIRST_BUILD = "edits saved during the first build"  # as the log names it


class DevServer:
    """Build, watch, rebuild and serve one site until `close()`."""

    def __init__(
        self,
        root: Path,
        output: Path | None = None,
        host: str = "127.0.0.1",
        port: int = 8000,
        log: Callable[[str], None] = print,
        debounce: float = DEBOUNCE,
        search: bool = True,
    ) -> None:
        self.root = root.absolute()
        self.output = (output or self.root / "output").absolute()
        check_output_dir(self.output, self.root)
        self.state = LiveState()
        self.session = Session(self.root, self.output, self.state, log, search)
        self.queue = ChangeQueue()
        self.session.edits_waiting = self.queue.pending
        self.watcher: Watcher | None = None  # made in start(): watchdog starts a thread at once
        self.loop = RebuildLoop(
            self.queue, self._rebuild, self.session.when_idle, debounce, on_error=log
        )
        server_class = _Server6 if ":" in host else _Server
        try:
            self.httpd = server_class((host, port), Handler)
        except OSError as exc:
            raise SiteError(
                None,
                f"cannot serve on {host}:{port}: {exc.strerror}",
                hint="choose another port with --port (0 picks a free one)",
            ) from exc
        self.httpd.output = self.output
        self.httpd.mount = mount_of(self.root)
        self.httpd.state = self.state
        # A short poll interval so that closing the server does not keep Ctrl-C waiting.
        self._http = threading.Thread(
            target=self.httpd.serve_forever, args=(0.1,), name="huikan-http"
        )
        self._http.daemon = True

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}{self.httpd.mount}"

    def _rebuild(self, changes: list[Change]) -> None:
        if self.watcher is not None:
            self.watcher.sync()  # watch templates/ or static/ if they were just created
        self.session.rebuild(changes)

    def start(self) -> DevServer:
        # The first build runs before any thread starts: a build forks no process that runs
        # threads, and a large archive's first build takes half as long on both cores. What
        # is saved meanwhile changes the sources' stamp, and is built once the watcher runs.
        before = sources_stamp(self.root)
        self.session.rebuild()
        watcher = Watcher(self.root, theme_dir_of(self.root), self.output, self.queue)
        watcher.start()
        self.watcher = watcher  # only once started: close() stops what runs
        if sources_stamp(self.root) != before:
            self.queue.put(Change(SAVED_DURING_FIRST_BUILD, Kind.CONTENT))
        self.loop.start()
        self._http.start()
        return self

    def close(self) -> None:
        self.loop.stop()
        if self.watcher is not None:
            self.watcher.stop()
        self.state.close()  # ends the event streams of open tabs
        if self._http.is_alive():
            self.httpd.shutdown()
        self.httpd.server_close()
        discard_spare(self.output)

    def __enter__(self) -> DevServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


def serve(root: Path, host: str = "127.0.0.1", port: int = 8000, search: bool = True) -> None:
    """The `serve` command: runs until Ctrl-C (or a SIGTERM, from a process manager or `kill`,
    which stops it the same way, so that it removes its spare staging folder)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, signal.default_int_handler)
    with DevServer(root, host=host, port=port, log=_print, search=search) as server:
        if host not in LOOPBACK:
            _print(f"warning: serving on {host}, so other machines can read this preview")
        _print(f"Serving {server.url} (Ctrl-C to stop); watching for changes")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            _print("Stopped; output/ holds the last good build")


def _print(line: str) -> None:
    print(line, flush=True)
