"""The reader's experience: every page type, phone and desktop, light and dark, in Chromium.

axe-core comes from the npm registry (`make npm`, pinned in package-lock.json); the browser runs
with performance logging so that every request a page makes can be checked.
"""

from __future__ import annotations

import gzip
import itertools
import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import FIXTURES, REPO, StaticServer, build_site, copy_site
from htmltools import read_page
from screenshots import PAGES, WIDTHS, emulate
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from generator.chromium import Chromium
from generator.markup import MarkdownRenderer
from generator.textstats import counts, reading_minutes, text_length

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PAGE_BUDGET = 60 * 1024  # HTML + CSS + JS of one page, gzip-compressed (Pagefind's files aside)
SCHEMES = ("light", "dark")

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ["violations"]}).then(
  (r) => done(r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " — " + n.failureSummary)}))),
  (e) => done([{id: "axe-error", impact: "critical", help: String(e), nodes: []}]));
"""


# --- Pure checks: Markdown and lengths for Chinese and English --------------------------------


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("**“可灵”**是一个产品", "<strong>“可灵”</strong>是一个产品"),
        ("这是*重点*，对吧", "这是<em>重点</em>，对吧"),
        ("（**重点**）和", "（<strong>重点</strong>）和"),
        ("第一行\n第二行", "第一行第二行"),  # no stray space where the source line breaks
        ("AI已经\n帮别人", "AI已经帮别人"),
        ("English line\nnext line", "English line\nnext line"),  # English keeps its space
    ],
)
def test_markdown_is_right_for_chinese(source: str, html: str) -> None:
    assert MarkdownRenderer().html(source) == f"<p>{html}</p>"


def test_lengths_count_characters_for_chinese_and_words_for_english() -> None:
    assert text_length("版权是出版的根本。") == 8
    assert text_length("Copyright matters for every publisher.") == 5
    assert reading_minutes(*counts("字" * 800)) == 2  # about 400 characters a minute
    assert reading_minutes(*counts("word " * 440)) == 2  # about 220 words a minute


# --- The built pages, without a browser ---------------------------------------------------------


def _html_file(site: Path, path: str) -> Path:
    path = path.split("?", 1)[0]
    return site / path if path.endswith(".html") else site / path / "index.html"


@pytest.mark.parametrize("kind", PAGES)
def test_page_weight_is_under_budget(seed_site: Path, kind: str) -> None:
    html_file = _html_file(seed_site, PAGES[kind])
    page = read_page(html_file)
    total = len(gzip.compress(html_file.read_bytes(), 9))
    for asset in page.assets:
        if asset.endswith((".css", ".js")) and "pagefind/" not in asset:
            target = (html_file.parent / asset).resolve() if not asset.startswith("/") else None
            target = target or seed_site / asset.lstrip("/")
            total += len(gzip.compress(target.read_bytes(), 9))
    assert total < PAGE_BUDGET, f"{kind}: {total / 1024:.1f} KB compressed"


@pytest.mark.parametrize("kind", PAGES)
def test_pages_have_landmarks_skip_link_and_ordered_headings(seed_site: Path, kind: str) -> None:
    html = _html_file(seed_site, PAGES[kind]).read_text("utf-8")
    assert re.search(r'<html lang="zh-CN"', html)
    assert re.search(r'<a class="skip-link" href="#main"', html)
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html
    levels = [int(n) for n in re.findall(r"<h([1-6])[ >]", html)]
    assert levels.count(1) == 1, f"{kind}: one h1 per page"
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, f"{kind}: heading h{before} followed by h{after}"


@pytest.fixture(scope="module")
def english_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini fixture plus an English event, in a Chinese archive."""
    root = copy_site(FIXTURES / "mini", tmp_path_factory.mktemp("english") / "src")
    event = root / "content" / "events" / "2024-london-talk"
    event.mkdir(parents=True)
    (event / "event.yaml").write_text(
        "title: Publishing after AI\ndate: '2024-09-01'\nlanguage: en\nplace: London\n"
        "speakers:\n  - name: Jane Doe\n    role: Editor, Example Press\n"
        "  - name: Host\n    moderator: true\n",
        "utf-8",
    )
    (event / "transcript.md").write_text(
        "A talk about books and machines.\n\n## Rights\n\n**Host:** What changes?\n\n"
        "**Jane Doe:** Every contract we sign\nnow mentions training data.\n",
        "utf-8",
    )
    return build_site(root, tmp_path_factory.mktemp("english") / "output", search=False)


def test_english_passages_carry_their_language(english_site: Path) -> None:
    event = (english_site / "events" / "2024-london-talk" / "index.html").read_text("utf-8")
    assert '<html lang="zh-CN"' in event  # the site's own words stay Chinese
    assert '<h1 data-pagefind-meta="title" lang="en">Publishing after AI</h1>' in event
    assert re.search(r'<article class="turn" lang="en">', event)
    assert '<p class="turn__tools" data-pagefind-ignore lang="zh-CN">' in event
    assert "Every contract we sign\nnow mentions training data." in event  # English keeps spaces
    assert re.search(r"\d+ 词", event)  # English is counted in words
    speaker = (english_site / "speakers" / "jane-doe" / "index.html").read_text("utf-8")
    assert re.search(r'<h2 id="event-2024-london-talk" lang="en">', speaker)
    assert re.search(r'<article class="turn" lang="en">', speaker)
    chinese = (english_site / "events" / "2024-panel" / "index.html").read_text("utf-8")
    assert 'lang="en"' not in chinese
    home = (english_site / "index.html").read_text("utf-8")
    assert '<h3 class="card__title" lang="en"><a href="events/2024-london-talk/">' in home


