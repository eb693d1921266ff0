"""The preview server stays up and correct under concurrent load (bounded, loopback only)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_site

from generator.loadtest import ESCAPES, load, site_paths
from generator.serve import DevServer


def test_concurrent_requests_all_get_the_right_answer(tmp_path: Path) -> None:
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    with DevServer(site, port=0, log=lambda line: None) as server:
        report = load(server.url, server.output, requests=1500, concurrency=24)
        after = load(server.url, server.output, requests=50, concurrency=1)
    assert report.requests == 1500 and report.errors == 0
    assert after.errors == 0  # still up and right afterwards


def test_the_sample_covers_pages_assets_search_and_escapes(tmp_path: Path) -> None:
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    with DevServer(site, port=0, log=lambda line: None) as server:
        deadline = time.monotonic() + 30  # the search index follows the pages
        while not (server.output / "pagefind/pagefind.js").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        paths = site_paths(server.output)
    assert "/" in paths and any(p.startswith("/static/") for p in paths)
    assert any(p.startswith("/pagefind/") for p in paths)
    assert len(ESCAPES) >= 5


def test_refuses_targets_off_loopback(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        load("http://192.0.2.1/", tmp_path, requests=1, concurrency=1)
