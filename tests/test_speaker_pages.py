"""Long speaker pages in pages: a person's turns go on to `speakers/<slug>/page/N/`, whole
events to a page, within `speaker_page_kb` of HTML; every page lists all their events and links
each to where its turns are; index.md stays one file; a person on one page is as before."""

from __future__ import annotations

import functools
import json
import posixpath
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, StaticServer, build_site, copy_site, html, set_key, site_files
from htmltools import read_page
from screenshots import emulate
from test_reader import AXE, RUN_AXE

from generator.build import build
from generator.cache import BuildCache
from generator.check import check_site
from generator.cli import main
from generator.config import load_config
from generator.pagination import page_numbers

BASE = "https://example.org/archive/"
BUDGET_KB = 11
PERSON = "speakers/wang-xiaoming/"
READINGS = 12
FILL = "出版的未来在于内容与技术的结合，我们一直在探索新的方式。"
# In one answer only: a word to search for.
RARE = "鸬鹚"


def add_readings(site: Path, numbers: range) -> None:
    """Readings 第k场读书会 (one a month of 2025), where 王小明 answers two questions of 李主持
    under two themes; every reading weighs the same on his page (about 2.9 KB)."""
    for k in numbers:
        folder = site / "content/events" / f"2025-w{k:02}"
        folder.mkdir(parents=True)
        (folder / "event.yaml").write_text(
            f"title: 第{k}场读书会\ndate: '2025-{k:02}-01'\nspeakers:\n"
            f"  - name: 王小明\n    role: 社长{k}\n  - name: 李主持\n    moderator: true\n",
            "utf-8",
        )
        rare = RARE if k == 3 else ""
        (folder / "transcript.md").write_text(
            "".join(
                f"## 议题{k}之{j}\n\n**李主持：** 第{k}场第{j}问，您怎么看？\n\n"
                f"**王小明：** 第{k}场第{j}答{rare if j == 1 else ''}。{FILL * 3}\n\n"
                for j in (1, 2)
            ),
            "utf-8",
        )


def readings_source(root: Path, budget: int | None = BUDGET_KB) -> Path:
    """The mini fixture (王小明 at one 2024 panel) and twelve readings with him."""
    site = copy_site(FIXTURES / "mini", root)
    add_readings(site, range(1, READINGS + 1))
    if budget is not None:
        set_key(site, f"speaker_page_kb: {budget}")
    return site


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = readings_source(tmp_path_factory.mktemp("speaker-pages") / "site")
    return build_site(site, site / "output", base_url=BASE)


def pages_of(output: Path, person: str = PERSON) -> list[str]:
    """The site paths of a person's pages in order; page N is there only if 2…N-1 are."""
    folder = output / person / "page"
    numbers = sorted(int(p.name) for p in folder.iterdir()) if folder.exists() else []
    assert numbers == list(range(2, len(numbers) + 2)), numbers
    return [person] + [f"{person}page/{n}/" for n in numbers]


def sections(page: str) -> list[str]:
    """The events whose turns a speaker page shows, in order."""
    return re.findall(r'<section class="appearance" aria-labelledby="event-([^"]+)"', page)


def turn_anchors(page: str) -> list[str]:
    return re.findall(r'class="turn__speaker[^"]*" id="([^"]+)"', page)


def events_list(page: str) -> list[tuple[str, str, str]]:
    """(class, href, title) of each entry of the list of the speaker's events."""
    nav = re.search(r'<nav class="toc speaker-events".*?</nav>', page, re.S)
    assert nav, "no list of the speaker's events"
    return re.findall(r'<li( class="here")?><a href="([^"]+)">([^<]+)</a>', nav.group())


def resolve(page: str, href: str) -> tuple[str, str]:
    """(site path, fragment) that a relative link from site path `page` leads to."""
    path, _, fragment = href.partition("#")
    if not path:
        return page, fragment
    return posixpath.normpath(posixpath.join(page, path)).lstrip("./") + "/", fragment


