"""Descriptions (cards, <meta name="description">, the feed's summaries) are the first sentence
of an introduction as readers see it: English abbreviations do not end it, and no Markdown
syntax shows in it."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import FIXTURES, build_site, copy_site

from generator.contexts import html_text
from generator.markup import MarkdownRenderer
from generator.textstats import first_sentence

ATOM = "{http://www.w3.org/2005/Atom}"


ENGLISH = [
    ("Dr. Helen Cho opened the panel. Then the guests spoke.", "Dr. Helen Cho opened the panel."),
    ("The U.S. panel met in Boston. It rained.", "The U.S. panel met in Boston."),
    (
        "Mr. Lee, Mrs. Park, Ms. Gray and Prof. Adeyemi met at St. Paul's. Then lunch.",
        "Mr. Lee, Mrs. Park, Ms. Gray and Prof. Adeyemi met at St. Paul's.",
    ),
    (
        "Some cities, e.g. Leeds, i.e. the north, grew. Others shrank.",
        "Some cities, e.g. Leeds, i.e. the north, grew.",
    ),
    ("J. K. Rowling read first. Then questions.", "J. K. Rowling read first."),
    ("Turnout rose 3.5 percent in 2023. It fell later.", "Turnout rose 3.5 percent in 2023."),
    ('She said "we are done." Then she left.', 'She said "we are done."'),
    ("She said “we are done.” Then she left.", "She said “we are done.”"),
    ("The panel ended (as planned.) Drinks followed.", "The panel ended (as planned.)"),
    ("Who owns the city? Everyone does.", "Who owns the city?"),
    ("What a night! Thanks to all.", "What a night!"),
    (
        "There were chairs, tables, etc. and a stage. Then more.",
        "There were chairs, tables, etc. and a stage.",
    ),
    ("Visit example.org for more. Thanks.", "Visit example.org for more."),
    ("Well... we began late. Sorry.", "Well... we began late."),
    ("No full stop at all", "No full stop at all"),
    ("Ends with a title, Dr.", "Ends with a title, Dr."),
]
# What Chinese sentences end at is as before, with closing quotes now kept with their sentence.
CHINESE = [
    (
        "当你还在为写一篇文章发愁时，AI已经帮别人月入一个亿了。在北京海淀",
        "当你还在为写一篇文章发愁时，AI已经帮别人月入一个亿了。",
    ),
    ("真的稀缺的是什么？创意？审美？", "真的稀缺的是什么？"),
    ("太好了！我们开始吧。", "太好了！"),
    ("真的吗？！是的。", "真的吗？！"),
    ("他停了一下……然后说完了。下一句", "他停了一下……然后说完了。"),
    ("他说：「版权是根本。」然后坐下了。", "他说：「版权是根本。」"),
    ("“我们做到了！”大家说。", "“我们做到了！”"),
    ("规模达到3.5亿。下一句", "规模达到3.5亿。"),
    ("你好!世界。", "你好!"),
    ("快手可灵成了“印钞机”——月入一个亿。下一句", "快手可灵成了“印钞机”——月入一个亿。"),
]


def wrong_sentences(cases: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [
        (text, first_sentence(text)) for text, sentence in cases if first_sentence(text) != sentence
    ]


def test_english_sentences() -> None:
    assert wrong_sentences(ENGLISH) == []


def test_chinese_sentences() -> None:
    assert wrong_sentences(CHINESE) == []


def test_a_long_sentence_is_cut_at_the_limit() -> None:
    long = "字" * 200 + "。"
    assert first_sentence(long) == "字" * 119 + "…"
    assert first_sentence("Dr. " + "word " * 40 + "end.", limit=30) == "Dr. " + "word " * 5 + "…"


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        (
            "*A transcript of The Urban Hour*, recorded live.",
            "A transcript of The Urban Hour, recorded live.",
        ),
        ("**Bold** and __bold__, _it_ and ~plain~.", "Bold and bold, it and ~plain~."),
        ("See [the map](https://example.org/map) and `make site`.", "See the map and make site."),
        ("![a photo](photo.jpg) Tom &amp; Jerry &lt;3 AT&T.", "Tom & Jerry <3 AT&T."),
        ("<b>raw</b> stays text", "<b>raw</b> stays text"),
        ("- one\n- two", "one two"),
        ("第一行\n第二行", "第一行第二行"),
    ],
)
def test_the_text_readers_see(markdown: str, text: str) -> None:
    shown = html_text(MarkdownRenderer().html(markdown))
    assert " ".join(shown.split()) == text  # descriptions join whitespace (first_sentence)


INTRO = (
    "*A transcript of* [The Urban Hour](https://example.org/hour), recorded by Dr. Helen Cho "
    "at the U.S. consulate with `J. K. Rowling` &amp; friends. "
    "It ran for 3.5 hours.\n\n"
    "A second paragraph.\n\n"
    "## Housing\n\n"
    "**Helen Cho:** Welcome.\n"
)
FIRST = (
    "A transcript of The Urban Hour, recorded by Dr. Helen Cho at the U.S. consulate with "
    "J. K. Rowling & friends."
)


def meta_description(page: str) -> str:
    found = re.search(r'<meta name="description" content="([^"]*)"', page)
    assert found, "no description"
    return html.unescape(found.group(1))


def card_texts(page: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r'<p class="card__text"[^>]*>(.*?)</p>', page)]


def test_an_english_event_is_described_by_its_first_sentence(tmp_path: Path) -> None:
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    folder = site / "content/events/2025-urban-hour"
    folder.mkdir(parents=True)
    (folder / "event.yaml").write_text(
        "title: The Urban Hour\ndate: '2025-03-01'\nlanguage: en\nspeakers:\n  - name: Helen Cho\n",
        "utf-8",
    )
    (folder / "transcript.md").write_text(INTRO, "utf-8")
    output = build_site(site, tmp_path / "output", base_url="https://example.org/", search=False)

    event_page = (output / "events/2025-urban-hour/index.html").read_text("utf-8")
    assert meta_description(event_page) == FIRST
    for listing in ("index.html", "events/index.html"):
        assert FIRST in card_texts((output / listing).read_text("utf-8")), listing
    feed = ET.parse(output / "feed.xml").getroot()
    summaries = {
        e.findtext(ATOM + "title"): e.findtext(ATOM + "summary") for e in feed.iter(ATOM + "entry")
    }
    assert summaries["The Urban Hour"] == FIRST
    # The Chinese event beside it keeps its description.
    chinese = (output / "events/2024-panel/index.html").read_text("utf-8")
    assert meta_description(chinese) == "一场关于数字出版的圆桌讨论。"
