"""Walk the cleaned lines of an article and cut them into introduction, themes and turns."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from generator.importer.parsed import (
    CAPTION,
    INTRO,
    THEME,
    TURN,
    ImportedTheme,
    ImportedTurn,
    Paragraph,
)
from generator.importer.speakers import label_at_start
from generator.importer.themes import split_fused_heading, standalone_heading


@dataclass(frozen=True)
class CleanLine:
    """A source line that survived the noise filter, already normalised."""

    number: int
    text: str
    caption: bool = False


@dataclass
class Walk:
    """The result of cutting lines into parts, plus how each line was used."""

    intro: list[Paragraph] = field(default_factory=list)
    themes: list[ImportedTheme] = field(default_factory=list)
    turns: list[ImportedTurn] = field(default_factory=list)
    uses: dict[int, list[str]] = field(default_factory=dict)

    def use(self, number: int, kind: str) -> None:
        self.uses.setdefault(number, []).append(kind)


@dataclass
class _OpenTurn:
    speaker: str
    theme: str | None
    line: int
    paragraphs: list[Paragraph]

    def close(self) -> ImportedTurn:
        return ImportedTurn(self.speaker, self.theme, tuple(self.paragraphs), self.line)


def _next_is_turn(lines: list[CleanLine], index: int, labels: Collection[str]) -> bool:
    """Whether the next non-caption line starts with a speaker label."""
    for line in lines[index + 1 :]:
        if not line.caption:
            return label_at_start(line.text, labels) is not None
    return False


def walk(lines: list[CleanLine], labels: Collection[str]) -> Walk:
    """Each label line starts a turn; every other line continues the current turn (or the
    introduction before the first turn); a heading starts a theme; captions stay in place."""
    result = Walk()
    theme: str | None = None
    turn: _OpenTurn | None = None

    def start_turn(speaker: str, text: str, number: int) -> _OpenTurn:
        if turn is not None:
            result.turns.append(turn.close())
        paragraphs = [Paragraph(text, number)] if text else []
        result.use(number, TURN)
        return _OpenTurn(speaker, theme, number, paragraphs)

    def start_theme(title: str, number: int) -> None:
        nonlocal theme
        theme = title
        result.themes.append(ImportedTheme(title, number))
        result.use(number, THEME)

    for index, line in enumerate(lines):
        if line.caption:
            paragraph = Paragraph(line.text, line.number, caption=True)
            (turn.paragraphs if turn else result.intro).append(paragraph)
            result.use(line.number, CAPTION)
            continue
        label = label_at_start(line.text, labels)
        if label is not None:
            turn = start_turn(label[0], label[1], line.number)
            continue
        fused = split_fused_heading(line.text, labels)
        if fused is not None:
            start_theme(fused[0], line.number)
            turn = start_turn(fused[1], fused[2], line.number)
            continue
        heading = standalone_heading(line.text)
        if heading is not None and _next_is_turn(lines, index, labels):
            if turn is not None:
                result.turns.append(turn.close())
                turn = None
            start_theme(heading, line.number)
            continue
        if turn is not None:
            turn.paragraphs.append(Paragraph(line.text, line.number))
            result.use(line.number, TURN)
        else:
            result.intro.append(Paragraph(line.text, line.number))
            result.use(line.number, INTRO)
    if turn is not None:
        result.turns.append(turn.close())
    return result
