"""Long lists in numbered pages: which items each page holds and how the pages link.

Page 1 of a list keeps the list's own path (`events/`), page N its folder below it
(`events/page/N/`, see urls.list_page_path), so a site with a short list has the same pages
with or without pagination.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from generator import urls
from generator.contexts import Linker

T = TypeVar("T")
# Pages on each side of the current one that the pager always links to.
NEIGHBOURS = 2


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
