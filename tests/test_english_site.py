"""An English site (site.yaml `language: en`) with an English event and a Chinese one: the
interface's punctuation, counts and labels are English, Chinese text in it is marked as such, and
Chinese sites print what they always printed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, build_site, copy_site, html, set_key
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from generator.config import load_config
from generator.strings import EN, ZH, count, one_form

EVENT_YAML = """\
title: The Future of Public Media
date: '2024-05-09'
language: en
place: Toronto
forum: Riverside Media Week
organisers:
  - name: Harbour Radio
    role: host
  - name: The Civic Ledger
author: Leo Martins
speakers:
  - name: Grace Liu
    role: Director of Digital
  - name: Mina Park
    role: Head of Product
  - name: Moderator
    moderator: true
"""

TRANSCRIPT = """\
Panel transcript from Riverside Media Week.

## Audiences

**Moderator:** Who are you losing?

**Grace Liu:** Young listeners, mostly.

△ Photo: the panel on stage

**Mina Park:** We are gaining them, because we build for slow phones.

**Moderator:** How do you pay for all this?

**Mina Park:** Memberships.
"""

ZH_EVENT = "events/2024-panel/"
EN_EVENT = "events/2024-media/"


def english_sources(target: Path) -> Path:
    """The mini site (one Chinese event) in English, with an English event beside it."""
    site = copy_site(FIXTURES / "mini", target)
    set_key(site, "language: en")
    folder = site / "content" / "events" / "2024-media"
    folder.mkdir(parents=True)
    (folder / "event.yaml").write_text(EVENT_YAML, "utf-8")
    (folder / "transcript.md").write_text(TRANSCRIPT, "utf-8")
    chinese = site / "content" / "events" / "2024-panel" / "event.yaml"
    yaml = chinese.read_text("utf-8").replace(
        "speakers:",
        "language: zh-CN\norganisers:\n  - name: 某出版社\n    role: 主办\n"
        "  - name: 某协会\nauthor: 二喵\npublisher: 量子位\nspeakers:",
    )
    chinese.write_text(yaml, "utf-8")
    return site


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("english")
    site = english_sources(root / "site")
    return build_site(site, root / "output")


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))


# 1. Punctuation


def test_event_cards_join_names_with_the_sites_separator(english: Path, mini_site: Path) -> None:
    assert "Grace Liu</a>, <a" in html(english, "")
    assert "、" not in re.findall(r'<p class="card__people".*?</p>', html(english, ""))[-1]
    assert "王小明</a>、<a" in html(mini_site, "")  # Chinese as before


def test_organisers_use_the_sites_brackets_and_separator(english: Path) -> None:
    page = text_of(html(english, EN_EVENT))
    assert "Harbour Radio (host), The Civic Ledger" in page
    chinese = text_of(html(english, ZH_EVENT))
    assert "某出版社 (主办), 某协会" in chinese
    assert "（" not in chinese.split("Organisers")[1].split("Author")[0]


def test_chinese_sites_keep_their_organiser_punctuation(tmp_path: Path) -> None:
    site = english_sources(tmp_path / "site")
    set_key(site, "language: zh-CN")
    out = build_site(site, tmp_path / "out", search=False)
    assert "某出版社（主办）、某协会" in html(out, ZH_EVENT)


def test_in_answer_to_uses_the_sites_brackets(english: Path) -> None:
    page = html(english, "speakers/grace-liu/")
    assert "<summary>In answer to (Moderator)</summary>" in page
    assert "（" not in page and "）" not in page
    # the Chinese question on an English page: the name in Chinese inside English words
    chinese = html(english, "speakers/wang-xiaoming/")
    assert '<summary lang="en">In answer to (<span lang="zh-CN">主持人</span>)</summary>' in chinese


def test_speaker_descriptions_join_with_the_sites_comma(english: Path, mini_site: Path) -> None:
    page = html(english, "speakers/grace-liu/")
    assert '<meta name="description" content="Grace Liu, Director of Digital">' in page
    assert '<meta name="description" content="王小明，某出版社社长">' in html(
        mini_site, "speakers/wang-xiaoming/"
    )


def test_markdown_labels_use_the_sites_colon(english: Path, mini_site: Path) -> None:
    theme = (english / EN_EVENT / "audiences" / "index.md").read_text("utf-8")
    assert "**Grace Liu:** Young listeners" in theme and "：" not in theme
    speaker = (english / "speakers" / "grace-liu" / "index.md").read_text("utf-8")
    assert "> **Moderator:** Who are you losing?" in speaker
    chinese = (mini_site / ZH_EVENT / "ban-quan-yu-ping-tai" / "index.md").read_text("utf-8")
    assert "**王小明：** 版权是出版的根本。" in chinese


def test_english_captions_have_no_chinese_mark(english: Path, mini_site: Path) -> None:
    theme = (english / EN_EVENT / "audiences" / "index.md").read_text("utf-8")
    assert "\nPhoto: the panel on stage\n" in theme and "△" not in theme
    speaker = (english / "speakers" / "grace-liu" / "index.md").read_text("utf-8")
    assert "\nPhoto: the panel on stage\n" in speaker and "△" not in speaker
    # Chinese captions keep it, on a Chinese site and on an English one
    assert "△ 现场照片" in (mini_site / ZH_EVENT / "ban-quan-yu-ping-tai" / "index.md").read_text(
        "utf-8"
    )
    assert "△ 现场照片" in (english / ZH_EVENT / "ban-quan-yu-ping-tai" / "index.md").read_text(
        "utf-8"
    )
    css = next((english / "static").glob("style.*.css")).read_text("utf-8")
    assert '.caption::before { content: "△ "; }' in css  # drawn on the pages …
    assert ".caption:lang(en)::before { content: none; }" in css  # … but not in English


@pytest.mark.browser
def test_english_captions_show_no_mark_in_a_browser(english: Path, serve, browser) -> None:
    server = serve(english)
    mark = "return getComputedStyle(document.querySelector('.caption'), '::before').content"
    browser.get(server.origin + "/" + EN_EVENT)
    assert browser.execute_script(mark) == "none"
    browser.get(server.origin + "/" + ZH_EVENT)
    assert browser.execute_script(mark) == '"△ "'


# 2. Counts


def test_one_is_singular_in_english(english: Path) -> None:
    speaker = text_of(html(english, "speakers/grace-liu/"))
    assert "1 event · 1 turn " in speaker
    assert "1 event · 2 turns" in text_of(html(english, "speakers/moderator/"))
    home = text_of(html(english, ""))
    assert "2 events" in home and "5 turns · 1 theme" in home
    index = text_of(html(english, "speakers/"))
    assert "Grace Liu Director of Digital 1 turn " in index
    assert not re.search(r"\b1 (turns|events|speakers|themes|words)\b", home + index + speaker)


def test_chinese_counts_are_unchanged() -> None:
    assert count(ZH, "turns", 1) == "1 段发言" and count(ZH, "turns", 3) == "3 段发言"
    assert count(EN, "turns", 1) == "1 turn" and count(EN, "turns", 3) == "3 turns"
    assert count(EN, "search_results", 1) == "1 matching turn"
    for key, one in ZH.items():
        if key.endswith("_one"):
            assert one == ZH[key.removesuffix("_one")]  # Chinese has no plural
            assert key.removesuffix("_one") in EN and key in EN


def test_a_rewritten_plural_is_not_undone_by_the_built_in_singular() -> None:
    rewritten = {**EN, "turns": "{n} remarks"}
    assert count(rewritten, "turns", 1) == "1 remarks"  # not "1 turn"
    assert count({**rewritten, "turns_one": "{n} remark"}, "turns", 1) == "1 remark"
    assert one_form({**ZH, "turns": "{n} 次发言"}, "turns") == "{n} 次发言"


def test_site_yaml_may_override_the_singular(tmp_path: Path) -> None:
    site = english_sources(tmp_path / "site")
    with (site / "site.yaml").open("a", encoding="utf-8") as f:
        f.write('strings:\n  turns: "{n} remarks"\n  turns_one: "just {n} remark"\n')
    assert load_config(site).strings["turns_one"] == "just {n} remark"
    out = build_site(site, tmp_path / "out", search=False)
    page = text_of(html(out, "speakers/grace-liu/"))
    assert "just 1 remark" in page


def test_the_search_page_has_the_singular_for_its_script(english: Path) -> None:
    page = html(english, "search/")
    assert "&#34;results_one&#34;: &#34;{n} matching turn&#34;" in page
    assert "&#34;results&#34;: &#34;{n} matching turns&#34;" in page


@pytest.mark.browser
def test_one_search_result_is_said_in_the_singular(english: Path, serve, browser) -> None:
    server = serve(english)
    browser.get(server.origin + "/search/?q=Memberships")
    status = browser.find_element(By.ID, "search-status")
    WebDriverWait(browser, 15).until(lambda d: status.text not in ("", "Searching…"))
    assert status.text == "1 matching turn"


# 3. Author and publisher


def test_the_author_is_labelled_author(english: Path) -> None:
    page = html(english, EN_EVENT)
    assert "<dt data-pagefind-ignore>Author</dt><dd>Leo Martins</dd>" in page
    assert "Publisher" not in page
    chinese = html(english, ZH_EVENT)
    assert '<dt data-pagefind-ignore>Publisher</dt><dd lang="zh-CN">量子位</dd>' in chinese
    assert '<dt data-pagefind-ignore>Author</dt><dd lang="zh-CN">二喵</dd>' in chinese


# 4. Search


def test_fact_labels_and_counts_are_not_indexed(english: Path) -> None:
    page = html(english, EN_EVENT)
    header = page.split('<header class="event-header" data-pagefind-body>')[1].split("</header>")[0]
    for label in ("Date", "Place", "Forum", "Organisers", "Author"):
        assert f"<dt data-pagefind-ignore>{label}</dt>" in header
    assert '<p class="meta" data-pagefind-ignore>5 turns' in header


SEARCH = """
const [word, done] = arguments;
import(new URL("../pagefind/pagefind.js", location.href).href).then(async (pagefind) => {
  const response = await pagefind.search(word);
  const pages = await Promise.all(response.results.map((r) => r.data()));
  done(pages.map((page) => [page.url, page.meta.title, page.content]));
}).catch((error) => done("error: " + error));
"""


@pytest.mark.browser
def test_search_finds_events_by_title_not_by_labels(english: Path, serve, browser) -> None:
    server = serve(english)
    browser.get(server.origin + "/search/")
    found = browser.execute_async_script(SEARCH, "Public Media")
    assert any(url.endswith(EN_EVENT) for url, _, _ in found), found
    assert browser.execute_async_script(SEARCH, "Organisers") == []
    assert browser.execute_async_script(SEARCH, "Author") == []
    assert browser.execute_async_script(SEARCH, "Date") == []
    event = next(c for url, _, c in found if url.endswith(EN_EVENT))
    assert "Author" not in event and "Date" not in event and "Toronto" in event
    assert any(
        url.endswith(EN_EVENT) for url, _, _ in browser.execute_async_script(SEARCH, "Toronto")
    )


# 5. Languages


def test_chinese_event_facts_and_card_meta_are_marked_chinese(english: Path) -> None:
    page = html(english, ZH_EVENT)
    assert '<dd lang="zh-CN">上海</dd>' in page
    assert '<dd lang="zh-CN">2024数字出版大会</dd>' in page
    assert '<dd lang="zh-CN">某出版社 (主办), 某协会</dd>' in page
    assert '<ul class="people people--compact" lang="zh-CN">' in page
    assert '<span lang="en">Moderator</span>' in page  # the interface's word among them
    home = html(english, "")
    assert (
        '<p class="meta" lang="zh-CN"><time>2024-05-18</time> · 上海 · 2024数字出版大会</p>' in home
    )
    assert '<p class="card__people" lang="zh-CN">' in home
    # English events in the English site: no lang at all
    assert "<dd>Toronto</dd>" in html(english, EN_EVENT)


def test_a_chinese_speakers_page_is_marked_chinese(english: Path) -> None:
    page = html(english, "speakers/wang-xiaoming/")
    assert '<h1 data-pagefind-meta="title" lang="zh-CN">王小明</h1>' in page
    assert '<p class="speaker-card__role" lang="zh-CN">某出版社社长</p>' in page
    assert 'avatar--large" aria-hidden="true" data-pagefind-ignore lang="zh-CN">' in page
    assert '<time>2024-05-18</time> · <span lang="zh-CN">某出版社社长</span>' in page
    english_speaker = html(english, "speakers/grace-liu/")
    assert '<h1 data-pagefind-meta="title">Grace Liu</h1>' in english_speaker


def test_person_cards_carry_the_language_of_the_events_they_come_from(english: Path) -> None:
    for path in ("", "speakers/"):
        page = html(english, path)
        cards = re.findall(r'<li class="person-card".*?</li>', page, re.S)
        chinese = next(c for c in cards if "王小明" in c)
        assert chinese.startswith('<li class="person-card" lang="zh-CN">'), path
        assert '<span class="meta" lang="en">' in chinese  # the interface's words in it
        grace = next(c for c in cards if "Grace Liu" in c)
        assert grace.startswith('<li class="person-card">')  # English, as the site


def test_the_speakers_list_heads_its_hosts_in_the_plural(english: Path) -> None:
    assert "<h2>Moderators</h2>" in html(english, "speakers/")
