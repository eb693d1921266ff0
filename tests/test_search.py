"""Search: Chinese recall against Ctrl+F in a real browser, hits that lead to the exact turn, and
filters that stay light at any scale (their values are a file fetched on first use)."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from conftest import FIXTURES, SEED_EVENT, build_site, copy_site, set_key
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from test_reader import AXE, PAGE_BUDGET, RUN_AXE

from generator.config import load_config
from generator.search import index_language

FILTERS = ("speaker", "event", "theme")

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


def turns_containing(site: Path, word: str, event: str = SEED_EVENT) -> set[str]:
    data = json.loads((site / "events" / event / "event.json").read_text("utf-8"))
    return {t["id"] for t in data["turns"] if word in t["text"]}


@pytest.mark.browser
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


@pytest.mark.browser
def test_an_english_site_finds_the_words_of_its_chinese_events(
    tmp_path: Path, serve, browser
) -> None:
    """The index is in the site's language unless an event is in Chinese: indexed as English,
    a Chinese word was found only at the start of a run of text between spaces or stops."""
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    set_key(site, "language: en")
    event = site / "content/events/2024-panel/event.yaml"
    event.write_text(event.read_text("utf-8") + "language: zh-CN\n", "utf-8")
    output = build_site(site, site / "output")
    server = serve(output)
    browser.get(server.origin + "/search/")
    # 根本 in the middle of 版权是出版的根本: an English index holds that line as one word.
    urls = browser.execute_async_script(SEARCH_ALL, "根本")
    assert isinstance(urls, list), urls
    found = {url.split("#", 1)[1] for url in urls if "#" in url}
    expected = turns_containing(output, "根本", "2024-panel")
    assert expected and expected <= found


def test_the_index_language_is_the_sites_unless_an_event_needs_segmenting() -> None:
    assert index_language("zh-CN") == "zh"
    assert index_language("en", ["en", "en-GB"]) == "en"
    assert index_language("en", ["en", "zh-CN"]) == "zh"
    assert index_language("en-US", ["ja"]) == "ja"
    assert index_language("zh-TW", ["en"]) == "zh"


@pytest.mark.browser
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


@pytest.mark.browser
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
    # The link fills the field in, and applies the filter without fetching the filters' values.
    assert browser.find_element(By.ID, "filter-speaker").get_attribute("value") == "姜涛"
    assert not fetched_filters(browser)


@pytest.mark.browser
def test_a_speaker_filter_alone_lists_every_turn_of_theirs(seed_site: Path, serve, browser) -> None:
    """No query: the results are the speaker's turns (each leading to it, with its opening
    words), not the pages they appear on."""
    server = serve(seed_site)
    browser.get(server.origin + "/search/?speaker=姜涛")
    found = WebDriverWait(browser, 15).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results .search-result a[href*='#']")
    )
    turns = {t["id"]: t["text"] for t in event_data(seed_site)[0]["turns"]}
    hrefs = {a.get_attribute("href").split("#")[1] for a in found}
    assert hrefs == {t for t in turns if t.startswith("jiang-tao-")}
    for result in browser.find_elements(By.CSS_SELECTOR, "#search-results .search-result"):
        href = result.find_element(By.TAG_NAME, "a").get_attribute("href")
        excerpt = result.find_element(By.CLASS_NAME, "search-result__excerpt").text
        if "#" in href:  # the turn's own words, not the page's first lines or the name
            words = excerpt.rstrip("…").strip()
            assert words and turns[href.split("#")[1]].replace("\n", " ").startswith(words[:20])


@pytest.mark.browser
def test_an_event_filter_alone_lists_its_turns_not_its_sections(
    seed_site: Path, serve, browser
) -> None:
    """The event page's sections (导语, 嘉宾) are not turns: it is one page hit."""
    server = serve(seed_site)
    event = event_data(seed_site)[0]
    browser.get(server.origin + "/search/?" + urlencode({"event": event["title"]}))
    found = WebDriverWait(browser, 15).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results .search-result > h2 a")
    )
    titles = [a.text for a in found]
    speakers = {s["name"] for s in event["speakers"]}
    assert titles.count(event["title"]) == 1  # the event page itself
    assert set(titles) - {event["title"]} <= speakers
    assert len(titles) > 10


