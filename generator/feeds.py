"""Contexts for the files crawlers and feed readers fetch: sitemap.xml, feed.xml, robots.txt.

Sitemaps, Atom ids and robots.txt's `Sitemap:` line need full URLs: the protocols say so, and
these files are read outside any page that a relative link could start from. When `base_url` is
only a path there is no host to put in front, so sitemap.xml and feed.xml are not planned at all
(rather than published invalid), and robots.txt says why.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from generator import urls
from generator.config import SiteConfig
from generator.contexts import event_description
from generator.fragments import SiteFragments
from generator.model import Site

# Pages a search engine should not list: the empty search form and the not-found page.
UNLISTED_KINDS = ("search", "404")
# Percent-encode only what may not appear in a URL; keep the URL's own delimiters.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"
# Atom requires an `updated` date even when there is nothing to date it by; a fixed one keeps
# the build reproducible (no wall-clock time in the output).
EMPTY_FEED_UPDATED = "1970-01-01T00:00:00Z"


def absolute_url(config: SiteConfig, path: str) -> str | None:
    """The full URL of a site path, or None when base_url has no host."""
    if not config.origin:
        return None
    return quote(urls.site_url(config, path), safe=_URL_SAFE)


def feed_url(config: SiteConfig) -> str | None:
    return absolute_url(config, urls.FEED)


def atom_date(date: str) -> str:
    """An event date (YYYY, YYYY-MM or YYYY-MM-DD) as an RFC 3339 time: its first day, UTC."""
    year, month, day = ([*date.split("-"), "01", "01"])[:3]
    return f"{year}-{month}-{day}T00:00:00Z"


def sitemap_context(config: SiteConfig, pages: list[str]) -> dict[str, Any] | None:
    """`urls`: the full URL of each page, in plan order; None without a host."""
    if not config.origin:
        return None
    return {"urls": [absolute_url(config, path) for path in pages]}


def feed_context(config: SiteConfig, site: Site, fragments: SiteFragments) -> dict[str, Any] | None:
    """An Atom feed with an entry for each of the latest `feed_items` events (all with 0),
    newest first; None without a host."""
    if not config.origin:
        return None
    entries = []
    for event in site.events[: config.feed_items or None]:
        url = absolute_url(config, urls.event_path(event.slug))
        entries.append(
            {
                "id": url,
                "url": url,
                "title": event.title,
                "lang": event.language,
                "updated": atom_date(event.date),
                "summary": event_description(event, fragments),
                "contributors": [s.name for s in event.speakers if not s.moderator],
                "categories": [t.title for t in event.themes],
            }
        )
    return {
        "feed": {
            "id": absolute_url(config, urls.HOME),
            "title": config.title,
            "subtitle": config.description,
            "lang": config.language,
            "author": config.author or config.title,
            "self": feed_url(config),
            "home": absolute_url(config, urls.HOME),
            # Entries are dated by their events, so the feed changes only when they do.
            "updated": max((e["updated"] for e in entries), default=EMPTY_FEED_UPDATED),
        },
        "entries": entries,
    }


def robots_context(config: SiteConfig) -> dict[str, Any]:
    """`sitemap`: the sitemap's full URL (None without a host); `base_path` for the comment."""
    return {"sitemap": absolute_url(config, urls.SITEMAP), "base_path": config.base_path}
