"""Undo the spacing and half-width punctuation that web scrapers put into Chinese text.

`当你还在发愁时 , AI已经 。` becomes `当你还在发愁时，AI已经。`, while Latin runs such as
`Plug and Play`, `o3 Pro` or `2.1` stay exactly as written.
"""

from __future__ import annotations

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width punctuation that never has a space next to it in Chinese typography.
_TIGHT = "，。、；：？！（）《》〈〉「」『』【】〔〕"
# Punctuation that is Chinese-looking but also used in English text, so spaces around it are
# only dropped when the other side is Chinese too.
_LOOSE = "“”‘’—…·"
_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}

_HAN_RE = re.compile(f"[{HAN}]")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")


def is_han(ch: str) -> bool:
    return bool(ch) and _HAN_RE.match(ch) is not None


def _is_cjk(ch: str) -> bool:
    return is_han(ch) or (bool(ch) and ch in _TIGHT + _LOOSE)


def _neighbour(text: str, index: int, step: int) -> str:
    """The nearest non-space character before (step=-1) or after (step=1) `index`."""
    i = index + step
    while 0 <= i < len(text) and text[i] in " \t":
        i += step
    return text[i] if 0 <= i < len(text) else ""


def _paren_pairs(text: str) -> dict[int, int]:
    """Matching ASCII parentheses, both directions, so that a pair is converted together."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            j = stack.pop()
            pairs[i], pairs[j] = j, i
    return pairs


def _to_full_width(text: str) -> str:
    chars = list(text)
    pairs = _paren_pairs(text)
    for i, ch in enumerate(text):
        if ch not in _FULL_WIDTH:
            continue
        if ch in "()" and i in pairs:
            start, end = sorted((i, pairs[i]))
            chinese = (
                _is_cjk(_neighbour(text, start, -1))
                or _is_cjk(_neighbour(text, end, 1))
                or _HAN_RE.search(text, start, end) is not None
            )
        elif ch in "()":
            chinese = _is_cjk(_neighbour(text, i, -1)) and _is_cjk(_neighbour(text, i, 1))
        else:
            before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
            # 10:30, 3,000 and 1.5 stay as they are: only Chinese context converts.
            chinese = _is_cjk(before) or _is_cjk(after)
            if ch in ",:" and before.isdigit() and after.isdigit():
                chinese = False
        if chinese:
            chars[i] = _FULL_WIDTH[ch]
    return "".join(chars)


def _drop_spaces(text: str) -> str:
    def keep_or_drop(match: re.Match[str]) -> str:
        start, end = match.span()
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        if before in _TIGHT or (after and after in _TIGHT):
            return ""
        if _is_cjk(before) and _is_cjk(after):
            return ""
        return " "

    return _SPACES.sub(keep_or_drop, text)


def normalise(text: str) -> str:
    """One line of scraped text with Chinese punctuation and spacing restored."""
    text = _SPACES.sub(" ", text).strip()
    return _drop_spaces(_to_full_width(text))
