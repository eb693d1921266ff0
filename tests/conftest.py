"""Shared fixtures: built sites, a loopback HTTP server, and headless Chromium."""

from __future__ import annotations

import functools
import signal
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.build import build
from generator.chromium import Chromium
from generator.config import load_config
from generator.sources import copy_sources

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_ARTICLE = REPO.parent / "shared" / "seed" / "000_797a2758b8cc291a.txt"
SEED_EVENT = "2025-beijing-ai-salon"

# A suite started as a background job of a non-interactive shell inherits SIGINT ignored, and
# so would the builds and servers it starts: the tests of what Ctrl-C does would hang. Handling
# it here makes every child start with the default again (exec resets handled signals).
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


def build_site(root: Path, output: Path, base_url: str | None = None, search: bool = True) -> Path:
    build(load_config(root, base_url=base_url), output, search=search)
    return output


def site_files(folder: Path, manifest: bool = False) -> dict[str, bytes]:
    """Every file of a built site by path; the manifest only when asked (it records where the
    sources were and when files were written, so it differs between equal sites)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and (manifest or p.name != ".huikan-manifest.json")
    }


def slow_indexer(tmp_path: Path) -> tuple[Path, Path]:
    """A stand-in for Pagefind (for PAGEFIND_BINARY_PATH) that says when it started and then
    hangs: (the program, the file it touches when it starts)."""
    marker = tmp_path / "indexer-started"
    fake = tmp_path / "slow-indexer"
    fake.write_text(f"#!/bin/sh\ntouch '{marker}'\nexec sleep 60\n", "utf-8")
    fake.chmod(0o755)
    return fake, marker


def copy_site(source: Path, target: Path) -> Path:
    """A private copy of a site's sources to edit in a test."""
    return copy_sources(source, target)


def set_key(site: Path, line: str) -> None:
    """Set a top-level setting (`key: value`) in a site's site.yaml: its line replaced, or added
    at the end (a key written twice is an error)."""
    path = site / "site.yaml"
    key = line.split(":", 1)[0]
    kept = [old for old in path.read_text("utf-8").splitlines() if not old.startswith(key + ":")]
    path.write_text("\n".join([*kept, line]) + "\n", "utf-8")


def html(output: Path, path: str) -> str:
    """The HTML of a built site's page at a site path ("speakers/x/")."""
    return (output / path / "index.html").read_text("utf-8")


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site (the seed archive) built once, at the root."""
    return build_site(REPO, tmp_path_factory.mktemp("seed") / "output", base_url="/")


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(FIXTURES / "mini", tmp_path_factory.mktemp("mini") / "output")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class StaticServer:
    """Serves a folder on 127.0.0.1 at a free port, like any static host would."""

    def __init__(self, folder: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> StaticServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve() -> Iterator[Callable[[Path], StaticServer]]:
    servers: list[StaticServer] = []

    def start(folder: Path) -> StaticServer:
        server = StaticServer(folder).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    chromium = Chromium("--window-size=1280,900")
    try:
        yield chromium.driver
    finally:
        chromium.close()
