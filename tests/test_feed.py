"""The Atom feed holds the latest events, `feed_items` of them (0: all)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import FIXTURES, build_site, copy_site, set_key
from test_serve_plan import add_event

from generator.cli import main

ATOM = "{http://www.w3.org/2005/Atom}"
ORIGIN = "https://example.org/"


def archive(tmp_path: Path, setting: str = "") -> Path:
    """The mini site (one event of 2024) and three later events."""
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    for n in range(1, 4):
        add_event(site, f"2025-e{n}", f"2025-0{n}-01", "  - name: 简\n", "**简：** 你好。\n")
    if setting:
        set_key(site, setting)
    return site


def feed_titles(site: Path, tmp_path: Path) -> list[str]:
    output = build_site(site, tmp_path / "output", base_url=ORIGIN, search=False)
    feed = ET.parse(output / "feed.xml").getroot()
    return [entry.findtext(ATOM + "title") or "" for entry in feed.findall(ATOM + "entry")]


def test_the_feed_keeps_the_latest_events(tmp_path: Path) -> None:
    assert feed_titles(archive(tmp_path, "feed_items: 2"), tmp_path) == ["2025-e3", "2025-e2"]


def test_zero_puts_every_event_in_the_feed(tmp_path: Path) -> None:
    titles = feed_titles(archive(tmp_path, "feed_items: 0"), tmp_path)
    assert titles[:3] == ["2025-e3", "2025-e2", "2025-e1"] and len(titles) == 4


def test_a_negative_feed_size_is_reported_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = archive(tmp_path, "feed_items: -1")
    line = (site / "site.yaml").read_text("utf-8").rstrip("\n").count("\n") + 1
    assert main(["--root", str(site), "build"]) == 1
    err = capsys.readouterr().err
    assert f"site.yaml:{line}: `feed_items` must be at least 0, not `-1`" in err, err
    assert "hint:" in err and "Traceback" not in err
