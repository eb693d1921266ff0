"""An event and its rendered fragments as plain tuples of strings and numbers, and back.

Forked readers send events this way (see readahead.py): marshal moves plain tuples several
times faster than pickle moves the dataclasses (whose Paths and per-object state dominate).
Each class's fields are listed once here; a test checks the lists against the dataclasses, so
a new field cannot be dropped silently on the way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.fragments import Fragment, Rendered
from generator.model import Event, EventSpeaker, Organiser, Paragraph, Source, Theme, Turn

# Event fields that are plain text, in order; the others are encoded below.
EVENT_TEXT = (
    "slug",
    "title",
    "date",
    "language",
    "description",
    "place",
    "forum",
    "session",
    "author",
    "publisher",
    "source_url",
)
EVENT_NESTED = ("organisers", "speakers", "intro", "themes", "turns", "folder")
FIELDS = {
    Event: EVENT_TEXT + EVENT_NESTED,
    Turn: ("id", "speaker", "theme", "paragraphs", "source", "question"),
    Paragraph: ("markdown", "caption"),
    Fragment: ("html", "caption", "plain", "han", "words"),
    Theme: ("slug", "title", "source"),
    EventSpeaker: ("name", "slug", "role", "moderator", "aliases", "source", "explicit_slug"),
    Organiser: ("name", "role"),
    Source: ("path", "line"),
}

Encoded = tuple[Any, ...]


def encode_event(event: Event, turns: dict[tuple[str, str], Rendered], intro: Rendered) -> Encoded:
    """`event` with its turns' fragments (keyed as render_event keys them) and introduction's."""

    def paragraphs(items: tuple[Paragraph, ...], rendered: Rendered) -> tuple[Encoded, ...]:
        # A fragment's `plain` is its paragraph's Markdown and its `caption` the paragraph's.
        return tuple(
            (p.markdown, p.caption, f.html, f.han, f.words)
            for p, f in zip(items, rendered, strict=True)
        )

    return (
        tuple(getattr(event, name) for name in EVENT_TEXT),
        tuple((o.name, o.role) for o in event.organisers),
        tuple(
            (s.name, s.slug, s.role, s.moderator, s.aliases, _source(s.source), s.explicit_slug)
            for s in event.speakers
        ),
        paragraphs(event.intro, intro),
        tuple((t.slug, t.title, _source(t.source)) for t in event.themes),
        tuple(
            (
                t.id,
                t.speaker,
                t.theme,
                paragraphs(t.paragraphs, turns[(event.slug, t.id)]),
                _source(t.source),
                t.question,
            )
            for t in event.turns
        ),
        str(event.folder),
    )


def decode_event(data: Encoded) -> tuple[Event, dict[tuple[str, str], Rendered], Rendered]:
    """(event, its turns' fragments, its introduction's fragments) from encode_event's tuple."""
    text, organisers, speakers, intro, themes, turns, folder = data
    paths: dict[str, Path] = {}

    def source(encoded: tuple[str, int | None] | None) -> Source | None:
        if encoded is None:
            return None
        path = paths.get(encoded[0])
        if path is None:
            path = paths[encoded[0]] = Path(encoded[0])
        return Source(path, encoded[1])

    def paragraphs(items: tuple[Encoded, ...]) -> tuple[tuple[Paragraph, ...], Rendered]:
        return (
            tuple(Paragraph(markdown, caption) for markdown, caption, *_ in items),
            tuple(Fragment(h, caption, md, han, words) for md, caption, h, han, words in items),
        )

    slug = text[0]
    intro_paragraphs, intro_fragments = paragraphs(intro)
    made_turns: list[Turn] = []
    fragments: dict[tuple[str, str], Rendered] = {}
    for turn_id, speaker, theme, turn_paragraphs, turn_source, question in turns:
        own, fragments[(slug, turn_id)] = paragraphs(turn_paragraphs)
        made_turns.append(Turn(turn_id, speaker, theme, own, source(turn_source), question))  # type: ignore[arg-type]
    event = Event(
        *text,
        organisers=tuple(Organiser(name, role) for name, role in organisers),
        speakers=tuple(
            EventSpeaker(name, s, role, moderator, aliases, source(src), explicit)
            for name, s, role, moderator, aliases, src, explicit in speakers
        ),
        intro=intro_paragraphs,
        themes=tuple(Theme(s, title, source(src)) for s, title, src in themes),  # type: ignore[arg-type]
        turns=tuple(made_turns),
        folder=Path(folder),
    )
    return event, fragments, intro_fragments


def _source(source: Source | None) -> tuple[str, int | None] | None:
    return None if source is None else (str(source.path), source.line)
