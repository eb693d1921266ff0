"""Lengths that mean something to readers: characters for Chinese, words for English."""

from __future__ import annotations

import math
import re

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HAN_RUN = re.compile(_HAN.pattern + "+")  # runs, not characters: far fewer matches to make
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
HAN_PER_MINUTE = 400
WORDS_PER_MINUTE = 220


def counts(text: str) -> tuple[int, int]:
    """(Han characters, Latin words) of a text."""
    return sum(map(len, _HAN_RUN.findall(text))), len(_WORD.findall(text))


def text_length(text: str) -> int:
    """Han characters plus Latin words: what a reader perceives as the length."""
    return sum(counts(text))


def reading_minutes(han: int, words: int) -> int:
    return max(1, math.ceil(han / HAN_PER_MINUTE + words / WORDS_PER_MINUTE))


def initials(name: str, organisation: bool = False) -> str:
    """An avatar's letters: the given name for Chinese (雄山), the start of an organisation's
    name (量子位 -> 量子), initials for Latin names (JD)."""
    name = name.strip()
    if _HAN.match(name[:1] or " "):
        return name[:2] if organisation else name[1:3] if len(name) >= 3 else name
    parts = [p for p in re.split(r"[\s·.-]+", name) if p]
    return "".join(p[0].upper() for p in parts[:2]) or "?"


# Where a sentence may end: a run of stops, then any closing quotes and brackets.
_SENTENCE_END = re.compile(r"[。！？.!?]+[\"'”’」』）)\]》〉】]*")
_CJK_STOPS = frozenset("。！？")
_CJK_NEXT = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
_OPENERS = "\"'“‘([「『（《"
# Words a full stop follows without ending the sentence: titles before a name (Dr. Cho,
# St. Paul's), abbreviations read mid-sentence (vs., cf.), letters with dots between them
# (U.S., e.g., i.e., a.m.) and single initials (J. K. Rowling).
_NOT_AN_END = re.compile(
    r"Dr|Mrs?|Ms|Mx|Prof|St|Rev|Hon|Fr|Gen|Col|Capt|Lt|Sgt|Gov|Sen|Rep|Mt|vs|cf|approx"
    r"|(?:[A-Za-z]\.)+[A-Za-z]|[A-Z]"
)


def _ends_sentence(text: str, stop: re.Match[str]) -> bool:
    """Whether a run of stops (and closing quotes) ends a sentence, for Chinese and English."""
    marks = stop.group()
    if stop.start() == 0:
        return False
    if _CJK_STOPS.intersection(marks):  # 。！？ end a sentence wherever they are
        return True
    after = text[stop.end() : stop.end() + 2]
    if not after:
        return True
    if _CJK_NEXT.match(after):  # "好!下一句": Chinese text after a half-width stop
        return True
    if after[0] != " " or after[1:].islower():  # "3.5", "example.com", "etc. and so on"
        return False
    if marks.startswith(".."):  # an ellipsis is a pause, as "……" is in Chinese
        return False
    if marks == ".":
        # The word before it (a short look back: every word this matches is short).
        word = text[max(0, stop.start() - 16) : stop.start()].rsplit(" ", 1)[-1]
        if _NOT_AN_END.fullmatch(word.lstrip(_OPENERS)):
            return False
    return True


def first_sentence(text: str, limit: int = 120) -> str:
    """The first sentence of plain text, cut at `limit` characters, for descriptions.

    Chinese sentences end at 。！？ (with any closing quotes: 「好。」); English ones at . ! ?
    followed by a space and not a lower-case word, except after a title (Dr.), an
    abbreviation with inner dots (U.S., e.g.) or an initial (J. K. Rowling)."""
    text = re.sub(r"\s+", " ", text).strip()
    sentence = next(
        (text[: m.end()] for m in _SENTENCE_END.finditer(text) if _ends_sentence(text, m)), text
    )
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"
