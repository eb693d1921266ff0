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


@dataclass(frozen=True)
class Noise:
    """Line numbers of whole lines to drop, each with the reason, in source order."""

    placeholders: tuple[int, ...]
    tail: tuple[int, ...]

    def reason(self, number: int) -> str | None:
        if number in self.placeholders:
            return "image placeholder"
        if number in self.tail:
            return "recommended reading"
        return None


def is_blank(text: str) -> bool:
    return not text.strip()


def is_caption(text: str) -> bool:
    return text.lstrip().startswith(CAPTION_MARK)


def caption_text(text: str) -> str:
    """`△图源：…` -> `△ 图源：…`, the form transcript.md uses."""
    body = text.strip()[len(CAPTION_MARK) :].strip()
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


def _tail_heading(text: str) -> bool:
    text = re.sub(r"^#+\s*", "", text.strip()).strip(" :：|-—=*")
    return text.lower() in _TAIL_HEADINGS


def find_tail(lines: list[SourceLine]) -> tuple[int, ...]:
    """A recommended-reading heading followed only by list items (and blanks) to the end."""
    for index, line in enumerate(lines):
        if not _tail_heading(line.text):
            continue
        rest = [other for other in lines[index + 1 :] if not is_blank(other.text)]
        if rest and all(_LIST_ITEM.match(other.text) for other in rest):
            return tuple(other.number for other in lines[index:] if not is_blank(other.text))
    return ()


def find_noise(lines: list[SourceLine]) -> Noise:
    return Noise(placeholders=find_placeholders(lines), tail=find_tail(lines))


def split_banner(text: str) -> tuple[str | None, str]:
    """A bracketed title banner at the start of a line, and the text fused after it.

    Publications repeat the article title as `【…】` at the top or in the middle of the
    text; what follows the closing bracket on the same line is real text and is kept.
    """
    match = _BANNER.match(text)
    if match is None or re.search(r"[。！？!?]$", match.group("title")):
        return None, text
    return match.group("title").strip(), match.group("rest")
