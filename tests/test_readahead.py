"""Reading events on both cores: the forked half arrives whole, and failures change nothing.

The forked reads run in a fresh process, as the command line does (see test_parallel.py):
this test process has server threads, and the build does not fork a process with threads.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO, copy_site, site_files

from generator.build import build
from generator.cache import BuildCache
from generator.collect import read_events
from generator.config import load_config
from generator.eventcodec import FIELDS, decode_event, encode_event
from generator.fragments import render_event

# Reads ahead even for a few events; `--fail-in-child` makes the forked reader crash.
FORKED_BUILD = """
import os, sys
import generator.readahead as readahead
assert readahead.can_fork(), "this machine should fork: two cores, Linux, one thread"
readahead.MIN_EVENTS = 1
read_ahead = readahead.read_ahead
def counted(*args):
    count = read_ahead(*args)
    print(f"read ahead: {count}", file=sys.stderr)
    return count
readahead.read_ahead = counted  # before generator.build imports it
if sys.argv[1] == "--fail-in-child":
    sys.argv.pop(1)
    parent, read = os.getpid(), readahead.read_event
    def crash_in_child(*args):
        if os.getpid() != parent:
            raise RuntimeError("the forked reader fails")
        return read(*args)
    readahead.read_event = crash_in_child
from generator.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def forked_build(site: Path, output: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", FORKED_BUILD, *flags, "--root", str(site), "build"]
    return subprocess.run(
        [*command, "--no-search", "--output", str(output)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def three_events(tmp_path: Path) -> Path:
    """The mini site with the seed event and a copy of it: three events, two read here and
    the last (2025-copy) in the forked reader."""
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    seed = REPO / "content/events/2025-beijing-ai-salon"
    shutil.copytree(seed, site / "content/events/2025-beijing-ai-salon")
    copy = shutil.copytree(seed, site / "content/events/2025-copy")
    (copy / "event.yaml").write_text(
        (copy / "event.yaml").read_text("utf-8").replace("title:", "slug: 2025-copy\ntitle:", 1),
        "utf-8",
    )
    return site


def test_read_ahead_builds_the_same_bytes(tmp_path: Path) -> None:
    site = three_events(tmp_path)
    build(load_config(site), tmp_path / "one-core", search=False)
    result = forked_build(site, tmp_path / "read-ahead")
    assert result.returncode == 0, result.stderr
    assert "read ahead: 3" in result.stderr  # every event, from both processes
    assert site_files(tmp_path / "one-core") == site_files(tmp_path / "read-ahead")


def test_a_broken_event_in_the_forked_half_is_reported_as_usual(tmp_path: Path) -> None:
    site = three_events(tmp_path)
    meta = site / "content/events/2025-copy/event.yaml"  # the forked reader's
    meta.write_text(meta.read_text("utf-8").replace("title:", "title: [", 1), "utf-8")
    result = forked_build(site, tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{meta}:" in result.stderr and "YAML syntax error" in result.stderr
    assert not (tmp_path / "out").exists()


DEEP = "\n\n" + "\n".join("  " * i + "- x" for i in range(600)) + "\n"  # Markdown recursion


@pytest.mark.parametrize("deep", ["2024-panel", "2025-copy"], ids=["here", "forked"])
def test_errors_come_in_the_same_order_on_two_cores(tmp_path: Path, deep: str) -> None:
    """One event fails to render (nesting too deep), another to read (broken YAML): whichever
    process reads which, the build reports what one core reports, the YAML error."""
    site = three_events(tmp_path)
    transcript = site / "content/events" / deep / "transcript.md"
    transcript.write_text(transcript.read_text("utf-8") + DEEP, "utf-8")
    broken = "2025-copy" if deep == "2024-panel" else "2024-panel"
    meta = site / "content/events" / broken / "event.yaml"
    meta.write_text(meta.read_text("utf-8").replace("title:", "title: [", 1), "utf-8")
    one_core = subprocess.run(  # three events: too few to read ahead, one process
        [sys.executable, "-m", "generator", "--root", str(site), "build", "--no-search"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    result = forked_build(site, tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"{meta}:" in result.stderr and "YAML syntax error" in result.stderr
    assert [line for line in result.stderr.splitlines() if not line.startswith("read ahead")] == [
        line for line in one_core.stderr.splitlines()
    ]


def test_a_forked_reader_that_fails_leaves_its_half_to_this_process(tmp_path: Path) -> None:
    site = three_events(tmp_path)
    build(load_config(site), tmp_path / "one-core", search=False)
    result = forked_build(site, tmp_path / "out", "--fail-in-child")
    assert result.returncode == 0, result.stderr
    assert "read ahead: 2" in result.stderr  # this process's half only
    assert site_files(tmp_path / "one-core") == site_files(tmp_path / "out")


def test_the_codec_lists_every_field_of_the_model() -> None:
    for cls, names in FIELDS.items():
        assert tuple(f.name for f in dataclasses.fields(cls)) == names, cls.__name__


@pytest.mark.parametrize("root", [REPO, FIXTURES / "mini", FIXTURES / "hostile"])
def test_an_event_survives_encoding(root: Path) -> None:
    config = load_config(root)
    renderer = BuildCache().renderer(config.allow_html)
    for event in read_events(config):
        turns, intro = render_event(event, renderer)
        encoded = encode_event(event, turns, intro)
        assert decode_event(encoded) == (event, turns, intro)
