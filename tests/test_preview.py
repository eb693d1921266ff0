"""Event pages first (preview.py): in `serve`, an edited event's pages are written before the
build; they must be exactly the build's, and the build that follows must still equal a clean
build byte for byte."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_site, site_files
from test_serve_plan import add_event, edit

from generator.build import build
from generator.cache import BuildCache
from generator.config import load_config
from generator.preview import edited_event, preview_event

PANEL = "events/2024-panel/index.html"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    add_event(
        site,
        "2025-b",
        "2025-02-01",
        "  - name: 王小明\n  - name: 李明\n",
        "## 第一\n\n**王小明：** 又见面了。\n\n**李明：** 你好。\n",
    )
    return site


def serve_build(site: Path, cache: BuildCache) -> None:
    """A build as `serve` runs it: pages at once, the index deferred, staged in the spare."""
    build(load_config(site), site / "output", cache=cache, recycle=True, defer_index=True)


def preview(site: Path, cache: BuildCache, folder: Path) -> list[str]:
    return preview_event(load_config(site), cache, site / "output", folder)


def assert_equals_clean_build(site: Path, clean: Path) -> None:
    copy_site(site, clean)
    build(load_config(clean), clean / "output", search=False)
    assert site_files(site / "output") == site_files(clean / "output")


def test_only_edits_of_one_event_are_previewed(site: Path) -> None:
    panel = site / "content/events/2024-panel"
    other = site / "content/events/2025-b"
    assert edited_event([panel / "transcript.md"]) == panel
    assert edited_event([panel / "transcript.md", panel / "event.yaml"]) == panel
    assert edited_event([panel / "transcript.md", other / "transcript.md"]) is None
    assert edited_event([panel / "transcript.md", site / "site.yaml"]) is None
    assert edited_event([site / "content/speakers/wang-xiaoming.md"]) is None


def test_an_edited_turn_is_on_disk_before_the_build_and_the_build_agrees(
    site: Path, tmp_path: Path
) -> None:
    cache = BuildCache()
    serve_build(site, cache)
    before = site_files(site / "output")
    panel = site / "content/events/2024-panel"
    steps = [
        lambda: edit(panel / "transcript.md", "版权是出版的根本", "版权是出版业的根本"),
        lambda: edit(panel / "transcript.md", "未来会怎样", "十年后会怎样"),
        lambda: edit(panel / "event.yaml", "place: 上海", "place: 上海浦东"),
    ]
    for n, step in enumerate(steps):
        step()
        written = preview(site, cache, panel)
        assert PANEL in written, n
        now = site_files(site / "output")
        # Only the event's own files changed; the speaker pages wait for the build.
        assert {rel for rel in now if now[rel] != before.get(rel)} == set(written), n
        assert all(rel.startswith("events/2024-panel/") for rel in written), n
        serve_build(site, cache)
        after = site_files(site / "output")
        assert {rel: after[rel] for rel in written} == {rel: now[rel] for rel in written}, n
        assert_equals_clean_build(site, tmp_path / f"clean-{n}")
        before = after


def test_an_edit_undone_before_the_build_leaves_no_trace(site: Path, tmp_path: Path) -> None:
    """The build never trusts a previewed file: its key is no build's."""
    cache = BuildCache()
    serve_build(site, cache)
    serve_build(site, cache)  # the spare is now known file by file
    transcript = site / "content/events/2024-panel/transcript.md"
    original = transcript.read_text("utf-8")
    edit(transcript, "版权是出版的根本", "版权是出版业的根本")
    assert preview(site, cache, transcript.parent)
    transcript.write_text(original, "utf-8")
    serve_build(site, cache)
    assert "版权是出版的根本" in (site / "output" / PANEL).read_text("utf-8")
    assert_equals_clean_build(site, tmp_path / "clean")


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("event.yaml", "  - name: 主持人\n", "  - name: 新嘉宾\n  - name: 主持人\n"),  # speakers
        ("event.yaml", "date: '2024-05-18'", "date: '2026-05-18'"),  # place in the archive
        ("transcript.md", "## 未来", "## 展望"),  # a theme page's address
        ("event.yaml", "title: 数字出版圆桌", "title: [broken"),  # an error to report
        ("transcript.md", "**王小明：** 短剧", "**无名氏：** 短剧"),  # an unknown speaker
    ],
    ids=["new-speaker", "new-date", "renamed-theme", "broken-yaml", "unknown-speaker"],
)
def test_edits_that_change_other_pages_wait_for_the_build(
    site: Path, file: str, old: str, new: str
) -> None:
    cache = BuildCache()
    serve_build(site, cache)
    before = site_files(site / "output", manifest=True)
    panel = site / "content/events/2024-panel"
    edit(panel / file, old, new)
    assert preview(site, cache, panel) == []
    assert site_files(site / "output", manifest=True) == before


def test_nothing_is_previewed_before_a_build_of_this_process(site: Path) -> None:
    """The output may be another process's: only what this one published is known."""
    build(load_config(site), site / "output", search=False)
    panel = site / "content/events/2024-panel"
    edit(panel / "transcript.md", "版权是出版的根本", "版权是出版业的根本")
    assert preview(site, BuildCache(), panel) == []


def test_a_session_writes_the_event_first_and_says_so(site: Path, tmp_path: Path) -> None:
    from generator.live import LiveState
    from generator.session import Session
    from generator.watch import Change, Kind

    lines: list[str] = []
    state = LiveState()
    session = Session(site, site / "output", state, log=lines.append, search=False)
    session.rebuild()
    path = "content/events/2024-panel/transcript.md"
    edit(site / path, "版权是出版的根本", "版权是出版业的根本")
    build_before = state.snapshot().build
    session.rebuild([Change(path, Kind.CONTENT)])
    assert any(re.search(r": \d+ event pages? first, \d+ ms", line) for line in lines), lines
    # Two swaps: the event's pages, then the rest of the site (the speaker's page).
    assert state.snapshot().build == build_before + 2
    assert_equals_clean_build(site, tmp_path / "clean")
