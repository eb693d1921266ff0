"""Long lists in pages: the events, speakers and themes lists split `per_page` items a page,
page N at `<list>/page/N/`, linked by a pager; short lists keep exactly the pages they had."""

from __future__ import annotations

import functools
import json
import posixpath
import re
from pathlib import Path

import pytest
from conftest import FIXTURES, StaticServer, build_site, copy_site, html, set_key, site_files
from htmltools import read_page
from screenshots import emulate
from test_reader import AXE, RUN_AXE

from generator.build import build
from generator.cache import BuildCache
from generator.cli import main
from generator.config import load_config
from generator.pagination import page_numbers

BASE = "https://example.org/archive/"


def add_events(site: Path, count: int) -> None:
    """`count` events 活动1 … (活动1 the oldest), each with a guest, a host and one theme."""
    for n in range(1, count + 1):
        folder = site / "content/events" / f"2025-e{n}"
        folder.mkdir(parents=True)
        (folder / "event.yaml").write_text(
            f"title: 活动{n}\ndate: '2025-{n:02}-01'\nspeakers:\n  - name: 嘉宾{n}\n"
            f"  - name: 主持{n}\n    moderator: true\n",
            "utf-8",
        )
        (folder / "transcript.md").write_text(
            f"## 议题{n}\n\n**主持{n}：** 问题{n}？\n\n**嘉宾{n}：** 回答{n}。\n", "utf-8"
        )