def own_turns(output: Path, event: str, name: str = "王小明") -> list[str]:
    """The anchors on his page of a person's turns at `event`, from the event's data."""
    data = json.loads((output / "events" / event / "event.json").read_text("utf-8"))
    return [f"{event}--{t['id']}" for t in data["turns"] if t["speaker"] == name]


# Newest first, two readings to a page (a third would pass 11 KB); the last page has room for
# the small 2024 panel too.
EXPECTED = [[f"2025-w{k:02}", f"2025-w{k - 1:02}"] for k in range(12, 2, -2)]
EXPECTED += [["2025-w02", "2025-w01", "2024-panel"]]


def test_a_speaker_of_many_events_gets_pages_of_whole_events(paged: Path) -> None:
    pages = pages_of(paged)
    assert [sections(html(paged, p)) for p in pages] == EXPECTED
    for path, events in zip(pages, EXPECTED, strict=True):
        expected = [anchor for event in events for anchor in own_turns(paged, event)]
        assert turn_anchors(html(paged, path)) == expected, path
    # Every turn once, on one page.
    every = [a for p in pages for a in turn_anchors(html(paged, p))]
    assert len(every) == len(set(every)) == 2 * READINGS + 2


def test_later_pages_have_their_title_canonical_crumbs_and_no_search_body(paged: Path) -> None:
    first = read_page(paged / PERSON / "index.html")
    assert first.texts["h1"][0] == "王小明"
    assert first.canonical == BASE + PERSON
    third = read_page(paged / PERSON / "page/3/index.html")
    assert third.texts["title"] == ["王小明 · 第 3 页 · Mini archive"]
    assert third.texts["h1"][0] == "王小明 · 第 3 页"
    assert third.canonical == BASE + PERSON + "page/3/"
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html(paged, PERSON + "page/3/"), re.S)
    assert crumbs and '<li><a href="../../">王小明</a></li>' in crumbs.group()
    # Only page 1 has a search body (the card): Pagefind leaves the other pages out, and the
    # turns are searched on their theme pages, once.
    assert html(paged, PERSON).count("data-pagefind-body") == 1
    for path in pages_of(paged)[1:]:
        page = html(paged, path)
        assert "data-pagefind" not in page.replace("data-pagefind-ignore", ""), path
        assert "资深出版人" not in page and "个人主页" not in page, "bio and links: page 1 only"
    assert "资深出版人" in html(paged, PERSON) and "个人主页" in html(paged, PERSON)


def test_page_1_lists_every_event_and_links_it_to_its_turns(paged: Path) -> None:
    """Page 1 lists them all, each linked to the page that shows it; a later page lists its
    own (a host's full list would take half of every page) and links back to page 1's list."""
    pages = pages_of(paged)
    shown = {path: sections(html(paged, path)) for path in pages}
    titles = [f"第{k}场读书会" for k in range(READINGS, 0, -1)] + ["数字出版圆桌"]
    for path in pages:
        entries = events_list(html(paged, path))
        if path == PERSON:
            assert [title for _, _, title in entries] == titles
        else:
            assert len(entries) == len(shown[path]), path
            back = re.search(
                r'<p class="more"><a href="([^"]+)">全部 13 场活动</a>', html(paged, path)
            )
            assert back and resolve(path, back.group(1)) == (PERSON, "speaker-events"), path
        for here, href, title in entries:
            target, fragment = resolve(path, href)
            assert target in shown, f"{path}: {href} leads to {target}"
            event = fragment.removeprefix("event-")
            assert event in shown[target], f"{path}: {title} is not on {target}"
            assert f'id="{fragment}"' in html(paged, target)
            assert (target == path) == (not href.split("#")[0]), "a link to its own page"
            assert bool(here) == (target == path == PERSON), f"{path}: {title} marked wrongly"
    assert 'id="speaker-events"' in html(paged, PERSON)


