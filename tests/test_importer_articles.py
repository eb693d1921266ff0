"""The importer on every test article against its hand-checked expected file, and the
ways articles arrive: encodings, HTML pages, URLs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.importer import parse_source, read_article
from generator.importer.accounting import account, pieces_by_line
from generator.importer.attribution import expected_path, load_expected, score
from generator.importer.decode import split_lines
from generator.importer.parsed import ParsedEvent

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "articles"
ARTICLES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md", ".html"))
EXPECTED = [p for p in ARTICLES if expected_path(p).is_file()]
# HTML pages have no dropped list: the extractor removes their furniture before the importer.
WITH_NOISE = [p for p in EXPECTED if "dropped" in load_expected(expected_path(p))]


def parsed_of(article: Path) -> ParsedEvent:
    return parse_source(read_article(article))


def test_the_article_set_is_varied() -> None:
    assert len(EXPECTED) >= 10
    assert {p.suffix for p in EXPECTED} == {".txt", ".md", ".html"}
    assert len(EXPECTED) == len(ARTICLES), "every test article has an expected file"


@pytest.mark.parametrize("article", EXPECTED, ids=lambda p: p.name)
def test_speakers_moderator_and_turn_counts(article: Path) -> None:
    expected = load_expected(expected_path(article))
    parsed = parsed_of(article)
    counts = parsed.turn_counts()
    got = {s.name: s for s in parsed.speakers}
    assert list(got) == [s["name"] for s in expected["speakers"]]
    for want in expected["speakers"]:
        speaker = got[want["name"]]
        assert speaker.moderator is want.get("moderator", False), speaker.name
        assert counts[speaker.name] == want["turns"], speaker.name
        if "role" in want:
            assert speaker.role == want["role"], speaker.name
        for alias in want.get("aliases", []):
            assert alias in speaker.aliases, (speaker.name, alias)


@pytest.mark.parametrize("article", EXPECTED, ids=lambda p: p.name)
def test_themes_and_title(article: Path) -> None:
    expected = load_expected(expected_path(article))
    parsed = parsed_of(article)
    assert [t.title for t in parsed.themes] == expected["themes"]
    if not expected["themes"]:
        assert all(turn.theme is None for turn in parsed.turns)
    if "title" in expected:
        assert parsed.metadata["title"] == expected["title"]


@pytest.mark.parametrize("article", EXPECTED, ids=lambda p: p.name)
def test_every_turn_and_quote_has_its_speaker(article: Path) -> None:
    expected = load_expected(expected_path(article))
    parsed = parsed_of(article)
    result = score(article.name, parsed, expected)
    assert result.misses == ()
    assert len(parsed.turns) == len(expected["turns"])
    for speaker, quote in expected.get("quotes", []):
        holders = [t.speaker for t in parsed.turns if any(p.text == quote for p in t.spoken)]
        assert holders == [speaker], quote


@pytest.mark.parametrize("article", WITH_NOISE, ids=lambda p: p.name)
def test_noise_dropped_is_what_is_expected(article: Path) -> None:
    expected = load_expected(expected_path(article))
    parsed = parsed_of(article)
    assert [d.reason for d in parsed.dropped if d.reason != "blank"] == expected["dropped"]


@pytest.mark.parametrize("article", [*ARTICLES], ids=lambda p: p.name)
def test_nothing_is_lost(article: Path) -> None:
    """Every word of every source line is in a turn, the introduction, a heading, a caption,
    the metadata or the dropped list — and concatenating them gives back the line."""
    source = read_article(article)
    parsed = parse_source(source)
    accounting = account(parsed, source.text)
    assert accounting.complete, accounting.missing
    pieces = pieces_by_line(parsed)
    for line in split_lines(source.text):
        if line.text.strip():
            assert line.number in pieces, line


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("interview_gbk_zh.txt", "GB18030"),
        ("forum_big5_zh.txt", "Big5"),
        ("no_themes_en.txt", "UTF-8 with BOM"),
        ("roundtable_zh.txt", "UTF-8"),
    ],
)
def test_encodings_are_detected_converted_and_reported(name: str, encoding: str) -> None:
    source = read_article(FIXTURES / name)
    assert source.describe().startswith(f"text; {encoding}")
    if encoding in ("GB18030", "Big5"):
        assert "converted to UTF-8" in source.describe()
        assert source.source_files()["source.txt"].decode("utf-8") == source.text
    if name == "forum_big5_zh.txt":
        assert "CRLF" in source.describe() and "\r" not in source.text


def test_html_page_keeps_the_article_and_the_original() -> None:
    source = read_article(FIXTURES / "teachers_zh.html")
    assert source.form == "html"
    assert "首页" not in source.text and "版权所有" not in source.text
    files = source.source_files()
    assert files["source.html"] == (FIXTURES / "teachers_zh.html").read_bytes()
    assert files["source.txt"].decode("utf-8").startswith("# 乡村教师的AI课堂")


def test_expected_files_are_valid_yaml_with_turns() -> None:
    for article in EXPECTED:
        data = yaml.safe_load(expected_path(article).read_text(encoding="utf-8"))
        assert all(len(turn) == 2 for turn in data["turns"]), article.name