@pytest.mark.browser
def test_marks_inside_a_word_are_one_mark(seed_site: Path, serve, browser) -> None:
    server = serve(seed_site)
    browser.get(server.origin + "/search/?q=大模型")
    excerpts = WebDriverWait(browser, 15).until(
        lambda d: d.find_elements(By.CLASS_NAME, "search-result__excerpt")
    )
    html = [e.get_attribute("innerHTML") for e in excerpts]
    assert any("<mark>" in h for h in html)
    assert not any("</mark><mark>" in h for h in html)
    assert not any(h.startswith(". ") for h in html)


@pytest.mark.browser
def test_a_site_built_without_its_index_says_search_is_unavailable(
    mini_site: Path, tmp_path: Path, serve, browser
) -> None:
    shutil.copytree(mini_site, tmp_path / "site")
    shutil.rmtree(tmp_path / "site" / "pagefind")
    server = serve(tmp_path / "site")
    browser.get(server.origin + "/search/?q=鸬鹚")
    status = browser.find_element(By.ID, "search-status")
    unavailable = load_config(FIXTURES / "mini").strings["search_unavailable"]
    # Before, it said "searching…" for ever.
    WebDriverWait(browser, 15).until(lambda d: status.text == unavailable)


def test_decoration_and_links_to_other_pages_are_not_indexed(seed_site: Path) -> None:
    """Avatars' initials (量子位 -> 子位) and a theme page's line naming its event came back
    in excerpts and matched queries (海淀 found every theme page)."""
    pages = {p: p.read_text("utf-8") for p in seed_site.rglob("*.html")}
    avatars = [
        t for html in pages.values() for t in re.findall(r"<span class=\"avatar[^>]*>", html)
    ]
    eyebrows = [t for html in pages.values() for t in re.findall(r"<p class=\"eyebrow[^>]*>", html)]
    assert avatars and eyebrows
    assert all("data-pagefind-ignore" in tag for tag in avatars + eyebrows)


# --- Filters: no values in the page, a JSON file of them fetched on first use --------------------


def fetched_filters(browser) -> list[str]:
    """The filters' values files the page has fetched so far."""
    names = browser.execute_script(
        "return performance.getEntriesByType('resource').map((e) => e.name)"
    )
    return [n for n in names if urlsplit(n).path.endswith("/search/filters.json")]


def read_filters(site: Path) -> dict[str, list[str]]:
    return json.loads((site / "search" / "filters.json").read_text("utf-8"))


def event_data(site: Path) -> list[dict]:
    return [json.loads(p.read_text("utf-8")) for p in sorted(site.glob("events/*/event.json"))]


@pytest.mark.parametrize("name", ["seed_site", "mini_site"])
def test_search_page_carries_no_option_lists(name: str, request: pytest.FixtureRequest) -> None:
    site = request.getfixturevalue(name)
    html = (site / "search" / "index.html").read_text("utf-8")
    assert not re.search(r"<(select|option|datalist)\b", html)
    for event in event_data(site):  # no value of a filter is in the page
        assert event["title"] not in html
        for speaker in event["speakers"]:
            assert f">{speaker['name']}<" not in html and f'"{speaker["name"]}"' not in html
        for theme in event["themes"]:
            assert theme["title"] not in html
    for key in FILTERS:  # each filter is a labelled text field that controls its suggestions
        field = re.search(rf'<input id="filter-{key}"[^>]*>', html)
        assert field, key
        assert 'role="combobox"' in field[0] and f'aria-controls="filter-{key}-list"' in field[0]
        assert f'<label id="filter-{key}-label" for="filter-{key}">' in html
        assert f'id="filter-{key}-list" role="listbox"' in html
    # The script finds the values beside the page, by a relative link; no inline script.
    assert 'data-filters="filters.json"' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


