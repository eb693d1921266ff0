"""Reading built HTML in tests: text of elements, ids and links, without a browser."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


class Page(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.canonical: str | None = None
        self.links: list[str] = []
        self.assets: list[str] = []
        self.texts: dict[str, list[str]] = {}
        self.attrs_seen: list[tuple[str, dict[str, str | None]]] = []
        self._open: list[str] = []
        self._buffers: list[tuple[str, list[str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.attrs_seen.append((tag, found))
        if found.get("id"):
            self.ids.append(str(found["id"]))
        if tag == "a" and found.get("href") is not None:
            self.links.append(str(found["href"]))
        if tag == "link" and found.get("rel") == "canonical":
            self.canonical = str(found.get("href"))
        elif tag in ("link", "script", "img") and (found.get("href") or found.get("src")):
            self.assets.append(str(found.get("href") or found.get("src")))
        if tag in ("h1", "h2", "h3", "h4", "title"):
            self._buffers.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if self._buffers and self._buffers[-1][0] == tag:
            name, parts = self._buffers.pop()
            self.texts.setdefault(name, []).append("".join(parts).strip())

    def handle_data(self, data: str) -> None:
        for _, parts in self._buffers:
            parts.append(data)

    def text_of(self, tag: str) -> list[str]:
        return self.texts.get(tag, [])

    def with_attr(self, name: str) -> list[tuple[str, dict[str, str | None]]]:
        return [(tag, attrs) for tag, attrs in self.attrs_seen if name in attrs]


def read_page(path: Path) -> Page:
    return Page(path.read_text("utf-8"))
