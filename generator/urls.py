"""The URL scheme: the one place that knows where every page lives.

A page is identified by its site path: "" for the home page, "events/x/" for a folder page,
"events/x/event.json" for a file. Links are made relative to the linking page, so the output
works at a domain root and under any sub-path without rebuilding.
"""

from __future__ import annotations

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
    return relative_path(climbs(from_page), to) + fragment


def folder_of(page: str) -> str:
    """'events/x/' -> 'events/x/', 'events/x/event.json' -> 'events/x/', '404.html' -> ''."""
    return page[: page.rfind("/") + 1]


Climbs = tuple[tuple[str, str], ...]


def climbs(page: str) -> Climbs:
    """The page's folder and each folder above it, deepest first, with the '../' that climbs
    there from the page: ('events/x/', ''), ('events/', '../'), ('', '../../')."""
    parts = folder_of(page).split("/")[:-1]
    return tuple(
        ("".join(f"{p}/" for p in parts[:depth]), "../" * (len(parts) - depth))
        for depth in range(len(parts), -1, -1)
    )


def relative_path(page_climbs: Climbs, target: str) -> str:
    """The link to `target` from the page whose climbs these are: up to the deepest of its
    folders that holds the target, then down the rest of it. Site paths are clean (no '.'
    or '..' segments), so no general path arithmetic is needed."""
    for folder, climb in page_climbs:
        if target.startswith(folder):
            return climb + target[len(folder) :] or "./"
    raise AssertionError("the site root holds every target")


def site_url(config: SiteConfig, path: str) -> str:
    """The URL of a site path from the host's root: with the base path, and origin if known."""
    return config.origin + config.base_path + path


def is_external(url: str) -> bool:
    return "://" in url or url.startswith(("mailto:", "tel:", "//"))