@pytest.mark.parametrize("name", ["seed_site", "mini_site"])
def test_filters_json_lists_every_speaker_event_and_theme(
    name: str, request: pytest.FixtureRequest
) -> None:
    site = request.getfixturevalue(name)
    filters = read_filters(site)
    events = event_data(site)
    assert set(filters) == set(FILTERS)
    assert set(filters["event"]) == {e["title"] for e in events}
    assert set(filters["theme"]) == {t["title"] for e in events for t in e["themes"]}
    assert set(filters["speaker"]) == {s["name"] for e in events for s in e["speakers"]}
    for key, values in filters.items():
        assert len(values) == len(set(values)), f"{key} repeats a value"
    # Written like every data file: keys sorted, indented, UTF-8.
    text = json.dumps(filters, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert (site / "search" / "filters.json").read_text("utf-8") == text


def test_filters_json_is_the_same_for_the_same_archive(tmp_path: Path, mini_site: Path) -> None:
    again = build_site(FIXTURES / "mini", tmp_path / "again", search=False)
    assert (again / "search/filters.json").read_bytes() == (
        mini_site / "search/filters.json"
    ).read_bytes()


# A theme title of a real panel's length (30 characters): many of them weigh.
TITLE = "生成式人工智能时代的内容生产、版权保护与平台责任"


def add_themed_events(site: Path, events: int, themes: int) -> None:
    """`events` events of `themes` themes each, a guest and a host per event."""
    for n in range(events):
        folder = site / "content/events" / f"2025-big{n}"
        folder.mkdir(parents=True)
        (folder / "event.yaml").write_text(
            f"title: 第{n}场内容产业沙龙\ndate: '2025-03-01'\nspeakers:\n  - name: 嘉宾{n}\n"
            f"  - name: 主持{n}\n    moderator: true\n",
            "utf-8",
        )
        body = "".join(
            f"## 第{n}场议题{t}：{TITLE}\n\n**主持{n}：** 问题？\n\n**嘉宾{n}：** 回答。\n\n"
            for t in range(themes)
        )
        (folder / "transcript.md").write_text(body, "utf-8")


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini archive plus 80 events of five themes each (400 themes, 160 more people)."""
    source = copy_site(FIXTURES / "mini", tmp_path_factory.mktemp("big") / "site")
    add_themed_events(source, events=80, themes=5)
    return build_site(source, source / "output", search=False)


def test_search_page_weight_does_not_grow_with_the_archive(big_site: Path, mini_site: Path) -> None:
    filters = read_filters(big_site)
    assert len(filters["theme"]) == 400 + len(read_filters(mini_site)["theme"])
    assert len(filters["speaker"]) == 160 + len(read_filters(mini_site)["speaker"])
    page = (big_site / "search" / "index.html").read_bytes()
    assert len(page) < PAGE_BUDGET  # uncompressed, let alone compressed
    # Not a byte more than for a one-event archive: the page shows none of the values.
    assert page == (mini_site / "search" / "index.html").read_bytes()
    assert filters["theme"][0].encode() not in page


# --- Filters in the browser ----------------------------------------------------------------------


def wait(browser, timeout: float = 15) -> WebDriverWait:
    # Results are replaced as filters change: an element found a moment ago may be gone.
    return WebDriverWait(browser, timeout, ignored_exceptions=(StaleElementReferenceException,))


def results(browser) -> list[tuple[str, str]]:
    """(speaker, theme) of each result shown."""
    return [
        (r.find_element(By.TAG_NAME, "a").text, r.find_element(By.CSS_SELECTOR, ".meta a").text)
        for r in browser.find_elements(By.CSS_SELECTOR, "#search-results .search-result")
    ]


def suggestions(browser, key: str) -> list:
    listbox = browser.find_element(By.ID, f"filter-{key}-list")
    wait(browser, 10).until(lambda d: listbox.is_displayed())
    return listbox.find_elements(By.CSS_SELECTOR, "[role=option]")


def query(browser) -> dict[str, list[str]]:
    return parse_qs(urlsplit(browser.current_url).query)


def open_search(browser, url: str) -> list[tuple[str, str]]:
    browser.get(url)
    return wait(browser).until(lambda d: results(d))


@pytest.mark.browser
def test_filter_values_are_fetched_on_first_use_only(seed_site: Path, serve, browser) -> None:
    server = serve(seed_site)
    open_search(browser, server.origin + "/search/?q=版权")
    time.sleep(0.3)  # anything the page would fetch by itself has been asked for by now
    assert fetched_filters(browser) == []
    browser.find_element(By.ID, "filter-event").click()
    wait(browser, 10).until(lambda d: fetched_filters(d))
    browser.find_element(By.ID, "filter-theme").click()
    assert suggestions(browser, "theme")
    assert len(fetched_filters(browser)) == 1  # once for every filter


@pytest.mark.browser
def test_reader_picks_a_speaker_suggestion_and_results_narrow(
    seed_site: Path, serve, browser
) -> None:
    server = serve(seed_site)
    before = open_search(browser, server.origin + "/search/?q=版权")
    assert len({speaker for speaker, _ in before}) > 1
    field = browser.find_element(By.ID, "filter-speaker")
    field.click()
    field.send_keys("姜")
    options = wait(browser).until(lambda d: suggestions(d, "speaker"))
    names = [o.text for o in options]
    assert "姜涛" in names and all("姜" in name for name in names), names
    assert field.get_attribute("aria-expanded") == "true"
    options[names.index("姜涛")].click()
    wait(browser).until(lambda d: results(d) and {s for s, _ in results(d)} == {"姜涛"})
    assert field.get_attribute("value") == "姜涛"
    assert field.get_attribute("aria-expanded") == "false"
    assert query(browser) == {"q": ["版权"], "speaker": ["姜涛"]}  # the search can be shared
    # Emptying the field lifts the filter.
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.BACKSPACE)
    wait(browser).until(lambda d: len({s for s, _ in results(d)}) > 1)
    assert query(browser) == {"q": ["版权"]}


@pytest.mark.browser
def test_keyboard_alone_picks_a_theme(seed_site: Path, serve, browser) -> None:
    data = json.loads((seed_site / "events" / SEED_EVENT / "event.json").read_text("utf-8"))
    themes = [t["theme"] for t in data["turns"] if "创作者" in t["text"] and t["theme"]]
    theme = themes[-1]  # the word is said under several themes; pick the last one
    server = serve(seed_site)
    before = open_search(browser, server.origin + "/search/?q=创作者")
    assert theme in {t for _, t in before} != {theme}
    field = browser.find_element(By.ID, "filter-theme")
    field.click()
    field.send_keys(theme[:2])
    wait(browser).until(lambda d: suggestions(d, "theme"))
    for _ in range(10):  # down the suggestions to the theme
        field.send_keys(Keys.ARROW_DOWN)
        active = browser.find_element(By.ID, field.get_attribute("aria-activedescendant"))
        assert active.get_attribute("aria-selected") == "true"
        if active.text == theme:
            break
    field.send_keys(Keys.ENTER)
    wait(browser).until(lambda d: results(d) and {t for _, t in results(d)} == {theme})
    assert field.get_attribute("value") == theme
    assert query(browser)["theme"] == [theme]


@pytest.mark.browser
def test_an_unknown_value_is_not_applied_and_the_hint_says_so(
    seed_site: Path, serve, browser
) -> None:
    server = serve(seed_site)
    before = open_search(browser, server.origin + "/search/?q=版权")
    field = browser.find_element(By.ID, "filter-event")
    field.click()
    wait(browser, 10).until(lambda d: fetched_filters(d))
    field.send_keys("没有这场活动")
    field.send_keys(Keys.TAB)
    hint = browser.find_element(By.ID, "filter-event-hint")
    wait(browser, 10).until(lambda d: "没有这场活动" in hint.text)
    assert hint.is_displayed() and "未按它筛选" in hint.text
    assert field.get_attribute("aria-describedby") == "filter-event-hint"
    # Applied, the filter would have emptied the results (at once, before searching again).
    wait(browser, 5).until(lambda d: results(d) == before)
    assert query(browser) == {"q": ["版权"]}
    # A typed exact value applies at once, and the hint goes.
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys("另一场")
    field.send_keys(Keys.CONTROL, "a")
    title = read_filters(seed_site)["event"][0]
    field.send_keys(title)
    wait(browser).until(lambda d: query(d).get("event") == [title])
    assert hint.text == ""


@pytest.mark.browser
def test_open_suggestions_pass_axe(seed_site: Path, serve, browser) -> None:
    server = serve(seed_site)
    open_search(browser, server.origin + "/search/?q=版权")
    field = browser.find_element(By.ID, "filter-speaker")
    field.click()  # on an empty field: the first values, once they have arrived
    assert len(suggestions(browser, "speaker")) > 1
    field.send_keys(Keys.ARROW_DOWN)
    assert field.get_attribute("aria-activedescendant") == "filter-speaker-list-0"
    browser.execute_script(AXE.read_text("utf-8"))
    violations = browser.execute_async_script(RUN_AXE)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, json.dumps(serious, ensure_ascii=False, indent=1)
    field.send_keys(Keys.ESCAPE)  # closes the suggestions, keeps the text
    assert not browser.find_element(By.ID, "filter-speaker-list").is_displayed()


@pytest.fixture(scope="module")
def sub_path_host(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The host's folder, with the mini archive built for /archive/ into srv/archive/."""
    srv = tmp_path_factory.mktemp("srv")
    build_site(FIXTURES / "mini", srv / "archive", base_url="/archive/")
    return srv


@pytest.mark.browser
def test_filters_work_under_a_sub_path(sub_path_host: Path, serve, browser) -> None:
    server = serve(sub_path_host)
    open_search(browser, server.origin + "/archive/search/?q=版权")
    field = browser.find_element(By.ID, "filter-speaker")
    field.click()
    field.send_keys("王")
    options = wait(browser).until(lambda d: suggestions(d, "speaker"))
    assert [o.text for o in options] == ["王小明"]
    options[0].click()
    wait(browser).until(lambda d: results(d) and {s for s, _ in results(d)} == {"王小明"})
    assert [urlsplit(u).path for u in fetched_filters(browser)] == ["/archive/search/filters.json"]
    assert urlsplit(browser.current_url).path == "/archive/search/"
    hrefs = [
        a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, ".search-result a")
    ]
    assert all(urlsplit(h).path.startswith("/archive/events/") for h in hrefs), hrefs


