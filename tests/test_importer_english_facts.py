"""Event facts in English articles: datelines, places, forums and roles written the English
way (generator/importer/english.py), from the shape of the text, never a list of places."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importer import parse_article, parse_source, read_article
from generator.importer.accounting import account
from generator.importer.english import english_facts, parse_dateline, role_before_name
from generator.importer.parsed import METADATA

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"

TURNS = """
Moderator: What happened first?
Jane Doe: We saved everything.
Moderator: And then?
Jane Doe: We lost half of it.
"""


def _meta(intro: str) -> dict:
    return parse_article(f"A Night of Archives\n{intro}\n{TURNS}").metadata


def test_a_dateline_line_is_metadata_not_the_introduction() -> None:
    """newsfest_panel_en.txt: `March 14, 2024 — Portland, Oregon` under the title gives the
    date and the place, leaves the introduction, and the report says where it went."""
    source = read_article(FIXTURES / "newsfest_panel_en.txt")
    parsed = parse_source(source)
    assert parsed.metadata["date"] == "2024-03-14"
    assert parsed.metadata["place"] == "Portland, Oregon"
    assert parsed.intro == ()
    assert parsed.uses[2] == (METADATA,)
    assert parsed.metadata_text[2] == "March 14, 2024 — Portland, Oregon"
    assert any(note.startswith("line 2 read as the dateline") for note in parsed.notes)
    assert account(parsed, source.text).complete


@pytest.mark.parametrize(
    ("article", "facts"),
    [
        ("newsfest_panel_en.txt", {"forum": "Newsfest 2024"}),  # `A Panel at Newsfest 2024`
        ("keynote_en.txt", {"forum": "Riverside Media Week", "place": "Toronto"}),
        ("podcast_en.md", {"place": "Manchester", "date": "2023-11-18"}),  # recorded in …
        ("interview_en.html", {"place": "Porto", "date": "2024-02-02"}),  # We spoke in …
    ],
)
def test_english_fixtures_give_their_place_and_forum(article: str, facts: dict) -> None:
    parsed = parse_source(read_article(FIXTURES / article))
    assert {key: parsed.metadata.get(key) for key in facts} == facts


@pytest.mark.parametrize(
    ("intro", "facts"),
    [
        (
            "Recorded at the Barbican Centre, London, on 3 March 2024.",
            {"place": "Barbican Centre, London", "date": "2024-03-03"},
        ),
        (
            "A panel at the Riverside Media Week in Porto on May 2, 2024.",
            {"forum": "Riverside Media Week", "place": "Porto", "date": "2024-05-02"},
        ),
        (
            "We met the panel at Newsfest 2024 in Manchester.",
            {"forum": "Newsfest 2024", "place": "Manchester"},
        ),
        (
            "PORTLAND, Ore. — Mar. 14, 2024",
            {"place": "Portland, Ore.", "date": "2024-03-14"},
        ),
        (
            "The event took place in New York, NY, on Friday, June 7, 2024.",
            {"place": "New York, NY", "date": "2024-06-07"},
        ),
    ],
)
def test_english_conventions_give_place_forum_and_date(intro: str, facts: dict) -> None:
    meta = _meta(intro)
    assert {key: meta.get(key) for key in facts} == facts


@pytest.mark.parametrize(
    ("wrong", "right", "place"),
    [
        # a month, not a place (the importer used to give `March`)
        ("The talk was held in March 2024.", "The talk was held in Leeds in 2024.", "Leeds"),
        # a language
        ("We spoke in English on May 2, 2024.", "We spoke in Porto on May 2, 2024.", "Porto"),
        # no place-shaped name
        (
            "It was recorded in Studio B on May 3, 2024.",
            "Recorded in Bristol on May 3, 2024.",
            "Bristol",
        ),
        # no event verb and no date after it
        ("Since 2019 in London, we grew.", "We met in London on May 3, 2024.", "London"),
    ],
)
def test_no_place_rather_than_a_wrong_one(wrong: str, right: str, place: str) -> None:
    """Each sentence that names no place beside one of the same shape that does."""
    assert "place" not in _meta(wrong)
    assert _meta(right).get("place") == place


@pytest.mark.parametrize(
    "line",
    [
        "March 14, 2024 — Jane Doe",  # an author, perhaps
        "March 14, 2024 — Porto",  # a city, or a publication: not sure enough
        "UPDATE — March 14, 2024",  # capitals without a region
        "Updated March 14, 2024",
    ],
)
def test_a_line_that_is_not_surely_a_dateline_stays_in_the_introduction(line: str) -> None:
    assert parse_dateline(line) is None
    parsed = parse_article(f"A Night of Archives\n{line}\nWe talked about archives.\n{TURNS}")
    assert [p.text for p in parsed.intro] == [line, "We talked about archives."]
    assert "place" not in parsed.metadata


@pytest.mark.parametrize(
    ("line", "facts"),
    [
        ("March 14, 2024 — Portland, Oregon", {"date": "2024-03-14", "place": "Portland, Oregon"}),
        ("Portland, Oregon — March 14, 2024", {"date": "2024-03-14", "place": "Portland, Oregon"}),
        ("14 March 2024 | Manchester, UK", {"date": "2024-03-14", "place": "Manchester, UK"}),
        ("NEW YORK, NY — March 1, 2024", {"date": "2024-03-01", "place": "New York, NY"}),
        ("Thursday, March 14, 2024", {"date": "2024-03-14"}),
    ],
)
def test_dateline_forms(line: str, facts: dict) -> None:
    assert parse_dateline(line) == facts


def test_a_dateline_before_the_turns_still_lets_the_title_be_found() -> None:
    parsed = parse_article(
        f"A Night of Archives\nBy Leo Martins\n14 March 2024 | Leeds, UK\n{TURNS}"
    )
    assert parsed.metadata["title"] == "A Night of Archives"
    assert parsed.metadata["author"] == "Leo Martins"
    assert parsed.metadata["place"] == "Leeds, UK"
    assert parsed.intro == ()


def test_roles_written_before_names_in_the_introduction() -> None:
    """podcast_en.md: `Host Dana Whitfield talks with historian Raj Patel and engineer Claire
    Dubois` gives Raj Patel and Claire Dubois their roles; the host gets none."""
    parsed = parse_source(read_article(FIXTURES / "podcast_en.md"))
    roles = {s.name: s.role for s in parsed.speakers}
    assert roles == {"Dana Whitfield": "", "Raj Patel": "historian", "Claire Dubois": "engineer"}


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Guests: urban historian Raj Patel and others.", "urban historian"),
        ("We thank the brilliant Raj Patel.", ""),  # no connector right before the words
        ("Dana talks with the historian Raj Patel.", ""),  # `the`: could be anything
        ("We spoke with Raj Patel, a historian.", ""),  # after the name: not this rule
    ],
)
def test_role_before_name_is_conservative(text: str, role: str) -> None:
    assert role_before_name("Raj Patel", text) == role


def test_chinese_text_is_not_read_the_english_way() -> None:
    """English rules run only on English articles: a Chinese introduction quoting an English
    place keeps its facts as before."""
    assert english_facts("本次论坛 held in March 2024。") == {}
    parsed = parse_article(
        "夜班\n2024年3月14日，活动在北京举行。\n主持人：你好？\n张三：你好。\n主持人：再见？\n张三：再见。\n"
    )
    assert parsed.metadata["place"] == "北京"
    assert parsed.metadata["date"] == "2024-03-14"
