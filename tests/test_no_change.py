"""A build after no change answers from the sources' fingerprint without reading the archive."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_site

import generator.build as build_module
from generator.build import build
from generator.config import load_config


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site(FIXTURES / "mini", tmp_path / "site")


def forbid_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(config: object) -> None:
        raise AssertionError("the archive was read")

    monkeypatch.setattr(build_module, "collect_site", fail)


def test_no_change_build_reads_nothing(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = site / "output"
    first = build(load_config(site), out)
    forbid_reading(monkeypatch)
    again = build(load_config(site), out)
    assert again.rendered == 0 and not again.stats.swapped
    assert (again.pages, again.events, again.speakers) == (first.pages, 1, 3)
    assert again.search == "current"


def test_an_edit_is_built(site: Path) -> None:
    out = site / "output"
    build(load_config(site), out)
    transcript = site / "content/events/2024-panel/transcript.md"
    transcript.write_text(transcript.read_text("utf-8").replace("根本", "基础"), "utf-8")
    report = build(load_config(site), out)
    assert report.rendered > 0
    assert "基础" in (out / "events/2024-panel/index.html").read_text("utf-8")


def test_a_touched_file_is_checked_once(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = site / "output"
    build(load_config(site), out)
    transcript = site / "content/events/2024-panel/transcript.md"
    stat = transcript.stat()
    os.utime(transcript, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    touched = build(load_config(site), out)  # reads again: the time changed
    assert touched.rendered == 0 and not touched.stats.swapped
    forbid_reading(monkeypatch)
    build(load_config(site), out)  # and now knows that this is the same site


def test_a_preview_build_is_not_taken_for_an_indexed_one(site: Path) -> None:
    out = site / "output"
    build(load_config(site), out, search=False)
    assert not (out / "pagefind").exists()
    report = build(load_config(site), out)
    assert report.search == "built" and (out / "pagefind/pagefind.js").is_file()


def test_an_edited_output_file_is_rebuilt(site: Path) -> None:
    out = site / "output"
    build(load_config(site), out)
    page = out / "events/2024-panel/index.html"
    original = page.read_bytes()
    page.write_text("defaced", "utf-8")
    build(load_config(site), out)
    assert page.read_bytes() == original