@pytest.mark.browser
def test_suggestions_show_markup_as_text(tmp_path: Path, serve, browser) -> None:
    site = build_site(FIXTURES / "hostile", tmp_path / "hostile", search=False)
    server = serve(site)
    browser.get(server.origin + "/search/")
    field = browser.find_element(By.ID, "filter-event")
    field.click()
    field.send_keys("<")
    options = wait(browser).until(lambda d: suggestions(d, "event"))
    assert [o.text for o in options] == ['<script>window.__pwned = "title"</script>恶意标题']
    speaker = browser.find_element(By.ID, "filter-speaker")
    speaker.click()
    speaker.send_keys("<img")
    assert wait(browser).until(lambda d: suggestions(d, "speaker"))[0].text.startswith("<img")
    assert browser.execute_script("return window.__pwned || null") is None


@pytest.mark.browser
def test_suggestions_stay_few_in_a_large_archive(big_site: Path, serve, browser) -> None:
    server = serve(big_site)
    browser.get(server.origin + "/search/")
    field = browser.find_element(By.ID, "filter-theme")
    field.click()
    field.send_keys("议题")
    options = wait(browser).until(lambda d: suggestions(d, "theme"))
    assert len(options) == 10  # of 400 themes: the first ten, and how many more there are
    hint = browser.find_element(By.ID, "filter-theme-hint")
    assert hint.text == "另有 390 项，请继续输入以缩小范围"
    field.send_keys("3：")  # 第N场议题3： narrows to the 80 events' third themes, then to one
    wait(browser).until(lambda d: "另有 70 项" in hint.text)
    field.send_keys(Keys.HOME, "第42场")
    options = wait(browser).until(
        lambda d: len(suggestions(d, "theme")) == 1 and suggestions(d, "theme")
    )
    assert options[0].text == f"第42场议题3：{TITLE}"
    assert hint.text == ""


