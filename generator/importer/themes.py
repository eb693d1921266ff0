"""Theme headings: a short unpunctuated line before a turn, possibly fused with that turn.

Scrapers often lose the line break after a bold section heading, so `<heading><Label>：<q>`
arrives as one line; the known speaker label tells where the heading ends.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from generator.importer.punctuation import HAN

_MAX_HEADING = 50
_MAX_LATIN_HEADING = 80
_SENTENCE_INSIDE = re.compile(r"[。！？!?]")
_OPEN_ENDING = "，,、；;：:…—-。！？!?."
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+(?P<title>.+?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<title>[^*_\n]{1,80})\1\s*$")
# `一、` `1.` `（二）` `第三部分` `Part 2` `Section IV` `II.`: numbering of a section.
_NUMBERING = re.compile(
    r"^\s*(?P<marker>(?:[一二三四五六七八九十]{1,3}\s*[、.．]|\d{1,2}\s*[.、．)）](?!\d)"
    r"|[（(][一二三四五六七八九十\d]{1,3}[)）]|第[一二三四五六七八九十\d]{1,3}(?:部分|章|节|篇|幕|场)"
    r"|(?:Part|PART|Section|SECTION|Chapter)\s+(?:\d{1,2}|[IVX]{1,4}|One|Two|Three|Four|Five)\b"
    r"|[IVX]{1,4}\.(?=\s))[\s:：.．—–-]*)(?P<title>.*)$"
)
_STRONG_ENDING = "，,、；;：:…—-"


def _heading_shaped(text: str) -> bool:
    text = text.strip()
    if not text or text.startswith("△"):
        return False
    if text[0] in "（(" and text[-1] in "）)":
        return False  # an aside such as `（以下为对话实录）`
    limit = _MAX_HEADING if re.search(f"[{HAN}]", text) else _MAX_LATIN_HEADING
    return (
        len(text) <= limit
        and not _SENTENCE_INSIDE.search(text)
        and not text.endswith(tuple(_OPEN_ENDING))
    )


def markdown_heading(text: str) -> str | None:
    """`## Title` in an article that was saved as Markdown."""
    match = _MARKDOWN_HEADING.match(text)
    return match["title"] if match else None


def numbering(text: str) -> tuple[str, str] | None:
    """(marker, title) for a numbered line: `一、开店的初心` -> (`一、`, `开店的初心`)."""
    match = _NUMBERING.match(text)
    if match is None:
        return None
    return match["marker"], match["title"].strip()


def strong_heading(text: str) -> tuple[str, str] | None:
    """(title, marker) when the line is marked up as a heading: Markdown `#`, a line all in
    bold, or a numbered section. A heading may be a question, so `？` may end it."""
    title = markdown_heading(text)
    marker = ""
    if title is None:
        bold = _BOLD_LINE.match(text)
        title = bold["title"].strip() if bold else None
    explicit = title is not None
    if title is None:
        numbered = numbering(text)
        if numbered is None:
            return None
        marker, title = numbered
        if not title:  # `Part 2` alone is its own title
            return marker.strip(), ""
    numbered = numbering(title)
    if numbered is not None and numbered[1]:
        marker, title = marker + numbered[0], numbered[1]
    limit = _MAX_HEADING if re.search(f"[{HAN}]", title) else _MAX_LATIN_HEADING
    if not title or len(title) > limit:
        return None
    if not explicit and (
        title.endswith((*_STRONG_ENDING, "。")) or re.search(r"[。！!]|[.?？](?=.)", title[:-1])
    ):
        return None
    return title, marker


def standalone_heading(text: str) -> str | None:
    """The heading text if the whole line could be one (the caller checks that a turn
    follows, which is what separates a heading from a short spoken line)."""
    title = markdown_heading(text)
    if title is not None:
        return title
    return text.strip() if _heading_shaped(text) else None


def split_fused_heading(text: str, labels: Collection[str]) -> tuple[str, str, str] | None:
    """(heading, label, rest) for `<heading><Label>：<rest>` where Label is a known speaker."""
    if not labels:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(labels, key=len, reverse=True))
    match = re.search(rf"(?P<label>{alternatives})\s*[:：]", text)
    if match is None or match.start() == 0:
        return None
    heading = text[: match.start()].strip()
    if not _heading_shaped(heading):
        return None
    return heading, match["label"], text[match.end() :].strip()
