"""Planning the whole site: its pages in independent parts, memoised across `serve` builds.

pages.py knows what each page shows; this module knows which pages there are, which of them
an edit can change, and how they split into parts that other processes can plan.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

from generator import feeds, urls
from generator.config import SiteConfig
from generator.contexts import People
from generator.errors import SiteError, raise_all
from generator.fragments import SiteFragments
from generator.model import Event, Person, Site, Source
from generator.pages import PageSpec, Planner
from generator.pagination import Paging, SpeakerSizes, split

T = TypeVar("T")
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


class Output(NamedTuple):
    """A site path a part plans, whose page it is, and where that page comes from."""

    path: str
    owner: str  # for messages: "theme `2` of event `page`", "page 2 of the events list"
    source: Source | None = None


@dataclass(frozen=True)
class Planned:
    """A part of the site before it is planned: its key in the memo, what its pages show
    (`depends`), how to plan them, and the site paths they take."""

    key: tuple[str, str]
    depends: tuple
    make: Part
    outputs: tuple[Output, ...]


def plan_parts(
    config: SiteConfig,
    site: Site,
    fragments: SiteFragments,
    assets: dict[str, str],
    memo: PlanMemo | None = None,
) -> tuple[Planner, list[Part]]:
    """The site's pages in independent parts (each page of the archive's lists, each event,
    each speaker), each planned when called, so that parts can be planned in other processes.
    The crawler files come last, from `Planner.crawler_files` over what the parts planned.

    With `memo`, a part is planned again only when what its pages show changed: for an event,
    the event itself, who its speakers are across the archive, the settings or the assets;
    for a speaker, the person, their events and turn count; for a list page, its items (see
    `_list_pages`). So an edit of one turn re-plans its event, its speaker and the few list
    pages that show them, not the archive's lists."""
    planner = Planner(config, site, fragments, assets, People(site))
    settings = (config, tuple(sorted(assets.items())))
    people = {
        e.slug: tuple(planner.people.of(e.slug, s.slug).slug for s in e.speakers)
        for e in site.events
    }
    planned = _list_pages(planner, settings, people)
    planned += [_event_pages(planner, settings, e, people[e.slug]) for e in site.events]
    sizes = SpeakerSizes(site, fragments, planner.people, config.speaker_page_kb * 1024)
    for person in site.people:
        planned += _speaker_pages(planner, settings, sizes, person, memo)
    check_unique_outputs(planned)
    if memo is not None:  # forget parts that are gone
        for gone in set(memo) - {p.key for p in planned}:
            del memo[gone]
    parts = [functools.partial(_memoized, memo, p.key, p.depends, p.make) for p in planned]
    return planner, parts


def _event_pages(
    planner: Planner, settings: tuple, event: Event, people: tuple[str, ...]
) -> Planned:
    """An event's page, its JSON and its theme pages."""
    owner, source = f"event `{event.slug}`", Source(event.folder / "event.yaml")
    themes = (
        Output(urls.theme_path(event.slug, t.slug), f"theme `{t.slug}` of {owner}", t.source)
        for t in event.themes
    )
    outputs = (
        Output(urls.event_path(event.slug), owner, source),
        Output(urls.event_json_path(event.slug), owner, source),
        *themes,
    )
    make = functools.partial(event_specs, planner, event)
    return Planned(("event", event.slug), (settings, event, people), make, outputs)


def _speaker_pages(
    planner: Planner, settings: tuple, sizes: SpeakerSizes, person: Person, memo: PlanMemo | None
) -> list[Planned]:
    """A person's page, or their pages when their turns outweigh one (SpeakerSizes), each a
    part of its own with the Markdown apart: an edit of one event re-plans the page that shows
    it, page 1 and the Markdown (which show every event), not a host's fifty other pages."""
    key = ("speaker", person.slug)
    events = tuple(planner.site.event(a.event) for a in person.appearances)
    whole = (settings, person, events, planner.people.turn_count(person))
    depends = _with_split(memo, key, whole, functools.partial(sizes.runs, person))
    runs = depends[1]

    def page(number: int) -> list[PageSpec]:
        return [planner.speaker(person, runs, number)]

    first, source = urls.speaker_path(person.slug), person.appearances[0].speaker.source
    owner = f"speaker `{person.slug}`"
    planned = [Planned(key, depends, functools.partial(page, 1), (Output(first, owner, source),))]
    if len(runs) == 1:
        return planned
    # Pages 2 on show the person's card, the pager and their own events (compared as such: a
    # Person is costly to compare, a host's the most).
    card = (person.slug, person.name, person.role, person.profile, whole[3], len(events))
    shown = tuple(reversed(events))
    for number, run in enumerate(runs[1:], 2):
        path = urls.list_page_path(first, number)
        on_page = (settings, card, runs, tuple(shown[i] for i in run))
        output = Output(path, f"page {number} of {owner}", source)
        planned.append(
            Planned(("speaker", path), on_page, functools.partial(page, number), (output,))
        )
    markdown = Planned(
        ("speaker-markdown", person.slug), whole, lambda: [planner.speaker_markdown(person)], ()
    )
    return [*planned, markdown]


def _with_split(
    memo: PlanMemo | None, key: tuple[str, str], whole: tuple, split: Callable[[], tuple]
) -> tuple:
    """(`whole`, how the person's events share their pages): what page 1 depends on. A part
    planned before from equal inputs says how without measuring them again (a large archive's
    host is in 250 events), and its very tuple spares _memoized comparing them once more."""
    known = memo.get(key) if memo is not None else None
    if known is not None and known[0][0] == whole:
        return known[0]
    return (whole, split())


def event_specs(planner: Planner, event: Event) -> list[PageSpec]:
    """An event's pages: its own, its JSON, one per theme."""
    pages = [planner.event(event), planner.event_json(event)]
    return pages + [planner.theme(event, i) for i in range(len(event.themes))]


def _list_pages(
    planner: Planner, settings: tuple, people: dict[str, tuple[str, ...]]
) -> list[Planned]:
    """Home, each page of the events, speakers and themes lists, search and 404, each a part
    that depends on what it shows: its events and their speakers' slugs (the links), its
    people and their turn counts, and how many pages its list has (the pager)."""
    turns = planner.people.turn_count
    latest, heard, counts = planner.latest_events(), planner.most_heard(), planner.counts()
    home = (settings, latest, tuple(people[e.slug] for e in latest))
    home += (tuple((p, turns(p)) for p in heard), counts)
    planned = [
        _single(urls.HOME, home, lambda: planner.home(latest, heard, counts), "the home page")
    ]
    paged = functools.partial(_paged, settings, planner.config.per_page)
    planned += paged(urls.EVENTS, planner.site.events, planner.events_index, _with_people(people))
    listed = planner.listed_people()
    planned += paged(urls.SPEAKERS, listed, planner.speakers_index, _with_turns(turns))
    planned += paged(urls.THEMES, planner.themed_events(), planner.themes_index, tuple)
    # The search page and its filters' values, one part: the page shows none of the values,
    # so only the JSON changes when they do (the page is then reused as it was).
    filters = planner.search_filters()
    planned.append(
        Planned(
            ("page", urls.SEARCH),
            (settings, filters.data),
            lambda: [planner.search(filters.path), filters],
            (Output(urls.SEARCH, "the search page"), Output(filters.path, "the search filters")),
        )
    )
    planned.append(_single(urls.NOT_FOUND, (settings,), planner.not_found, "the not-found page"))
    return planned


def _paged(
    settings: tuple,
    per_page: int,
    first: str,
    items: Sequence[T],
    make: Callable[[Paging, Sequence[T]], PageSpec],
    shows: Callable[[tuple[T, ...]], tuple],
) -> list[Planned]:
    """The pages of one list of `items`, `per_page` on each; `shows(items on a page)` is what
    of them the page shows (with `settings` and its `Paging`, what the page depends on)."""
    pages = split(items, per_page)
    planned = []
    for number, on_page in enumerate(pages, 1):
        paging = Paging(first, number, len(pages))
        planned.append(
            _single(
                paging.path,
                (settings, paging, shows(tuple(on_page))),
                functools.partial(make, paging, on_page),
                f"page {number} of the {first.rstrip('/')} list",
            )
        )
    return planned


def _with_people(people: dict[str, tuple[str, ...]]) -> Callable[[tuple[Event, ...]], tuple]:
    """Events as listed: with their speakers' slugs, which their cards link to."""
    return lambda events: (events, tuple(people[e.slug] for e in events))


def _with_turns(turns: Callable[[Person], int]) -> Callable[[tuple[Person, ...]], tuple]:
    """People as listed: with their turn counts, which their cards show."""
    return lambda persons: tuple((p, turns(p)) for p in persons)


def _single(path: str, depends: tuple, make: Callable[[], PageSpec], owner: str) -> Planned:
    """A part of one page of the site's own (no source file of the user's makes it)."""
    return Planned(("page", path), depends, lambda: [make()], (Output(path, owner),))


def check_unique_outputs(planned: list[Planned]) -> None:
    """Two pages on one output file is an error, not a silent overwrite: an event `page` with
    a theme `2` would take the place of page 2 of the events list."""
    owners: dict[str, Output] = {}
    errors: list[SiteError] = []
    for part in planned:
        for output in part.outputs:
            file = urls.output_file(output.path)
            first = owners.setdefault(file, output)
            if first is output:
                continue
            source = output.source or first.source
            errors.append(
                SiteError(
                    source.path if source else file,
                    f"`{file}` would be written twice: for {first.owner} and for {output.owner}",
                    source.line if source else None,
                    "an event, theme or speaker slug takes a path the site already uses (such "
                    "as `page`, which list pages use); give it another `slug:` (a theme: "
                    "`## Title {#another-slug}`)",
                )
            )
    raise_all(errors)


def listed(spec: PageSpec) -> bool:
    """Whether a page belongs in the sitemap."""
    return _is_page(spec) and spec.context["page"]["kind"] not in feeds.UNLISTED_KINDS


def _is_page(spec: PageSpec) -> bool:
    """An HTML page, not data (event.json) nor Markdown published on its own (a long
    speaker's index.md)."""
    return bool(spec.template) and urls.output_file(spec.path).endswith(".html")