@pytest.fixture(scope="module")
def alias_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini site (王小明 at a 2024 panel), then 王小明 as "Wang Xiaoming" at a themed
    event, and at an event without themes (its turns are searched on the event page)."""
    from test_serve_plan import add_event

    site = copy_site(FIXTURES / "mini", tmp_path_factory.mktemp("alias") / "site")
    speakers = "  - name: Wang Xiaoming\n    aliases: [王小明]\n  - name: 简\n"
    add_event(
        site,
        "2025-alias",
        "2025-02-01",
        speakers,
        "## 出版\n\n**Wang Xiaoming:** 鸬鹚会捕鱼。\n\n**简：** 鸬鹚也会。\n",
    )
    add_event(site, "2025-plain", "2025-03-01", speakers, "**Wang Xiaoming:** 鹈鹕很大。\n")
    return build_site(site, site / "output")


@pytest.mark.browser
@pytest.mark.parametrize("word", ["鸬鹚", "鹈鹕"], ids=["theme-page", "event-without-themes"])
def test_speaker_filter_finds_turns_said_under_another_name(
    alias_site: Path, serve, browser, word: str
) -> None:
    """Filtering by the person finds the turns shown under the name they used at that event,
    and only theirs; on theme pages and on the page of an event without themes alike."""
    server = serve(alias_site)
    found = open_search(browser, server.origin + f"/search/?q={word}&speaker=王小明")
    assert [speaker for speaker, _ in found] == ["Wang Xiaoming"], found
    open_search(browser, server.origin + f"/search/?q={word}")  # unfiltered: both speakers
    assert {speaker for speaker, _ in results(browser)} >= {"Wang Xiaoming"}
    browser.get(server.origin + f"/search/?q={word}&speaker=Jane Doe")
    time.sleep(1.0)  # Jane Doe never said it: nothing comes
    assert results(browser) == []
