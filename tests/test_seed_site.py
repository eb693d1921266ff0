"""The seed archive as readers see it: the pages built from content/ (the imported seed)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import SEED_EVENT
from htmltools import read_page

EVENT = f"events/{SEED_EVENT}"
THEMES = [
    "AIGC重塑内容生成：低成本、高交互、个性化",
    "AI已成文化产业新引擎：快手可灵月入1亿，日产出10万条广告",
    "AI音乐版权新实践：用户创意，用户所有",
    "创意归人，执行交给AI",
    "One More Thing",
]


def event_data(site: Path) -> dict:
    return json.loads((site / EVENT / "event.json").read_text("utf-8"))


def test_home_lists_the_event_speakers_and_themes(seed_site: Path) -> None:
    html = (seed_site / "index.html").read_text("utf-8")
    page = read_page(seed_site / "index.html")
    assert f"{EVENT}/" in page.links
    for name in ("蔡雄山", "姜涛", "马子涵", "赵晨"):
        assert name in html
    for title in THEMES:
        assert title in html
    assert 'action="search/"' in html  # the search box


def test_event_page_shows_metadata_guests_toc_and_transcript(seed_site: Path) -> None:
    html = (seed_site / EVENT / "index.html").read_text("utf-8")
    page = read_page(seed_site / EVENT / "index.html")
    assert page.text_of("h1") == ["海淀105款大模型背后：看这些AI玩家如何抢占内容生产制高点"]
    for fact in ("北京海淀", "2025北京文化论坛", "双向赋能：网络文化创新发展", "北京市委网信办"):
        assert fact in html
    assert "快手科技副总裁、快手研究院院长" in html
    assert "璞跃中国（Plug and Play）管理合伙人、常务副总裁" in html
    theme_headings = [t for t in page.text_of("h2") if t in THEMES]
    assert theme_headings == THEMES
    data = event_data(seed_site)
    assert {t["id"] for t in data["turns"]} <= set(page.ids)
    # The introduction is the event's, not a turn.
    assert "当你还在为写一篇文章发愁时" in html
    assert not any("当你还在为写一篇文章发愁时" in t["text"] for t in data["turns"])


def test_one_page_per_theme_with_its_questions_and_answers(seed_site: Path) -> None:
    data = event_data(seed_site)
    for theme in data["themes"]:
        folder = seed_site / EVENT / theme["slug"]
        page = read_page(folder / "index.html")
        assert page.text_of("h1") == [theme["title"]]
        expected = [t["id"] for t in data["turns"] if t["theme"] == theme["title"]]
        assert [i for i in page.ids if i in expected] == expected
        assert (folder / "index.md").read_text("utf-8").startswith("---\ntitle:")
        # Theme titles repeat across events: the tab names the event too.
        head = (folder / "index.html").read_text("utf-8").split("</title>")[0]
        assert head.endswith(f"<title>{theme['title']} · {data['title']} · 会刊 · 活动实录")


def test_speaker_page_has_every_turn_of_the_speaker(seed_site: Path) -> None:
    data = event_data(seed_site)
    for speaker in data["speakers"]:
        page = read_page(seed_site / "speakers" / speaker["slug"] / "index.html")
        assert page.text_of("h1") == [speaker["name"]]
        mine = [t["id"] for t in data["turns"] if t["speaker"] == speaker["name"]]
        shown = [i.split("--", 1)[1] for i in page.ids if i.startswith(f"{SEED_EVENT}--")]
        assert shown == mine
        if speaker["role"]:
            assert speaker["role"] in (
                seed_site / "speakers" / speaker["slug"] / "index.html"
            ).read_text("utf-8")


def test_answers_link_back_to_the_question_and_transcript(seed_site: Path) -> None:
    html = (seed_site / "speakers/jiang-tao/index.html").read_text("utf-8")
    # 姜涛's first answer responds to the moderator's first question.
    assert "我们看到了AI的创造力" in html
    assert (
        f"../../{EVENT}/#jiang-tao-1"
        in read_page(seed_site / "speakers/jiang-tao/index.html").links
    )


def test_event_json_lists_every_turn_in_order(seed_site: Path) -> None:
    data = event_data(seed_site)
    assert data["slug"] == SEED_EVENT
    assert data["date"] == "2025"
    assert data["place"] == "北京海淀"
    assert [t["title"] for t in data["themes"]] == THEMES
    moderators = [s["name"] for s in data["speakers"] if s["moderator"]]
    assert moderators == ["量子位"]
    assert data["turns"][0]["speaker"] == "量子位"
    assert data["turns"][-1]["speaker"] == "蔡雄山"
    assert data["turns"][-1]["text"].startswith("《周易》里面有一句话")
    for turn in data["turns"]:
        assert turn["url"].endswith(f"/{EVENT}/#{turn['id']}")
        assert "△" not in turn["text"] and "文章图片" not in turn["text"]


def test_avatars_take_a_persons_given_name_and_an_organisations_first_characters(
    seed_site: Path,
) -> None:
    """量子位, the publisher hosting the salon, is not a person named 量 子位."""
    page = (seed_site / "speakers" / "index.html").read_text("utf-8")
    shown = dict(
        (name, letters)
        for letters, name in re.findall(
            r'class="avatar"[^>]*>([^<]*)</span>\s*<span class="person-card__text">\s*'
            r'<a class="person-card__name" href="[^"]*">([^<]*)</a>',
            page,
        )
    )
    assert shown["蔡雄山"] == "雄山"
    assert shown["量子位"] == "量子"
