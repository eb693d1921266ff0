"""What the importer reads out of an article: frozen data, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Why a source line (or part of one) was used or dropped; the report and tests rely on these.
INTRO = "intro"
TURN = "turn"
THEME = "theme"
CAPTION = "caption"
METADATA = "metadata"
NOISE = "noise"
BLANK = "blank"


@dataclass(frozen=True)
class SourceLine:
    """One line of the article with its 1-based line number in the original file."""

    number: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the introduction or of a turn; captions keep their leading `△ `."""

    text: str
    line: int
    caption: bool = False


@dataclass(frozen=True)
class ImportedSpeaker:
    name: str
    role: str = ""
    moderator: bool = False
    aliases: tuple[str, ...] = ()  # other labels for them (short forms, English name)
    slug: str = ""  # only when the editor declared one


@dataclass(frozen=True)
class ImportedTheme:
    title: str
    line: int
    marker: str = ""  # numbering taken off the title (`一、`, `Part 2: `)


@dataclass(frozen=True)
class ImportedTurn:
    speaker: str
    theme: str | None
    paragraphs: tuple[Paragraph, ...]
    line: int
    label: str = ""  # the label as written (`主持人 李四`), for the line accounting

    @property
    def spoken(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if not p.caption)


@dataclass(frozen=True)
class DroppedLine:
    """Text the importer threw away, so that the report can show every bit of it."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Unsure:
    """Something the importer decided on weak evidence, for the editor to check."""

    line: int
    kind: str  # "label", "heading", "answerer", "speaker"
    text: str
    note: str


@dataclass(frozen=True)
class UnusedHint:
    """An editor's hint that matched nothing in the article, so it changed nothing: told in
    the report, or a mistyped line number or text would fail without a word."""

    key: str  # the hints file's key: "speakers", "noise", …
    value: int | str  # the entry as written there
    note: str  # why it matched nothing, and what to check


@dataclass(frozen=True)
class ParsedEvent:
    metadata: dict[str, Any]
    speakers: tuple[ImportedSpeaker, ...]
    intro: tuple[Paragraph, ...]
    themes: tuple[ImportedTheme, ...]
    turns: tuple[ImportedTurn, ...]
    dropped: tuple[DroppedLine, ...]
    # line number -> every use made of it (INTRO, TURN, NOISE …): proves nothing went missing.
    uses: dict[int, tuple[str, ...]] = field(default_factory=dict)
    guests: tuple[ImportedSpeaker, ...] = ()
    warnings: tuple[str, ...] = ()
    unsure: tuple[Unsure, ...] = ()
    notes: tuple[str, ...] = ()  # decisions worth telling (how Q/A and short forms were read)
    # line number -> text used as metadata (byline, title, guest list) for the accounting
    metadata_text: dict[int, str] = field(default_factory=dict)
    unused_hints: tuple[UnusedHint, ...] = ()

    @property
    def title(self) -> str:
        return str(self.metadata.get("title", ""))

    def turn_counts(self) -> dict[str, int]:
        counts = {s.name: 0 for s in self.speakers}
        for turn in self.turns:
            counts[turn.speaker] = counts.get(turn.speaker, 0) + 1
        return counts

    def theme_counts(self) -> dict[str, int]:
        counts = {t.title: 0 for t in self.themes}
        for turn in self.turns:
            if turn.theme is not None:
                counts[turn.theme] = counts.get(turn.theme, 0) + 1
        return counts
