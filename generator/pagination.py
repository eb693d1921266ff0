"""Long lists in numbered pages: which items each page holds and how the pages link.

Page 1 of a list keeps the list's own path (`events/`), page N its folder below it
(`events/page/N/`, see urls.list_page_path), so a site with a short list has the same pages
with or without pagination. A speaker's turns are paged the same way (`speakers/x/page/2/`),
by their weight in HTML rather than by count (SpeakerSizes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from generator import urls
from generator.contexts import Linker, People
from generator.fragments import Rendered, SiteFragments
from generator.model import Event, Person, Site

T = TypeVar("T")
# Pages on each side of the current one that the pager always links to.
NEIGHBOURS = 2
# Bytes of HTML that the default theme puts around each part of a speaker's page, beside the
# text the part shows (measured on the synthetic archive of `make bench`, rounded up), so that
# planning knows how many pages a speaker needs before anything is rendered.
PAGE_BYTES = 3600  # head, site header, breadcrumbs, the speaker's card, pager, footer
ENTRY_BYTES = 70  # an event in the list of all the speaker's events
LATER_PAGE_BYTES = 150  # on pages 2 and on: the link back to that list on page 1
EVENT_BYTES = 170  # an event's section: its heading, date and role
THEME_BYTES = 80  # a theme's heading in it
TURN_BYTES = 420  # a turn: its hidden heading, permalink and link to the transcript
QUESTION_BYTES = 190  # the box with the question a turn answers


@dataclass(frozen=True)
class Paging:
    """Page `number` (from 1) of `total` pages of the list whose first page is `first`."""

    first: str
    number: int
    total: int

    @property
    def path(self) -> str:
        return urls.list_page_path(self.first, self.number)


def split(items: Sequence[T], per_page: int) -> list[Sequence[T]]:
    """Consecutive slices of `per_page` items; an empty list is still one (empty) page."""
    return [items[i : i + per_page] for i in range(0, len(items), per_page)] or [items[:0]]


def page_numbers(number: int, total: int) -> list[int | None]:
    """The pages a pager links to: the first, the last and `number` ± NEIGHBOURS, with None
    for each gap; a gap of a single page shows that page (its number is no longer than "…")."""
    low, high = max(1, number - NEIGHBOURS), min(total, number + NEIGHBOURS)
    shown: list[int | None] = []
    previous = 0
    for n in sorted({1, total, *range(low, high + 1)}):
        if n - previous == 2:
            shown.append(n - 1)
        elif n - previous > 2:
            shown.append(None)
        shown.append(n)
        previous = n
    return shown


def pager_context(paging: Paging, link: Linker) -> dict[str, Any] | None:
    """`current`, `total`, `previous` and `next` (URLs, None at the ends) and `pages` (list of
    `{number, url, current}`, None for a gap); None for a list that fits on one page."""
    if paging.total == 1:
        return None

    def url(number: int) -> str:
        return link.to(urls.list_page_path(paging.first, number))

    number, total = paging.number, paging.total
    return {
        "current": number,
        "total": total,
        "previous": url(number - 1) if number > 1 else None,
        "next": url(number + 1) if number < total else None,
        "pages": [
            {"number": n, "url": url(n), "current": n == number} if n is not None else None
            for n in page_numbers(number, total)
        ],
    }


def pack(weights: Sequence[int], budget: int, first: int | None = None) -> list[range]:
    """Consecutive runs of items (their indices) that each weigh at most `budget` in all (the
    first run `first`, when given), as few as there can be; an item heavier than the budget
    alone is a run of its own. No items: one empty run."""
    runs: list[range] = []
    start, total, room = 0, 0, budget if first is None else first
    for index, weight in enumerate(weights):
        if index > start and total + weight > room:
            runs.append(range(start, index))
            start, total, room = index, 0, budget
        total += weight
    return [*runs, range(start, len(weights))]


class SpeakerSizes:
    """How a speaker's events share their pages: page 1 and as many more as it takes for each to
    weigh at most `budget` bytes of HTML. An event's turns are never split between two pages:
    an event heavier than the budget on its own gets a page of its own (the event's own page,
    which shows all of it, is longer still). Weights are estimated from the turns' rendered
    HTML and the theme's markup around them (a little over, by 5 to 15 % on the synthetic
    archive); an event is measured once per build, when one of its speakers is first asked."""

    def __init__(self, site: Site, fragments: SiteFragments, people: People, budget: int) -> None:
        self.site, self.fragments, self.people, self.budget = site, fragments, people, budget
        self._events: dict[str, dict[str, int]] = {}
        self._runs: dict[str, tuple[range, ...]] = {}

    def runs(self, person: Person) -> tuple[range, ...]:
        """The events of each page, as runs of indices into `reversed(person.appearances)`
        (newest first, as the page shows them); one run when everything fits on one page."""
        known = self._runs.get(person.slug)
        if known is None:
            known = self._runs[person.slug] = self._split(person)
        return known

    def _split(self, person: Person) -> tuple[range, ...]:
        shown = list(reversed(person.appearances))
        events = [self.site.event(a.event) for a in shown]
        weights = [
            self._section(e, a.speaker.role, person) for e, a in zip(events, shown, strict=True)
        ]
        # The name is in the title, headings, crumbs and descriptions; the role in the latter.
        fixed = PAGE_BYTES + _bytes(person.name) * 9 + _bytes(person.role) * 4
        fixed += len(self.fragments.bios.get(person.slug, "").encode())
        if fixed + sum(weights) <= self.budget:
            return (range(len(events)),)
        # Page 1 lists every event; a later page only its own (each weight carries its entry).
        entries = [ENTRY_BYTES + _bytes(e.title) + _bytes(e.date) + len(e.slug) for e in events]
        weights = [w + entry for w, entry in zip(weights, entries, strict=True)]
        room = self.budget - fixed - LATER_PAGE_BYTES
        return tuple(pack(weights, room, first=self.budget - fixed - sum(entries)))

    def _section(self, event: Event, role: str, person: Person) -> int:
        turns = self._events.get(event.slug)
        if turns is None:
            turns = self._events[event.slug] = self._measure(event)
        heading = EVENT_BYTES + _bytes(event.title) + _bytes(event.date) + 3 * len(event.slug)
        return heading + _bytes(role) + turns.get(person.slug, 0)

    def _measure(self, event: Event) -> dict[str, int]:
        """What each person's turns at `event` weigh, with the headings of their themes."""
        html = {t.id: _html_bytes(self.fragments.turns[(event.slug, t.id)]) for t in event.turns}
        person = {s.slug: self.people.of(event.slug, s.slug).slug for s in event.speakers}
        weights: dict[str, int] = {}
        themes: dict[str, set[str]] = {}
        for turn in event.turns:
            slug = person[turn.speaker]
            # Its anchor, permalink and transcript link each name the event and the turn.
            weight = TURN_BYTES + 3 * (len(event.slug) + len(turn.id)) + html[turn.id]
            if turn.question:
                weight += QUESTION_BYTES + html[turn.question]
            weights[slug] = weights.get(slug, 0) + weight
            if turn.theme:
                themes.setdefault(slug, set()).add(turn.theme)
        for slug, seen in themes.items():
            weights[slug] += sum(
                THEME_BYTES + len(event.slug) + len(t) + _bytes(event.theme(t).title) for t in seen
            )
        return weights


def _bytes(text: str) -> int:
    return len(text.encode())


def _html_bytes(rendered: Rendered) -> int:
    total = 0
    for fragment in rendered:  # a loop, not sum() over a generator: 40,000 turns a build
        total += len(fragment.html.encode())
    return total
