"""The archive as data: frozen dataclasses with no I/O, shared by every stage."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Source:
    """Where something came from, so that errors and reports can point at it."""

    path: Path
    line: int | None = None


@dataclass(frozen=True)
class Paragraph:
    """One Markdown paragraph of a turn or an introduction."""

    markdown: str
    caption: bool = False


@dataclass(frozen=True)
class Turn:
    """One speaker's uninterrupted contribution: a question or an answer."""

    id: str
    speaker: str  # the event speaker's slug
    theme: str | None  # the theme's slug, None when the event has no themes
    paragraphs: tuple[Paragraph, ...]
    source: Source
    question: str | None = None  # id of the moderator turn this turn answers

    @property
    def spoken(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if not p.caption)


@dataclass(frozen=True)
class Theme:
    """A section of an event (a `##` heading in transcript.md)."""

    slug: str
    title: str
    source: Source


@dataclass(frozen=True)
class EventSpeaker:
    """A person (or host) as they appear at one event."""

    name: str
    slug: str
    role: str = ""
    moderator: bool = False
    aliases: tuple[str, ...] = ()
    source: Source | None = None
    explicit_slug: bool = False  # set by the editor, so never renamed to avoid a clash


@dataclass(frozen=True)
class Organiser:
    name: str
    role: str = ""


@dataclass(frozen=True)
class Event:
    slug: str
    title: str
    date: str
    language: str
    description: str = ""
    place: str = ""
    forum: str = ""
    session: str = ""
    author: str = ""
    publisher: str = ""
    source_url: str = ""
    organisers: tuple[Organiser, ...] = ()
    speakers: tuple[EventSpeaker, ...] = ()
    intro: tuple[Paragraph, ...] = ()
    themes: tuple[Theme, ...] = ()
    turns: tuple[Turn, ...] = ()
    folder: Path = field(default_factory=Path)

    # Looked up for every turn on every page: dictionaries, built once per event.
    @functools.cached_property
    def _speakers_by_slug(self) -> dict[str, EventSpeaker]:
        return {s.slug: s for s in self.speakers}

    @functools.cached_property
    def _themes_by_slug(self) -> dict[str, Theme]:
        return {t.slug: t for t in self.themes}

    @functools.cached_property
    def _turns_by_id(self) -> dict[str, Turn]:
        return {t.id: t for t in self.turns}

    def speaker(self, slug: str) -> EventSpeaker:
        return self._speakers_by_slug[slug]

    def turn(self, turn_id: str) -> Turn:
        return self._turns_by_id[turn_id]

    def theme(self, slug: str) -> Theme:
        return self._themes_by_slug[slug]

    def turns_of_theme(self, slug: str | None) -> tuple[Turn, ...]:
        return tuple(t for t in self.turns if t.theme == slug)


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Profile:
    """The optional content/speakers/<slug>.md: what editors add about a person."""

    slug: str
    name: str = ""
    bio: str = ""  # Markdown
    photo: str = ""
    links: tuple[Link, ...] = ()
    source: Source | None = None


@dataclass(frozen=True)
class Appearance:
    """A person's part in one event."""

    event: str  # event slug
    speaker: EventSpeaker


@dataclass(frozen=True)
class Person:
    """A speaker across the whole archive: one page per person."""

    slug: str
    name: str
    appearances: tuple[Appearance, ...]
    profile: Profile | None = None

    @property
    def role_appearance(self) -> Appearance:
        """Where `role` is quoted from: the most recent appearance that gives one (else the
        most recent)."""
        return next((a for a in reversed(self.appearances) if a.speaker.role), self.appearances[-1])

    @property
    def role(self) -> str:
        """The role at the most recent event that gives one."""
        return self.role_appearance.speaker.role

    @property
    def moderator_only(self) -> bool:
        return all(a.speaker.moderator for a in self.appearances)


@dataclass(frozen=True)
class Site:
    """Everything the build knows, resolved and sorted: events newest first."""

    events: tuple[Event, ...]
    people: tuple[Person, ...]

    @functools.cached_property
    def _events_by_slug(self) -> dict[str, Event]:
        return {e.slug: e for e in self.events}

    def event(self, slug: str) -> Event:
        return self._events_by_slug[slug]
