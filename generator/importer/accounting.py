"""Nothing lost: every word of every source line is somewhere an editor can see it — in a
turn, the introduction, a heading, a caption, the metadata, or the report's dropped list."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from generator.importer.decode import split_lines
from generator.importer.parsed import ParsedEvent
from generator.importer.punctuation import normalise

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Accounting:
    lines: int  # source lines
    missing: tuple[tuple[int, tuple[str, ...]], ...]  # line -> words found nowhere

    @property
    def complete(self) -> bool:
        return not self.missing


def pieces_by_line(parsed: ParsedEvent) -> dict[int, list[str]]:
    """What the import kept or dropped, by the source line it came from."""
    pieces: dict[int, list[str]] = defaultdict(list)
    for paragraph in parsed.intro:
        pieces[paragraph.line].append(paragraph.text)
    for theme in parsed.themes:
        pieces[theme.line].append(theme.marker + theme.title)
    for turn in parsed.turns:
        pieces[turn.line].append(turn.label or turn.speaker)
        for paragraph in turn.paragraphs:
            pieces[paragraph.line].append(paragraph.text)
    for dropped in parsed.dropped:
        pieces[dropped.line].append(dropped.text)
    for number, text in parsed.metadata_text.items():
        pieces[number].append(text)
    return pieces


def _squash(text: str) -> str:
    return re.sub(r"\W", "", normalise(text))


def account(parsed: ParsedEvent, text: str) -> Accounting:
    """Check each source line's words against what was kept or dropped from that line."""
    pieces = pieces_by_line(parsed)
    missing = []
    lines = split_lines(text)
    for line in lines:
        kept = "".join(_squash(piece) for piece in pieces.get(line.number, []))
        words = _WORD.findall(normalise(line.text))
        lost = tuple(word for word in words if word not in kept)
        if lost:
            missing.append((line.number, lost))
    return Accounting(len(lines), tuple(missing))
