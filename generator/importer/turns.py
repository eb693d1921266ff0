"""Walk the cleaned lines of an article and cut them into introduction, themes and turns."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from generator.importer.hints import HintEntry, matching
from generator.importer.parsed import (
    CAPTION,
    INTRO,
    THEME,
    TURN,
    ImportedTheme,
    ImportedTurn,
    Paragraph,
    Unsure,
)
from generator.importer.themes import (
    numbering,
    split_fused_heading,
    standalone_heading,
    strong_heading,
)

# A line -> (speaker, text after the label, label as written), or None for no known label.
Resolve = Callable[[str], "tuple[str, str, str] | None"]


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
    unsure: list[Unsure] = field(default_factory=list)
    matched_hints: set[HintEntry] = field(default_factory=set)  # for the report's unused

    def use(self, number: int, kind: str) -> None:
        self.uses.setdefault(number, []).append(kind)


@dataclass
class _OpenTurn:
    speaker: str
    theme: str | None
    line: int
    paragraphs: list[Paragraph]
    label: str = ""

    def close(self) -> ImportedTurn:
        return ImportedTurn(self.speaker, self.theme, tuple(self.paragraphs), self.line, self.label)


@dataclass(frozen=True)
class Headings:
    """The editor's say on headings (line numbers or exact texts)."""

    forced: Collection[int | str] = ()
    refused: Collection[int | str] = ()


def _next_is_turn(lines: list[CleanLine], index: int, resolve: Resolve) -> bool:
    """Whether the next non-caption line starts with a speaker label."""
    for line in lines[index + 1 :]:
        if not line.caption:
            return resolve(line.text) is not None
    return False


def _in_a_list(lines: list[CleanLine], index: int, turn: _OpenTurn | None) -> bool:
    """`2. …` right after `1. …` inside a turn is the speaker's list, not a section."""
    if turn is None or index == 0 or lines[index - 1].number < turn.line:
        return False
    return numbering(lines[index - 1].text) is not None


def _heading(
    lines: list[CleanLine], index: int, resolve: Resolve, turn: _OpenTurn | None, result: Walk
) -> tuple[str, str] | None:
    """(title, marker) if this line starts a theme; notes a near-miss as unsure."""
    line = lines[index]
    strong = strong_heading(line.text)
    follows = _next_is_turn(lines, index, resolve)
    if strong is not None and strong[0] and not _in_a_list(lines, index, turn):
        if follows:
            return strong
        result.unsure.append(
            Unsure(line.number, "heading", line.text, "looks like a heading; no turn follows")
        )
        return None
    heading = standalone_heading(line.text)
    if heading is not None and follows:
        return heading, ""
    return None


def walk(
    lines: list[CleanLine],
    resolve: Resolve,
    keys: Collection[str],
    headings: Headings | None = None,
    raw: dict[int, str] | None = None,
) -> Walk:
    """Each label line starts a turn; every other line continues the current turn (or the
    introduction before the first turn); a heading starts a theme; captions stay in place.

    `keys` are the label names that may be fused after a heading (`<heading>Name：…`)."""
    result = Walk()
    theme: str | None = None
    turn: _OpenTurn | None = None
    headings = headings or Headings()
    raw = raw or {}

    def start_turn(speaker: str, text: str, number: int, label: str) -> _OpenTurn:
        if turn is not None:
            result.turns.append(turn.close())
        paragraphs = [Paragraph(text, number)] if text else []
        result.use(number, TURN)
        return _OpenTurn(speaker, theme, number, paragraphs, label)

    def start_theme(title: str, number: int, marker: str = "") -> None:
        nonlocal theme
        theme = title
        result.themes.append(ImportedTheme(title, number, marker))
        result.use(number, THEME)

    for index, line in enumerate(lines):
        if line.caption:
            paragraph = Paragraph(line.text, line.number, caption=True)
            (turn.paragraphs if turn else result.intro).append(paragraph)
            result.use(line.number, CAPTION)
            continue
        source = raw.get(line.number, line.text)
        # A heading hint also names a line by its text as cleaned (banner cut, punctuation).
        forced = matching(headings.forced, line.number, source.strip(), line.text)
        # Refusals are looked up on every line, not only where one could change the outcome:
        # an entry naming a line of the body has matched, and the report lists the others.
        refused = matching(headings.refused, line.number, source.strip(), line.text)
        result.matched_hints.update(("headings", entry) for entry in forced)
        result.matched_hints.update(("not_headings", entry) for entry in refused)
        label = None if forced else resolve(line.text)
        if label is not None:
            turn = start_turn(*label[:2], line.number, label[2])
            continue
        fused = None if forced else split_fused_heading(line.text, keys)
        if fused is not None and resolve(f"{fused[1]}：x") is not None:
            start_theme(fused[0], line.number)
            speaker = resolve(f"{fused[1]}：x")[0]  # type: ignore[index]
            turn = start_turn(speaker, fused[2], line.number, fused[1])
            continue
        heading = None
        if forced:
            heading = strong_heading(line.text) or (line.text.strip(), "")
        elif not refused:
            heading = _heading(lines, index, resolve, turn, result)
        if heading is not None:
            if turn is not None:
                result.turns.append(turn.close())
                turn = None
            start_theme(heading[0], line.number, heading[1])
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