def test_pages_stay_within_the_budget_and_use_it(paged: Path) -> None:
    budget = BUDGET_KB * 1024
    files = sorted((paged / "speakers").rglob("index.html"))
    sizes = {f.relative_to(paged).as_posix(): f.stat().st_size for f in files}
    assert max(sizes.values()) <= budget, {p: s for p, s in sizes.items() if s > budget}
    # The estimate is not so cautious that pages stay half empty: all but the last are more
    # than three quarters full (a reading is a quarter of the budget).
    for path in pages_of(paged)[:-1]:
        assert sizes[path + "index.html"] > budget * 0.75, sizes


def test_pager_and_every_link_of_the_site_resolve(paged: Path) -> None:
    pages = pages_of(paged)
    for number, path in enumerate(pages, 1):
        page = html(paged, path)
        nav = re.search(r'<nav class="pager" aria-label="分页">.*?</nav>', page, re.S)
        assert nav, path
        numbered = re.findall(r'<a href="([^"]+)" aria-label="第 (\d+) 页"', nav.group())
        shown = [n for n in page_numbers(number, len(pages)) if n is not None]
        assert [int(n) for _, n in numbered] == shown, path
        for href, n in numbered:
            assert resolve(path, href)[0] == pages[int(n) - 1]
        steps = dict(re.findall(r'rel="(prev|next)" href="([^"]+)"', nav.group()))
        if number > 1:
            assert resolve(path, steps.pop("prev"))[0] == pages[number - 2]
        if number < len(pages):
            assert resolve(path, steps.pop("next"))[0] == pages[number]
        assert not steps
    report = check_site(paged, "/archive/", "https://example.org")
    assert report.errors == 0, [p.format() for p in report.problems]


def test_sitemap_lists_every_page_of_a_speaker(paged: Path) -> None:
    sitemap = (paged / "sitemap.xml").read_text("utf-8")
    for path in pages_of(paged):
        assert f"<loc>{BASE}{path}</loc>" in sitemap
    assert "index.md" not in sitemap and "/page/9/" not in sitemap


def test_markdown_stays_one_file_with_every_turn(paged: Path, tmp_path: Path) -> None:
    """index.md is the data export: the same bytes as when the person fits on one page."""
    assert not list((paged / PERSON / "page").rglob("index.md"))
    site = readings_source(tmp_path / "site", budget=None)
    whole = build_site(site, tmp_path / "output", base_url=BASE, search=False)
    assert pages_of(whole) == [PERSON], "at the default budget he fits on one page"
    markdown = (paged / PERSON / "index.md").read_text("utf-8")
    assert markdown == (whole / PERSON / "index.md").read_text("utf-8")
    for k in range(1, READINGS + 1):
        assert f"第{k}场第1答" in markdown and f"第{k}场第2答" in markdown
    # On one page: no list of events, no pager; other people's pages are the same bytes.
    assert "speaker-events" not in html(whole, PERSON) and 'class="pager"' not in html(
        whole, PERSON
    )
    for person in ("jane-doe", "host"):
        for name in ("index.html", "index.md"):
            file = f"speakers/{person}/{name}"
            assert (paged / file).read_bytes() == (whole / file).read_bytes(), file


def test_an_event_heavier_than_the_budget_gets_a_page_of_its_own(tmp_path: Path) -> None:
    site = readings_source(tmp_path / "site")
    (site / "content/events/2025-w05/transcript.md").write_text(
        f"**王小明：** 一场长长的独白。{FILL * 400}\n", "utf-8"
    )
    output = build_site(site, tmp_path / "output", search=False)
    layout = [sections(html(output, p)) for p in pages_of(output)]
    assert ["2025-w05"] in layout, layout
    assert [e for page in layout for e in page] == [e for page in EXPECTED for e in page]
    # Its neighbours still share pages.
    assert all(len(page) == 2 for page in layout[:2]), layout


