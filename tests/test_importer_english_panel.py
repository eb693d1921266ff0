"""A reviewer's hand-made English panel (tests/fixtures/articles/newsfest_panel_en.txt) and
the importer rules it found wrong, each on the smallest article that shows it."""

from __future__ import annotations

from pathlib import Path

from generator.importer import ParsedEvent, parse_article, parse_source, read_article
from generator.importer.byline import page_byline
from generator.importer.guests import parse_announced, parse_entry
from generator.importer.html import extract_main_text
from generator.importer.noise import line_noise
from generator.importer.parsed import ImportedSpeaker
from generator.importer.report import confidence
from generator.importer.speakers import pick_moderators

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"


def _speaker(parsed: ParsedEvent, name: str) -> ImportedSpeaker:
    return next(s for s in parsed.speakers if s.name == name)


# 1. Someone from the floor asks, but is never the moderator.

FLOOR_EN = """Funding

Jane Doe: We rely on readers more than ever.
Omar Haddad: We rely on grants, and that worries me.
Audience member: What about advertising?
Jane Doe: Ads pay little now.
Omar Haddad: Agreed, very little.
"""

FLOOR_ZH = """嘉宾：李明（作家）、王芳（出版人）
李明：我先说几句。
王芳：我补充一点。
张三（观众）：请问两位怎么看电子书？
李明：我觉得很好。
王芳：我也这样看。
"""


def test_audience_member_asking_is_not_the_moderator() -> None:
    parsed = parse_article(FLOOR_EN)
    assert _speaker(parsed, "Audience member").moderator is False
    assert not any(s.moderator for s in parsed.speakers)


def test_a_named_speaker_from_the_floor_is_not_the_moderator() -> None:
    parsed = parse_article(FLOOR_ZH)
    assert _speaker(parsed, "张三").moderator is False


def test_pick_moderators_skips_the_floor_even_in_its_fallback() -> None:
    turns = [("Tom", True), ("Floor", True), ("Floor", True), ("Jane", False), ("Tom", True)]
    assert pick_moderators(turns, set(), floor={"Floor"}) == {"Tom"}
    # Everyone listed as a guest: the fallback takes the one who asks most, not the floor.
    assert pick_moderators(turns, {"Tom", "Jane"}, floor={"Floor"}) == {"Tom"}
    assert pick_moderators([("Floor", True), ("Floor", True)], set(), floor={"Floor"}) == set()


# 2. A bracketed role after an English full name is the role, even when a short form of the
# name is a known label.


def test_bracketed_role_after_an_english_full_name() -> None:
    guest = parse_entry("- Rafael Ortiz (Founder, CivicWire)", {"Rafael"})
    assert guest is not None
    assert (guest.name, guest.role, guest.aliases) == ("Rafael Ortiz", "Founder, CivicWire", ())


def test_brackets_after_an_english_name_hold_a_role_not_an_alias() -> None:
    guest = parse_entry("Jane Doe (Northwind)", set())
    assert guest is not None
    assert (guest.name, guest.role, guest.aliases) == ("Jane Doe", "Northwind", ())


def test_english_name_in_brackets_after_a_chinese_name_is_still_an_alias() -> None:
    guest = parse_entry("张三（Tony Zhang）", {"张三"})
    assert guest is not None
    assert (guest.name, guest.aliases) == ("张三", ("Tony Zhang",))


def test_a_known_chinese_label_still_starts_its_entry() -> None:
    guest = parse_entry("张三（某公司CEO）", {"张三"})
    assert guest is not None
    assert (guest.name, guest.role) == ("张三", "某公司CEO")


GUEST_SHORT_FORM = """Panelists:
- Rafael Ortiz (Founder, CivicWire)
- Jane Doe, Editor

Funding

Jane Doe: Welcome. What should we fund first?
RAFAEL ORTIZ: People, not tools.
Jane Doe: Why?
Rafael: Because tools get cheaper every year.
"""


def test_guest_spoken_in_full_and_in_short_is_one_speaker_with_his_role() -> None:
    parsed = parse_article(GUEST_SHORT_FORM)
    assert [s.name for s in parsed.speakers] == ["Rafael Ortiz", "Jane Doe"]
    rafael = _speaker(parsed, "Rafael Ortiz")
    assert rafael.role == "Founder, CivicWire"
    assert {"Rafael", "RAFAEL ORTIZ"} <= set(rafael.aliases)
    assert parsed.turn_counts()["Rafael Ortiz"] == 2


# 3. A host line with the role word first names the moderator and their role.

HOST_LINE = """Panelists:
- Jane Doe — Executive Editor, The Northwind Gazette
- Priya Natarajan, Professor of Journalism, Reed College
Moderator: Tom Baker, host of "Media Matters"

Tom Baker: Welcome. Jane, how do you pay reporters?
Jane Doe: Memberships, mostly.
Tom Baker: And the research?
Priya Natarajan: It says the same.
"""


def test_host_line_after_the_guest_list_names_the_moderator() -> None:
    parsed = parse_article(HOST_LINE)
    tom = _speaker(parsed, "Tom Baker")
    assert tom.moderator is True
    assert tom.role == 'host of "Media Matters"'
    assert "Moderator" not in {g.name for g in parsed.guests}
    assert not any("Moderator" in w for w in parsed.warnings)
    assert 4 in parsed.metadata_text  # the host line is metadata, not introduction


