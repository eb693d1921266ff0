"""The importer, as properties: it never crashes, loses no line, and reads its own output back."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import SiteError
from generator.importer import parse_article
from generator.importer.accounting import account
from generator.importer.parsed import ParsedEvent
from generator.importer.writer import render_transcript

# Text as scraped pages have it: Chinese and Latin, colons of both widths, brackets, banners,
# captions, list marks, spaced punctuation and blank lines.
ANY_TEXT = st.text(
    alphabet=st.sampled_from(
        list("张三李四王五主持人问答嘉宾：:，,。.？?！（）()【】△-*# \n\n\n")
        + list("版权短剧数字人音乐大模型创作成本广告AIQAJaneDoe0123")
    ),
    max_size=400,
)

NAMES = ["张三丰", "李四", "王小五", "Jane Doe", "赵敏"]
SENTENCES = st.sampled_from(
    [
        "我们认为版权很重要。",
        "短剧正在改变内容生产 , 这是一个新的机会 。",
        "AI会不会取代导演？",
        "The cost of production keeps falling.",
        "数字人直播已经很常见了。",
        "音乐大模型让每个人都能写歌。",
    ]
)


@st.composite
def articles(draw: st.DrawFn) -> str:
    """A transcript with a host, two to four guests, optional themes and continuation lines."""
    guests = draw(st.lists(st.sampled_from(NAMES), min_size=2, max_size=4, unique=True))
    lines = ["导语：一场关于内容生产的讨论。"]
    themes = draw(st.lists(st.sampled_from(["版权新实践", "短剧出海", "AI与导演"]), unique=True))
    for theme in themes or [None]:
        if theme:
            lines.append(theme)
        lines.append(f"主持人：{draw(SENTENCES).rstrip('。')}？")
        for guest in draw(st.lists(st.sampled_from(guests), min_size=1, max_size=4)):
            lines.append(f"{guest}：{draw(SENTENCES)}")
            lines += draw(st.lists(SENTENCES, max_size=2))
    return "\n".join(lines) + "\n"


def shape(parsed: ParsedEvent) -> tuple[list, list, list, list]:
    return (
        [(s.name, s.moderator) for s in parsed.speakers],
        [t.title for t in parsed.themes],
        [(t.speaker, t.theme, [p.text for p in t.paragraphs]) for t in parsed.turns],
        [p.text for p in parsed.intro],
    )


@given(ANY_TEXT)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_never_crashes_and_accounts_for_every_line(text: str) -> None:
    try:
        parsed = parse_article(text)
    except SiteError:
        return  # a clear user error (e.g. no turns at all) is an answer, not a crash
    accounting = account(parsed, text)
    assert accounting.complete, accounting.missing


@given(articles())
@settings(max_examples=150, deadline=None)
def test_structured_articles_lose_nothing(text: str) -> None:
    parsed = parse_article(text)
    assert account(parsed, text).complete
    assert [t.speaker for t in parsed.turns].count("主持人") >= 1


@given(articles())
@settings(max_examples=150, deadline=None)
def test_importing_the_exported_transcript_gives_the_same_event(text: str) -> None:
    first = parse_article(text)
    again = parse_article(render_transcript(first))
    assert shape(again) == shape(first)
