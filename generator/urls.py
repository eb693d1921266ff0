"""The URL scheme: the one place that knows where every page lives.

A page is identified by its site path: "" for the home page, "events/x/" for a folder page,
"events/x/event.json" for a file. Links are made relative to the linking page, so the output
works at a domain root and under any sub-path without rebuilding.
"""

from __future__ import annotations

import functools

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


def list_page_path(first: str, number: int) -> str:
    """Page `number` of a long list whose first page is `first`: 'events/', 'events/page/2/'."""
    return first if number == 1 else f"{first}page/{number}/"


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
    return _relative_path(folder_of(from_page), to) + fragment


def folder_of(page: str) -> str:
    """'events/x/' -> 'events/x/', 'events/x/event.json' -> 'events/x/', '404.html' -> ''."""
    return page[: page.rfind("/") + 1]


@functools.lru_cache(maxsize=1 << 20)
def _relative_path(from_dir: str, to: str) -> str:
    # Site paths are clean ('a/b/' or 'a/b.json', no '.' or '..'), so plain segment arithmetic
    # replaces posixpath.relpath, which dominated the planning of large sites.
    from_parts = from_dir.split("/")[:-1]
    to_parts = to.split("/")
    common = 0
    while (
        common < len(from_parts)
        and common < len(to_parts) - 1
        and from_parts[common] == to_parts[common]
    ):
        common += 1
    relative = "../" * (len(from_parts) - common) + "/".join(to_parts[common:])
    return relative or "./"


def site_url(config: SiteConfig, path: str) -> str:
    """The URL of a site path from the host's root: with the base path, and origin if known."""
    return config.origin + config.base_path + path


def is_external(url: str) -> bool:
    return "://" in url or url.startswith(("mailto:", "tel:", "//"))
