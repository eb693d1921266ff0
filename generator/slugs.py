"""ASCII slugs for Chinese and English names and titles (pinyin via pypinyin)."""

from __future__ import annotations

import functools
import re
import unicodedata

from pypinyin import Style, lazy_pinyin

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[A-Za-z0-9]+")
SAFE_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _ascii_fold(text: str) -> str:
    """Strip accents so that 'Zoë' becomes 'Zoe' before tokenising."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _tokens(text: str) -> list[str]:
    """One pinyin syllable per Han character and Latin/digit runs whole, in order.

    Han runs go to pypinyin whole so that its phrase dictionary picks the right
    reading of polyphones (重塑 is chong-su, not zhong-su).
    """
    out: list[str] = []
    for match in _TOKEN.finditer(unicodedata.normalize("NFKC", text)):
        token = match.group()
        if _HAN.match(token):
            out.extend(lazy_pinyin(token, style=Style.NORMAL, errors="ignore"))
        else:
            out.append(token.lower())
    return [t for t in (_ascii_fold(t) for t in out) if t]


def is_person_name(name: str) -> bool:
    """A Chinese personal name: two to four Han characters and nothing else."""
    return 2 <= len(name) <= 4 and all(_HAN.match(ch) for ch in name)


@functools.lru_cache(maxsize=65536)
def slugify(text: str, max_words: int = 8) -> str:
    """A lowercase ASCII slug: '版权归属与收益' -> 'ban-quan-gui-shu-yu-shou-yi'.

    Chinese personal names read as surname + given name: '蔡雄山' -> 'cai-xiongshan'.
    Returns '' when the text has nothing to spell (callers choose a fallback).
    """
    text = text.strip()
    if is_person_name(text):
        syllables = _tokens(text)  # a character pypinyin cannot read gives none
        if len(syllables) >= 2:
            return f"{syllables[0]}-{''.join(syllables[1:])}"
        return "".join(syllables)
    words = _tokens(text)[:max_words]
    return "-".join(words)


def unique_slug(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3` … whichever is not yet in `taken`; adds it to `taken`."""
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate
