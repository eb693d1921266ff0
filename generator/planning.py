"""Planning the whole site: its pages in independent parts, memoised across `serve` builds.

pages.py knows what each page shows; this module knows which pages there are, which of them
an edit can change, and how they split into parts that other processes can plan.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from generator import feeds
from generator.config import SiteConfig
from generator.contexts import People
from generator.fragments import SiteFragments
from generator.model import Event, Site
from generator.pages import PageSpec, Planner

PlanMemo = dict[tuple[str, str], tuple[tuple, list[PageSpec]]]


def _memoized(
    memo: PlanMemo | None, key: tuple[str, str], depends: tuple, make: Callable[[], list[PageSpec]]
) -> list[PageSpec]:
    """`make()`, or the specs it made before from equal inputs (`serve` keeps `memo`)."""
    if memo is None:
        return make()
    known = memo.get(key)
    if known is not None and known[0] == depends:
        return known[1]
    specs = make()
    memo[key] = (depends, specs)
    return specs


Part = Callable[[], list[PageSpec]]


def plan_parts(
    config: SiteConfig,
    site: Site,
    fragments: SiteFragments,
    assets: dict[str, str],
    memo: PlanMemo | None = None,
) -> tuple[Planner, list[Part]]:
    """The site's pages in independent parts (the archive's lists, each event, each speaker),
    each planned when called, so that parts can be planned in other processes. The crawler
    files come last, from `Planner.crawler_files` over what the parts planned.

    With `memo`, the pages of an event (and of a speaker) are planned again only when what they
    show changed: the event itself, who its speakers are across the archive, the settings or
    the assets. Lists of the whole archive are always planned again."""
    planner = Planner(config, site, fragments, assets, People(site))
    settings = (config, tuple(sorted(assets.items())))

    def lists() -> list[PageSpec]:
        return [
            planner.home(),
            planner.events_index(),
            planner.speakers_index(),
            planner.themes_index(),
            planner.search(),
            planner.not_found(),
        ]

    parts: list[Part] = [lists]
    for event in site.events:
        people = tuple(planner.people.of(event.slug, s.slug).slug for s in event.speakers)

        def event_pages(event: Event = event) -> list[PageSpec]:
            pages = [planner.event(event), planner.event_json(event)]
            return pages + [planner.theme(event, i) for i in range(len(event.themes))]

        key, depends = ("event", event.slug), (settings, event, people)
        parts.append(functools.partial(_memoized, memo, key, depends, event_pages))
    for person in site.people:
        events = tuple(site.event(a.event) for a in person.appearances)
        key, depends = ("speaker", person.slug), (settings, person, events)
        depends += (planner.people.turn_count(person),)
        make = functools.partial(lambda p: [planner.speaker(p)], person)
        parts.append(functools.partial(_memoized, memo, key, depends, make))
    if memo is not None:  # forget events and speakers that are gone
        current = {("event", e.slug) for e in site.events}
        current |= {("speaker", p.slug) for p in site.people}
        for gone in set(memo) - current:
            del memo[gone]
    return planner, parts


def listed(spec: PageSpec) -> bool:
    """Whether a page belongs in the sitemap."""
    return bool(spec.template) and spec.context["page"]["kind"] not in feeds.UNLISTED_KINDS
