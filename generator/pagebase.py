"""What every page shares: PageSpec, and the Planner's base (the context every page has, and
the cards and summaries that many pages show); no I/O.

Each template's context is a plain dict, documented in docs/templates.md. Every page context has
`site`, `page` and `links`; the rest depends on the page kind (pages.py, listpages.py,
speakerpages.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from generator import feeds, urls
from generator.config import SiteConfig
from generator.contexts import (
    Linker,
    People,
    event_summary,
    is_organisation,
)
from generator.fragments import SiteFragments
from generator.model import Event, Person, Site
from generator.pagination import Paging, pager_context
from generator.roles import is_role_word
from generator.textstats import initials


@dataclass(frozen=True)
class PageSpec:
    """One output file: rendered from `template` with `context`, or `data` written as JSON."""

    path: str  # site path ("events/x/") or file path ("events/x/event.json")
    template: str | None = None
    context: dict[str, Any] = field(default_factory=dict)
    data: Any = None
    markdown_template: str | None = None  # also publish index.md rendered from this


@dataclass(frozen=True)
class PlannerBase:
    """The site as planned: what every page kind's planner reads."""

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

    def _summary(self, event: Event, link: Linker) -> dict[str, Any]:
        return event_summary(event, self.fragments, self.people, link)

    def _guests(self) -> list[Person]:
        return [p for p in self.site.people if not p.moderator_only]

    def _person_card(self, person: Person, link: Linker) -> dict[str, Any]:
        first = self.site.event(person.appearances[0].event)  # where their name comes from
        return {
            "name": person.name,
            "lang": first.language,
            "role_lang": self.site.event(person.role_appearance.event).language,
            "slug": person.slug,
            "role": person.role or self._unnamed_role(person),
            "initials": initials(person.name, self._is_organisation(person)),
            "url": link.to(urls.speaker_path(person.slug)),
            "events": len(person.appearances),
            "turns": self.people.turn_count(person),
        }

    def _is_organisation(self, person: Person) -> bool:
        return any(
            is_organisation(self.site.event(a.event), a.speaker.name) for a in person.appearances
        )

    def _unnamed_role(self, person: Person) -> str:
        """A speaker known only by a role word (主持人, Moderator, Audience member) is one
        person per event: in lists, the event tells them apart."""
        if not is_role_word(person.name) or len(person.appearances) != 1:
            return ""
        return self.site.event(person.appearances[0].event).title

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
