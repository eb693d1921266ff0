"""Search in a real browser: Chinese recall against Ctrl+F, hits that lead to the exact turn."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED_EVENT
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser

# Words a reader of the seed would type; each occurs in at least one turn.
RECALL_WORDS = [
    "版权",
    "短剧",
    "数字人",
    "可灵",
    "音乐",
    "大模型",
    "创作者",
    "成本",
    "广告",
    "海外",
    "投资",
    "导演",
    "机器人",
    "文旅",
    "饕餮",
    "金砖",
    "融资",
    "创意",
    "硅谷",
    "律师",
    "太极",
    "宇宙",
    "直播",
    "数据集",
    "大熊猫",
]

# Runs Pagefind's own JS API in the page, as the search page does, and lists every turn it finds.
SEARCH_ALL = """
const [word, done] = arguments;
import(new URL("../pagefind/pagefind.js", location.href).href).then(async (pagefind) => {
  const response = await pagefind.search(word);
  const pages = await Promise.all(response.results.map((r) => r.data()));
  done(pages.flatMap((page) => page.sub_results.map((sub) => sub.url)));
}).catch((error) => done("error: " + error));
"""


def turns_containing(site: Path, word: str) -> set[str]:
    data = json.loads((site / "events" / SEED_EVENT / "event.json").read_text("utf-8"))
    return {t["id"] for t in data["turns"] if word in t["text"]}


def test_chinese_recall_matches_ctrl_f(seed_site: Path, serve, browser) -> None:
    server = serve(seed_site)
    browser.get(server.origin + "/search/")
    found_total = expected_total = 0
    misses: dict[str, list[str]] = {}
    for word in RECALL_WORDS:
        expected = turns_containing(seed_site, word)
        assert expected, f"{word} is not in the seed; choose another word"
        urls = browser.execute_async_script(SEARCH_ALL, word)
        assert isinstance(urls, list), urls
        found = {url.split("#", 1)[1] for url in urls if "#" in url}
        expected_total += len(expected)
        found_total += len(expected & found)
        if expected - found:
            misses[word] = sorted(expected - found)
    recall = found_total / expected_total
    assert recall >= 0.95, f"recall {recall:.1%} over {expected_total} turns; missed: {misses}"


def test_search_page_finds_a_turn_and_leads_to_it(seed_site: Path, serve, browser) -> None:
    server = serve(seed_site)
    browser.get(server.origin + "/search/")
    box = browser.find_element(By.ID, "search-input")
    box.send_keys("饕餮")
    results = WebDriverWait(browser, 15).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results .search-result")
    )
    first = results[0]
    assert first.find_element(By.TAG_NAME, "a").text == "蔡雄山"  # the hit names the speaker
    assert "AIGC重塑内容生成" in first.text  # and its theme
    assert "<mark>" in first.find_element(By.CLASS_NAME, "search-result__excerpt").get_attribute(
        "innerHTML"
    )
    first.find_element(By.TAG_NAME, "a").click()
    WebDriverWait(browser, 10).until(lambda d: "#" in d.current_url)
    anchor = browser.current_url.split("#", 1)[1]
    assert anchor.startswith("cai-xiongshan-")
    target = browser.find_element(By.ID, anchor)
    turn = target.find_element(By.XPATH, "./ancestor::article[1]")
    assert "饕餮" in turn.text


def test_speaker_filter_keeps_only_that_speakers_turns(seed_site: Path, serve, browser) -> None:
    server = serve(seed_site)
    browser.get(server.origin + "/search/?q=版权&speaker=姜涛")
    results = WebDriverWait(browser, 15).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results .search-result")
    )
    speakers = {r.find_element(By.TAG_NAME, "a").text for r in results}
    assert speakers == {"姜涛"}
    expected = {t for t in turns_containing(seed_site, "版权") if t.startswith("jiang-tao-")}
    hrefs = {r.find_element(By.TAG_NAME, "a").get_attribute("href").split("#")[1] for r in results}
    assert expected <= hrefs
