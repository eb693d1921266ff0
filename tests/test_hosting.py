"""Hosting anywhere: the built site crawled over HTTP at a root and under a sub-path, search in a
browser there, `generator check`, and what crawlers and feed readers read (sitemap, feed, robots,
canonical URLs, Open Graph tags)."""

from __future__ import annotations

import functools
import hashlib
import json
import re
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import FIXTURES, REPO, SEED_EVENT, build_site, copy_site
from htmltools import Page, read_page

from generator.check import Problem, check_site, resolve
from generator.config import load_config, normalise_base_url
from generator.errors import SiteError

SUB_PATH = "/archive/2025/"
ORIGIN = "https://example.org"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
EVENT = f"events/{SEED_EVENT}/"
GENERATOR = (sys.executable, "-m", "generator")


# --- a static host on 127.0.0.1 that, like GitHub Pages and Netlify, answers a missing URL with
# the site's 404.html ---------------------------------------------------------------------------


class _HostHandler(SimpleHTTPRequestHandler):
    not_found_page: Path | None = None

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or self.not_found_page is None or not self.not_found_page.is_file():
            super().send_error(code, message, explain)
            return
        body = self.not_found_page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class Host:
    def __init__(self, folder: Path, not_found_page: Path) -> None:
        handler_class = type("Handler", (_HostHandler,), {"not_found_page": not_found_page})
        handler = functools.partial(handler_class, directory=str(folder))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        host, port = self.httpd.server_address[:2]
        self.origin = f"http://{host}:{port}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def sub_path_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The host's folder: the seed built with --base-url /archive/2025/ into srv/archive/2025/."""
    srv = tmp_path_factory.mktemp("srv")
    output = srv / SUB_PATH.strip("/")
    result = subprocess.run(
        [*GENERATOR, "--root", str(REPO), "build", "--base-url", SUB_PATH, "--output", str(output)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return srv


@pytest.fixture(scope="module")
def full_url_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed built for https://example.org/archive/2025/: with sitemap.xml and feed.xml."""
    return build_site(REPO, tmp_path_factory.mktemp("full") / "out", ORIGIN + SUB_PATH)


@pytest.fixture(params=["sub-path", "root"])
def hosted(request, sub_path_root: Path, seed_site: Path) -> Iterator[tuple[Host, str, Path]]:
    """(host, base path, output folder) for the seed under /archive/2025/ and at the root."""
    if request.param == "root":
        folder, base, output = seed_site, "/", seed_site
    else:
        folder, base, output = sub_path_root, SUB_PATH, sub_path_root / SUB_PATH.strip("/")
    host = Host(folder, output / "404.html")
    yield host, base, output
    host.close()


# --- crawling over HTTP --------------------------------------------------------------------------


def fetch(url: str) -> tuple[int, bytes, str]:
    """(status, body, final URL) of a GET, following redirects as browsers do."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.url
    except urllib.error.HTTPError as error:
        return error.code, error.read(), url


def references(html: str) -> tuple[list[str], list[str], list[str]]:
    """(links to follow, assets to fetch, ids) of a page, read by the tests' own parser."""
    page = Page(html)
    links = list(page.links)
    links += [str(a["action"]) for tag, a in page.with_attr("action") if tag == "form"]
    assets = list(page.assets) + ([page.canonical] if page.canonical else [])
    # The search page names Pagefind's bundle folder for its script to import pagefind.js from.
    assets += [str(a["data-bundle"]) + "pagefind.js" for _, a in page.with_attr("data-bundle")]
    return links, assets, page.ids


def crawl(origin: str, base: str, start: str) -> tuple[dict[str, list[str]], list[str]]:
    """Every page reachable from `start`: (ids per page URL, problems found on the way)."""
    ids: dict[str, list[str]] = {}
    anchors: list[tuple[str, str, str]] = []
    problems: list[str] = []
    queue, seen = [start], {start}
    fetched: dict[str, int] = {}
    while queue:
        url = queue.pop(0)
        status, body, final = fetch(url)
        if status != 200:
            problems.append(f"{url}: HTTP {status}")
            continue
        links, assets, ids[url] = references(body.decode("utf-8"))
        for ref in links + assets:
            target = urljoin(final, ref)
            parts = urlsplit(target)
            if f"{parts.scheme}://{parts.netloc}" != origin:
                continue  # another site: the article's source, a speaker's homepage
            if not parts.path.startswith(base):
                problems.append(f"{url}: {ref} leaves the base path {base}")
                continue
            document = parts._replace(query="", fragment="").geturl()
            if parts.fragment:
                anchors.append((url, ref, document + "#" + unquote(parts.fragment)))
            if ref in links and document.endswith("/") and document not in seen:
                seen.add(document)
                queue.append(document)
            elif document not in fetched:
                fetched[document] = fetch(document)[0]
            if document in fetched and fetched[document] != 200:
                problems.append(f"{url}: {ref} answers HTTP {fetched[document]}")
    for url, ref, target in anchors:
        document, fragment = target.split("#", 1)
        if document not in ids:
            status, body, _ = fetch(document)
            ids[document] = references(body.decode("utf-8"))[2] if status == 200 else []
        if fragment not in ids[document]:
            problems.append(f"{url}: {ref} has no anchor #{fragment}")
    return ids, problems


def test_every_link_asset_and_anchor_answers_over_http(hosted) -> None:
    host, base, _ = hosted
    pages, problems = crawl(host.origin, base, host.origin + base)
    assert problems == []
    # The crawl reached every kind of page from the home page.
    paths = {urlsplit(url).path[len(base) :] for url in pages}
    for path in ("", "events/", EVENT, "speakers/", "speakers/cai-xiongshan/", "themes/"):
        assert path in paths
    assert "search/" in paths
    assert sum(1 for p in paths if p.startswith(EVENT) and p != EVENT) == 5  # theme pages


def test_not_found_page_works_at_a_deep_missing_url(hosted) -> None:
    host, base, _ = hosted
    missing = host.origin + base + "no/such/page/here/"
    status, body, _ = fetch(missing)
    assert status == 404 and "<h1>" in body.decode("utf-8")
    links, assets, _ = references(body.decode("utf-8"))
    assert assets and links
    for ref in links + assets:
        target = urljoin(missing, ref)
        if ref.startswith("#") or urlsplit(target).netloc != urlsplit(host.origin).netloc:
            continue
        assert urlsplit(target).path.startswith(base), ref
        assert fetch(target.split("#")[0])[0] == 200, ref


def test_css_and_js_carry_a_content_hash(hosted) -> None:
    _, _, output = hosted
    static = sorted(p for p in (output / "static").rglob("*") if p.suffix in (".css", ".js"))
    assert static
    for path in static:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        assert path.name.split(".")[-2] == digest, path.name
    # And no page refers to a CSS or JS file of ours by any other name.
    for page in output.rglob("*.html"):
        for asset in read_page(page).assets:
            if asset.endswith((".css", ".js")) and "pagefind" not in asset:
                assert re.search(r"\.[0-9a-f]{10}\.(css|js)$", asset), (page, asset)


# --- search in a real browser, under the sub-path and at the root --------------------------------


@pytest.mark.browser
def test_search_finds_a_turn_and_leads_to_it(hosted, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    host, base, _ = hosted
    browser.get(host.origin + base + "search/")
    browser.find_element(By.ID, "search-input").send_keys("版权")
    results = WebDriverWait(browser, 15).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results .search-result a")
    )
    href = results[0].get_attribute("href")
    assert urlsplit(href).path.startswith(base + EVENT), href
    results[0].click()
    WebDriverWait(browser, 10).until(lambda d: "#" in d.current_url)
    assert urlsplit(browser.current_url).path.startswith(base)
    anchor = browser.current_url.split("#", 1)[1]
    turn = browser.find_element(By.ID, anchor).find_element(By.XPATH, "./ancestor::article[1]")
    assert "版权" in turn.text


@pytest.mark.browser
def test_not_found_page_is_styled_and_leads_home(hosted, browser) -> None:
    from selenium.webdriver.common.by import By

    host, base, _ = hosted
    browser.get(host.origin + base + "a/deep/missing/page")
    rules = browser.execute_script("return document.styleSheets[0].cssRules.length")
    assert rules > 0
    browser.find_element(By.CSS_SELECTOR, f'a[href="{base}"]').click()
    assert urlsplit(browser.current_url).path == base


# --- generator check -----------------------------------------------------------------------------


def test_check_passes_on_the_seed_at_the_root_and_under_a_sub_path(
    seed_site: Path, sub_path_root: Path, full_url_site: Path
) -> None:
    root = check_site(seed_site, "/")
    assert root.problems == () and root.pages > 10 and root.links > 100
    assert check_site(sub_path_root / SUB_PATH.strip("/"), SUB_PATH).problems == ()
    # With a full URL the canonical links, sitemap, feed and robots.txt are checked too.
    full = check_site(full_url_site, SUB_PATH, ORIGIN)
    assert full.problems == () and full.links > root.links


@pytest.fixture
def broken_site(mini_site: Path, tmp_path: Path) -> Path:
    """The mini fixture built at the root, ready to be damaged (a copy of the session's)."""
    return Path(shutil.copytree(mini_site, tmp_path / "out"))


def damage(site: Path, page: str, html: str) -> None:
    path = site / page
    text = path.read_text("utf-8")
    path.write_text(text.replace("</main>", html + "</main>", 1), "utf-8")


def test_check_finds_a_broken_link_and_a_missing_anchor(broken_site: Path) -> None:
    damage(
        broken_site,
        "events/2024-panel/index.html",
        '<a href="../../speakers/nobody/">x</a><a href="../../speakers/jane-doe/#nowhere">y</a>'
        '<a href="#also-nowhere">z</a><a href="#host-1">fine</a>',
    )
    report = check_site(broken_site, "/")
    page = "events/2024-panel/index.html"
    assert report.problems == (
        Problem(page, "#also-nowhere", f"no id `also-nowhere` on {page}"),
        Problem(
            page,
            "../../speakers/jane-doe/#nowhere",
            "no id `nowhere` on speakers/jane-doe/index.html",
        ),
        Problem(page, "../../speakers/nobody/", "no such file: speakers/nobody/index.html"),
    )
    assert report.errors == 3


def test_check_finds_links_that_leave_the_base_path(broken_site: Path, tmp_path: Path) -> None:
    # A relative link that climbs too high works by luck at a domain root (browsers clamp it)
    # and breaks under a sub-path: it is an error at the root too.
    damage(broken_site, "speakers/index.html", '<a href="../../events/">x</a>')
    problems = check_site(broken_site, "/").problems
    assert [(p.page, p.link, p.message) for p in problems] == [
        ("speakers/index.html", "../../events/", "climbs above the base path /")
    ]
    sub = build_site(FIXTURES / "mini", tmp_path / "srv/archive/2025", SUB_PATH)
    damage(sub, "themes/index.html", '<a href="/events/">x</a><img src="/archive/2025/x.png">')
    found = {(p.link, p.message) for p in check_site(sub, SUB_PATH).problems}
    assert found == {
        ("/events/", "points outside the base path /archive/2025/"),
        ("/archive/2025/x.png", "no such file: x.png"),
    }


def test_check_requires_absolute_links_on_the_not_found_page(broken_site: Path) -> None:
    damage(broken_site, "404.html", '<a href="events/">x</a><a href="/events/">fine</a>')
    problems = check_site(broken_site, "/").problems
    assert [p.link for p in problems] == ["events/"]
    assert "404.html is served at any missing address" in problems[0].message


def test_check_reports_a_folder_link_without_slash_as_a_warning(broken_site: Path) -> None:
    damage(broken_site, "index.html", '<a href="speakers">x</a>')
    report = check_site(broken_site, "/")
    assert [(p.link, p.warning) for p in report.problems] == [("speakers", True)]
    assert report.errors == 0


def test_check_command_reports_page_and_link_and_exits_1(broken_site: Path) -> None:
    damage(broken_site, "themes/index.html", '<link rel="stylesheet" href="../static/gone.css">')
    result = subprocess.run(
        [*GENERATOR, "--root", str(FIXTURES / "mini"), "check", str(broken_site)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "themes/index.html: ../static/gone.css — no such file: static/gone.css" in result.stdout
    assert "1 error" in result.stdout.splitlines()[-1]


def test_check_command_passes_and_names_the_base_path_it_needs(sub_path_root: Path) -> None:
    def check(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*GENERATOR, "--root", str(REPO), "check", *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    output = str(sub_path_root / SUB_PATH.strip("/"))
    passed = check(output, "--base-url", SUB_PATH)
    assert passed.returncode == 0, passed.stdout
    assert passed.stdout.strip().endswith("no problems")
    wrong = check(output)  # site.yaml's base_url is /
    assert wrong.returncode == 1
    assert f"check it with --base-url {SUB_PATH}" in wrong.stdout


@pytest.mark.parametrize(
    ("page", "ref", "expected"),
    [
        ("events/x/index.html", "../../speakers/a/#t", ("speakers/a/", "t", "")),
        ("events/x/index.html", "./", ("events/x/", "", "")),
        ("events/x/index.html", "..", ("events/", "", "")),
        ("events/x/index.html", "#top", ("events/x/index.html", "top", "")),
        ("index.html", "search/?q=%E7%89%88%E6%9D%83", ("search/", "", "")),
        ("index.html", "static/%E5%9B%BE.png", ("static/图.png", "", "")),
        ("index.html", "/archive/2025", ("", "", "")),
        ("index.html", "https://example.org/archive/2025/x/", ("x/", "", "")),
        ("index.html", "https://example.org/", (None, "", "")),  # the host's own main site
        ("index.html", "https://example.org/archive/2025x/", (None, "", "")),
        ("index.html", "https://example.org/archive/2025", ("", "", "")),
        ("index.html", "https://other.org/archive/2025/", (None, "", "")),
        ("index.html", "mailto:a@example.org", (None, "", "")),
        ("index.html", "../x/", ("", "", "climbs above the base path /archive/2025/")),
        ("index.html", "/x/", ("", "", "points outside the base path /archive/2025/")),
    ],
)
def test_resolve_maps_links_to_site_paths(page: str, ref: str, expected: tuple) -> None:
    target = resolve(page, ref, SUB_PATH, ORIGIN)
    assert (target.path, target.fragment, target.escapes) == expected


# --- base_url: a full URL or a path --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "origin", "path"),
    [
        ("https://example.org/archive/2025/", "https://example.org", "/archive/2025/"),
        ("https://example.org/archive/2025", "https://example.org", "/archive/2025/"),
        ("https://example.org", "https://example.org", "/"),
        ("http://127.0.0.1:8000/a/", "http://127.0.0.1:8000", "/a/"),
        ("/archive/2025/", "", "/archive/2025/"),
        ("archive/2025", "", "/archive/2025/"),
        ("/", "", "/"),
    ],
)
def test_base_url_is_a_full_url_or_a_path(value: str, origin: str, path: str) -> None:
    assert normalise_base_url(value) == (origin, path)


def test_a_host_in_any_script_is_written_as_browsers_send_it() -> None:
    assert normalise_base_url("https://例子.中国/档案/") == (
        "https://xn--fsqu00a.xn--fiqs8s",
        "/档案/",
    )


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("example.org/archive/", "write https://example.org/archive/"),  # not a path
        ("https://example.org/a b/", "spaces"),
        ("ftp://example.org/", "full URL like"),
        ("/a/../b/", ". or .."),
        ("https://user@example.org/a/", "no user name"),
        ("https://exa mple.org/", "not a host name"),
        ("https://example.org:port/", "a port is a number"),
    ],
)
def test_a_base_url_that_cannot_be_meant_says_why(value: str, says: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=re.escape(says)):
        normalise_base_url(value)
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    with pytest.raises(SiteError) as error:
        load_config(site, base_url=value)
    assert says in str(error.value.hint)


def test_base_url_comes_from_site_yaml_unless_given(tmp_path: Path) -> None:
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    yaml = (site / "site.yaml").read_text("utf-8")
    yaml = re.sub(r"(?m)^base_url:.*$", f"base_url: {ORIGIN}/docs/archive", yaml)
    (site / "site.yaml").write_text(yaml, "utf-8")
    config = load_config(site)
    assert (config.origin, config.base_path) == (ORIGIN, "/docs/archive/")
    config = load_config(site, base_url="/elsewhere")
    assert (config.origin, config.base_path) == ("", "/elsewhere/")


# --- what crawlers and feed readers read ---------------------------------------------------------


def test_sitemap_lists_every_page_with_its_full_url(full_url_site: Path) -> None:
    root = ET.parse(full_url_site / "sitemap.xml").getroot()
    locs = [e.text for e in root.iter(SITEMAP + "loc")]
    assert locs[0] == ORIGIN + SUB_PATH
    assert all(loc and loc.startswith(ORIGIN + SUB_PATH) for loc in locs)
    paths = {loc[len(ORIGIN + SUB_PATH) :] for loc in locs if loc}
    pages = {
        p.relative_to(full_url_site).as_posix()[: -len("index.html")]
        for p in full_url_site.rglob("index.html")
    }
    assert paths == pages - {"search/"}
    assert len(locs) == len(paths)


def test_robots_txt_points_at_the_sitemap(full_url_site: Path, seed_site: Path) -> None:
    robots = (full_url_site / "robots.txt").read_text("utf-8")
    assert "User-agent: *" in robots
    assert f"Sitemap: {ORIGIN}{SUB_PATH}sitemap.xml" in robots.splitlines()


def test_without_a_host_there_is_no_sitemap_or_feed(seed_site: Path) -> None:
    # Sitemaps and Atom need full URLs; a path-only base_url cannot give them.
    assert not (seed_site / "sitemap.xml").exists()
    assert not (seed_site / "feed.xml").exists()
    robots = (seed_site / "robots.txt").read_text("utf-8")
    assert "Sitemap:" not in robots and "base_url" in robots
    assert "application/atom+xml" not in (seed_site / "index.html").read_text("utf-8")


def test_atom_feed_has_an_entry_per_event_dated_by_the_event(full_url_site: Path) -> None:
    feed = ET.parse(full_url_site / "feed.xml").getroot()
    assert feed.tag == ATOM + "feed"
    assert feed.findtext(ATOM + "id") == ORIGIN + SUB_PATH
    self_link = next(e for e in feed.findall(ATOM + "link") if e.get("rel") == "self")
    assert self_link.get("href") == ORIGIN + SUB_PATH + "feed.xml"
    assert feed.findtext(ATOM + "updated") == "2025-01-01T00:00:00Z"  # the event's date
    entries = feed.findall(ATOM + "entry")
    assert len(entries) == 1
    entry = entries[0]
    url = ORIGIN + SUB_PATH + EVENT
    assert entry.findtext(ATOM + "id") == url
    assert entry.find(ATOM + "link").get("href") == url
    assert entry.findtext(ATOM + "title").startswith("海淀105款大模型背后")
    assert entry.findtext(ATOM + "summary")
    names = [c.findtext(ATOM + "name") for c in entry.findall(ATOM + "contributor")]
    assert names == ["蔡雄山", "姜涛", "马子涵", "赵晨"]
    # Every page announces the feed.
    head = (full_url_site / "speakers/index.html").read_text("utf-8")
    assert (
        f'type="application/atom+xml" title="会刊 · 活动实录" href="{self_link.get("href")}"'
        in head
    )


def test_builds_are_byte_identical(full_url_site: Path, tmp_path: Path) -> None:
    again = build_site(REPO, tmp_path / "again", ORIGIN + SUB_PATH)
    for name in ("sitemap.xml", "feed.xml", "robots.txt", "index.html", "404.html"):
        assert (again / name).read_bytes() == (full_url_site / name).read_bytes(), name


def metas(page_file: Path) -> dict[str, str]:
    page = read_page(page_file)
    found = {}
    for tag, attrs in page.attrs_seen:
        if tag == "meta" and attrs.get("content") is not None:
            key = attrs.get("property") or attrs.get("name")
            if key:
                found[str(key)] = str(attrs["content"])
    return found


def test_every_page_has_a_canonical_url_title_and_social_tags(full_url_site: Path) -> None:
    for file in sorted(full_url_site.rglob("index.html")):
        path = file.relative_to(full_url_site).as_posix()[: -len("index.html")]
        page, tags = read_page(file), metas(file)
        assert page.canonical == ORIGIN + SUB_PATH + path
        assert tags["og:url"] == page.canonical
        assert page.text_of("title")[0].endswith("会刊 · 活动实录")
        assert tags["og:title"] == tags["twitter:title"] and tags["og:title"]
        assert tags["og:description"] == tags["description"] == tags["twitter:description"]
        assert tags["og:locale"] == "zh_CN"
    # The not-found page is served at other pages' addresses: no canonical, not indexed.
    not_found = read_page(full_url_site / "404.html")
    assert not_found.canonical is None
    assert metas(full_url_site / "404.html")["robots"] == "noindex"


def test_descriptions_describe_the_page(full_url_site: Path) -> None:
    data = json.loads((full_url_site / EVENT / "event.json").read_text("utf-8"))
    speaker = metas(full_url_site / "speakers/cai-xiongshan/index.html")
    assert speaker["og:type"] == "profile"
    assert speaker["description"] == "蔡雄山，快手科技副总裁、快手研究院院长"
    moderators = {s["name"] for s in data["speakers"] if s["moderator"]}
    for theme in data["themes"]:
        tags = metas(full_url_site / EVENT / theme["slug"] / "index.html")
        assert tags["og:type"] == "article"
        question = next(
            t for t in data["turns"] if t["theme"] == theme["title"] and t["speaker"] in moderators
        )
        assert question["text"].startswith(tags["description"]), theme["title"]
        assert tags["description"].endswith(("？", "?", "。")), tags["description"]


def test_html_lang_comes_from_site_yaml(tmp_path: Path) -> None:
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    yaml = (site / "site.yaml").read_text("utf-8").replace("language: zh-CN", "language: en")
    (site / "site.yaml").write_text(yaml, "utf-8")
    output = build_site(site, tmp_path / "out", search=False)
    for page in ("index.html", "speakers/index.html", "404.html", "search/index.html"):
        assert '<html lang="en">' in (output / page).read_text("utf-8"), page
    assert metas(output / "index.html")["og:locale"] == "en"


# --- the deployment guide ------------------------------------------------------------------------


def test_the_guide_shows_the_github_pages_workflow_as_shipped() -> None:
    import yaml

    guide = (REPO / "docs/deploying.md").read_text("utf-8")
    shipped = (REPO / "docs/github-pages-workflow.yml").read_text("utf-8")
    assert f"```yaml\n{shipped}```" in guide
    workflow = yaml.safe_load(shipped)
    steps = [s.get("run", "") for s in workflow["jobs"]["build"]["steps"]]
    assert any('generator build --base-url "$BASE_URL"' in run for run in steps)
    assert any('generator check output --base-url "$BASE_URL"' in run for run in steps)
    # It is an example to copy: nothing in this repository runs it.
    assert not (REPO / ".github/workflows/pages.yml").exists()
