"""`bench-serve`: the preview server under concurrent load, on loopback only.

A bounded number of requests (pages, assets, the search bundle, and paths that try to leave
the output folder) from a bounded number of threads; every answer is checked against the file
on disk, so the figure counts correct answers, not just fast ones.
"""

from __future__ import annotations

import http.client
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from generator.serve import DevServer
from generator.sources import copy_sources

ESCAPES = ("/../site.yaml", "/%2e%2e/site.yaml", "/..%2fsite.yaml", "//etc/passwd", "/%2F%2Fetc")


@dataclass(frozen=True)
class LoadReport:
    requests: int
    errors: int  # wrong status, wrong bytes, or no answer
    seconds: float
    concurrency: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        return (
            f"{self.requests} requests from {self.concurrency} threads in {self.seconds:.2f} s: "
            f"{self.per_second:,.0f} requests/s, {self.errors} errors"
        )


def site_paths(output: Path, limit: int = 200) -> list[str]:
    """URL paths of the built site's files (pages as folders): a bounded, stable sample that
    takes from every top-level folder in turn (pages, assets, the search bundle)."""
    groups: dict[str, list[str]] = {}
    for file in sorted(p for p in output.rglob("*") if p.is_file() and not p.name.startswith(".")):
        rel = file.relative_to(output).as_posix()
        path = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        groups.setdefault(rel.split("/", 1)[0] if "/" in rel else "", []).append(path)
    sample: list[str] = []
    while len(sample) < limit and any(groups.values()):
        for paths in groups.values():
            if paths:
                sample.append(paths.pop(0))
    return sample[:limit]


def _expected(output: Path, path: str) -> bytes | None:
    """The bytes a correct server sends for `path` (None: it must answer 404)."""
    if path in ESCAPES:
        return None
    rel = path.lstrip("/")
    file = output / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)
    return file.read_bytes() if file.is_file() else None


def _fetch(host: str, port: int | None, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(host, port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def load(url: str, output: Path, requests: int, concurrency: int) -> LoadReport:
    """Fire `requests` GETs over `concurrency` threads at the server of `output` at `url`
    (its base URL, on loopback)."""
    parts = urlsplit(url)
    host, port, mount = parts.hostname or "", parts.port, parts.path.rstrip("/")
    if not (host.startswith("127.") or host in ("localhost", "::1")):
        raise ValueError("load tests only target loopback addresses")
    paths = site_paths(output) + list(ESCAPES)
    plan = [paths[i % len(paths)] for i in range(requests)]
    expected = {path: _expected(output, path) for path in set(plan)}

    def one(path: str) -> bool:
        try:
            status, body = _fetch(host, port, mount + path)
        except OSError:
            return False
        want = expected[path]
        if want is None:
            return status == 404
        # Served HTML carries the live-reload script; everything before it must be the file.
        return status == 200 and (body == want or body.startswith(want[: want.rfind(b"</body>")]))

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(one, plan))
    seconds = time.perf_counter() - started
    return LoadReport(len(results), results.count(False), seconds, concurrency)


def run_bench_serve(root: Path, requests: int = 5000, concurrency: int = 32) -> LoadReport:
    """Serve a scratch copy of the site on a free loopback port and load it."""
    scratch = Path(tempfile.mkdtemp(prefix="huikan-bench-serve-"))
    try:
        site = copy_sources(root, scratch / "site")
        with DevServer(site, host="127.0.0.1", port=0, log=lambda line: None) as server:
            return load(server.url, server.output, requests, concurrency)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
