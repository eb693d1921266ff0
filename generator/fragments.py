"""Markdown of every turn and introduction rendered once, shared by every page that shows it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import SiteError
from generator.markup import MarkdownRenderer
from generator.model import Event, Paragraph, Site, Source
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
    turns: dict[tuple[str, str], Rendered] = {}
    source = Source(event.folder / "transcript.md")  # where the introduction is
    try:
        intro = render_paragraphs(event.intro, renderer)
        for turn in event.turns:
            source = turn.source
            turns[(event.slug, turn.id)] = render_paragraphs(turn.paragraphs, renderer)
    except RecursionError as exc:
        raise _too_deep(source) from exc
    return turns, intro


def _too_deep(source: Source) -> SiteError:
    """Python-Markdown recurses once per level of nested lists or quotes: hundreds of levels
    exhaust Python's stack. That is the source's problem, so it is reported as one."""
    return SiteError(
        source.path,
        "lists or quotes nested hundreds of levels deep cannot be rendered",
        source.line,
        "flatten the nesting: indent list items and add `>` only as deep as the text needs",
    )


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
    bios = {}
    for person in site.people:
        if person.profile and person.profile.bio:
            try:
                bios[person.slug] = renderer.html(person.profile.bio)
            except RecursionError as exc:
                raise _too_deep(person.profile.source or Source(Path(person.slug))) from exc
    return SiteFragments(turns, intros, bios)
