"""Speakers across events: one person per name or alias, distinct slugs for distinct people."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, build_site, copy_site

from generator.collect import collect_site
from generator.config import load_config
from generator.errors import SiteError


def add_event(site: Path, slug: str, date: str, speakers: str, transcript: str) -> None:
    folder = site / "content/events" / slug
    folder.mkdir(parents=True)
    (folder / "event.yaml").write_text(
        f"title: {slug}\ndate: '{date}'\nspeakers:\n{speakers}", "utf-8"
    )
    (folder / "transcript.md").write_text(transcript, "utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site(FIXTURES / "mini", tmp_path / "site")


def test_same_name_in_two_events_is_one_person(site: Path) -> None:
    add_event(site, "2025-later", "2025-01-01", "  - name: 王小明\n", "**王小明：** 又见面了。\n")
    people = {p.slug: p for p in collect_site(load_config(site)).people}
    assert [a.event for a in people["wang-xiaoming"].appearances] == ["2024-panel", "2025-later"]
    out = build_site(site, site / "output", search=False)
    html = (out / "speakers/wang-xiaoming/index.html").read_text("utf-8")
    assert "又见面了" in html and "版权是出版的根本" in html


def test_alias_joins_an_english_and_a_chinese_name(site: Path) -> None:
    speakers = "  - name: 简·多伊\n    aliases: [Jane Doe]\n"
    add_event(site, "2025-zh", "2025-02-02", speakers, "**简·多伊：** 你好。\n")
    people = {p.slug: p for p in collect_site(load_config(site)).people}
    assert len(people["jane-doe"].appearances) == 2
    assert not [slug for slug in people if slug.startswith("jian")]


def test_different_people_with_the_same_pinyin_get_different_slugs(site: Path) -> None:
    speakers = "  - name: 黎明\n  - name: 李明\n"
    add_event(site, "2025-li", "2025-03-03", speakers, "**黎明：** 一。\n\n**李明：** 二。\n")
    people = {p.name: p.slug for p in collect_site(load_config(site)).people}
    assert people["黎明"] == "li-ming"
    assert people["李明"] == "li-ming-2"


def test_an_explicit_slug_clash_between_people_is_an_error(site: Path) -> None:
    add_event(
        site,
        "2025-x",
        "2025-03-03",
        "  - name: 王大明\n    slug: wang-xiaoming\n",
        "**王大明：** 一。\n",
    )
    with pytest.raises(SiteError) as caught:
        collect_site(load_config(site))
    assert "wang-xiaoming" in str(caught.value)
    assert "2025-x/event.yaml:4" in str(caught.value)


def test_role_labels_are_not_one_person_across_events(site: Path) -> None:
    add_event(
        site,
        "2025-b",
        "2025-04-04",
        "  - name: 主持人\n    moderator: true\n",
        "**主持人：** 好。\n",
    )
    hosts = [p for p in collect_site(load_config(site)).people if p.name == "主持人"]
    assert sorted(p.slug for p in hosts) == ["host", "zhu-chiren"]
    assert all(len(p.appearances) == 1 for p in hosts)


def test_editor_lock_files_beside_speaker_files_are_ignored(site: Path) -> None:
    import os

    os.symlink("root@host.1234:1700000000", site / "content/speakers/.#wang-xiaoming.md")
    people = {p.slug: p for p in collect_site(load_config(site)).people}
    assert people["wang-xiaoming"].profile is not None


def test_a_slug_chosen_at_a_later_event_moves_the_persons_page(site: Path) -> None:
    speakers = "  - name: 简·多伊\n    aliases: [Jane Doe]\n    slug: jane\n"
    add_event(site, "2025-zh", "2025-02-02", speakers, "**简·多伊：** 你好。\n")
    people = {p.slug: p for p in collect_site(load_config(site)).people}
    assert "jane-doe" not in people  # the slug derived at the first event gave way
    assert [a.event for a in people["jane"].appearances] == ["2024-panel", "2025-zh"]


def test_two_events_choosing_different_slugs_for_one_person_is_an_error(site: Path) -> None:
    for slug, date, chosen in (("2025-a", "2025-01-01", "jane"), ("2025-b", "2025-02-02", "jd")):
        speakers = f"  - name: Jane Doe\n    slug: {chosen}\n"
        add_event(site, slug, date, speakers, "**Jane Doe:** Hello.\n")
    with pytest.raises(SiteError) as error:
        collect_site(load_config(site))
    assert "whose `slug:` there is `jane`, not `jd`" in str(error.value)
    assert "2025-b" in str(error.value.path)


def test_a_speaker_file_named_after_a_moved_slug_says_where_it_belongs(site: Path) -> None:
    """王小明's page moves to speakers/xm/ (chosen at a later event): the bio must follow."""
    speakers = "  - name: 王小明\n    slug: xm\n"
    add_event(site, "2025-later", "2025-01-01", speakers, "**王小明：** 又见面了。\n")
    (site / "content/speakers/wang-xiaoming.md").write_text("王小明是出版人。\n", "utf-8")
    with pytest.raises(SiteError) as error:
        collect_site(load_config(site))
    assert "`王小明`'s is `xm`" in str(error.value) and "xm.md" in str(error.value.hint)


def test_a_speaker_file_of_someone_gone_is_left_alone(site: Path) -> None:
    """Its speaker's events were deleted, or it is for someone not yet imported: no error,
    even beside a speaker with a close slug (jane-dong, jane-doe)."""
    (site / "content/speakers/jane-dong.md").write_text("A bio.\n", "utf-8")
    (site / "content/speakers/li-si.md").write_text("---\nname: 李四\n---\nA bio.\n", "utf-8")
    people = {p.slug for p in collect_site(load_config(site)).people}
    assert "jane-doe" in people and "jane-dong" not in people


def test_a_speaker_known_by_a_role_word_is_told_apart_by_their_event(site: Path) -> None:
    add_event(
        site,
        "2025-x",
        "2025-03-03",
        "  - name: 主持人\n    moderator: true\n  - name: 王小明\n",
        "**主持人：** 请讲。\n\n**王小明：** 好。\n",
    )
    output = build_site(site, site / "output", search=False)
    cards = (output / "speakers/index.html").read_text("utf-8")
    roles = re.findall(r'person-card__name" href="[^"]*">主持人</a>\s*<span[^>]*>([^<]*)<', cards)
    assert sorted(roles) == ["2025-x", "数字出版圆桌"]
