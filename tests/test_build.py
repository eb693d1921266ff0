"""The build on a small hand-written fixture site: every page type, data export and Markdown."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import FIXTURES, build_site
from htmltools import read_page

EVENT = "events/2024-panel"


def test_every_page_type_is_built(mini_site: Path) -> None:
    expected = [
        "index.html",
        "events/index.html",
        f"{EVENT}/index.html",
        f"{EVENT}/ban-quan-yu-ping-tai/index.html",
        f"{EVENT}/wei-lai/index.html",
        "speakers/index.html",
        "speakers/wang-xiaoming/index.html",
        "speakers/jane-doe/index.html",
        "themes/index.html",
        "search/index.html",
        "404.html",
        f"{EVENT}/event.json",
    ]
    missing = [p for p in expected if not (mini_site / p).is_file()]
    assert missing == []


def test_h1_names_the_subject(mini_site: Path) -> None:
    assert read_page(mini_site / EVENT / "index.html").text_of("h1") == ["数字出版圆桌"]
    theme = read_page(mini_site / EVENT / "ban-quan-yu-ping-tai/index.html")
    assert theme.text_of("h1") == ["版权与平台"]
    assert read_page(mini_site / "speakers/jane-doe/index.html").text_of("h1") == ["Jane Doe"]


def test_event_page_has_an_anchor_on_every_turn(mini_site: Path) -> None:
    page = read_page(mini_site / EVENT / "index.html")
    data = json.loads((mini_site / EVENT / "event.json").read_text("utf-8"))
    turn_ids = [t["id"] for t in data["turns"]]
    assert turn_ids == ["host-1", "wang-xiaoming-1", "jane-doe-1", "host-2", "wang-xiaoming-2"]
    assert set(turn_ids) <= set(page.ids)
    assert "#ban-quan-yu-ping-tai" in page.links  # table of contents


def test_event_json_format(mini_site: Path) -> None:
    data = json.loads((mini_site / EVENT / "event.json").read_text("utf-8"))
    assert data["slug"] == "2024-panel"
    assert data["title"] == "数字出版圆桌"
    assert data["date"] == "2024-05-18"
    assert data["place"] == "上海"
    host = next(s for s in data["speakers"] if s["slug"] == "host")
    assert host == {
        "name": "主持人",
        "slug": "host",
        "role": "",
        "moderator": True,
        "url": "/speakers/host/",
    }
    assert [t["title"] for t in data["themes"]] == ["版权与平台", "未来"]
    first_answer = data["turns"][1]
    assert first_answer["speaker"] == "王小明"
    assert first_answer["theme"] == "版权与平台"
    assert first_answer["url"] == "/events/2024-panel/#wang-xiaoming-1"
    assert "现场照片" not in first_answer["text"]  # captions are not speech
    assert "版权是出版的根本" in first_answer["text"]


def test_chinese_line_breaks_leave_no_stray_space(mini_site: Path) -> None:
    html = (mini_site / EVENT / "index.html").read_text("utf-8")
    assert "版权是出版的根本。我们一直在推动版权保护。" in html


def test_theme_and_speaker_markdown_is_published(mini_site: Path) -> None:
    theme_md = (mini_site / EVENT / "ban-quan-yu-ping-tai/index.md").read_text("utf-8")
    assert "# 版权与平台" in theme_md
    assert "**王小明：** 版权是出版的根本。" in theme_md
    speaker_md = (mini_site / "speakers/wang-xiaoming/index.md").read_text("utf-8")
    assert "王小明是**资深出版人**。" in speaker_md
    assert "> **主持人：** 版权问题怎么看？" in speaker_md


def test_speaker_page_groups_turns_with_their_questions(mini_site: Path) -> None:
    html = (mini_site / "speakers/wang-xiaoming/index.html").read_text("utf-8")
    page = read_page(mini_site / "speakers/wang-xiaoming/index.html")
    assert page.text_of("h3") == ["版权与平台", "未来"]
    assert "版权问题怎么看？" in html and "未来会怎样？" in html  # the questions answered
    assert "../../events/2024-panel/#wang-xiaoming-2" in page.links
    assert "资深出版人" in html  # bio from content/speakers/


def test_search_markup_indexes_each_turn_once(mini_site: Path) -> None:
    """Turns are indexed on theme pages only; the event transcript and speaker turns are not."""
    event = (mini_site / EVENT / "index.html").read_text("utf-8")
    transcript = event[event.index('class="transcript"') :]
    assert "data-pagefind-body" not in transcript.split(">", 1)[0]
    theme = read_page(mini_site / EVENT / "ban-quan-yu-ping-tai/index.html")
    filters = sorted(
        str(a["data-pagefind-filter"]) for _, a in theme.with_attr("data-pagefind-filter")
    )
    assert filters == [
        "event:数字出版圆桌",
        "speaker:Jane Doe",
        "speaker:主持人",
        "speaker:王小明",
        "theme:版权与平台",
    ]
    assert (mini_site / "pagefind/pagefind.js").is_file()


def test_links_are_relative_so_any_base_path_works(mini_site: Path) -> None:
    page = read_page(mini_site / EVENT / "ban-quan-yu-ping-tai/index.html")
    internal = [link for link in page.links + page.assets if "://" not in link]
    assert internal and not [link for link in internal if link.startswith("/")]


def _site_files(root: Path) -> list[Path]:
    # Pagefind 1.5 writes its filter and meta indexes in hash-map order (upstream issue 638):
    # the pages are compared byte for byte, the search bundle is checked by the search tests.
    return sorted(
        p.relative_to(root)
        for p in root.rglob("*")
        if p.is_file()
        and p.relative_to(root).parts[0] != "pagefind"
        and p.name != ".huikan-manifest.json"
    )


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = build_site(FIXTURES / "mini", tmp_path / "a")
    second = build_site(FIXTURES / "mini", tmp_path / "b")
    files = _site_files(first)
    assert files == _site_files(second)
    different = [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


def test_rebuild_keeps_unchanged_files_untouched(tmp_path: Path) -> None:
    out = build_site(FIXTURES / "mini", tmp_path / "out")
    page = out / EVENT / "index.html"
    before = page.stat()
    build_site(FIXTURES / "mini", out)
    after = page.stat()
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)
