"""What each page shows: the Planner turns the site into (path, template, context); no I/O.

Each template's context is a plain dict, documented in docs/templates.md. Every page context has
`site`, `page` and `links` (pagebase.py); the rest depends on the page kind: an event's pages
here, the site's own pages in listpages.py, a speaker's in speakerpages.py. Which pages there
are, and how they are split and memoised, is planning.py's business.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator import urls
from generator.contexts import (
    description_text,
    event_description,
    event_length,
    event_summary,
    plain_text,
    speaker_card,
    turn_context,
)
from generator.fragments import paragraph_data
from generator.listpages import HOME_EVENTS, HOME_SPEAKERS, ListPages
from generator.model import Event, Turn
from generator.pagebase import PageSpec, PlannerBase
from generator.speakerpages import SpeakerPages
from generator.textstats import first_sentence

__all__ = ["HOME_EVENTS", "HOME_SPEAKERS", "PageSpec", "Planner", "PlannerBase"]


@dataclass(frozen=True)
class Planner(ListPages, SpeakerPages):
    """Every kind of page; an event's own (its page, theme pages and JSON) are planned here."""

    def event(self, event: Event) -> PageSpec:
        path = urls.event_path(event.slug)
        strings = self.config.strings
        crumbs = ((strings["events"], urls.EVENTS),)
        description = event_description(event, self.fragments)
        link, ctx = self.base(path, "event", event.title, description, crumbs, event.language)
        length, minutes = event_length(event, self.fragments)
        ctx["event"] = {
            **event_summary(event, self.fragments, self.people, link),
            "author": event.author,
            "publisher": event.publisher,
            "source_url": event.source_url,
            "organisers": [{"name": o.name, "role": o.role} for o in event.organisers],
            "intro": paragraph_data(self.fragments.intros[event.slug]),
            "guests": [speaker_card(event, s, self.people, link) for s in event.speakers],
            "length": length,
            "minutes": minutes,
            "json_url": link.to(urls.event_json_path(event.slug)),
        }
        ctx["sections"] = [
            {
                "title": theme.title if theme else None,
                "anchor": theme.slug if theme else None,
                "url": link.to(urls.theme_path(event.slug, theme.slug)) if theme else None,
                "turns": [
                    turn_context(event, t, self.fragments, self.people, link)
                    for t in event.turns_of_theme(theme.slug if theme else None)
                ],
            }
            for theme in (event.themes or (None,))
        ]
        # The transcript is searched through the theme pages; index it here only without themes.
        ctx["index_transcript"] = not event.themes
        ctx["filters"] = self._heard(event, event.turns) if not event.themes else {}
        return PageSpec(path, "event.html", ctx)

    def theme(self, event: Event, index: int) -> PageSpec:
        theme = event.themes[index]
        path = urls.theme_path(event.slug, theme.slug)
        turns = event.turns_of_theme(theme.slug)
        first_question = next(
            (t for t in turns if event.speaker(t.speaker).moderator), turns[0] if turns else None
        )
        description = (
            first_sentence(description_text(self.fragments.turns[(event.slug, first_question.id)]))
            if first_question
            else ""
        )
        crumbs = (
            (self.config.strings["events"], urls.EVENTS),
            (event.title, urls.event_path(event.slug)),
        )
        link, ctx = self.base(path, "theme", theme.title, description, crumbs, event.language)
        ctx["page"]["markdown_url"] = link.to(urls.markdown_path(path))
        neighbours = {"previous": index - 1, "next": index + 1}
        ctx["event"] = {
            "title": event.title,
            "lang": event.language,
            "url": link.to(urls.event_path(event.slug)),
            "date": event.date,
            "place": event.place,
            "themes": [
                {
                    "title": t.title,
                    "url": link.to(urls.theme_path(event.slug, t.slug)),
                    "current": i == index,
                }
                for i, t in enumerate(event.themes)
            ],
        }
        ctx["theme"] = {
            "title": theme.title,
            "slug": theme.slug,
            "anchor_in_event": link.to(urls.event_path(event.slug) + "#" + theme.slug),
            **{
                name: {
                    "title": event.themes[i].title,
                    "url": link.to(urls.theme_path(event.slug, event.themes[i].slug)),
                }
                if 0 <= i < len(event.themes)
                else None
                for name, i in neighbours.items()
            },
        }
        ctx["turns"] = [turn_context(event, t, self.fragments, self.people, link) for t in turns]
        ctx["filters"] = {"event": event.title, "theme": theme.title, **self._heard(event, turns)}
        return PageSpec(path, "theme.html", ctx, markdown_template="theme.md")

    def _heard(self, event: Event, turns: Sequence[Turn]) -> dict[str, Any]:
        """Who speaks in `turns`, for the search filter: `speakers`, their names as people
        (the values the filter offers), and `aliases`, a JSON object of the names the turns
        show that differ from them (a person who spoke under another name at this event), by
        which the search page tells which of a page's turns are the person's; "" when none."""
        people = {t.speaker: self.people.of(event.slug, t.speaker).name for t in turns}
        shown = {event.speaker(slug).name: name for slug, name in people.items()}
        aliases = {said: name for said, name in sorted(shown.items()) if said != name}
        return {
            "speakers": sorted(set(people.values())),
            "aliases": json.dumps(aliases, ensure_ascii=False) if aliases else "",
        }

    def event_json(self, event: Event) -> PageSpec:
        def url(path: str) -> str:
            return urls.site_url(self.config, path)

        data = {
            "slug": event.slug,
            "title": event.title,
            "date": event.date,
            "place": event.place,
            "url": url(urls.event_path(event.slug)),
            "speakers": [
                {
                    "name": s.name,
                    "slug": self.people.of(event.slug, s.slug).slug,
                    "role": s.role,
                    "moderator": s.moderator,
                    "url": url(urls.speaker_path(self.people.of(event.slug, s.slug).slug)),
                }
                for s in event.speakers
            ],
            "themes": [
                {"title": t.title, "slug": t.slug, "url": url(urls.theme_path(event.slug, t.slug))}
                for t in event.themes
            ],
            "turns": [
                {
                    "id": t.id,
                    "speaker": event.speaker(t.speaker).name,
                    "theme": event.theme(t.theme).title if t.theme else None,
                    "text": plain_text(self.fragments.turns[(event.slug, t.id)]),
                    "url": url(urls.event_path(event.slug)) + "#" + t.id,
                }
                for t in event.turns
            ],
        }
        return PageSpec(urls.event_json_path(event.slug), data=data)
