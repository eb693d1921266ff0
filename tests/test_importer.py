"""The importer on the seed article and on small articles of other shapes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.errors import SiteError
from generator.importer import ImportReport, ParsedEvent, import_article, parse_article
from generator.importer.decode import decode
from generator.importer.parsed import BLANK, CAPTION, INTRO, METADATA, NOISE, THEME, TURN
from generator.importer.punctuation import normalise
from generator.importer.writer import render_transcript

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seed" / "000_797a2758b8cc291a.txt"
FIXTURES = REPO / "tests" / "fixtures" / "articles"
IMPORTER = REPO / "generator" / "importer"

T1 = "AIGC重塑内容生成：低成本、高交互、个性化"
T2 = "AI已成文化产业新引擎：快手可灵月入1亿，日产出10万条广告"
T3 = "AI音乐版权新实践：用户创意，用户所有"
T4 = "创意归人，执行交给AI"
T5 = "One More Thing"
HOST, CAI, JIANG, MA, ZHAO = "量子位", "蔡雄山", "姜涛", "马子涵", "赵晨"

SEED_TURNS = [
    (HOST, T1, 24),
    (CAI, T1, 25),
    (JIANG, T1, 36),
    (MA, T1, 40),
    (ZHAO, T1, 43),
    (HOST, T1, 51),
    (ZHAO, T1, 52),
    (HOST, T2, 58),
    (JIANG, T2, 59),
    (HOST, T2, 64),
    (CAI, T2, 65),
    (HOST, T2, 79),
    (CAI, T2, 80),
    (HOST, T2, 85),
    (MA, T2, 86),
    (HOST, T2, 89),
    (ZHAO, T2, 90),
    (HOST, T3, 96),
    (JIANG, T3, 97),
    (HOST, T3, 103),
    (ZHAO, T3, 104),
    (JIANG, T3, 108),
    (HOST, T4, 111),
    (JIANG, T4, 112),
    (HOST, T4, 114),
    (MA, T4, 115),
    (HOST, T4, 120),
    (CAI, T4, 121),
    (HOST, T5, 130),
    (JIANG, T5, 131),
    (MA, T5, 133),
    (ZHAO, T5, 134),
    (CAI, T5, 135),
]


@pytest.fixture(scope="module")
def seed_text() -> str:
    assert SEED.is_file(), f"the seed article is expected at {SEED} (shared/ beside the repo)"
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed(seed_text: str) -> ParsedEvent:
    return parse_article(seed_text)


@pytest.fixture()
def seed_import(tmp_path: Path) -> ImportReport:
    return import_article(SEED, tmp_path / "content")


# --- the seed: speakers, turns, themes ---------------------------------------------------


def test_seed_speakers_roles_and_moderator(seed: ParsedEvent) -> None:
    assert [(s.name, s.role, s.moderator) for s in seed.speakers] == [
        (CAI, "快手科技副总裁、快手研究院院长", False),
        (JIANG, "自由量级（上海）智能科技有限公司CTO兼执行CEO", False),
        (MA, "当红齐天集团联合创始人", False),
        (ZHAO, "璞跃中国（Plug and Play）管理合伙人、常务副总裁", False),
        (HOST, "", True),
    ]


def test_seed_every_turn_in_order(seed: ParsedEvent) -> None:
    assert [(t.speaker, t.theme, t.line) for t in seed.turns] == SEED_TURNS
    assert seed.turn_counts() == {CAI: 5, JIANG: 6, MA: 4, ZHAO: 5, HOST: 13}


def test_seed_themes(seed: ParsedEvent) -> None:
    assert [(t.title, t.line) for t in seed.themes] == [
        (T1, 24),
        (T2, 58),
        (T3, 96),
        (T4, 111),
        (T5, 130),
    ]
    assert seed.theme_counts() == {T1: 7, T2: 10, T3: 5, T4: 6, T5: 5}


def test_seed_fused_heading_keeps_the_question(seed: ParsedEvent) -> None:
    first = seed.turns[0]
    assert first.paragraphs[0].text == (
        "我们看到了AI的创造力，想了解驱动这种变革的内在逻辑是什么？背后正在形成哪些新规律？"
    )
    # Line 51 starts with a label: a turn of the current theme, not a heading.
    assert seed.turns[5].line == 51 and seed.turns[5].theme == T1


def test_seed_banner_line_is_a_continuation(seed: ParsedEvent) -> None:
    turn = next(t for t in seed.turns if t.line == 108)
    assert turn.speaker == JIANG
    assert [p.line for p in turn.paragraphs] == [108, 109, 110]
    assert turn.paragraphs[-1].text == "这个我们要提前布局和考虑好，否则我们很难走得更长远。"
    assert [d.reason for d in seed.dropped if d.line == 110] == ["title banner"]
    assert "【" not in render_transcript(seed)


def test_seed_last_turn_and_continuations(seed: ParsedEvent) -> None:
    cai = seed.turns[1]
    assert [p.line for p in cai.paragraphs] == list(range(25, 36))
    assert seed.turns[-1].paragraphs[0].text == "《周易》里面有一句话，“观乎人文，以化成天下”。"


def test_seed_intro_is_not_a_turn(seed: ParsedEvent) -> None:
    assert [p.line for p in seed.intro] == [14, 15, 16, 17, 18, 19, 20, 21, 23]
    assert seed.intro[0].text == "当你还在为写一篇文章发愁时，AI已经帮别人月入一个亿了。"
    # The editor's note fused after the guest list stays in the introduction.
    assert seed.intro[-1].text == (
        "量子位在不改变原意的基础上，对本场对话进行了编辑整理。希望能够给你带来更多的启发与思考。"
    )
    assert min(t.line for t in seed.turns) == 24
    assert seed.uses[22] == (METADATA,) and seed.uses[23] == (METADATA, INTRO)


def test_seed_captions_stay_in_their_turns(seed: ParsedEvent) -> None:
    captions = [(t.speaker, p.line, p.text) for t in seed.turns for p in t.paragraphs if p.caption]
    assert captions == [
        (CAI, 32, "△ AIGC短剧《山海奇镜之劈波斩浪》截图"),
        (ZHAO, 56, "△ 来自“如意AI智能”微信公众号"),
        (JIANG, 99, "△ 音潮小程序截图"),
        (CAI, 126, "△ 图源：四川文旅快手号"),
    ]
    assert not any(p.caption for p in seed.intro)


def test_seed_metadata(seed: ParsedEvent) -> None:
    meta = seed.metadata
    assert meta["title"] == "海淀105款大模型背后：看这些AI玩家如何抢占内容生产制高点"
    assert meta["date"] == "2025"
    assert meta["language"] == "zh-CN"
    assert meta["author"] == "二喵"
    assert meta["publisher"] == "量子位"
    assert meta["place"] == "北京海淀"
    assert meta["forum"] == "2025北京文化论坛"
    assert meta["session"] == "双向赋能：网络文化创新发展"
    assert meta["organisers"] == [
        {"name": "北京市委网信办", "role": "承办"},
        {"name": "海淀区委网信办", "role": "协办"},
        {"name": "东升镇人民政府", "role": "协办"},
        {"name": "快手", "role": "协办"},
    ]


# --- noise and accounting ------------------------------------------------------------------


def test_seed_noise_dropped_and_reported(seed: ParsedEvent, seed_import: ImportReport) -> None:
    noise = [(d.line, d.reason) for d in seed.dropped if d.reason != "blank"]
    assert noise == [
        *((n, "image placeholder") for n in (2, 4, 6, 8, 10)),
        (110, "title banner"),
        *((n, "recommended reading") for n in range(136, 147)),
    ]
    assert [d.line for d in seed.dropped if d.reason == "blank"] == [1, 3, 5, 7, 9, 11]
    report = seed_import.format()
    for dropped in seed.dropped:
        if dropped.reason != "blank":
            assert f"line {dropped.line}: {dropped.reason}: {dropped.text.strip()}" in report
    assert "blank lines: 1, 3, 5, 7, 9, 11" in report
    transcript = render_transcript(seed)
    assert "推荐阅读" not in transcript and "文章图片" not in transcript


def test_every_seed_line_is_accounted_for(seed_text: str, seed: ParsedEvent) -> None:
    lines = seed_text.split("\n")[:-1]
    assert sorted(seed.uses) == list(range(1, len(lines) + 1))
    dropped = {d.line for d in seed.dropped}
    kept = re.sub(r"\W", "", render_transcript(seed))
    for number, uses in seed.uses.items():
        if set(uses) <= {NOISE, BLANK}:
            assert number in dropped
            continue
        assert set(uses) <= {INTRO, TURN, THEME, CAPTION, METADATA, NOISE}, number
        if set(uses) == {METADATA}:
            continue  # the byline and the guest list, checked below
        # Every run of letters and digits of the line is in the transcript, in place.
        text = lines[number - 1]
        if METADATA in uses:  # the guest list: only the editor's note fused after it is text
            text = text[text.index("常务副总裁") + len("常务副总裁") :]
        for token in re.findall(
            r"\w+", text.replace("【海淀105款大模型背后:看这些AI玩家如何抢占内容生产制高点】", "")
        ):
            assert token in kept, (number, token)
    metadata_lines = [n for n, uses in seed.uses.items() if set(uses) == {METADATA}]
    assert metadata_lines == [12, 13, 22]
    meta = seed.metadata
    assert (meta["author"], meta["sent_from"]) == ("二喵", "凹非寺")  # 二喵 发自 凹非寺
    assert (meta["publisher"], meta["channel"]) == ("量子位", "公众号 QbitAI")
    # Line 22 announces the guest list of line 23, which became the speakers' roles.
    assert lines[21].endswith("嘉宾分别是:") and len(seed.guests) == 4


def test_seed_punctuation_normalised(seed: ParsedEvent) -> None:
    transcript = render_transcript(seed)
    assert " , " not in transcript and " 。" not in transcript
    assert not re.search(r"[\u4e00-\u9fff][,:;?!()]|[,:;?!()][\u4e00-\u9fff]", transcript)
    assert "璞跃中国（Plug and Play）管理合伙人" not in transcript  # the role is metadata
    assert "Plug and Play璞跃" in transcript
    assert "交流活动Chinese Tech Network。" in transcript
    assert "可灵2.1里" in transcript
    assert "RaaS（结果为服务）" in transcript
    assert "内容让我们进一步感受到" in transcript


@pytest.mark.parametrize(
    ("scraped", "clean"),
    [
        ("当你还在发愁时 , AI已经帮别人 。", "当你还在发愁时，AI已经帮别人。"),
        (
            "大模型碰到真难题了,测了500道,o3 Pro仅通过15%",
            "大模型碰到真难题了，测了500道，o3 Pro仅通过15%",
        ),
        ("璞跃中国(Plug and Play)管理合伙人", "璞跃中国（Plug and Play）管理合伙人"),
        ("10万条广告; AI音乐", "10万条广告；AI音乐"),
        ("说“太极” 。", "说“太极”。"),
        ("是什么?创意?", "是什么？创意？"),
        ("图源:四川", "图源：四川"),
        ("Plug and Play, at 10:30 (sharp).", "Plug and Play, at 10:30 (sharp)."),
        ("KV Cache预算降至1.5%", "KV Cache预算降至1.5%"),
        ("He said “hello” to me", "He said “hello” to me"),
    ],
)
def test_normalise(scraped: str, clean: str) -> None:
    assert normalise(scraped) == clean


# --- writing ---------------------------------------------------------------------------------


def test_seed_files(seed_import: ImportReport, tmp_path: Path) -> None:
    folder = tmp_path / "content" / "events" / "hai-dian-105-kuan-da-mo"
    assert seed_import.event_dir == folder
    assert sorted(p.name for p in folder.iterdir()) == ["event.yaml", "source.txt", "transcript.md"]
    assert (folder / "source.txt").read_bytes() == SEED.read_bytes()

    event_text = (folder / "event.yaml").read_text(encoding="utf-8")
    assert event_text.startswith("# ") and "edit" in event_text.splitlines()[0]
    assert "date: '2025'" in event_text
    event = yaml.safe_load(event_text)
    assert list(event) == [
        "title",
        "date",
        "language",
        "description",
        "place",
        "forum",
        "session",
        "organisers",
        "author",
        "publisher",
        "source_url",
        "speakers",
    ]
    assert event["speakers"][0] == {
        "name": CAI,
        "slug": "cai-xiongshan",
        "role": "快手科技副总裁、快手研究院院长",
        "moderator": False,
    }
    assert event["speakers"][-1] == {"name": HOST, "slug": "liang-ziwei", "moderator": True}

    transcript = (folder / "transcript.md").read_text(encoding="utf-8")
    assert transcript.count("\n## ") == 5
    assert transcript.count("**量子位：**") == 13
    section = transcript[transcript.index("## " + T1) :]
    assert section.startswith(
        f"## {T1}\n\n"
        "**量子位：** 我们看到了AI的创造力，想了解驱动这种变革的内在逻辑是什么？"
        "背后正在形成哪些新规律？\n\n"
        "**蔡雄山：** 快手在人工智能领域这一块，有一个非常重要的产品，就是可灵。"
        "这是全球首个用户真实可用的视频生成大模型。\n\n"
        "在视频生成领域，我们排在全世界非常前列的位置，甚至很多测评的指标是世界第一。\n\n"
    )
    assert "\n\n△ AIGC短剧《山海奇镜之劈波斩浪》截图\n\n" in transcript
    assert transcript.endswith("**蔡雄山：** 《周易》里面有一句话，“观乎人文，以化成天下”。\n")


def test_refuses_to_overwrite_without_force(seed_import: ImportReport) -> None:
    transcript = seed_import.event_dir / "transcript.md"
    transcript.write_text("edited by hand\n", encoding="utf-8")
    with pytest.raises(SiteError) as error:
        import_article(SEED, seed_import.event_dir.parents[1])
    assert error.value.hint and "--force" in error.value.hint
    assert transcript.read_text(encoding="utf-8") == "edited by hand\n"


def test_force_rewrites_only_the_three_files(seed_import: ImportReport) -> None:
    folder = seed_import.event_dir
    (folder / "transcript.md").write_text("edited by hand\n", encoding="utf-8")
    (folder / "notes.md").write_text("keep me\n", encoding="utf-8")
    report = import_article(SEED, folder.parents[1], force=True)
    assert [p.name for p in report.written] == ["source.txt", "event.yaml", "transcript.md"]
    assert (folder / "transcript.md").read_text(encoding="utf-8").startswith("当你还在")
    assert (folder / "notes.md").read_text(encoding="utf-8") == "keep me\n"
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    content = tmp_path / "content"
    report = import_article(SEED, content, slug="haidian-ai-salon", dry_run=True)
    assert report.dry_run and report.written == ()
    assert report.event_dir == content / "events" / "haidian-ai-salon"
    assert not content.exists()
    assert "Dry run" in report.format() and "量子位 [moderator]: 13 turns" in report.format()


def test_report_lists_speakers_themes_and_metadata(seed_import: ImportReport) -> None:
    report = seed_import.format()
    for line in (
        "蔡雄山 — 快手科技副总裁、快手研究院院长: 5 turns",
        "姜涛 — 自由量级（上海）智能科技有限公司CTO兼执行CEO: 6 turns",
        "量子位 [moderator]: 13 turns",
        f"1. {T1} (line 24): 7 turns",
        f"5. {T5} (line 130): 5 turns",
        "forum: 2025北京文化论坛",
        "organisers: 北京市委网信办 (承办), 海淀区委网信办 (协办)",
    ):
        assert line in report


def test_user_errors(tmp_path: Path) -> None:
    with pytest.raises(SiteError, match="not found"):
        import_article(tmp_path / "missing.txt", tmp_path)
    with pytest.raises(SiteError, match="invalid slug"):
        import_article(SEED, tmp_path, slug="Bad Slug")
    prose = tmp_path / "prose.txt"
    prose.write_text("Just an essay. Nobody speaks here.\n", encoding="utf-8")
    with pytest.raises(SiteError, match="no speaker turns"):
        import_article(prose, tmp_path)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("first line\nZoë\n".encode("latin-1"))
    with pytest.raises(SiteError) as error:
        import_article(latin1, tmp_path)
    assert error.value.line == 2 and "UTF-8" in error.value.message


def test_bom_and_crlf_parse_like_the_original(seed_text: str, seed: ParsedEvent) -> None:
    data = b"\xef\xbb\xbf" + seed_text.replace("\n", "\r\n").encode("utf-8")
    assert parse_article(decode(data)) == seed


# --- other articles: nothing is specific to the seed ----------------------------------------


def test_importer_contains_nothing_of_the_seed() -> None:
    code = "".join(p.read_text(encoding="utf-8") for p in IMPORTER.glob("*.py"))
    for phrase in (HOST, CAI, JIANG, MA, ZHAO, "二喵", "凹非寺", "文章图片", "海淀", "QbitAI"):
        assert phrase not in code
    for title in (T1, T2, T3, T4, T5, "嘉宾分别是", "不改变原意"):
        assert title not in code


def test_english_panel(tmp_path: Path) -> None:
    report = import_article(FIXTURES / "panel_en.txt", tmp_path)
    parsed = report.parsed
    assert report.slug == "archiving-the-open-web-a-panel"
    assert [(s.name, s.role, s.moderator) for s in parsed.speakers] == [
        ("Jane Doe", "chief archivist at the Harbour Library", False),
        ("Omar Haddad", "founder of Tidewater Studio", False),
        ("Moderator", "", True),
    ]
    assert [(t.title, t.line) for t in parsed.themes] == [
        ("Why archives matter", 10),
        ("Tools and practice", 18),
    ]
    assert [(t.speaker, t.theme) for t in parsed.turns][:3] == [
        ("Moderator", "Why archives matter"),
        ("Jane Doe", "Why archives matter"),
        ("Omar Haddad", "Why archives matter"),
    ]
    meta = parsed.metadata
    assert meta["title"] == "Archiving the Open Web: A Panel Recap"
    assert (meta["date"], meta["place"], meta["language"]) == ("2024-03-14", "Rotterdam", "en")
    assert meta["author"] == "Priya Natarajan"
    assert meta["forum"] == "2024 Digital Heritage Summit"
    assert [d.reason for d in parsed.dropped if d.reason != "blank"] == [
        "image placeholder",
    ] * 3 + ["recommended reading"] * 3
    transcript = (report.event_dir / "transcript.md").read_text(encoding="utf-8")
    assert "**Jane Doe:** I started by saving my own blog." in transcript
    assert "(along with their history)." in transcript
    assert "The conversation below has been lightly edited.\n\n## Why archives matter" in transcript


def test_chinese_roundtable_with_host_label_and_standalone_headings(tmp_path: Path) -> None:
    parsed = import_article(FIXTURES / "roundtable_zh.txt", tmp_path).parsed
    assert [(s.name, s.moderator) for s in parsed.speakers] == [
        ("主持人", True),
        ("周一鸣", False),
        ("许安然", False),
    ]
    assert [t.title for t in parsed.themes] == ["开店的初心", "下一个十年"]
    assert [t.theme for t in parsed.turns] == ["开店的初心"] * 6 + ["下一个十年"] * 3
    meta = parsed.metadata
    assert meta["title"] == "城市书店的第二种可能：三位店主的圆桌对话"
    assert (meta["date"], meta["place"], meta["session"]) == ("2024-11-02", "杭州", "书店的未来")
    assert meta["organisers"] == [
        {"name": "城市阅读联盟", "role": "主办"},
        {"name": "西湖文化基金会", "role": "协办"},
    ]
    assert meta["author"] == "林小舟"
    assert parsed.turns[2].paragraphs[-1].text == "△ 书店一角"
    assert (
        parsed.turns[4].paragraphs[0].text
        == "现金流。书的利润很薄（大概只有两三成），房租却年年涨。"
    )


def test_fused_headings_with_a_host_that_never_starts_a_line(tmp_path: Path) -> None:
    report = import_article(FIXTURES / "salon_fused_zh.txt", tmp_path)
    parsed = report.parsed
    assert report.slug == "salon-fused-zh"  # no title in the article: the file name
    assert [(s.name, s.role, s.moderator) for s in parsed.speakers] == [
        ("陈立", "星河资本合伙人", False),
        ("王慧敏", "灵巧科技首席科学家", False),
        ("硅谷来信", "", True),
    ]
    assert [(g.name, g.role) for g in parsed.guests][-1] == ("刘洋", "海岸机器人创始人")
    assert any("刘洋" in w for w in parsed.warnings)
    assert [(t.speaker, t.theme) for t in parsed.turns] == [
        ("硅谷来信", "家务是最难的场景"),
        ("王慧敏", "家务是最难的场景"),
        ("陈立", "家务是最难的场景"),
        ("硅谷来信", "成本何时降下来"),
        ("王慧敏", "成本何时降下来"),
        ("陈立", "成本何时降下来"),
    ]
    assert parsed.intro[-1].text == "硅谷来信对对话内容做了删减。"
    meta = parsed.metadata
    assert (meta["place"], meta["forum"], meta["session"]) == (
        "深圳南山",
        "2024深圳具身智能论坛",
        "机器人进家庭",
    )
    assert meta["organisers"] == [
        {"name": "南山区科技局", "role": "主办"},
        {"name": "前海创新中心", "role": "承办"},
        {"name": "星河资本", "role": "承办"},
    ]
    event = yaml.safe_load((report.event_dir / "event.yaml").read_text(encoding="utf-8"))
    assert event["title"] == "当一台机器人学会叠衣服，它离走进家庭还有多远？"


def test_turns_before_the_first_heading_get_an_opening_theme() -> None:
    text = "Moderator: Hello?\nAda: Hi.\n\nSecond part\nModerator: Why?\nAda: Because.\n"
    parsed = parse_article(text)
    assert [t.title for t in parsed.themes] == ["Opening", "Second part"]
    assert [t.theme for t in parsed.turns] == ["Opening", "Opening", "Second part", "Second part"]
    assert parsed.warnings
