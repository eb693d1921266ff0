"""Untrusted text stays text: markup in imported articles and names never runs in a browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, build_site, copy_site
from htmltools import read_page
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from generator.markup import MarkdownRenderer

PAGES = [
    "",
    "events/",
    "events/hostile/",
    "speakers/",
    "speakers/evil-name/",
    "themes/",
    "search/",
    "404.html",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(FIXTURES / "hostile", tmp_path_factory.mktemp("hostile") / "output")


def theme_page(site: Path) -> str:
    folder = next(p for p in (site / "events/hostile").iterdir() if p.is_dir())
    return f"events/hostile/{folder.name}/"


@pytest.mark.browser
def test_no_marker_script_runs_on_any_page(hostile_site: Path, serve, browser) -> None:
    server = serve(hostile_site)
    for path in [*PAGES, theme_page(hostile_site)]:
        browser.get(f"{server.origin}/{path}")
        for link in browser.find_elements(By.CSS_SELECTOR, "main a"):
            if link.text in ("点我", "也点我", "角色"):
                link.click()
        pwned = browser.execute_script("return window.__pwned || null")
        assert pwned is None, f"{pwned} ran on /{path}"
        assert "<script>" in browser.find_element(By.TAG_NAME, "body").text or path in (
            "search/",
            "404.html",
            "speakers/",
        )


@pytest.mark.browser
def test_search_results_show_markup_as_text(hostile_site: Path, serve, browser) -> None:
    server = serve(hostile_site)
    browser.get(f"{server.origin}/search/?q=版权")
    WebDriverWait(browser, 15).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results .search-result")
    )
    assert browser.execute_script("return window.__pwned || null") is None


def test_raw_html_is_escaped_unless_allowed() -> None:
    html = MarkdownRenderer().html('<b onclick="x()">粗</b> [a](javascript:alert(1))')
    assert "&lt;b onclick" in html and 'href="#"' in html


def test_allowed_html_is_sanitised() -> None:
    html = MarkdownRenderer(allow_html=True).html(
        '<b onclick="x()">粗</b><script>alert(1)</script>\n\n<div onmouseover="y()">块</div>'
    )
    assert "<b>粗</b>" in html and "<script" not in html
    assert "onclick" not in html and "onmouseover" not in html and "块" in html


def test_allow_html_from_site_yaml_keeps_safe_markup(tmp_path: Path) -> None:
    site = copy_site(FIXTURES / "hostile", tmp_path / "site")
    (site / "site.yaml").write_text("title: t\nmarkdown:\n  allow_html: true\n", "utf-8")
    out = build_site(site, tmp_path / "out", search=False)
    page = read_page(out / "events/hostile/index.html")
    assert "<div>版权块</div>" in (out / "events/hostile/index.html").read_text("utf-8")
    for tag, attrs in page.attrs_seen:
        assert tag not in ("script", "iframe") or (
            "src" in attrs and "static/" in str(attrs["src"])
        )
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("href", "src"):
            assert not str(attrs.get(name, "")).lower().startswith("javascript"), (tag, attrs)