def paged_source(root: Path, per_page: int = 3, events: int = 6) -> Path:
    """The mini fixture (one 2024 event, three people) plus `events` newer ones."""
    site = copy_site(FIXTURES / "mini", root)
    add_events(site, events)
    set_key(site, f"per_page: {per_page}")
    return site


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seven events, fifteen people, seven themed events, three a page."""
    site = paged_source(tmp_path_factory.mktemp("paged") / "site")
    return build_site(site, site / "output", base_url=BASE, search=False)


def texts(page: str, pattern: str) -> list[str]:
    return re.findall(pattern, page)


def pager(page: str) -> str:
    found = re.findall(r'<nav class="pager" aria-label="分页">.*?</nav>', page, re.S)
    assert len(found) == 1, page
    return found[0]


def resolve(page: str, href: str) -> str:
    """The site path a relative link from site path `page` leads to."""
    return posixpath.normpath(posixpath.join(page, href)).lstrip(".") + "/"


EVENT_PAGES = {
    "events/": ["活动6", "活动5", "活动4"],
    "events/page/2/": ["活动3", "活动2", "活动1"],
    "events/page/3/": ["数字出版圆桌"],
}


def test_page_numbers_show_ends_neighbours_and_gaps() -> None:
    assert page_numbers(1, 1) == [1]
    assert page_numbers(1, 10) == [1, 2, 3, None, 10]
    assert page_numbers(5, 10) == [1, 2, 3, 4, 5, 6, 7, None, 10]  # a gap of one shows it
    assert page_numbers(6, 12) == [1, None, 4, 5, 6, 7, 8, None, 12]
    assert page_numbers(12, 12) == [1, None, 10, 11, 12]


def test_events_pages_hold_the_newest_first_events_in_order(paged: Path) -> None:
    for path, titles in EVENT_PAGES.items():
        page = html(paged, path)
        assert texts(page, r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a>') == titles
    assert not (paged / "events/page/4").exists()
    assert not (paged / "events/page/1").exists()  # page 1 is the list's own address


@pytest.mark.parametrize(
    ("first", "total"), [("events/", 3), ("speakers/", 5), ("themes/", 3)], ids=str
)
def test_pager_links_lead_to_the_pages_of_the_list(paged: Path, first: str, total: int) -> None:
    paths = [first] + [f"{first}page/{n}/" for n in range(2, total + 1)]
    assert not (paged / first / "page" / str(total + 1)).exists()
    for number, path in enumerate(paths, 1):
        nav = pager(html(paged, path))
        numbered = re.findall(r'<a href="([^"]+)" aria-label="第 (\d+) 页"([^>]*)>(\d+)</a>', nav)
        assert [int(n) for _, n, _, _ in numbered] == list(range(1, total + 1))
        for href, n, attrs, label in numbered:
            assert n == label
            assert resolve(path, href) == paths[int(n) - 1]
            assert (paged / resolve(path, href).lstrip("/") / "index.html").is_file()
            assert ('aria-current="page"' in attrs) == (int(n) == number)
        steps = dict(re.findall(r'rel="(prev|next)" href="([^"]+)"', nav))
        if number > 1:
            assert resolve(path, steps.pop("prev")) == paths[number - 2]
        if number < total:
            assert resolve(path, steps.pop("next")) == paths[number]
        assert not steps, f"{path}: a step beyond the ends"


def test_later_pages_have_their_own_title_canonical_and_a_way_back(paged: Path) -> None:
    first = read_page(paged / "events/index.html")
    assert first.texts["title"] == ["全部活动 · Mini archive"]
    assert first.canonical == BASE + "events/"
    second = read_page(paged / "events/page/2/index.html")
    assert second.texts["title"] == ["全部活动 · 第 2 页 · Mini archive"]
    assert second.texts["h1"] == ["全部活动 · 第 2 页"]
    assert second.canonical == BASE + "events/page/2/"
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html(paged, "events/page/2/"), re.S)
    assert crumbs and '<a href="../../">全部活动</a>' in crumbs.group()
    assert "全部嘉宾 · 第 5 页" in html(paged, "speakers/page/5/")
    assert "全部议题 · 第 3 页" in html(paged, "themes/page/3/")


def test_speakers_pages_list_the_guests_then_the_hosts(paged: Path) -> None:
    guests, hosts = [], []
    for path in ["speakers/"] + [f"speakers/page/{n}/" for n in range(2, 6)]:
        page = html(paged, path)
        body = page[page.index("<h1>") : page.index('<nav class="pager"')]
        if "<h2>主持</h2>" in body:
            on_page, hosted = body.split("<h2>主持</h2>")
        else:
            on_page, hosted = body, ""
        names = r'class="person-card__name" href="[^"]+">([^<]+)<'
        assert len(texts(body, names)) == 3
        assert not hosts or not texts(on_page, names), "a guest after the hosts"
        guests += texts(on_page, names)
        hosts += texts(hosted, names)
    # By slug, as on the one page of a short list: jane-doe, jia-bin-1 … ; host, zhu-chi-1 …
    assert guests == ["Jane Doe"] + [f"嘉宾{n}" for n in range(1, 7)] + ["王小明"]
    assert hosts == ["主持人"] + [f"主持{n}" for n in range(1, 7)]
    assert "<h2>主持</h2>" not in html(paged, "speakers/")  # hosts only where they are


def test_themes_pages_group_the_themes_of_their_events(paged: Path) -> None:
    groups = r'<h2 id="group-\d+"><a href="[^"]+">([^<]+)</a></h2>'
    for path, titles in EVENT_PAGES.items():
        page = html(paged, path.replace("events/", "themes/"))
        assert texts(page, groups) == titles
    assert '<a href="../../../events/2025-e3/yi-ti-3/">议题3</a>' in html(paged, "themes/page/2/")


def test_sitemap_lists_every_page_of_the_lists(paged: Path) -> None:
    sitemap = (paged / "sitemap.xml").read_text("utf-8")
    for path in ("events/page/2/", "events/page/3/", "speakers/page/5/", "themes/page/3/"):
        assert f"<loc>{BASE}{path}</loc>" in sitemap


def test_english_sites_say_page_in_english(tmp_path: Path) -> None:
    site = paged_source(tmp_path / "site")
    _edit(site / "site.yaml", "language: zh-CN", "language: en")
    output = build_site(site, tmp_path / "output", search=False)
    page = html(output, "events/page/2/")
    assert "<title>All events · Page 2 · Mini archive</title>" in page
    assert '<nav class="pager" aria-label="Pages">' in page
    assert "← Previous page" in page and "Next page →" in page


def test_a_list_within_per_page_has_the_pages_it_always_had(tmp_path: Path) -> None:
    """The mini site has one event, one themed event and three people: at `per_page: 3` every
    list fits on its page, and the site is the one built without the key, byte for byte."""
    plain = build_site(FIXTURES / "mini", tmp_path / "plain", search=False)
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    set_key(site, "per_page: 3")
    exact = build_site(site, tmp_path / "exact", search=False)
    assert site_files(exact) == site_files(plain)
    assert not [path for path in site_files(plain) if "/page/" in path]
    assert 'class="pager" aria-label="分页"' not in html(plain, "speakers/")


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("0", "`per_page` must be at least 1, not `0`"),
        ("-5", "`per_page` must be at least 1"),
        ("many", "`per_page` must be a whole number, not `many`"),
        ("2.5", "`per_page` must be a whole number"),
        ("'10'", "`per_page` must be a whole number"),
        ("true", "`per_page` must be a whole number"),
    ],
)
def test_a_bad_per_page_is_reported_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, says: str
) -> None:
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    set_key(site, f"per_page: {value}")
    line = (site / "site.yaml").read_text("utf-8").count("\n")
    capsys.readouterr()
    assert main(["--root", str(site), "build"]) == 1
    err = capsys.readouterr().err
    assert f"site.yaml:{line}: {says}" in err, err
    assert "hint:" in err and "Traceback" not in err
    assert not (site / "output").exists()


def test_a_slug_on_a_list_page_path_stops_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An event `page` with a theme `2`: its theme page would be page 2 of the events list."""
    site = paged_source(tmp_path / "site", per_page=3)
    built = build_site(site, site / "output", search=False)
    before = site_files(built, manifest=True)
    event = site / "content/events/2025-e6"
    (event / "event.yaml").write_text(
        "slug: page\n" + (event / "event.yaml").read_text("utf-8"), "utf-8"
    )
    (event / "transcript.md").write_text(
        "## 议题6 {#2}\n\n**主持6：** 问题6？\n\n**嘉宾6：** 回答6。\n", "utf-8"
    )
    capsys.readouterr()
    assert main(["--root", str(site), "build"]) == 1
    err = capsys.readouterr().err
    assert "content/events/2025-e6/transcript.md:1: `events/page/2/index.html`" in err, err
    assert "page 2 of the events list" in err and "theme `2` of event `page`" in err
    assert "hint:" in err and "give it another `slug:`" in err
    assert site_files(built, manifest=True) == before  # the last good output stays
    # With every event on one page there is no events/page/2/: the same slugs are fine.
    _edit(site / "site.yaml", "per_page: 3", "per_page: 10")
    assert main(["--root", str(site), "build"]) == 0
    assert "<h1" in html(built, "events/page/2/") and "议题6" in html(built, "events/page/2/")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), "utf-8")


