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


def _heading_shaped(text: str) -> bool:
    text = text.strip()
    if not text or text.startswith("△"):
        return False
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
