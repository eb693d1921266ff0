"""Incremental and atomic builds: only what changed is rendered and written, the result equals a
clean build byte for byte, and a build that dies leaves the previous output whole."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_site, site_files, slow_indexer

from generator.build import BuildReport, build
from generator.cache import BuildCache
from generator.config import load_config
from generator.staging import STAGING_PREFIX

EVENT = "events/2024-panel"
EVENT_DIR = Path("content/events/2024-panel")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site(FIXTURES / "mini", tmp_path / "site")


def run_build(site: Path, **options: object) -> BuildReport:
    return build(load_config(site), site / "output", **options)  # type: ignore[arg-type]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def copy_event(events: Path, name: str) -> None:
    """Another event with the same guests (hosts are never joined across events, so the copy's
    host gets a slug of its own)."""
    shutil.copytree(events / "2024-panel", events / name)
    edit(events / name / "event.yaml", "date: '2024-05-18'", f"date: '{name[:4]}-05-18'")
    edit(events / name / "event.yaml", "slug: host", f"slug: host-{name[:4]}")


def assert_same_as_clean_build(site: Path, tmp_path: Path, search: bool = True) -> None:
    clean = tmp_path / "clean"
    build(load_config(site), clean, search=search)
    assert site_files(site / "output") == site_files(clean)


def test_a_build_after_no_change_does_little(site: Path) -> None:
    run_build(site)
    before = stamps(site / "output")
    report = run_build(site)
    assert report.rendered == 0
    assert (report.stats.written, report.stats.removed) == (0, 0)
    assert report.search == "current" and report.index is None  # Pagefind did not run
    assert not report.stats.swapped  # output/ was left alone, manifest included
    assert stamps(site / "output") == before
    assert "0 rendered, 0 files written" in report.summary()


def test_an_edit_to_one_turn_rewrites_only_what_shows_it(site: Path) -> None:
    run_build(site)
    edit(site / EVENT_DIR / "transcript.md", "版权是出版的根本。", "版权是出版的根基。")
    report = run_build(site)
    written = set(report.stats.changed)
    assert {
        f"{EVENT}/index.html",
        f"{EVENT}/event.json",
        f"{EVENT}/ban-quan-yu-ping-tai/index.html",
        f"{EVENT}/ban-quan-yu-ping-tai/index.md",
        "speakers/wang-xiaoming/index.html",
        "speakers/wang-xiaoming/index.md",
    } <= written
    untouched = {
        f"{EVENT}/wei-lai/index.html",  # the other theme
        "speakers/jane-doe/index.html",
        "speakers/host/index.html",
        "search/index.html",
        "404.html",
    }
    assert not untouched & written
    assert report.rendered < 2 * report.pages  # not the whole site
    assert report.search == "built"


def test_a_template_edit_renders_only_the_pages_that_use_it(site: Path, tmp_path: Path) -> None:
    run_build(site)
    (site / "templates").mkdir()
    theme_md = load_config(site).theme_dir / "templates/speaker.md"
    (site / "templates/speaker.md").write_text(theme_md.read_text("utf-8") + "\nEdited.\n")
    report = run_build(site)
    speakers = 3
    assert report.rendered == speakers  # the speakers' index.md, nothing else
    assert set(report.stats.changed) == {
        f"speakers/{s}/index.md" for s in ("host", "jane-doe", "wang-xiaoming")
    }
    assert report.search == "current"  # no HTML changed, so the index was kept
    assert_same_as_clean_build(site, tmp_path)


def test_site_yaml_rebuilds_everything(site: Path) -> None:
    run_build(site)
    edit(site / "site.yaml", "title: Mini archive", "title: Another archive")
    report = run_build(site)
    assert report.pages_written == report.pages  # the title is on every page


def test_a_ui_string_rebuilds_the_pages_that_show_it(site: Path, tmp_path: Path) -> None:
    """Output keys hold the UI strings by their digest (not the table on every page)."""
    run_build(site)
    cache = BuildCache()
    run_build(site, cache=cache)
    with (site / "site.yaml").open("a", encoding="utf-8") as file:
        file.write("\nstrings:\n  permalink: 这段的链接\n")
    report = run_build(site, cache=cache)
    assert report.rendered > 0
    theme = next((site / "output/events/2024-panel").glob("*/index.html")).read_text("utf-8")
    assert "这段的链接" in theme
    assert_same_as_clean_build(site, tmp_path)


def test_builds_after_changes_equal_a_clean_build(site: Path, tmp_path: Path) -> None:
    run_build(site)
    cache = BuildCache()  # as `serve` keeps it
    steps = [
        lambda: edit(site / EVENT_DIR / "transcript.md", "短剧和数字人", "短剧、游戏和数字人"),
        lambda: (site / "content/speakers/jane-doe.md").write_text("Jane edits books.\n"),
        lambda: edit(site / EVENT_DIR / "event.yaml", "place: 上海", "place: 杭州"),
        lambda: (site / "content/speakers/wang-xiaoming.md").unlink(),
        lambda: edit(site / "site.yaml", "title: Mini archive", "title: 迷你会刊"),
    ]
    for n, step in enumerate(steps):
        step()
        build(load_config(site), site / "output", cache=cache, recycle=True)
        assert_same_as_clean_build(site, tmp_path / f"clean-{n}")


def test_recycled_staging_equals_a_clean_build_and_never_touches_the_live_site(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`serve` stages each build in the output it swapped out, whose files are hard links
    shared with the live site: they must be replaced, never written to."""
    import generator.build

    output = site / "output"
    events = site / "content/events"
    copy_event(events, "2023-panel")
    cache = BuildCache()
    build(load_config(site), output, cache=cache, recycle=True)
    real_index = generator.build.build_index
    live: dict[str, bytes] = {}

    checked: list[Path] = []

    def index_and_check(staging: Path, language: str, cancelled: object = None) -> object:
        if staging.parent == site:  # not the clean builds compared with
            assert site_files(output) == live  # mid-build, the live site is as it was
            checked.append(staging)
        return real_index(staging, language, cancelled)

    monkeypatch.setattr(generator.build, "build_index", index_and_check)
    steps = [
        lambda: edit(events / "2024-panel/transcript.md", "短剧和数字人", "短剧、游戏和数字人"),
        lambda: shutil.rmtree(events / "2023-panel"),
        lambda: copy_event(events, "2022-panel"),
        lambda: edit(site / "site.yaml", "title: Mini archive", "title: 迷你会刊"),
        lambda: (site / "content/speakers/wang-xiaoming.md").unlink(),
    ]
    for n, step in enumerate(steps):
        step()
        live.clear()
        live.update(site_files(output))
        report = build(load_config(site), output, cache=cache, recycle=True)
        assert report.stats.swapped and report.search == "built"
        assert_same_as_clean_build(site, tmp_path / f"clean-{n}")
        assert list(site.glob(".huikan-spare-*"))  # the swapped-out site, kept for the next
    assert len(checked) == len(steps)


