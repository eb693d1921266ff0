"""`serve` plans only the pages of what changed: after every kind of edit, across events that
share speakers, its output must equal a clean build byte for byte."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_site, site_files

from generator.build import build
from generator.cache import BuildCache
from generator.config import load_config


def add_event(site: Path, slug: str, date: str, speakers: str, transcript: str) -> Path:
    folder = site / "content/events" / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "event.yaml").write_text(
        f"title: {slug}\ndate: '{date}'\nspeakers:\n{speakers}", "utf-8"
    )
    (folder / "transcript.md").write_text(transcript, "utf-8")
    return folder


WANG = "  - name: 王小明\n"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), "utf-8")


@pytest.mark.parametrize(
    ("deferred", "refresh"),
    [(False, False), (True, False), (True, True)],
    ids=["with-index", "pages-only", "pages-then-index"],
)
def test_edits_across_events_equal_clean_builds(
    tmp_path: Path, deferred: bool, refresh: bool
) -> None:
    """Every way `serve` builds: with the index; pages with the index deferred (after the
    first two builds the spare is known file by file and only what differs is touched); and,
    as a session does, pages at once then the index when idle."""
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    b = add_event(
        site,
        "2025-b",
        "2025-02-01",
        "  - name: 王小明\n  - name: 李明\n",
        "## 第一\n\n**王小明：** 又见面了。\n\n**李明：** 你好。\n",
    )
    add_event(site, "2025-c", "2025-03-01", "  - name: 简\n", "**简：** 我是简。\n")
    cache = BuildCache()
    steps = [
        lambda: edit(b / "transcript.md", "又见面了", "又一次见面了"),  # a shared speaker's turn
        lambda: edit(
            site / "content/events/2025-c/event.yaml",
            "name: 简\n",
            "name: 简\n    aliases: [Jane Doe]\n",
        ),
        lambda: edit(b / "transcript.md", "## 第一", "## 第一个议题"),
        lambda: add_event(site, "2025-d", "2025-04-01", "  - name: 黎明\n", "**黎明：** 同音。\n"),
        lambda: shutil.rmtree(b),
        lambda: (site / "content/speakers/wang-xiaoming.md").write_text("新的简介。\n", "utf-8"),
        lambda: edit(site / "site.yaml", "title: Mini archive", "title: 迷你会刊"),
        # A tiny page budget: a speaker's events get a page each; 王小明 grows to three pages,
        # one of his turns changes, and he shrinks back past page 3.
        lambda: edit(site / "site.yaml", "base_url: /", "base_url: /\nspeaker_page_kb: 1"),
        lambda: add_event(site, "2025-e", "2025-05-01", WANG, "**王小明：** 第二场。\n"),
        lambda: add_event(site, "2025-f", "2025-06-01", WANG, "**王小明：** 第三场。\n"),
        lambda: edit(site / "content/events/2025-e/transcript.md", "第二场", "第二场活动"),
        lambda: shutil.rmtree(site / "content/events/2025-f"),
        lambda: edit(site / "site.yaml", "\nspeaker_page_kb: 1", ""),
    ]
    # How many pages 王小明 has after each step from the budget on.
    wang_pages = {7: 1, 8: 2, 9: 3, 10: 3, 11: 2, 12: 1}
    serve_build = functools.partial(build, cache=cache, recycle=True, defer_index=deferred)
    serve_build(load_config(site), site / "output")
    for n, step in enumerate(steps):
        step()
        serve_build(load_config(site), site / "output")
        if refresh:
            build(load_config(site), site / "output", cache=cache, recycle=True)
        clean = copy_site(site, tmp_path / f"clean-{n}")
        build(load_config(clean), clean / "output", search=refresh or not deferred)
        assert site_files(site / "output") == site_files(clean / "output"), f"step {n}"
        if n in wang_pages:
            pages = site / "output/speakers/wang-xiaoming/page"
            count = 1 + (len(list(pages.iterdir())) if pages.exists() else 0)
            assert count == wang_pages[n], f"step {n}"
