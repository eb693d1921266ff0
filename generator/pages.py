"""What each page shows: the Planner turns the site into (path, template, context); no I/O.

Each template's context is a plain dict, documented in docs/templates.md. Every page context has
`site`, `page` and `links`; the rest depends on the page kind. Which pages there are, and how
they are split and memoised, is planning.py's business.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from generator import feeds, urls
from generator.config import SiteConfig
from generator.contexts import (
    Linker,
    People,
    event_description,
    event_length,
    event_summary,
    paragraphs,
    plain_text,
    speaker_card,
    turn_context,
)
from generator.fragments import SiteFragments
from generator.model import Event, Person, Site, Turn
from generator.pagination import Paging, pager_context
from generator.textstats import first_sentence, initials

# What the home page shows of each list; the rest is one click away.
HOME_EVENTS = 6
HOME_SPEAKERS = 12


@dataclass(frozen=True)
class PageSpec:
    """One output file: rendered from `template` with `context`, or `data` written as JSON."""

    path: str  # site path ("events/x/") or file path ("events/x/event.json")
    template: str | None = None
    context: dict[str, Any] = field(default_factory=dict)
    data: Any = None
    markdown_template: str | None = None  # also publish index.md rendered from this


@dataclass(frozen=True)
class Planner:
    config: SiteConfig
    site: Site
    fragments: SiteFragments
    assets: dict[str, str]  # logical asset name -> hashed site path
    people: People

    def base(
        self,
        path: str,
        kind: str,
        title: str,
        description: str = "",
        crumbs: tuple[tuple[str, str], ...] = (),
        lang: str | None = None,
        absolute: bool = False,
    ) -> tuple[Linker, dict[str, Any]]:
        link = Linker(path, self.config.base_path if absolute else None)
        strings = self.config.strings
        nav = [(strings["events"], urls.EVENTS), (strings["speakers"], urls.SPEAKERS)]
        nav += [(strings["themes"], urls.THEMES), (strings["search"], urls.SEARCH)]
        nav_items = [
            {"title": t, "url": link.to(p), "current": path.startswith(p) and path != ""}
            for t, p in nav
        ]
        nav_items += [
            {
                "title": item.title,
                "url": item.url if urls.is_external(item.url) else link.to(item.url.lstrip("/")),
                "current": False,
            }
            for item in self.config.navigation
        ]
        context = {
            "s": strings,
            "site": {
                "title": self.config.title,
                "description": self.config.description,
                "language": self.config.language,
                "author": self.config.author,
                "footer": self.config.footer,
                # Every page's head announces the feed (None when there is none).
                "feed_url": feeds.feed_url(self.config),
                "strings": strings,
                "nav": nav_items,
            },
            "page": {
                "path": path,
                "kind": kind,
                "title": title,
                "description": description or self.config.description,
                "lang": lang or self.config.language,
                "canonical": urls.site_url(self.config, path),
                "breadcrumbs": [{"title": strings["home"], "url": link.to(urls.HOME)}]
                + [{"title": t, "url": link.to(p)} for t, p in crumbs],
                "markdown_url": None,
            },
            "links": {
                "home": link.to(urls.HOME),
                "events": link.to(urls.EVENTS),
                "speakers": link.to(urls.SPEAKERS),
                "themes": link.to(urls.THEMES),
                "search": link.to(urls.SEARCH),
                "pagefind": link.to("pagefind/"),
                **{name: link.to(asset) for name, asset in self.assets.items()},
            },
        }
        return link, context

    def latest_events(self) -> tuple[Event, ...]:
        return self.site.events[:HOME_EVENTS]

    def most_heard(self) -> list[Person]:
        """The guests with the most turns, as many as the home page shows."""
        heard = sorted(self._guests(), key=lambda p: (-self.people.turn_count(p), p.slug))
        return heard[:HOME_SPEAKERS]

    def counts(self) -> dict[str, int]:
        return {
            "events": len(self.site.events),
            "speakers": len(self._guests()),
            "themes": sum(len(e.themes) for e in self.site.events),
        }

    def home(
        self, latest: Sequence[Event], heard: Sequence[Person], counts: dict[str, int]
    ) -> PageSpec:
        """The archive at a glance: the `latest` events, the most `heard` speakers, the latest
        themes, and how many of each there are (the full lists have pages of their own)."""
        link, ctx = self.base(urls.HOME, "home", self.config.title)
        ctx["events"] = [self._summary(e, link) for e in latest]
        ctx["speakers"] = [self._person_card(p, link) for p in heard]
        ctx["themes"] = self._themes_by_event(link, latest)
        ctx["counts"] = counts
        return PageSpec(urls.HOME, "home.html", ctx)

    def list_base(self, paging: Paging, kind: str, title: str) -> tuple[Linker, dict[str, Any]]:
        """A page of a long list, with its `pager`; from page 2 on, the title says which page
        it is and the breadcrumbs lead back to page 1."""
        crumbs: tuple[tuple[str, str], ...] = ()
        if paging.number > 1:
            crumbs = ((title, paging.first),)
            title = self._nth_page(title, paging.number)
        link, ctx = self.base(paging.path, kind, title, crumbs=crumbs)
        ctx["pager"] = pager_context(paging, link)
        return link, ctx

    def _nth_page(self, title: str, number: int) -> str:
        """The title of page `number` (from 2) of something long: `全部活动 · 第 2 页`."""
        return title + " · " + self.config.strings["page_n"].format(n=number)

    def events_index(self, paging: Paging, events: Sequence[Event]) -> PageSpec:
        """One page of the events list (newest first): `events` are the ones on it."""
        link, ctx = self.list_base(paging, "events", self.config.strings["all_events"])
        ctx["events"] = [self._summary(e, link) for e in events]
        return PageSpec(paging.path, "events.html", ctx)

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
            "intro": paragraphs(self.fragments.intros[event.slug]),
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
            first_sentence(plain_text(self.fragments.turns[(event.slug, first_question.id)]))
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
        ctx["events"] = self._speaker_events(person, runs, ctx["pager"], link)
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
        description = "，".join(x for x in (person.name, person.role) if x)
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
        self, person: Person, runs: Sequence[range], pager: dict[str, Any], link: Linker
    ) -> list[dict[str, Any]]:
        """On page 1, every event of the person, newest first, each linking to its section on
        the page that shows it (`here` when that is page 1); on later pages, their own (a
        host's full list would take half of every page)."""
        current, first = pager["current"], urls.speaker_path(person.slug)
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
        mine = [t for t in event.turns if self.people.of(event.slug, t.speaker) is person]
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

    def themed_events(self) -> list[Event]:
        """The events the themes list shows (newest first): those with themes."""
        return [e for e in self.site.events if e.themes]

    def themes_index(self, paging: Paging, events: Sequence[Event]) -> PageSpec:
        """One page of the themes list: the themes of `events`, grouped by event."""
        link, ctx = self.list_base(paging, "themes", self.config.strings["all_themes"])
        ctx["groups"] = self._themes_by_event(link, events)
        return PageSpec(paging.path, "themes.html", ctx)

    def search_filters(self) -> PageSpec:
        """The values each search filter offers, published as data beside the search page and
        fetched only when a reader starts using a filter: the page itself stays the same size
        however large the archive. Each list is in the archive's own order (people by slug, as
        the speakers list; events newest first; themes by event, then as in the transcript),
        without repeats, so the same site gives the same bytes."""
        themes = (t.title for e in self.site.events for t in e.themes)
        data = {
            "speaker": list(dict.fromkeys(p.name for p in self.site.people)),
            "event": list(dict.fromkeys(e.title for e in self.site.events)),
            "theme": list(dict.fromkeys(themes)),
        }
        return PageSpec(urls.SEARCH + "filters.json", data=data)

    def search(self, filters_path: str) -> PageSpec:
        """The search page; its filters' values are in the file at `filters_path`."""
        link, ctx = self.base(urls.SEARCH, "search", self.config.strings["search"])
        ctx["filters_url"] = link.to(filters_path)
        return PageSpec(urls.SEARCH, "search.html", ctx)

    def not_found(self) -> PageSpec:
        title = self.config.strings["not_found_title"]
        _, ctx = self.base(urls.NOT_FOUND, "404", title, absolute=True)
        return PageSpec(urls.NOT_FOUND, "404.html", ctx)

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

    def _summary(self, event: Event, link: Linker) -> dict[str, Any]:
        return event_summary(event, self.fragments, self.people, link)

    def _guests(self) -> list[Person]:
        return [p for p in self.site.people if not p.moderator_only]

    def _person_card(self, person: Person, link: Linker) -> dict[str, Any]:
        return {
            "name": person.name,
            "slug": person.slug,
            "role": person.role,
            "initials": initials(person.name),
            "url": link.to(urls.speaker_path(person.slug)),
            "events": len(person.appearances),
            "turns": self.people.turn_count(person),
        }

    def _themes_by_event(self, link: Linker, events: Sequence[Event]) -> list[dict[str, Any]]:
        return [
            {
                "event": {
                    "title": e.title,
                    "lang": e.language,
                    "url": link.to(urls.event_path(e.slug)),
                    "date": e.date,
                },
                "themes": [
                    {
                        "title": t.title,
                        "url": link.to(urls.theme_path(e.slug, t.slug)),
                        "turns": len(e.turns_of_theme(t.slug)),
                    }
                    for t in e.themes
                ],
            }
            for e in events
            if e.themes
        ]

    def crawler_files(self, listed: list[str]) -> list[PageSpec]:
        """robots.txt, and with a full base URL sitemap.xml (of the `listed` pages) and
        feed.xml."""
        specs = [PageSpec(urls.ROBOTS, "robots.txt", feeds.robots_context(self.config))]
        sitemap = feeds.sitemap_context(self.config, listed)
        if sitemap is not None:
            specs.append(PageSpec(urls.SITEMAP, "sitemap.xml", sitemap))
        feed = feeds.feed_context(self.config, self.site, self.fragments)
        if feed is not None:
            specs.append(PageSpec(urls.FEED, "feed.xml", feed))
        return specs