def test_deferred_index_then_refresh_equals_a_clean_build(site: Path, tmp_path: Path) -> None:
    run_build(site)
    cache = BuildCache()
    edit(site / EVENT_DIR / "transcript.md", "版权问题怎么看？", "版权问题您怎么看？")
    pages = build(load_config(site), site / "output", cache=cache, defer_index=True)
    assert pages.search == "deferred" and pages.index is None
    assert (site / "output/pagefind/pagefind.js").is_file()  # the old index is still served
    page = site / "output" / EVENT / "wei-lai/index.html"
    before = (page.stat().st_ino, page.stat().st_mtime_ns)
    index = build(load_config(site), site / "output", cache=cache)
    assert index.search == "built" and index.rendered == 0 and index.stats.written == 0
    assert (page.stat().st_ino, page.stat().st_mtime_ns) == before  # unchanged pages untouched
    assert_same_as_clean_build(site, tmp_path)


def test_a_deleted_event_leaves_no_stale_pages(site: Path, tmp_path: Path) -> None:
    run_build(site)
    shutil.rmtree(site / EVENT_DIR)
    report = run_build(site)
    output = site / "output"
    assert not (output / EVENT).exists()
    assert not (output / "speakers/jane-doe").exists()
    assert f"{EVENT}/index.html" in report.stats.gone
    assert_same_as_clean_build(site, tmp_path)


def test_a_deleted_speaker_file_removes_the_bio(site: Path) -> None:
    run_build(site)
    page = site / "output/speakers/wang-xiaoming/index.html"
    assert "资深出版人" in page.read_text("utf-8")
    (site / "content/speakers/wang-xiaoming.md").unlink()
    run_build(site)
    assert "资深出版人" not in page.read_text("utf-8")


def test_a_hand_edited_output_file_is_rebuilt(site: Path) -> None:
    run_build(site)
    page = site / "output" / EVENT / "index.html"
    original = page.read_bytes()
    page.write_bytes(b"edited by hand")
    report = run_build(site)
    assert page.read_bytes() == original
    assert report.stats.changed == (f"{EVENT}/index.html",)


def test_no_search_build_after_a_search_build_drops_the_index(site: Path, tmp_path: Path) -> None:
    run_build(site)
    run_build(site, search=False)
    assert not (site / "output/pagefind").exists()
    assert_same_as_clean_build(site, tmp_path, search=False)
    report = run_build(site)
    assert report.search == "built" and (site / "output/pagefind/pagefind.js").is_file()


# Atomic output: a build killed while it works leaves the previous site whole.


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_a_killed_build_leaves_the_previous_output_whole(
    site: Path, tmp_path: Path, sig: signal.Signals
) -> None:
    run_build(site)
    before = site_files(site / "output")
    edit(site / EVENT_DIR / "transcript.md", "版权是出版的根本。", "版权是出版的根基。")
    fake, marker = slow_indexer(tmp_path)  # the build is then past writing its pages
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(site), "build"],
        env={**os.environ, "PAGEFIND_BINARY_PATH": str(fake)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.01)
        assert list(site.glob(f"{STAGING_PREFIX}*"))  # caught in the middle of its work
        os.killpg(process.pid, sig)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert site_files(site / "output") == before
    if sig == signal.SIGINT:
        assert process.returncode == 130
        assert not list(site.glob(f"{STAGING_PREFIX}*"))  # cleaned up on the way out
    report = run_build(site)  # the next build clears what the killed one left
    assert report.stats.swapped
    assert not list(site.glob(".huikan-*"))
    assert "版权是出版的根基" in (site / "output" / EVENT / "index.html").read_text("utf-8")
