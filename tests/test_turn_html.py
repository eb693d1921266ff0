"""Turns printed in Python (generator/turnhtml.py) are byte for byte the Jinja macro's
(docs/turns-macro.html): on whole sites, and on values chosen to trip escaping and options."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import jinja2
import pytest
from conftest import FIXTURES, REPO, copy_site, site_files

from generator.build import build
from generator.config import SiteConfig, load_config
from generator.render import make_environment
from generator.strings import defaults_for
from generator.turnhtml import turns_html

REFERENCE = REPO / "docs" / "turns-macro.html"
TURNS_MACRO = re.compile(r"\{% macro turns\(.*?\{% endmacro %\}", re.S)


def reference_turns() -> str:
    """The Jinja `turns` macro, from the reference file."""
    found = TURNS_MACRO.search(REFERENCE.read_text("utf-8"))
    assert found, "docs/turns-macro.html has no turns macro"
    return found.group(0)


def with_jinja_turns(site: Path) -> Path:
    """The site, with a templates/macros.html whose `turns` is the Jinja macro."""
    theme = (REPO / "theme/templates/macros.html").read_text("utf-8")
    assert TURNS_MACRO.search(theme)
    (site / "templates").mkdir(exist_ok=True)
    macros = TURNS_MACRO.sub(lambda _: reference_turns(), theme)
    (site / "templates/macros.html").write_text(macros, "utf-8")
    return site


@pytest.mark.parametrize("source", [FIXTURES / "mini", REPO], ids=["mini", "seed"])
def test_whole_sites_are_the_same_with_the_jinja_macro(source: Path, tmp_path: Path) -> None:
    ours = copy_site(source, tmp_path / "ours")
    theirs = with_jinja_turns(copy_site(source, tmp_path / "theirs"))
    build(load_config(ours), ours / "output", search=False)
    build(load_config(theirs), theirs / "output", search=False)
    pages = {k: v for k, v in site_files(ours / "output").items() if k.endswith(".html")}
    assert pages == {k: v for k, v in site_files(theirs / "output").items() if k.endswith(".html")}
    assert any(b'class="turn__context"' in page for page in pages.values())


TRICKY = "<b>&'\"</b>"


def turn(**changes: object) -> dict:
    context = {
        "anchor": "a-1" + TRICKY,
        "lang": "",
        "speaker": {
            "name": "王" + TRICKY,
            "url": "../x/?a=1&b=2",
            "role": TRICKY,
            "moderator": False,
        },
        "paragraphs": [
            {"html": "<p>说<em>话</em></p>", "caption": False},
            {"html": "图 &amp; 注", "caption": True},
        ],
        "question": {
            "speaker": "主持人" + TRICKY,
            "paragraphs": [{"html": "<p>问？</p>", "caption": False}],
        },
        "transcript_url": "../#a-1" + TRICKY,
    }
    context.update(changes)
    return context


CASES = [
    [turn()],
    [turn(lang="en")],  # another language than the site's
    [turn(lang="zh-CN")],  # the site's own
    [turn(speaker={"name": "主持人", "url": "u", "role": "", "moderator": True})],
    [
        turn(
            speaker={"name": "主持人", "url": "u", "role": "", "moderator": True},
            paragraphs=[{"html": "<p>先说钱。怎么看？</p>", "caption": False}],
        )
    ],
    [turn(speaker={"name": "甲", "url": "u", "role": "", "moderator": False})],
    [turn(question=None), turn(paragraphs=[])],
    [],
]


@pytest.mark.parametrize("items", CASES)
def test_every_option_prints_what_the_macro_printed(items: list) -> None:
    env = make_environment(SiteConfig(root=REPO))
    reference = jinja2.DictLoader({"reference.html": REFERENCE.read_text("utf-8")})
    env = env.overlay(loader=jinja2.ChoiceLoader([reference, env.loader]))
    call = "{{ m.turns(items, heading, question, transcript_link, speaker) }}"
    imported = "{% import NAME as m with context %}" + call
    jinja = env.from_string(imported.replace("NAME", "'reference.html'"))
    python = env.from_string(imported.replace("NAME", "'macros.html'"))
    sites = [
        {"language": language, "strings": {**defaults_for(language), "question": "问" + TRICKY}}
        for language in ("zh-CN", "en")  # an English site: its own brackets
    ]
    for site, heading, question, transcript_link, speaker in itertools.product(
        sites, ("h2", "h4"), (False, True), (False, True), (False, True)
    ):
        values = {"items": items, "site": site, "heading": heading, "question": question}
        values |= {"transcript_link": transcript_link, "speaker": speaker}
        assert python.render(values) == jinja.render(values), values


def test_in_answer_to_uses_the_sites_brackets() -> None:
    """回应的问题（主持人） on a Chinese site; In answer to (Moderator) on an English one, where a
    Chinese asker's name is marked as Chinese."""
    answer = turn(lang="zh-CN", question={"speaker": "主持人", "paragraphs": []})
    chinese = {"language": "zh-CN", "strings": defaults_for("zh-CN")}
    english = {"language": "en", "strings": defaults_for("en")}
    assert "<summary>回应的问题（主持人）</summary>" in turns_html([answer], chinese, question=True)
    printed = turns_html([answer], english, question=True)
    assert '<summary lang="en">In answer to (<span lang="zh-CN">主持人</span>)</summary>' in printed
    asked = turn(lang="en", question={"speaker": "Moderator", "paragraphs": []})
    assert "<summary>In answer to (Moderator)</summary>" in turns_html(
        [asked], english, question=True
    )


def test_a_hosts_turn_is_a_question_only_when_it_asks_one() -> None:
    host = {"name": "主持人", "url": "u", "role": "", "moderator": True}
    site = {"language": "zh-CN", "strings": defaults_for("zh-CN")}
    asking = turns_html(
        [turn(speaker=host, paragraphs=[{"html": "<p>怎么看？</p>", "caption": False}])], site
    )
    thanking = turns_html(
        [turn(speaker=host, paragraphs=[{"html": "<p>谢谢大家。</p>", "caption": False}])], site
    )
    assert 'class="turn turn--question"' in asking and ">提问</span>" in asking
    assert 'class="turn"' in thanking and ">主持</span>" in thanking
