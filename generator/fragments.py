"""Markdown of every turn and introduction rendered once, shared by every page that shows it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.markup import MarkdownRenderer
from generator.model import Event, Paragraph, Site
from generator.textstats import counts


@dataclass(frozen=True)
class Fragment:
    html: str
    caption: bool
    plain: str  # the Markdown source, for lengths and descriptions
    han: int  # Han characters of `plain`
    words: int  # Latin words of `plain`

    @property
    def length(self) -> int:
        """Characters for Chinese, words for English (textstats.text_length)."""
        return self.han + self.words


Rendered = tuple[Fragment, ...]


def render_paragraph(paragraph: Paragraph, renderer: MarkdownRenderer) -> Fragment:
    markdown, caption = paragraph.markdown, paragraph.caption
    html = renderer.inline(markdown) if caption else renderer.html(markdown)
    return Fragment(html, caption, markdown, *counts(markdown))


def render_paragraphs(paragraphs: tuple[Paragraph, ...], renderer: MarkdownRenderer) -> Rendered:
    return tuple(render_paragraph(p, renderer) for p in paragraphs)


@dataclass(frozen=True)
class SiteFragments:
    turns: dict[tuple[str, str], Rendered]  # (event slug, turn id) -> paragraphs
    intros: dict[str, Rendered]  # event slug -> introduction
    bios: dict[str, str]  # person slug -> bio HTML
    # A turn's paragraphs as template data, and its length: a turn shows on three pages or
    # more, and these are the same on each (templates only read them, so sharing is safe).
    _shown: dict[tuple[str, str], tuple[list[dict[str, Any]], int]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def shown(self, event: str, turn: str) -> tuple[list[dict[str, Any]], int]:
        """(paragraphs as template data, spoken length) of a turn."""
        known = self._shown.get((event, turn))
        if known is None:
            rendered = self.turns[(event, turn)]
            length = sum(f.length for f in rendered if not f.caption)
            known = self._shown[(event, turn)] = (paragraph_data(rendered), length)
        return known


def paragraph_data(rendered: Rendered) -> list[dict[str, Any]]:
    """Paragraphs as template data."""
    return [{"html": f.html, "caption": f.caption, "markdown": f.plain} for f in rendered]


EventMemo = dict[str, tuple[Event, bool, dict[tuple[str, str], Rendered], Rendered]]


def render_event(
    event: Event, renderer: MarkdownRenderer
) -> tuple[dict[tuple[str, str], Rendered], Rendered]:
    """One event's turns (by (event slug, turn id)) and introduction, rendered."""
    turns = {(event.slug, t.id): render_paragraphs(t.paragraphs, renderer) for t in event.turns}
    return turns, render_paragraphs(event.intro, renderer)


def render_fragments(
    site: Site, renderer: MarkdownRenderer, events: EventMemo | None = None
) -> SiteFragments:
    """Every turn's and introduction's HTML. `events` (kept by `serve`) holds the events
    rendered before: an edit renders only the event it changed (and the renderer caches
    Markdown by its text, so even there only the paragraphs that changed are parsed)."""
    turns: dict[tuple[str, str], Rendered] = {}
    intros: dict[str, Rendered] = {}
    for event in site.events:
        known = events.get(event.slug) if events is not None else None
        if known is not None and known[0] is event and known[1] == renderer.allow_html:
            turns.update(known[2])
            intros[event.slug] = known[3]
            continue
        own, intros[event.slug] = render_event(event, renderer)
        turns.update(own)
        if events is not None:
            events[event.slug] = (event, renderer.allow_html, own, intros[event.slug])
    if events is not None:
        for gone in set(events) - set(intros):
            del events[gone]
    bios = {
        person.slug: renderer.html(person.profile.bio)
        for person in site.people
        if person.profile and person.profile.bio
    }
    return SiteFragments(turns, intros, bios)