def test_pages_go_when_the_speaker_shrinks_and_come_back(tmp_path: Path) -> None:
    site = readings_source(tmp_path / "site")
    output = site / "output"
    build(load_config(site), output, search=False)
    assert len(pages_of(output)) == 6
    for k in range(1, 5):
        shutil.rmtree(site / "content/events" / f"2025-w{k:02}")
    build(load_config(site), output, search=False)  # incremental: from the manifest
    assert len(pages_of(output)) == 4
    assert not (output / PERSON / "page/5").exists() and not (output / PERSON / "page/6").exists()
    clean = build_site(site, tmp_path / "clean", search=False)
    assert site_files(output) == site_files(clean)
    add_readings(site, range(1, 5))
    build(load_config(site), output, search=False)
    assert len(pages_of(output)) == 6
    assert site_files(output) == site_files(build_site(site, tmp_path / "again", search=False))


def test_serve_replans_only_the_pages_an_edit_shows(tmp_path: Path) -> None:
    site = readings_source(tmp_path / "site")
    cache = BuildCache()
    serve_build = functools.partial(build, cache=cache, recycle=True, defer_index=True)
    serve_build(load_config(site), site / "output")
    before = {key: id(specs) for key, (_, specs) in cache.plans.items()}
    transcript = site / "content/events/2025-w05/transcript.md"
    transcript.write_text(transcript.read_text("utf-8").replace("第5场第1答", "第5场第一答"))
    serve_build(load_config(site), site / "output")
    after = {key: id(specs) for key, (_, specs) in cache.plans.items()}
    replanned = {key for key in after if before.get(key) != after[key]}
    mine = {key for key in replanned if "wang-xiaoming" in key[1]}
    # The page that shows 2025-w05 (with 2025-w06), page 1 and the Markdown (they show
    # every event): not his four other pages.
    assert mine == {
        ("speaker", "wang-xiaoming"),
        ("speaker", PERSON + "page/4/"),
        ("speaker-markdown", "wang-xiaoming"),
    }, mine
    assert "第5场第一答" in html(site / "output", PERSON + "page/4/")
    clean = build_site(site, tmp_path / "clean", search=False)
    assert site_files(site / "output") == site_files(clean)


def test_a_bad_budget_is_reported_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    set_key(site, "speaker_page_kb: 0")
    line = (site / "site.yaml").read_text("utf-8").count("\n")
    capsys.readouterr()
    assert main(["--root", str(site), "build"]) == 1
    err = capsys.readouterr().err
    assert f"site.yaml:{line}: `speaker_page_kb` must be at least 1, not `0`" in err, err


# Pagefind's own API in the page, as the search page uses it: the URL of every page found.
SEARCH_PAGES = """
const [word, done] = arguments;
import(new URL("pagefind/pagefind.js", location.href).href).then(async (pagefind) => {
  const response = await pagefind.search(word);
  const pages = await Promise.all(response.results.map((r) => r.data()));
  done(pages.map((page) => page.url));
}).catch((error) => done("error: " + error));
"""


@pytest.mark.browser
def test_search_finds_a_turn_once_and_the_speaker_on_page_1(tmp_path: Path, browser) -> None:
    site = readings_source(tmp_path / "site")
    output = build_site(site, tmp_path / "output")
    assert len(pages_of(output)) == 6
    with StaticServer(output) as server:
        browser.get(server.origin + "/")
        found = browser.execute_async_script(SEARCH_PAGES, RARE)
        themes = json.loads((output / "events/2025-w03/event.json").read_text("utf-8"))["themes"]
        assert found == [themes[0]["url"]], found
        found = browser.execute_async_script(SEARCH_PAGES, "王小明")
        assert isinstance(found, list) and "/" + PERSON in found, found
        assert not [url for url in found if url.startswith(f"/{PERSON}page/")], found


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_later_pages_fit_phones_and_pass_axe(paged: Path, browser, width: int, scheme: str) -> None:
    with StaticServer(paged) as server:
        emulate(browser, width, scheme)
        browser.get(f"{server.origin}/{PERSON}page/2/")
        scroll, client = browser.execute_script(
            "const e = document.documentElement; return [e.scrollWidth, e.clientWidth];"
        )
        assert scroll <= client, f"page 2 at {width}px scrolls sideways"
        browser.execute_script(AXE.read_text("utf-8"))
        violations = browser.execute_async_script(RUN_AXE)
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert not serious, json.dumps(serious, ensure_ascii=False, indent=1)
