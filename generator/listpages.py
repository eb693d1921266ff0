"""The site's own pages: home, the events and themes lists, search (and its filters' values),
404, and the files crawlers read; no I/O."""

from __future__ import annotations

from collections.abc import Sequence

from generator import feeds, urls
from generator.model import Event, Person
from generator.pagebase import PageSpec, PlannerBase
from generator.pagination import Paging

# What the home page shows of each list; the rest is one click away.
HOME_EVENTS = 6
HOME_SPEAKERS = 12


class ListPages(PlannerBase):
    """The home page, the events and themes lists, search, 404 and the crawler files."""

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

    def events_index(self, paging: Paging, events: Sequence[Event]) -> PageSpec:
        """One page of the events list (newest first): `events` are the ones on it."""
        link, ctx = self.list_base(paging, "events", self.config.strings["all_events"])
        ctx["events"] = [self._summary(e, link) for e in events]
        return PageSpec(paging.path, "events.html", ctx)

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
