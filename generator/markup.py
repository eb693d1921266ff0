"""The one configured Markdown renderer: safe by default and right for Chinese text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# Han, kana, hangul, CJK punctuation and full-width forms: text in which a line break is no space.
_CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
_CJK += "\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2018-\u201d\u2026\u2014"
_BREAK_BY_CJK = re.compile(rf"(?<=[{_CJK}])[ \t]*\n[ \t]*|[ \t]*\n[ \t]*(?=[{_CJK}])")
_SAFE_SCHEMES = {"", "http", "https", "mailto", "tel"}
_URL_ATTRIBUTES = ("href", "src")


def join_cjk_lines(text: str) -> str:
    """Drop line breaks next to CJK text, which browsers would otherwise show as stray spaces."""
    if "\n" not in text:  # most paragraphs are one line: skip the scan
        return text
    return _BREAK_BY_CJK.sub("", text)


def is_safe_url(url: str) -> bool:
    # Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
    compact = re.sub(r"[\x00-\x20]", "", url)
    try:
        scheme = urlsplit(compact).scheme.lower()
    except ValueError:
        return False
    return scheme in _SAFE_SCHEMES


# Characters and line shapes that give Markdown something to do; a paragraph without any of
# them renders to <p>text</p>, so most transcript paragraphs skip the parser entirely.
_MARKUP_CHARACTERS = re.compile(r"[\\`*_\[\]<>&!#|~=+\-\t]")
_LIST_START = re.compile(r"\s*\d+[.)]")


def _markup_line(line: str) -> bool:
    """A blank line, a list item, an indented code line or a hard break."""
    return (
        not line.strip()
        or line.startswith("    ")
        or line.endswith("  ")
        or _LIST_START.match(line) is not None
    )


def plain_paragraph_html(text: str) -> str | None:
    """The HTML of a paragraph with no Markdown in it, or None when the parser is needed."""
    if _MARKUP_CHARACTERS.search(text) or any(map(_markup_line, text.split("\n"))):
        return None
    return "<p>" + join_cjk_lines(text.lstrip().rstrip("\n")) + "</p>"


class _TextFixes(Treeprocessor):
    """Join CJK line breaks and neutralise unsafe link targets in the rendered tree."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag in ("pre", "code"):
                continue
            if element.text:
                element.text = join_cjk_lines(element.text)
            if element.tail:
                element.tail = join_cjk_lines(element.tail)
            for attribute in _URL_ATTRIBUTES:
                value = element.get(attribute)
                if value is not None and not is_safe_url(value):
                    element.set(attribute, "#")


class _HuikanExtension(Extension):
    def __init__(self, allow_html: bool) -> None:
        super().__init__()
        self.allow_html = allow_html

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        if not self.allow_html:
            # Imported articles come from the web: raw HTML in them must stay visible text.
            md.preprocessors.deregister("html_block")
            md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_TextFixes(md), "huikan_text_fixes", 0)


class MarkdownRenderer:
    """Markdown -> HTML with the site's settings; results are cached by source text."""

    def __init__(self, allow_html: bool = False) -> None:
        extensions: list = ["tables", "fenced_code", "sane_lists", _HuikanExtension(allow_html)]
        self._md = markdown.Markdown(extensions=extensions, output_format="html")
        self.allow_html = allow_html
        self._cache: dict[str, str] = {}

    def html(self, text: str) -> str:
        cached = self._cache.get(text)
        if cached is None:
            cached = plain_paragraph_html(text) or self._convert(text)
            self._cache[text] = cached
        return cached

    def _convert(self, text: str) -> str:
        self._md.reset()
        html = self._md.convert(text)
        if self.allow_html:
            # Editors may write HTML, but nothing in it may run: no scripts, handlers or
            # javascript: URLs survive the sanitiser.
            html = nh3.clean(html, link_rel=None)
        return html

    def inline(self, text: str) -> str:
        """Markdown for a single line (a caption, a title): the HTML without its <p> wrapper."""
        html = self.html(text)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            return html[3:-4]
        return html
