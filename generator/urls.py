"""The URL scheme: the one place that knows where every page lives.

A page is identified by its site path: "" for the home page, "events/x/" for a folder page,
"events/x/event.json" for a file. Links are made relative to the linking page, so the output
works at a domain root and under any sub-path without rebuilding.
"""

from __future__ import annotations

import posixpath

from generator.config import SiteConfig

HOME = ""
EVENTS = "events/"
SPEAKERS = "speakers/"
THEMES = "themes/"
SEARCH = "search/"
NOT_FOUND = "404.html"
SITEMAP = "sitemap.xml"
FEED = "feed.xml"
ROBOTS = "robots.txt"


def event_path(event: str) -> str:
    return f"events/{event}/"


def theme_path(event: str, theme: str) -> str:
    return f"events/{event}/{theme}/"


def speaker_path(person: str) -> str:
    return f"speakers/{person}/"


def event_json_path(event: str) -> str:
    return f"events/{event}/event.json"


def markdown_path(page: str) -> str:
    """The Markdown source published beside a folder page."""
    return page + "index.md"


def output_file(page: str) -> str:
    """The file a site path is written to, relative to the output folder."""
    return page + "index.html" if page == "" or page.endswith("/") else page


def relative_url(from_page: str, to: str) -> str:
    """A link from one site path to another that needs no knowledge of the base path."""
    fragment = ""
    if "#" in to:
        to, fragment = to.split("#", 1)
        fragment = "#" + fragment
    if to == from_page and fragment:
        return fragment
    from_dir = (
        from_page if from_page.endswith("/") or from_page == "" else posixpath.dirname(from_page)
    )
    target = to or "."
    relative = posixpath.relpath(target, from_dir or ".")
    if to == "" or to.endswith("/"):
        relative = "./" if relative == "." else relative + "/"
    return relative + fragment


def site_url(config: SiteConfig, path: str) -> str:
    """The URL of a site path from the host's root: with the base path, and origin if known."""
    return config.origin + config.base_path + path


def is_external(url: str) -> bool:
    return "://" in url or url.startswith(("mailto:", "tel:", "//"))
