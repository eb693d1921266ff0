"""`bench-edit`: how long an editor waits, from saving a transcript to seeing the change.

On a scratch copy of the site, a `serve` session runs as usual; the benchmark saves an edit
to the first event's transcript the way editors do (temporary file, then rename) and times:
the new page on disk, the open tab reloaded with it (headless Chromium when it is installed,
else a tab simulated by an event-stream client), and the search index refreshed. It also
times a plain `build` after no change.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.build import build
from generator.chromium import Chromium
from generator.chromium import available as chromium_available
from generator.collect import collect_site
from generator.config import load_config
from generator.errors import SiteError
from generator.live import EVENTS_URL
from generator.manifest import file_signature
from generator.serve import DevServer
from generator.sources import copy_sources
from generator.urls import event_path

TIMEOUT = 60.0  # seconds before one measurement counts as failed (large archives index slowly)


@dataclass
class Figures:
    tab: str = "simulated"  # "chromium" or "simulated"
    disk_ms: list[float] = field(default_factory=list)
    tab_ms: list[float] = field(default_factory=list)
    index_ms: list[float] = field(default_factory=list)
    nochange_ms: float = 0.0
    nochange_cli_ms: float = 0.0
    full_ms: float = 0.0

    def table(self) -> str:
        def row(name: str, values: list[float], target: str) -> str:
            if not values:
                return f"{name:<34} {'n/a':>8} {'n/a':>8}   {target}"
            median, worst = statistics.median(values), max(values)
            return f"{name:<34} {median:>6.0f}ms {worst:>6.0f}ms   {target}"

        return "\n".join(
            [
                f"{'':<34} {'median':>8} {'max':>8}   target   ({len(self.disk_ms)} edits)",
                row("save -> new page on disk", self.disk_ms, "< 150 ms"),
                row(f"save -> tab reloaded ({self.tab})", self.tab_ms, "< 500 ms"),
                row("save -> search index refreshed", self.index_ms, "< 2000 ms"),
                f"{'clean build (fresh process state)':<34} {self.full_ms:>6.0f}ms",
                f"{'build after no change':<34} {self.nochange_ms:>6.0f}ms",
                f"{'`build` command after no change':<34} {self.nochange_cli_ms:>6.0f}ms"
                "   (whole process)",
            ]
        )


def _wait_for(test: Callable[[], object], timeout: float = TIMEOUT) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = test()
        if result:
            return result
        time.sleep(0.001)
    raise SiteError(None, "bench-edit: timed out waiting for the change")


def _replaced(path: Path, before: tuple[int, int, int] | None) -> bool:
    """The page was swapped in anew: a stat, cheap enough to ask every millisecond without
    slowing the build being measured (as reading the page every time would)."""
    return file_signature(path) not in (None, before)


def _save(path: Path, text: str) -> float:
    """Save like most editors: write a temporary file beside it, rename it over. Returns the
    wall-clock time of the save."""
    temp = path.with_name(f".{path.name}.bench~")
    temp.write_text(text, "utf-8")
    saved = time.time()
    temp.replace(path)
    return saved


class _SimulatedTab:
    """A tab's reload, without a browser: follow the event stream, fetch the page on a new
    build and note when its HTML arrived."""

    def __init__(self, events: str, page: str) -> None:
        self.page = page
        self.loaded: list[tuple[float, str]] = []
        self._response = urllib.request.urlopen(events, timeout=30)
        self._thread = threading.Thread(target=self._follow, daemon=True)
        self._thread.start()

    def _follow(self) -> None:
        seen = None
        try:
            for raw in self._response:
                line = raw.decode("utf-8").strip()
                if not line.startswith("data:"):
                    continue
                build = json.loads(line[5:])["build"]
                if seen is not None and build != seen:
                    html = urllib.request.urlopen(self.page, timeout=10).read().decode("utf-8")
                    self.loaded.append((time.time(), html))
                seen = build
        except (OSError, ValueError):
            return

    def seen(self, marker: str, after: float) -> float | None:
        return next((t for t, html in self.loaded if t >= after and marker in html), None)

    def close(self) -> None:
        self._response.close()


class _ChromiumTab:
    def __init__(self, page: str) -> None:
        self.chromium = Chromium()
        self.driver = self.chromium.driver
        self.driver.get(page)

    def seen(self, marker: str, after: float) -> float | None:
        loaded = self.driver.execute_script(
            "return document.body && document.body.textContent.includes(arguments[0])"
            " ? performance.timing.domContentLoadedEventEnd : 0",
            marker,
        )
        return loaded / 1000 if loaded and loaded / 1000 >= after else None

    def close(self) -> None:
        self.chromium.close()


def _open_tab(events: str, page: str, browser: bool) -> tuple[str, _SimulatedTab | _ChromiumTab]:
    if browser and chromium_available():
        try:
            return "chromium", _ChromiumTab(page)
        except Exception:  # no selenium, or Chromium would not start: fall back
            pass
    return "simulated", _SimulatedTab(events, page)


def run_bench_edit(root: Path, runs: int = 5, browser: bool = True) -> Figures:
    figures = Figures()
    with tempfile.TemporaryDirectory(prefix="huikan-bench-edit-") as scratch:
        site = copy_sources(root, Path(scratch) / "site")
        site_data = collect_site(load_config(site))
        if not site_data.events:
            raise SiteError(root / "content", "bench-edit needs at least one event")
        event = site_data.events[0]
        transcript = event.folder / "transcript.md"
        started = time.perf_counter()
        build(load_config(site), site / "output")
        figures.full_ms = (time.perf_counter() - started) * 1000
        lines: list[tuple[float, str]] = []
        with DevServer(site, port=0, log=lambda line: lines.append((time.time(), line))) as dev:
            _wait_for(lambda: dev.session.settled and not dev.queue.pending())
            page_url = dev.url + event_path(event.slug)
            figures.tab, tab = _open_tab(dev.url.rstrip("/") + EVENTS_URL, page_url, browser)
            try:
                for run in range(runs):
                    _measure(figures, dev, tab, transcript, event_path(event.slug), run, lines)
            finally:
                tab.close()
        started = time.perf_counter()
        build(load_config(site), site / "output")
        figures.nochange_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "generator", "--root", str(site), "build"],
            check=True,
            capture_output=True,
        )
        figures.nochange_cli_ms = (time.perf_counter() - started) * 1000
    return figures


def _measure(
    figures: Figures,
    dev: DevServer,
    tab: _SimulatedTab | _ChromiumTab,
    transcript: Path,
    page: str,
    run: int,
    lines: list[tuple[float, str]],
) -> None:
    marker = f"huikanbench{run}x{int(time.time() * 1000) % 100000}"
    text = transcript.read_text("utf-8")
    turn = next(i for i, line in enumerate(text.split("\n")) if line.startswith("**"))
    edited = text.split("\n")
    edited[turn] += marker
    on_disk = dev.output / page / "index.html"
    _wait_for(lambda: dev.session.settled and not dev.queue.pending())  # the last edit's work
    before = file_signature(on_disk)
    saved = _save(transcript, "\n".join(edited))
    _wait_for(lambda: _replaced(on_disk, before) and marker in on_disk.read_text("utf-8"))
    figures.disk_ms.append((time.time() - saved) * 1000)
    reloaded = _wait_for(lambda: tab.seen(marker, saved))
    assert isinstance(reloaded, float)
    figures.tab_ms.append((reloaded - saved) * 1000)
    indexed = _wait_for(
        lambda: next((t for t, line in lines if t > saved and "search index" in line), None)
    )
    assert isinstance(indexed, float)
    figures.index_ms.append((indexed - saved) * 1000)