def test_a_role_word_is_never_a_guest_name() -> None:
    known = {"Moderator", "Tom Baker", "主持人"}
    assert parse_entry('Moderator: Tom Baker, host of "Media Matters"', known) is None
    chinese = parse_entry("主持人 王五", known)
    assert chinese is None or chinese.name != "主持人"


def test_announced_list_stops_at_the_host_line() -> None:
    following = ["- Jane Doe, Editor", "Moderator: Tom Baker, host", "Tom Baker: Hello."]
    announced = parse_announced("Panelists:", following, {"Moderator", "Tom Baker"})
    assert announced is not None
    guests, used = announced
    assert [g.name for g in guests] == ["Jane Doe"] and used == 1


# 4. Share lines and a `Related: …` tail are noise.


def test_share_this_article_is_a_share_footer() -> None:
    for text in ("Share this article", "Share this story", "Share this post | Tweet"):
        assert line_noise(text) == "share/like footer", text
    assert line_noise("Share this idea with your newsroom.") is None


TAIL = """Funding

Jane Doe: We rely on readers.
Omar Haddad: We rely on grants.
Jane Doe: Both, then.

Related: How CivicWire built a newsroom on WhatsApp
Copyright 2024 Newsfest. All rights reserved.
"""


def test_related_tail_fused_with_its_first_link_is_dropped() -> None:
    parsed = parse_article(TAIL)
    dropped = {d.line: d.reason for d in parsed.dropped if d.reason != "blank"}
    assert dropped == {7: "recommended reading", 8: "share/like footer"}
    assert all("Related" not in p.text for t in parsed.turns for p in t.paragraphs)
    assert not any(u.text.startswith("Related") for u in parsed.unsure)


def test_related_as_the_last_line_is_dropped() -> None:
    parsed = parse_article(TAIL.rsplit("\n", 2)[0] + "\n")
    assert [d.reason for d in parsed.dropped if d.reason != "blank"] == ["recommended reading"]


def test_a_related_line_before_more_turns_is_kept() -> None:
    text = TAIL.replace("Copyright 2024 Newsfest. All rights reserved.", "Omar Haddad: Yes.")
    parsed = parse_article(text)
    assert not any(d.reason == "recommended reading" for d in parsed.dropped)


# 5. A saved page whose byline only its metadata kept: the author asks, the date is the
# byline's; without either, the report is not confident and asks who `记者` is.

PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>对话：乡村图书馆的十年 | 某某周刊</title></head>
<body>
<nav><a href="/">首页</a> | <a href="/news">新闻</a></nav>
<article>
<h1>对话：乡村图书馆的十年</h1>
<p class="byline">记者 李明 2023-11-02 发自 云南大理</p>
<p>十年前，王芳在大理的一个村子里开办了第一家乡村图书馆。本刊记者与她和志愿者张伟进行了对话。</p>
<h2>缘起</h2>
<p><strong>记者：</strong>当初为什么想开图书馆？</p>
<p><strong>王芳：</strong>我小时候没有书读。回到村里后，我发现孩子们也一样。</p>
<p><strong>张伟：</strong>我是看到她的帖子来的，一待就是三年。</p>
<h2>困难</h2>
<p><strong>记者：</strong>最大的困难是什么？</p>
<p><strong>王芳：</strong>钱和人。书可以捐，但是管理员要工资。</p>
<p><strong>张伟：</strong>还有网络，很多电子资源用不了。</p>
</article>
<footer>版权所有 © 某某周刊</footer>
</body></html>
"""


def _page(tmp_path: Path, html: str) -> ParsedEvent:
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    return parse_source(read_article(path))


def test_page_byline_without_its_role_word_and_with_its_date() -> None:
    assert page_byline("记者 李明 2023-11-02") == {"date": "2023-11-02", "author": "李明"}
    assert page_byline("文; 许静") == {"author": "许静"}
    assert page_byline("By Jane Doe") == {"author": "Jane Doe"}
    assert page_byline("记者") == {} and page_byline("某某周刊编辑部") == {}


def test_page_byline_names_the_interviewer_and_dates_the_event(tmp_path: Path) -> None:
    parsed = _page(tmp_path, PAGE)
    assert (parsed.metadata["author"], parsed.metadata["date"]) == ("李明", "2023-11-02")
    interviewer = parsed.speakers[0]
    assert (interviewer.name, interviewer.moderator, interviewer.aliases) == (
        "李明",
        True,
        ("记者",),
    )
    assert confidence(parsed)[0] == "high"


def test_no_byline_no_date_is_not_high_confidence(tmp_path: Path) -> None:
    parsed = _page(
        tmp_path, PAGE.replace('<p class="byline">记者 李明 2023-11-02 发自 云南大理</p>', "")
    )
    assert not parsed.metadata.get("date") and "author" not in parsed.metadata
    assert [(u.kind, u.text) for u in parsed.unsure] == [("asker", "记者:")]
    level, reasons = confidence(parsed)
    assert level != "high"
    assert "no date found" in reasons


def test_a_date_the_page_does_not_state_is_not_taken() -> None:
    # trafilatura guesses 2024-01-01 from the footer's copyright year.
    html = (FIXTURES / "teachers_zh.html").read_text(encoding="utf-8")
    _, found = extract_main_text(html)
    assert "date" not in found
    assert page_byline(found["byline"]) == {"author": "许静"}
