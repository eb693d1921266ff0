"""How `serve` starts: its first build runs before any thread (so it may use both cores), an
edit saved during it is still built, and a first build on both cores leaves `serve` as quick
for the first edit as one on one core."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from conftest import FIXTURES, copy_site, html

from generator.live import LiveState
from generator.serve import SAVED_DURING_FIRST_BUILD, DevServer
from generator.session import Session
from generator.watch import Change, Kind


def test_an_edit_saved_during_the_first_build_is_built(tmp_path: Path, monkeypatch) -> None:
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    transcript = site / "content/events/2024-panel/transcript.md"
    first_build = Session.rebuild

    def rebuild_then_save(self: Session, changes=()):  # the save lands after the build read
        report = first_build(self, changes)
        if not changes:
            text = transcript.read_text("utf-8")
            transcript.write_text(text.replace("版权是出版的根本", "版权是出版的基石", 1), "utf-8")
        return report

    monkeypatch.setattr(Session, "rebuild", rebuild_then_save)
    lines: list[str] = []
    with DevServer(site, port=0, log=lines.append, search=False) as server:
        deadline = time.monotonic() + 15
        while "版权是出版的基石" not in html(server.output, "events/2024-panel"):
            assert time.monotonic() < deadline, lines
            time.sleep(0.05)
    assert any(SAVED_DURING_FIRST_BUILD in line for line in lines), lines


# In a fresh process, as the command runs: no thread yet, so the first build forks (the parts
# threshold lowered to the mini site's size). Prints whether the plan memo ends up complete.
FORKED_START = """
import sys, time
from pathlib import Path
import generator.parallel as parallel
parallel.MIN_ITEMS = 1
from generator.serve import DevServer
with DevServer(Path(sys.argv[1]), port=0, log=lambda line: None, search=False) as dev:
    forked = dev.session.cache.used and not dev.session.cache.complete
    deadline = time.monotonic() + 30
    while not dev.session.settled and time.monotonic() < deadline:
        time.sleep(0.02)
    print(f"forked={forked} complete={dev.session.cache.complete}")
"""


def test_a_first_build_on_both_cores_is_planned_again_when_idle(tmp_path: Path) -> None:
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    result = subprocess.run(
        [sys.executable, "-c", FORKED_START, str(site)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "forked=True complete=True"


def test_a_broken_edit_is_reported_once_while_the_plan_is_incomplete(tmp_path: Path) -> None:
    """After a first build on both cores, the idle planning would only meet a broken edit's
    error again: it waits for the sources to build."""
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    lines: list[str] = []
    session = Session(site, site / "output", LiveState(), lines.append, search=False)
    session.rebuild()
    session.cache.complete = False  # as a first build on both cores leaves it
    meta = site / "content/events/2024-panel/event.yaml"
    good = meta.read_text("utf-8")
    meta.write_text(good.replace("title:", "title: [", 1), "utf-8")
    session.rebuild([Change("content/events/2024-panel/event.yaml", Kind.CONTENT)])
    session.when_idle()
    assert sum(1 for line in lines if "error; output/ keeps the last good build" in line) == 1
    meta.write_text(good, "utf-8")
    session.rebuild([Change("content/events/2024-panel/event.yaml", Kind.CONTENT)])
    session.when_idle()
    assert session.cache.complete
