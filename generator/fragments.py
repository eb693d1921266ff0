"""Markdown of every turn and introduction rendered once, shared by every page that shows it."""

from __future__ import annotations

from dataclasses import dataclass

from generator.markup import MarkdownRenderer
from generator.model import Paragraph, Site
from generator.textstats import text_length


@dataclass(frozen=True)
class Fragment:
    html: str
    caption: bool
    plain: str  # the Markdown source, for lengths and descriptions
    length: int  # characters for Chinese, words for English (textstats.text_length)


Rendered = tuple[Fragment, ...]


def render_paragraphs(paragraphs: tuple[Paragraph, ...], renderer: MarkdownRenderer) -> Rendered:
    return tuple(
        Fragment(
            renderer.inline(p.markdown) if p.caption else renderer.html(p.markdown),
            p.caption,
            p.markdown,
            text_length(p.markdown),
        )
        for p in paragraphs
    )


@dataclass(frozen=True)
class SiteFragments:
    turns: dict[tuple[str, str], Rendered]  # (event slug, turn id) -> paragraphs
    intros: dict[str, Rendered]  # event slug -> introduction
    bios: dict[str, str]  # person slug -> bio HTML

    def spoken_length(self, event: str, turn: str) -> int:
        return sum(f.length for f in self.turns[(event, turn)] if not f.caption)


def render_fragments(site: Site, renderer: MarkdownRenderer) -> SiteFragments:
    turns = {
        (event.slug, turn.id): render_paragraphs(turn.paragraphs, renderer)
        for event in site.events
        for turn in event.turns
    }
    intros = {event.slug: render_paragraphs(event.intro, renderer) for event in site.events}
    bios = {
        person.slug: renderer.html(person.profile.bio)
        for person in site.people
        if person.profile and person.profile.bio
    }
    return SiteFragments(turns, intros, bios)