def test_serve_replans_only_the_list_pages_an_edit_shows_and_equals_a_clean_build(
    tmp_path: Path,
) -> None:
    site = paged_source(tmp_path / "site", per_page=2)
    cache = BuildCache()
    serve_build = functools.partial(build, cache=cache, recycle=True, defer_index=True)
    serve_build(load_config(site), site / "output")

    def planned() -> dict[tuple[str, str], int]:
        return {key: id(specs) for key, (_, specs) in cache.plans.items()}

    steps = [
        # A turn of 活动1 (events page 3, speakers page 1, themes page 3).
        lambda: _edit(site / "content/events/2025-e1/transcript.md", "回答1", "新的回答1"),
        # A theme title of 活动5: its events and themes pages, and the home page.
        lambda: _edit(site / "content/events/2025-e5/transcript.md", "## 议题5", "## 新议题5"),
        # A new newest event moves every event one place: every list page changes.
        lambda: add_events_after(site),
        lambda: set_key(site, "per_page: 4"),
        lambda: _edit(site / "site.yaml", "per_page: 4", "per_page: 50"),
    ]
    for n, step in enumerate(steps):
        known = planned()
        step()
        serve_build(load_config(site), site / "output")
        clean = copy_site(site, tmp_path / f"clean-{n}")
        build(load_config(clean), clean / "output", search=False)
        assert site_files(site / "output") == site_files(clean / "output"), f"step {n}"
        kept = {key for key, specs in planned().items() if known.get(key) == specs}
        if n == 0:
            replanned = {key for key in planned() if key not in kept}
            # Its event and people, and the pages that list 活动1: not the speakers lists
            # (the same people with as many turns) nor the search page (the same names).
            assert replanned == {
                ("event", "2025-e1"),
                ("speaker", "jia-bin-1"),
                ("speaker", "zhu-chi-1"),
                ("page", ""),  # one of the six latest events
                ("page", "events/page/3/"),
                ("page", "themes/page/3/"),
            }, replanned
        if n == 1:  # 活动5 is on the first page (活动6, 活动5), and its theme is searched by
            assert ("page", "events/page/2/") in kept and ("page", "speakers/") in kept
            assert ("page", "events/") not in kept and ("page", "search/") not in kept
    assert not [key for key in cache.plans if "/page/" in key[1]], "pages gone, memo forgotten"


def add_events_after(site: Path) -> None:
    folder = site / "content/events/2025-e9"
    folder.mkdir(parents=True)
    (folder / "event.yaml").write_text(
        "title: 活动9\ndate: '2025-09-01'\nspeakers:\n  - name: 嘉宾9\n", "utf-8"
    )
    (folder / "transcript.md").write_text("**嘉宾9：** 独白。\n", "utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_pager_fits_phones_and_passes_axe(paged: Path, browser, width: int, scheme: str) -> None:
    with StaticServer(paged) as server:
        for path in ("events/page/2/", "speakers/page/5/"):
            emulate(browser, width, scheme)
            browser.get(f"{server.origin}/{path}")
            scroll, client = browser.execute_script(
                "const e = document.documentElement; return [e.scrollWidth, e.clientWidth];"
            )
            assert scroll <= client, f"{path} at {width}px scrolls sideways"
            heights = browser.execute_script(
                "return [...document.querySelectorAll('.pager a')]"
                ".map((a) => a.getBoundingClientRect().height)"
            )
            assert heights and min(heights) >= 44, heights  # touch targets
            browser.execute_script(AXE.read_text("utf-8"))
            violations = browser.execute_async_script(RUN_AXE)
            serious = [v for v in violations if v["impact"] in ("serious", "critical")]
            assert not serious, json.dumps(serious, ensure_ascii=False, indent=1)
