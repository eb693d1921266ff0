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


def initials(name: str) -> str:
    """An avatar's letters: the given name for Chinese (雄山), initials for Latin names (JD)."""
    name = name.strip()
    if _HAN.match(name[:1] or " "):
        return name[1:3] if len(name) >= 3 else name
    parts = [p for p in re.split(r"[\s·.-]+", name) if p]
    return "".join(p[0].upper() for p in parts[:2]) or "?"


def first_sentence(text: str, limit: int = 120) -> str:
    """The first sentence of plain text, cut at `limit` characters, for descriptions."""
    text = re.sub(r"\s+", " ", text).strip()
    match = re.search(r"^.+?[。！？.!?](?=\s|$|[^\d])", text)
    sentence = match.group() if match else text
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"
