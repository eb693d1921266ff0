"""transcript.md -> introduction, themes and turns (pure: text in, data out)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import SiteError
from generator.model import EventSpeaker, Paragraph, Source, Theme, Turn
from generator.schema import suggest
from generator.slugs import SAFE_SLUG, slugify, unique_slug

HEADING = re.compile(r"^##\s+(?P<title>.+?)(?:\s*\{#(?P<slug>[^}\s]*)\})?\s*#*\s*$")
# How an unknown label is reported; events.py sums these up when event.yaml lists nobody.
UNKNOWN_SPEAKER = "unknown speaker"
LABEL = re.compile(r"^\*\*(?P<name>[^*\n]+?)\s*[：:]\s*\*\*[ \t]*(?P<rest>.*)$", re.DOTALL)
CAPTION_MARK = "△"


@dataclass(frozen=True)
class Block:
    """A run of non-blank lines and the line it starts on."""

    text: str
    line: int


@dataclass
class Transcript:
    intro: tuple[Paragraph, ...] = ()
    themes: tuple[Theme, ...] = ()
    turns: tuple[Turn, ...] = ()


@dataclass
class _State:
    path: Path
    speakers_by_label: dict[str, EventSpeaker]
    intro: list[Paragraph] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    turns: list[dict] = field(default_factory=list)
    theme_slugs: set[str] = field(default_factory=set)
    errors: list[SiteError] = field(default_factory=list)
    # Themes with a turn whose speaker is unknown: already reported, not also "no turns".
    labelled: set[int] = field(default_factory=set)
    in_unknown_turn: bool = False  # its further paragraphs are part of that one problem


def split_blocks(text: str) -> list[Block]:
    """Blank-line separated blocks; a `##` line is always a block of its own."""
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith("## "):
            if current:
                blocks.append(Block("\n".join(current), start))
            blocks.append(Block(line, number))
            current = []
        elif line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
        elif current:
            blocks.append(Block("\n".join(current), start))
            current = []
    if current:
        blocks.append(Block("\n".join(current), start))
    return blocks


def labels_of(speakers: tuple[EventSpeaker, ...]) -> dict[str, EventSpeaker]:
    labels: dict[str, EventSpeaker] = {}
    for speaker in speakers:
        for label in (speaker.name, *speaker.aliases):
            labels[label] = speaker
    return labels


def parse_transcript(
    text: str, path: Path, speakers: tuple[EventSpeaker, ...]
) -> tuple[Transcript, list[SiteError]]:
    """Parse transcript.md; returns the transcript and every problem found (all at once)."""
    state = _State(path, labels_of(speakers))
    for block in split_blocks(text):
        heading = HEADING.match(block.text) if block.text.startswith("## ") else None
        if heading:
            _start_theme(state, heading, block.line)
            state.in_unknown_turn = False
            continue
        label = LABEL.match(block.text)
        if label:
            _start_turn(state, label, block)
        elif state.in_unknown_turn:
            continue
        elif state.turns and (not state.themes or state.turns[-1]["theme"] == state.themes[-1]):
            state.turns[-1]["paragraphs"].append(_paragraph(block.text))
        elif not state.themes:
            state.intro.append(_paragraph(block.text))
        else:
            state.errors.append(
                SiteError(
                    path,
                    "this paragraph follows a theme heading but has no speaker",
                    block.line,
                    "start it with the speaker's label, e.g. **Name：** …",
                )
            )
    _check_empty_themes(state)
    _check_turns_before_themes(state)
    return _finish(state), state.errors


def _paragraph(text: str) -> Paragraph:
    stripped = text.lstrip()
    if stripped.startswith(CAPTION_MARK):
        return Paragraph(stripped[len(CAPTION_MARK) :].strip(), caption=True)
    return Paragraph(text)


def _start_theme(state: _State, heading: re.Match[str], line: int) -> None:
    title = heading["title"].strip()
    explicit = heading["slug"]
    if explicit is not None and not SAFE_SLUG.match(explicit):
        state.errors.append(
            SiteError(
                state.path,
                f"theme slug `{explicit}` is not a safe slug",
                line,
                "use lowercase ASCII letters, digits and single hyphens, e.g. {#copyright}",
            )
        )
        explicit = None
    base = explicit or slugify(title, max_words=6) or f"theme-{len(state.themes) + 1}"
    if explicit and explicit in state.theme_slugs:
        state.errors.append(
            SiteError(state.path, f"two themes have the slug `{explicit}`", line, "rename one")
        )
    slug = unique_slug(base, state.theme_slugs)
    state.themes.append(Theme(slug=slug, title=title, source=Source(state.path, line)))


def _start_turn(state: _State, label: re.Match[str], block: Block) -> None:
    name = label["name"].strip()
    speaker = state.speakers_by_label.get(name)
    if speaker is None:
        guess = suggest(name, state.speakers_by_label.keys())
        hint = (
            f"did you mean `{guess}`? " if guess else ""
        ) + "add the speaker to `speakers:` in event.yaml (or as an alias of one)"
        state.errors.append(SiteError(state.path, f"{UNKNOWN_SPEAKER} `{name}`", block.line, hint))
        if state.themes:
            state.labelled.add(id(state.themes[-1]))
        state.in_unknown_turn = True
        return
    state.in_unknown_turn = False
    paragraphs = [_paragraph(label["rest"])] if label["rest"].strip() else []
    state.turns.append(
        {
            "speaker": speaker,
            "theme": state.themes[-1] if state.themes else None,
            "paragraphs": paragraphs,
            "line": block.line,
        }
    )


def _check_empty_themes(state: _State) -> None:
    used = {id(t["theme"]) for t in state.turns} | state.labelled
    for theme in state.themes:
        if id(theme) not in used:
            state.errors.append(
                SiteError(
                    state.path,
                    f"theme `{theme.title}` has no turns",
                    theme.source.line,
                    "add turns under it or remove the heading",
                )
            )


def _check_turns_before_themes(state: _State) -> None:
    """With themes, every page but the full transcript shows turns by theme: a turn before the
    first heading would be on none of them, nor in search."""
    if not state.themes:
        return
    for turn in state.turns:
        if turn["theme"] is None:
            state.errors.append(
                SiteError(
                    state.path,
                    "this turn comes before the first theme heading, so it belongs to no theme",
                    turn["line"],
                    "move it under a `##` heading (or add one above it)",
                )
            )


def _finish(state: _State) -> Transcript:
    counts: dict[str, int] = {}
    turns: list[Turn] = []
    last_question: dict[str | None, str] = {}
    for raw in state.turns:
        speaker: EventSpeaker = raw["speaker"]
        theme = raw["theme"].slug if raw["theme"] else None
        counts[speaker.slug] = counts.get(speaker.slug, 0) + 1
        turn_id = f"{speaker.slug}-{counts[speaker.slug]}"
        question = None if speaker.moderator else last_question.get(theme)
        if speaker.moderator:
            last_question[theme] = turn_id
        turns.append(
            Turn(
                id=turn_id,
                speaker=speaker.slug,
                theme=theme,
                paragraphs=tuple(raw["paragraphs"]),
                source=Source(state.path, raw["line"]),
                question=question,
            )
        )
    return Transcript(tuple(state.intro), tuple(state.themes), tuple(turns))
