"""Recognise what a scraper adds around an article: image placeholders, title banners,
captions and the publication's recommended-reading tail.

Everything here works from the shape of lines (repetition, length, brackets, list markers),
never from the words of a particular article.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from generator.importer.parsed import SourceLine

CAPTION_MARK = "△"
# Sentence and clause punctuation, ASCII and full-width: real prose has it, placeholders don't.
_PUNCTUATION = re.compile(r"[，。、；：？！,.;:?!“”\"'‘’()（）]")
_PLACEHOLDER_MAX = 12
_PLACEHOLDER_MIN_REPEATS = 3
_BANNER = re.compile(r"^\s*【(?P<title>[^【】]{8,120})】\s*(?P<rest>.*)$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.、)）])\s*\S")
# Generic section names that publications put above links to other articles. These are
# format words of web publishing, like "Contents", not words of any one article.
_TAIL_HEADINGS = {
    "推荐阅读",
    "相关阅读",
    "延伸阅读",
    "相关推荐",
    "往期推荐",
    "往期回顾",
    "热门文章",
    "猜你喜欢",
    "更多阅读",
    "recommended",
    "recommended reading",
    "related",
    "related articles",
    "related posts",
    "related reading",
    "read more",
    "further reading",
    "more from us",
}


# A single line that stands for an image: `[图片]`, `[image]`, `![alt](src)`, `<img …>`.
_IMAGE_LINE = re.compile(
    r"^\s*(?:\[(?:图片|图|image|img|photo|picture|视频|video)[^\]]{0,20}\]|!\[[^\]]*\]\([^)]*\)"
    r"|<img\b[^>]*>|[（(](?:图片|图|image|photo)[)）])\s*$",
    re.I,
)
# Captions that carry their own word instead of `△`: `图：…`, `图片来源：…`, `Photo: …`.
_CAPTION_WORD = re.compile(
    r"^\s*[（(]?(?:图|图片|图源|图片来源|摄影|供图|配图|图为|Photo|Image|Picture|Credit|"
    r"Photo credit|Image credit|Photograph)\s*(?:[:：|｜]|(?<=图为))",
    re.I,
)
# `点击关注`, QR codes and newsletter prompts: the publication talking, not the event.
_FOLLOW = re.compile(
    r"点击(?:上方|下方|蓝字|关注|阅读原文)|关注(?:我们|公众号)|扫码|扫描.{0,6}二维码|二维码|长按(?:识别|关注|扫码)"
    r"|设为?星标|加星标|[Ff]ollow us|[Ss]ubscribe (?:to|now)|[Ss]ign up for (?:our|the) newsletter",
)
# Share/like footers: lines made only of these words and separators.
_FOOTER_WORDS = re.compile(
    r"点赞|在看|分享|转发|收藏|喜欢|赞赏|留言|评论|阅读原文|原文链接|分享到|朋友圈|微信|微博|"
    r"Share(?: this(?: article| post| story| page| episode)?| on)?|"
    r"Like|Tweet|Email|Print|Copy link|Facebook|Twitter|LinkedIn|WhatsApp|X"
)
_FOOTER_LINE = re.compile(
    r"^\s*(?:[-—–=_~·\s（(【\[]*(?:END|完|全文完|The End)[-—–=_~·\s）)】\]]*"
    r"|版权所有.*|.*All rights reserved.*"
    r"|©.*|责任编辑\s*[:：|｜].*|责编\s*[:：|｜].*|Edited by .{1,40}|点个?[“\"「]?在看[”\"」]?.*"
    r"|觉得(?:不错|有用).{0,20}[点转].*)\s*$",
    re.I,
)
# `编者按：` opens an article with a real lead paragraph (kept as introduction); the notes
# below are asides about the editing.
_NOTE_WORDS = r"编者注|编辑注|记者注|編者註|編輯註|記者註|Editor['’]?s note|Ed\.? note"
_EDITOR_NOTE = re.compile(
    rf"^\s*[（(\[【]\s*(?:{_NOTE_WORDS}|编者按|編者按|注|註|Note)\s*[:：]"
    rf"|^\s*(?:{_NOTE_WORDS})\s*[:：]",
    re.I,
)
_FOOTER_MAX = 80


@dataclass(frozen=True)
class Noise:
    """Line numbers of whole lines to drop, each with the reason, in source order."""

    placeholders: tuple[int, ...]
    tail: tuple[int, ...]
    other: dict[int, str] | None = None  # number -> reason, for single noisy lines

    def reason(self, number: int) -> str | None:
        if number in self.placeholders:
            return "image placeholder"
        # A footer inside the tail (`Copyright …` under the links) keeps its own reason.
        if number in self.tail and number not in (self.other or {}):
            return "recommended reading"
        return (self.other or {}).get(number)


def line_noise(text: str) -> str | None:
    """Why a single line is noise wherever it stands, or None."""
    stripped = text.strip()
    if stripped and not re.search(r"\w", stripped) and len(stripped) >= 3:
        return "separator"  # `---`, `* * *`, `……`
    if _IMAGE_LINE.match(stripped):
        return "image placeholder"
    if len(stripped) <= _FOOTER_MAX and _FOLLOW.search(stripped):
        return "follow / QR code"
    if _EDITOR_NOTE.match(stripped):
        return "editor's note"
    if len(stripped) <= _FOOTER_MAX and (
        _FOOTER_LINE.match(stripped) or _only_footer_words(stripped)
    ):
        return "share/like footer"
    return None


def _only_footer_words(text: str) -> bool:
    if not _FOOTER_WORDS.search(text):
        return False
    rest = _FOOTER_WORDS.sub("", text)
    return not re.sub(r"[\W\d_]", "", rest)


def is_blank(text: str) -> bool:
    return not text.strip()


def is_caption(text: str) -> bool:
    return text.lstrip().startswith(CAPTION_MARK) or _CAPTION_WORD.match(text) is not None


def caption_text(text: str) -> str:
    """`△图源：…` -> `△ 图源：…`, the form transcript.md uses; `图：…` -> `△ 图：…`."""
    body = text.strip()
    if body.startswith(CAPTION_MARK):
        body = body[len(CAPTION_MARK) :].strip()
    return f"{CAPTION_MARK} {body}"


def _placeholder_shape(text: str) -> bool:
    text = text.strip()
    return 0 < len(text) <= _PLACEHOLDER_MAX and not _PUNCTUATION.search(text)


def find_placeholders(lines: list[SourceLine]) -> tuple[int, ...]:
    """Short unpunctuated lines repeated verbatim several times stand for images the scraper
    could not keep ("图片", "[image]" …): nobody repeats a real sentence like that."""
    shaped = [line for line in lines if _placeholder_shape(line.text)]
    counts = Counter(line.text.strip() for line in shaped)
    return tuple(
        line.number for line in shaped if counts[line.text.strip()] >= _PLACEHOLDER_MIN_REPEATS
    )


def _bare_heading(text: str) -> str:
    return re.sub(r"^#+\s*", "", text.strip()).strip(" :：|-—=*")


def _fused_tail_heading(text: str) -> bool:
    """`Related: How CivicWire built…`, `推荐阅读：…`: the tail's heading with its first link
    on the same line, as short blocks of links are often written."""
    match = _FUSED_TAIL.match(text)
    if match is None or match["head"].strip().lower() not in _TAIL_HEADINGS:
        return False
    return _tail_item(match["item"])


_FUSED_TAIL = re.compile(r"^(?P<head>[^:：|｜]{1,30})[:：|｜]\s*(?P<item>\S.*)$")
_TAIL_ITEM_MAX = 70


def _tail_item(text: str) -> bool:
    """A link to another article: a list item, a short line that is no sentence (no full
    stop at its end), or a footer line."""
    text = text.strip()
    if _LIST_ITEM.match(text) or line_noise(text):
        return True
    return len(text) <= _TAIL_ITEM_MAX and not text.endswith(("。", ".", "！", "!"))


def find_tail(lines: list[SourceLine]) -> tuple[int, ...]:
    """A recommended-reading heading followed only by links (and blanks) to the end."""
    for index, line in enumerate(lines):
        bare = _bare_heading(line.text)
        # A heading with its link fused on (`Related: …`) is a tail even as the last line.
        fused = _fused_tail_heading(bare)
        if not (fused or bare.lower() in _TAIL_HEADINGS):
            continue
        rest = [other for other in lines[index + 1 :] if not is_blank(other.text)]
        if (rest or fused) and all(_tail_item(other.text) for other in rest):
            return tuple(other.number for other in lines[index:] if not is_blank(other.text))
    return ()


def find_noise(lines: list[SourceLine]) -> Noise:
    other = {line.number: r for line in lines if (r := line_noise(line.text)) is not None}
    return Noise(placeholders=find_placeholders(lines), tail=find_tail(lines), other=other)


def split_banner(text: str) -> tuple[str | None, str]:
    """A bracketed title banner at the start of a line, and the text fused after it.

    Publications repeat the article title as `【…】` at the top or in the middle of the
    text; what follows the closing bracket on the same line is real text and is kept.
    """
    match = _BANNER.match(text)
    if match is None or re.search(r"[。！？!?]$", match.group("title")):
        return None, text
    return match.group("title").strip(), match.group("rest")
