"""Plain, JSON-able template data for the things shown on many pages: turns, speakers, events.

Every link in here is relative to the page being built (`Linker.to`), so templates never join
paths and the site works under any base path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from generator import urls
from generator.fragments import Rendered, SiteFragments
from generator.model import Event, EventSpeaker, Person, Site, Turn
from generator.textstats import first_sentence, initials, reading_minutes


@dataclass(frozen=True)
class Linker:
    """Links from one page: `to('speakers/')` -> '../../speakers/'."""

    page: str
    absolute_base: str | None = None  # set for pages served at unknown depths (404.html)
    # Links by target path: a page links the same few pages again and again (each turn to its
    # speaker, its theme and its place in the transcript), with different anchors.
    _known: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    # The page's folders, with how to climb to each (urls.climbs), worked out once per page.
    _climbs: urls.Climbs = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_climbs", urls.climbs(self.page))

    def to(self, path: str) -> str:
        target, mark, anchor = path.partition("#")
        if mark and target == self.page and self.absolute_base is None:
            return mark + anchor  # a place on this very page
        known = self._known.get(target)
        if known is None:
            if self.absolute_base is not None:
                known = self.absolute_base + target
            else:
                known = urls.relative_path(self._climbs, target)
            self._known[target] = known
        return known + mark + anchor


class People:
    """Which person an event's speaker is (speakers are resolved across events)."""

    def __init__(self, site: Site) -> None:
        self._by_appearance: dict[tuple[str, str], Person] = {
            (a.event, a.speaker.slug): person for person in site.people for a in person.appearances
        }
        self._turns: dict[str, int] = {}
        # Each person's turns in each event, in transcript order: their speaker page's groups.
        self._turns_in: dict[tuple[str, str], list[Turn]] = {}
        self.cards: dict[tuple[str, str, str, str | None], dict[str, Any]] = {}
        for event in site.events:
            for turn in event.turns:
                slug = self._by_appearance[(event.slug, turn.speaker)].slug
                self._turns[slug] = self._turns.get(slug, 0) + 1
                self._turns_in.setdefault((event.slug, slug), []).append(turn)

    def of(self, event: str, speaker: str) -> Person:
        return self._by_appearance[(event, speaker)]

    def turn_count(self, person: Person) -> int:
        return self._turns.get(person.slug, 0)

    def turns_in(self, event: str, person: Person) -> list[Turn]:
        """What `person` said in `event`, in order."""
        return self._turns_in.get((event, person.slug), [])


def plain_text(rendered: Rendered) -> str:
    """The paragraphs' Markdown (for event.json and the .md pages: it keeps its syntax)."""
    return "\n".join(f.plain for f in rendered if not f.caption)


class _TextContent(HTMLParser):
    """The text a reader sees in HTML we rendered: no tags, no Markdown syntax, entities
    decoded, and a line break between blocks so list items and paragraphs do not run together.
    Images (alt text only) and anything in <script> or <style> are left out."""

    _BLOCK = re.compile(
        r"address|blockquote|br|d[dlt]|div|figcaption|h[1-6]|hr|li|ol|p|pre|section|table|t[dhr]|ul"
    )
    _HIDDEN = frozenset(("script", "style", "template"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif self._BLOCK.fullmatch(tag):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif self._BLOCK.fullmatch(tag):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def html_text(html: str) -> str:
    """The text content of a rendered fragment's HTML."""
    inner = html[3:-4]
    if html.startswith("<p>") and html.endswith("</p>") and "<" not in inner and "&" not in inner:
        return inner  # a paragraph without markup (most are): nothing to parse
    parser = _TextContent()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts).strip()


def description_text(rendered: Rendered, enough: int = 500) -> str:
    """The paragraphs' text as readers see it (without Markdown), for descriptions: only the
    first paragraphs, until there is `enough` text to find a first sentence in."""
    texts: list[str] = []
    shown = 0
    for fragment in rendered:
        if fragment.caption:
            continue
        texts.append(html_text(fragment.html))
        shown += len(" ".join(texts[-1].split()))  # as first_sentence counts it
        if shown >= enough:
            break
    return "\n".join(texts)


def is_organisation(event: Event, name: str) -> bool:
    """Whether a speaker is the event's publisher, forum or an organiser (a media outlet
    hosting, 量子位) rather than a person."""
    return name in (event.publisher, event.forum) or any(o.name == name for o in event.organisers)


def speaker_card(
    event: Event, speaker: EventSpeaker, people: People, link: Linker
) -> dict[str, Any]:
    # The same card is shown with every turn of a speaker on a page: made once per page
    # folder (templates only read contexts, so sharing the dict is safe).
    key = (event.slug, speaker.slug, link.page, link.absolute_base)
    card = people.cards.get(key)
    if card is None:
        person = people.of(event.slug, speaker.slug)
        card = people.cards[key] = {
            "name": speaker.name,
            "slug": person.slug,
            "role": speaker.role,
            "moderator": speaker.moderator,
            "initials": initials(speaker.name, is_organisation(event, speaker.name)),
            "url": link.to(urls.speaker_path(person.slug)),
        }
    return card


def turn_context(
    event: Event,
    turn: Turn,
    fragments: SiteFragments,
    people: People,
    link: Linker,
    anchor: str | None = None,
    with_question: bool = False,
) -> dict[str, Any]:
    """A turn as shown on any page; `anchor` is its id on that page (default: the turn id)."""
    shown, length = fragments.shown(event.slug, turn.id)
    speaker = event.speaker(turn.speaker)
    theme = event.theme(turn.theme) if turn.theme else None
    context: dict[str, Any] = {
        "id": turn.id,
        "anchor": anchor or turn.id,
        "lang": event.language,
        "speaker": speaker_card(event, speaker, people, link),
        "paragraphs": shown,
        "length": length,
        "theme": {"title": theme.title, "url": link.to(urls.theme_path(event.slug, theme.slug))}
        if theme
        else None,
        "transcript_url": link.to(urls.event_path(event.slug) + "#" + turn.id),
        "question": None,
    }
    if with_question and turn.question:
        question = event.turn(turn.question)
        context["question"] = {
            "speaker": event.speaker(question.speaker).name,
            "paragraphs": fragments.shown(event.slug, question.id)[0],
            "url": link.to(urls.event_path(event.slug) + "#" + question.id),
        }
    return context


def event_summary(
    event: Event, fragments: SiteFragments, people: People, link: Linker
) -> dict[str, Any]:
    """An event as listed on the home and events pages."""
    return {
        "slug": event.slug,
        "title": event.title,
        "lang": event.language,
        "date": event.date,
        "place": event.place,
        "forum": event.forum,
        "session": event.session,
        "description": event_description(event, fragments),
        "url": link.to(urls.event_path(event.slug)),
        "speakers": [
            speaker_card(event, s, people, link) for s in event.speakers if not s.moderator
        ],
        "themes": [
            {"title": t.title, "url": link.to(urls.theme_path(event.slug, t.slug))}
            for t in event.themes
        ],
        "turn_count": len(event.turns),
    }


def event_description(event: Event, fragments: SiteFragments) -> str:
    if event.description:
        return event.description
    return first_sentence(description_text(fragments.intros[event.slug]))


def event_length(event: Event, fragments: SiteFragments) -> tuple[int, int]:
    """(length, reading minutes) of the whole transcript."""
    spoken = [f for t in event.turns for f in fragments.turns[(event.slug, t.id)] if not f.caption]
    han, words = sum(f.han for f in spoken), sum(f.words for f in spoken)
    return han + words, reading_minutes(han, words)
