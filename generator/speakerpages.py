"""A speaker's pages (one, or several when their turns outweigh one: see pagination.py), their
Markdown, and the speakers list; no I/O."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from generator import urls
from generator.contexts import (
    Linker,
    turn_context,
)
from generator.model import Person
from generator.pagebase import PageSpec, PlannerBase
from generator.pagination import Paging, pager_context


class SpeakerPages(PlannerBase):
    """A speaker's pages and Markdown, and the speakers list."""

    def listed_people(self) -> list[Person]:
        """The speakers list in order: the guests, then the hosts (who only moderate)."""
        return self._guests() + [p for p in self.site.people if p.moderator_only]

    def speakers_index(self, paging: Paging, people: Sequence[Person]) -> PageSpec:
        """One page of the speakers list: `people` are the ones on it, guests and hosts apart."""
        link, ctx = self.list_base(paging, "speakers", self.config.strings["all_speakers"])
        ctx["speakers"] = [self._person_card(p, link) for p in people if not p.moderator_only]
        ctx["hosts"] = [self._person_card(p, link) for p in people if p.moderator_only]
        return PageSpec(paging.path, "speakers.html", ctx)

    def speaker(self, person: Person, runs: Sequence[range], number: int = 1) -> PageSpec:
        """Page `number` of a person's pages; `runs` are the events each page shows, as indices
        into their appearances newest first (pagination.SpeakerSizes). On one page: all their
        turns, with the Markdown beside it. On more: page 1 also lists all their events, each
        linked to where its turns are, and later pages list their own and link back to that
        list; the Markdown is planned apart (speaker_markdown)."""
        first = urls.speaker_path(person.slug)
        shown = [a.event for a in reversed(person.appearances)]
        link, ctx = self._speaker_base(person, Paging(first, number, len(runs)))
        ctx["groups"] = [self._appearance_group(person, shown[i], link) for i in runs[number - 1]]
        if len(runs) == 1:
            return PageSpec(first, "speaker.html", ctx, markdown_template="speaker.md")
        ctx["events"] = self._speaker_events(person, runs, number, link)
        if number > 1:
            ctx["all_events_url"] = link.to(first + "#speaker-events")
        return PageSpec(ctx["page"]["path"], "speaker.html", ctx)

    def speaker_markdown(self, person: Person) -> PageSpec:
        """index.md of a person whose turns take more than one page: every turn in one file
        beside page 1, as for a person on one page (it is the data export, not paged)."""
        first = urls.speaker_path(person.slug)
        link, ctx = self._speaker_base(person, Paging(first, 1, 1))
        ctx["groups"] = [
            self._appearance_group(person, a.event, link) for a in reversed(person.appearances)
        ]
        return PageSpec(urls.markdown_path(first), "speaker.md", ctx)

    def _speaker_base(self, person: Person, paging: Paging) -> tuple[Linker, dict[str, Any]]:
        """What every page of a speaker has: their card (its bio and links shown on page 1),
        the pager, and from page 2 on a title that says which page it is."""
        strings = self.config.strings
        description = strings["comma"].join(x for x in (person.name, person.role) if x)
        crumbs: tuple[tuple[str, str], ...] = ((strings["speakers"], urls.SPEAKERS),)
        title = person.name
        if paging.number > 1:
            crumbs += ((person.name, paging.first),)
            title = self._nth_page(title, paging.number)
        link, ctx = self.base(paging.path, "speaker", title, description, crumbs)
        ctx["page"]["markdown_url"] = link.to(urls.markdown_path(paging.first))
        ctx["speaker"] = self._speaker_card(person, link)
        ctx["filters"] = {"speaker": person.name}
        ctx["events"] = []
        ctx["all_events_url"] = None
        ctx["pager"] = pager_context(paging, link)
        return link, ctx

    def _speaker_events(
        self, person: Person, runs: Sequence[range], current: int, link: Linker
    ) -> list[dict[str, Any]]:
        """On page 1, every event of the person, newest first, each linking to its section on
        the page that shows it (`here` when that is page 1); on later pages, their own (a
        host's full list would take half of every page)."""
        first = urls.speaker_path(person.slug)
        events = [self.site.event(a.event) for a in reversed(person.appearances)]
        listed = []
        for number, run in enumerate(runs, 1):
            if current > 1 and number != current:
                continue
            # The page's URL made once, not once an event (a host has hundreds on every page).
            page = "" if number == current else link.to(urls.list_page_path(first, number))
            listed += [
                {
                    "title": events[i].title,
                    "lang": events[i].language,
                    "date": events[i].date,
                    "url": f"{page}#event-{events[i].slug}",
                    "here": number == current == 1,  # on later pages, all of them are
                }
                for i in run
            ]
        return listed

    def _speaker_card(self, person: Person, link: Linker) -> dict[str, Any]:
        profile = person.profile
        return {
            **self._person_card(person, link),
            "bio": self.fragments.bios.get(person.slug, ""),
            "bio_markdown": profile.bio if profile else "",
            "photo": (
                profile.photo
                if urls.is_external(profile.photo)
                else link.to(profile.photo.lstrip("/"))
            )
            if profile and profile.photo
            else "",
            "links": [{"title": k.title, "url": k.url} for k in profile.links] if profile else [],
        }

    def _appearance_group(self, person: Person, event_slug: str, link: Linker) -> dict[str, Any]:
        event = self.site.event(event_slug)
        mine = self.people.turns_in(event.slug, person)
        themes = []
        for theme in event.themes or (None,):
            slug = theme.slug if theme else None
            turns = [
                turn_context(
                    event,
                    t,
                    self.fragments,
                    self.people,
                    link,
                    anchor=f"{event.slug}--{t.id}",
                    with_question=True,
                )
                for t in mine
                if t.theme == slug
            ]
            if turns:
                themes.append(
                    {
                        "title": theme.title if theme else None,
                        "url": link.to(urls.theme_path(event.slug, theme.slug)) if theme else None,
                        "turns": turns,
                    }
                )
        return {
            "event": {
                "title": event.title,
                "lang": event.language,
                "url": link.to(urls.event_path(event.slug)),
                "date": event.date,
                "slug": event.slug,
            },
            "role": next(
                s.role for s in event.speakers if self.people.of(event.slug, s.slug) is person
            ),
            "themes": themes,
        }