# --- In the browser -----------------------------------------------------------------------------


# Chromium's own background calls (sign-in, updates), which no page of ours makes.
_BROWSER_SERVICES = re.compile(r"^CONNECT [\w.-]+\.(google\.com|googleapis\.com|gvt1\.com):443$")


class _Outside(BaseHTTPRequestHandler):
    """A proxy for every non-loopback request of the browser: it records them and refuses them.

    Chromium never proxies loopback, so this sees exactly the requests that would leave the
    machine, from the page, its workers (Pagefind's) and the browser alike.
    """

    seen: ClassVar[list[str]] = []

    def _refuse(self) -> None:
        self.seen.append(f"{self.command} {self.path}")
        self.send_error(403)

    do_GET = do_POST = do_HEAD = do_PUT = do_OPTIONS = do_CONNECT = _refuse

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def outside() -> Iterator[ThreadingHTTPServer]:
    proxy = ThreadingHTTPServer(("127.0.0.1", 0), _Outside)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        yield proxy
    finally:
        proxy.shutdown()
        proxy.server_close()


@pytest.fixture(scope="module")
def reader(outside: ThreadingHTTPServer) -> Iterator[object]:
    """Headless Chromium that logs its network events (conftest's browser does not) and sends
    anything not for 127.0.0.1 to the `outside` recorder."""
    assert AXE.is_file(), "axe-core is missing: run `make npm` (npm ci)"
    chromium = Chromium(
        f"--proxy-server=http://127.0.0.1:{outside.server_address[1]}",
        capabilities={"goog:loggingPrefs": {"performance": "ALL"}},
        script_timeout=60,
    )
    try:
        yield chromium.driver
    finally:
        chromium.close()


@pytest.fixture(scope="module")
def origin(seed_site: Path) -> Iterator[str]:
    with StaticServer(seed_site) as server:
        yield server.origin


def _open(driver, origin: str, kind: str, width: int, scheme: str = "light") -> None:
    emulate(driver, width, scheme)
    driver.get_log("performance")  # drop what earlier pages logged
    _Outside.seen.clear()
    driver.get(f"{origin}/{PAGES[kind]}")
    if kind == "search":
        WebDriverWait(driver, 20).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results .search-result")
        )


def _requests(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("kind", PAGES)
def test_page_fits_the_screen_and_stays_local(reader, origin: str, kind: str, width: int) -> None:
    _open(reader, origin, kind, width)
    overflow = reader.execute_script(
        "const e = document.documentElement; return [e.scrollWidth, e.clientWidth];"
    )
    assert overflow[0] <= overflow[1], f"{kind} at {width}px scrolls sideways: {overflow}"
    requests = _requests(reader)
    assert requests, "no network events were logged"
    elsewhere = [u for u in requests if not u.startswith((origin + "/", "data:", "blob:"))]
    assert not elsewhere, f"{kind} requested {elsewhere}"
    if kind == "search":  # Pagefind's worker fetches the index: wait for it to finish
        reader.execute_script("return new Promise((done) => setTimeout(done, 300))")
    left = [r for r in _Outside.seen if not _BROWSER_SERVICES.search(r)]
    assert not left, f"{kind}: the browser tried to leave 127.0.0.1: {left}"
    resources = reader.execute_script(
        "return performance.getEntriesByType('resource').map((e) => e.name)"
    )
    assert all(u.startswith(origin + "/") for u in resources), resources


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("kind", PAGES)
def test_axe_finds_no_serious_violations(
    reader, origin: str, kind: str, width: int, scheme: str
) -> None:
    _open(reader, origin, kind, width, scheme)
    reader.execute_script(AXE.read_text("utf-8"))
    violations = reader.execute_async_script(RUN_AXE)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, json.dumps(serious, ensure_ascii=False, indent=1)


@pytest.mark.browser
def test_arriving_on_a_turn_highlights_it_and_its_link_copies(reader, origin: str) -> None:
    emulate(reader, 375)
    path = PAGES["event"]
    reader.get(f"{origin}/{path}")
    turn_id = reader.execute_script("return document.querySelector('.turn__speaker').id")
    reader.get(f"{origin}/{path}#{turn_id}")
    turn = reader.find_element(By.ID, turn_id).find_element(By.XPATH, "./ancestor::article[1]")
    assert reader.execute_script("return arguments[0].matches('.turn:has(:target)')", turn)
    permalink = turn.find_element(By.CSS_SELECTOR, "[data-copy-link]")
    assert permalink.get_attribute("href").endswith(f"#{turn_id}")


@pytest.mark.browser
def test_slash_key_focuses_the_search_box(reader, origin: str) -> None:
    emulate(reader, 1280)
    reader.get(f"{origin}/{PAGES['event']}")
    reader.find_element(By.TAG_NAME, "body").send_keys("/")
    assert reader.switch_to.active_element.get_attribute("type") == "search"


@pytest.mark.browser
def test_pages_read_without_javascript(reader, origin: str) -> None:
    reader.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        emulate(reader, 375)
        reader.get(f"{origin}/{PAGES['theme']}")
        assert reader.find_elements(By.CSS_SELECTOR, "article.turn")
        reader.get(f"{origin}/{PAGES['speaker']}")
        details = reader.find_element(By.CSS_SELECTOR, "details.turn__context")
        details.find_element(By.TAG_NAME, "summary").click()  # questions open without scripts
        assert details.get_attribute("open") is not None
    finally:
        reader.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
