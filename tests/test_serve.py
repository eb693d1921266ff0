"""`serve` as an editor meets it: a real server process on a copy of a site, edited while it runs.

Every test polls with a deadline for what is served, so nothing waits longer than needed, and
the server process is stopped (Ctrl-C) at the end of each test.
"""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

import pytest
from conftest import FIXTURES, copy_site

from generator.live import EVENTS_URL, MAX_NAMED, SCRIPT_URL, STATUS_URL, LiveState
from generator.serve import locate

EVENT_DIR = Path("content/events/2024-panel")
EVENT_PAGE = "events/2024-panel/"
DEADLINE = 15.0  # seconds; a rebuild takes well under one
T = TypeVar("T")


def wait_for(probe: Callable[[], T], what: str, timeout: float = DEADLINE) -> T:
    deadline = time.monotonic() + timeout
    while True:
        result = probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def save(path: Path, text: str) -> None:
    """Save as most editors do: a temporary file beside it, renamed over it."""
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_text(text, "utf-8")
    os.replace(temp, path)


def replace_in(path: Path, old: str, new: str) -> str:
    original = path.read_text("utf-8")
    assert old in original
    save(path, original.replace(old, new))
    return original


class Served:
    """A `python -m generator serve` process and what it printed."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.lines: list[str] = []
        self._lines: queue.Queue[str] = queue.Queue()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(site), "serve", "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        threading.Thread(target=self._read, daemon=True).start()
        banner = self.wait_for_line(r"Serving (http://\S+)")
        self.url = re.search(r"http://\S+", banner)[0]  # type: ignore[index]

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line.rstrip("\n"))

    def wait_for_line(self, pattern: str) -> str:
        def probe() -> str | None:
            while not self._lines.empty():
                self.lines.append(self._lines.get())
            return next((line for line in self.lines if re.search(pattern, line)), None)

        return wait_for(probe, f"a line like {pattern!r}; got {self.lines}")

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def status(self) -> dict:
        return json.loads(self.get(STATUS_URL)[1])

    def wait_served(self, path: str, text: str, present: bool = True) -> str:
        def probe() -> str | None:
            _, body = self.get(path)
            return body if (text in body) == present else None

        return wait_for(probe, f"{text!r} {'in' if present else 'gone from'} {path}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # Ctrl-C
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    server = Served(copy_site(FIXTURES / "mini", tmp_path / "site"))
    try:
        yield server
    finally:
        server.stop()


def test_serves_on_loopback_and_an_edit_is_served(served: Served) -> None:
    assert urlsplit(served.url).hostname == "127.0.0.1"
    status, html = served.get(EVENT_PAGE)
    assert status == 200 and "版权是出版的根本" in html
    replace_in(served.site / EVENT_DIR / "transcript.md", "版权是出版的根本", "版权是出版的根基")
    served.wait_served(EVENT_PAGE, "版权是出版的根基")
    served.wait_served("speakers/wang-xiaoming/", "版权是出版的根基")
    line = served.wait_for_line(r"transcript\.md: \d+ pages written")
    assert re.search(
        r"\] content/events/2024-panel/transcript\.md: \d+ pages written .* \d+ ms$", line
    )
    served.wait_for_line(r"search index refreshed")


def test_an_edit_by_sed_i_is_named_and_its_event_pages_go_first(served: Served) -> None:
    """sed -i writes a temporary sedXXXXXX beside the file and renames it over: the log used to
    name the temporary file, and the edit missed the event-pages-first step."""
    transcript = served.site / EVENT_DIR / "transcript.md"
    edit = "s/版权是出版的根本/版权是出版的基石/"
    subprocess.run(["sed", "-i", edit, str(transcript)], check=True)
    served.wait_served(EVENT_PAGE, "版权是出版的基石")
    first = served.wait_for_line(r"event pages? first")
    assert re.search(r"\] content/events/2024-panel/transcript\.md: \d+ event pages? first", first)
    assert not any("sed" in line for line in served.lines)


def test_stops_cleanly_on_ctrl_c(served: Served) -> None:
    served.stop()
    assert served.process.returncode == 0
    served.wait_for_line("Stopped")
    assert not list(served.site.glob(".huikan-*"))


def test_stops_as_cleanly_on_sigterm(served: Served) -> None:
    """What a process manager or `kill` sends: before, it left the spare staging folder."""
    served.wait_for_line("search index refreshed")  # the spare folder exists from here on
    served.process.send_signal(signal.SIGTERM)
    assert served.process.wait(timeout=10) == 0
    served.wait_for_line("Stopped")
    assert not list(served.site.glob(".huikan-*"))


def test_only_served_pages_carry_the_reload_script(served: Served) -> None:
    _, html = served.get(EVENT_PAGE)
    assert SCRIPT_URL in html
    on_disk = (served.site / "output" / EVENT_PAGE / "index.html").read_text("utf-8")
    assert "__huikan" not in on_disk
    _, data = served.get(EVENT_PAGE + "event.json")
    assert data == (served.site / "output" / EVENT_PAGE / "event.json").read_text("utf-8")
    status, script = served.get(SCRIPT_URL)
    assert status == 200 and "EventSource" in script


def test_the_event_stream_sends_the_build_state(served: Served) -> None:
    with urllib.request.urlopen(served.url.rstrip("/") + EVENTS_URL, timeout=10) as stream:
        assert stream.headers["Content-Type"].startswith("text/event-stream")
        line = ""
        while not line.startswith("data:"):
            line = stream.readline().decode("utf-8")
    state = json.loads(line[5:])
    assert state["build"] >= 1 and state["problems"] == []


BROKEN = [
    # (file, replace this, with this, where the overlay and terminal point)
    ("event.yaml", "place: 上海", "place: [上海", "content/events/2024-panel/event.yaml:4"),
    (
        "transcript.md",
        "**Jane Doe:**",
        "**Jane Do:**",
        "content/events/2024-panel/transcript.md:13",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "where"), BROKEN)
def test_a_broken_edit_keeps_the_last_good_page_and_a_fix_recovers(
    served: Served, name: str, old: str, new: str, where: str
) -> None:
    path = served.site / EVENT_DIR / name
    original = replace_in(path, old, new)
    wait_for(lambda: served.status()["problems"], "the error")
    status, html = served.get(EVENT_PAGE)
    assert status == 200 and "版权是出版的根本" in html  # the last good page
    assert 'id="huikan-error"' in html and where in html
    assert served.wait_for_line(re.escape(where))
    save(path, original)
    wait_for(lambda: not served.status()["problems"], "the error to clear")
    served.wait_served(EVENT_PAGE, 'id="huikan-error"', present=False)


def test_a_template_error_names_the_template_and_line(served: Served) -> None:
    templates = served.site / "templates"  # created while serving: the watcher picks it up
    templates.mkdir()
    broken = (
        "{% extends 'base.html' %}\n{% block content %}{{ event.title | nosuch }}{% endblock %}\n"
    )
    (templates / "event.html").write_text(broken, "utf-8")
    problems = wait_for(lambda: served.status()["problems"], "the template error")
    assert problems[0]["where"] == "templates/event.html:2"
    assert "templates/event.html:2" in served.get(EVENT_PAGE)[1]
    (templates / "event.html").unlink()
    wait_for(lambda: not served.status()["problems"], "the error to clear")


def test_a_deleted_event_disappears(served: Served) -> None:
    assert served.get(EVENT_PAGE)[0] == 200
    shutil.rmtree(served.site / EVENT_DIR)
    wait_for(lambda: served.get(EVENT_PAGE)[0] == 404, "the event page to go")
    assert served.get("speakers/jane-doe/")[0] == 404
    assert served.get(EVENT_PAGE + "ban-quan-yu-ping-tai/")[0] == 404
    status, home = served.get("")
    assert status == 200 and "数字出版圆桌" not in home
    assert not (served.site / "output" / EVENT_PAGE).exists()


def test_a_deleted_speaker_file_removes_the_bio(served: Served) -> None:
    served.wait_served("speakers/wang-xiaoming/", "资深出版人")
    (served.site / "content/speakers/wang-xiaoming.md").unlink()
    served.wait_served("speakers/wang-xiaoming/", "资深出版人", present=False)


def test_a_burst_of_saves_ends_with_the_last_one(served: Served) -> None:
    path = served.site / EVENT_DIR / "transcript.md"
    original = path.read_text("utf-8")
    for n in range(15):
        save(path, original.replace("版权是出版的根本", f"版权是出版的根本{n}号"))
        time.sleep(0.005)
    served.wait_served(EVENT_PAGE, "版权是出版的根本14号")


OUTSIDE = [
    "/../site.yaml",
    "/%2e%2e/site.yaml",
    "/%2E%2E/%2e%2e/site.yaml",
    "/..%2fsite.yaml",
    "/events/../../site.yaml",
    "//etc/passwd",
    "/%2Fetc%2Fpasswd",
    "/.huikan-manifest.json",
    "/events/%00",
    "/__huikan/nothing",
]


def test_nothing_outside_the_output_is_served(served: Served) -> None:
    parts = urlsplit(served.url)
    for path in OUTSIDE:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        connection.request("GET", path)  # sent as is, no client-side normalising
        response = connection.getresponse()
        body = response.read()
        connection.close()
        assert response.status == 404, path
        assert b"title:" not in body and b"root:" not in body, path


def test_a_folder_without_its_slash_is_redirected(served: Served) -> None:
    parts = urlsplit(served.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", "/events/2024-panel?x=1")
    response = connection.getresponse()
    response.read()
    connection.close()
    assert response.status == 302
    assert response.getheader("Location") == "/events/2024-panel/?x=1"


def test_locate_stays_inside_the_output(tmp_path: Path) -> None:
    output = tmp_path / "output"
    (output / "events").mkdir(parents=True)
    (output / "index.html").write_text("home")
    (output / "events/index.html").write_text("events")
    (tmp_path / "secret.txt").write_text("secret")
    (output / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (output / "leak").symlink_to(tmp_path)
    (output / "alias.html").symlink_to(output / "index.html")
    assert locate(output, "/", "/") == locate(output, "/", "/index.html")
    assert locate(output, "/", "/events/").target == str((output / "events/index.html").resolve())
    assert locate(output, "/", "/events").kind == "redirect"
    assert locate(output, "/", "/alias.html").kind == "file"  # a link that stays inside
    for path in ("/leak.txt", "/leak/secret.txt", "/../secret.txt", "/%2e%2e/secret.txt"):
        assert locate(output, "/", path).kind == "missing", path
    assert locate(output, "/archive/", "/").kind == "redirect"
    assert locate(output, "/archive/", "/archive/events/").kind == "file"
    assert locate(output, "/archive/", "/events/").kind == "missing"


BODY_TEXT = "return document.body ? document.body.innerText : ''"
OVERLAY_TEXT = "const box = document.getElementById('huikan-error'); return box && box.innerText"


@pytest.mark.browser
def test_an_open_tab_reloads_by_itself_and_shows_errors(served: Served, browser: object) -> None:
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser
    # Read the page in one script call: the tab may reload between two webdriver calls.
    driver.get(served.url + EVENT_PAGE)  # type: ignore[attr-defined]
    assert "版权是出版的根本" in driver.execute_script(BODY_TEXT)  # type: ignore[attr-defined]
    driver.execute_script("window.huikanTestTab = 'still here';")  # type: ignore[attr-defined]
    # A script may land on the page while it is being replaced: try again on the next poll.
    wait = WebDriverWait(
        driver, DEADLINE, poll_frequency=0.05, ignored_exceptions=(WebDriverException,)
    )
    try:
        path = served.site / EVENT_DIR / "transcript.md"
        replace_in(path, "版权是出版的根本", "版权是出版的根基")
        wait.until(lambda d: "版权是出版的根基" in d.execute_script(BODY_TEXT))
        assert driver.execute_script("return window.huikanTestTab") is None  # it reloaded
        original = replace_in(served.site / EVENT_DIR / "event.yaml", "place: 上海", "place: [上海")
        overlay = wait.until(lambda d: d.execute_script(OVERLAY_TEXT))
        assert "content/events/2024-panel/event.yaml:4" in overlay
        save(served.site / EVENT_DIR / "event.yaml", original)
        wait.until(lambda d: not d.execute_script(OVERLAY_TEXT))
        assert "版权是出版的根基" in driver.execute_script(BODY_TEXT)
    finally:
        driver.get("about:blank")  # type: ignore[attr-defined]


def test_a_build_names_the_pages_it_changed_for_the_tabs() -> None:
    state = LiveState()
    state.succeed(True, ["events/a/index.html", "speakers/b/index.html"])
    first = state.snapshot()
    assert (first.build, first.since) == (1, 0)
    assert first.changed == ("events/a/index.html", "speakers/b/index.html")
    state.succeed(True, ["static/style.0123456789.css", "events/a/index.html"])
    assert state.snapshot().changed is None  # a stylesheet may show on any page
    state.succeed(True, [f"events/{n}/index.html" for n in range(MAX_NAMED + 1)])
    assert state.snapshot().changed is None
    state.succeed(True)
    assert state.snapshot().changed is None and state.snapshot().since == 3


@pytest.mark.browser
def test_a_tab_reloads_only_when_its_page_changed(served: Served, browser: object) -> None:
    """Jane Doe's turn changes her page and the event's, not 王小明's: his tab stays as it
    is, and still reloads for the next edit that does change it."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser
    other = "speakers/wang-xiaoming/"
    driver.get(served.url + other)  # type: ignore[attr-defined]
    wait = WebDriverWait(
        driver, DEADLINE, poll_frequency=0.05, ignored_exceptions=(WebDriverException,)
    )
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
    driver.execute_script("window.huikanTestTab = 'still here';")  # type: ignore[attr-defined]
    try:
        path = served.site / EVENT_DIR / "transcript.md"
        before = served.status()["build"]
        replace_in(path, "Copyright matters", "Copyright really matters")
        served.wait_served("speakers/jane-doe/", "Copyright really matters")
        wait_for(lambda: served.status()["build"] > before, "the build")
        time.sleep(1.0)  # the tab has heard of the build by now
        assert driver.execute_script("return window.huikanTestTab") == "still here"
        replace_in(path, "版权是出版的根本", "版权是出版的根基")
        wait.until(lambda d: "版权是出版的根基" in d.execute_script(BODY_TEXT))
        assert driver.execute_script("return window.huikanTestTab") is None  # it reloaded
    finally:
        driver.get("about:blank")  # type: ignore[attr-defined]
