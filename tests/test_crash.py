"""Crash safety: builds killed with SIGKILL at random moments never leave a broken output."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import FIXTURES, copy_site, site_files

from generator.build import build
from generator.config import load_config

KILLS = 10


def test_builds_killed_at_random_points(tmp_path: Path) -> None:
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    build(load_config(site), site / "output")
    old = site_files(site / "output")
    transcript = site / "content/events/2024-panel/transcript.md"
    transcript.write_text(transcript.read_text("utf-8").replace("根本", "根基"), "utf-8")
    clean = copy_site(site, tmp_path / "clean")
    build(load_config(clean), clean / "output")
    new = site_files(clean / "output")
    assert new != old

    rng = random.Random(20251124)  # the same moments on every run
    outcomes = []
    for _ in range(KILLS):
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(site), "build"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # so that Pagefind dies with it
        )
        time.sleep(rng.uniform(0.05, 0.9))
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        now = site_files(site / "output")
        assert now in (old, new), "a killed build left a mixed output"
        outcomes.append("new" if now == new else "old")
        if now == new:  # the build got through: start over from the old content
            transcript.write_text(transcript.read_text("utf-8").replace("根基", "根本"), "utf-8")
            build(load_config(site), site / "output")
            transcript.write_text(transcript.read_text("utf-8").replace("根本", "根基"), "utf-8")
    assert "old" in outcomes  # some kills did land in the middle of a build
    build(load_config(site), site / "output")
    assert site_files(site / "output") == new
    assert not list(site.glob(".huikan-*"))  # what the killed builds left is cleared
