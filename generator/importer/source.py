"""Where an article comes from: a .txt/.md file, a saved .html page, or a URL.

Everything ends as `Article.text`, the plain text the parser reads and the report's line
numbers refer to; it is written to source.txt. What was given is kept too (`raw`).
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

from generator.errors import SiteError
from generator.importer.decode import Decoded, decode_article

FETCH_TIMEOUT = 20.0  # seconds, for the connection and each read
FETCH_LIMIT = 10 * 1024 * 1024  # bytes: an article page, not a download
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@dataclass(frozen=True)
class Article:
    name: str  # the path or URL as given, for messages
    stem: str  # a file-name-like word for the default slug
    raw: bytes  # exactly what was given
    decoded: Decoded
    text: str  # what the parser reads (the extracted main text for HTML)
    form: str  # "text" or "html"
    url: str = ""
    found: dict[str, str] = field(default_factory=dict)  # title/publisher from HTML metadata

    def source_files(self) -> dict[str, bytes]:
        """source.txt is always what the line numbers refer to, in UTF-8; an HTML page is
        kept beside it as given, since extraction leaves its markup behind."""
        if self.form == "html":
            return {"source.txt": _utf8(self.text), "source.html": self.raw}
        if self.decoded.converted:
            return {"source.txt": _utf8(self.text)}
        return {"source.txt": self.raw}

    def describe(self) -> str:
        what = "HTML page, main text extracted" if self.form == "html" else "text"
        return f"{what}; {self.decoded.describe()}"


def _utf8(text: str) -> bytes:
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")


def is_url(name: str) -> bool:
    return urlparse(name).scheme in ("http", "https")


def read_article(name: str | Path) -> Article:
    """Read a file or fetch a URL; raise SiteError with a hint when that is not possible."""
    name = str(name)
    if is_url(name):
        raw, content_type, final_url = fetch(name)
        stem = PurePosixPath(unquote(urlparse(final_url).path)).stem or urlparse(final_url).netloc
        html = "html" in content_type or _looks_like_html(raw)
        return _article(name, stem, raw, html, url=final_url, charset=_charset(content_type))
    path = Path(name)
    if not path.is_file():
        raise SiteError(path, "article not found", hint="give the path of a text or HTML file")
    raw = path.read_bytes()
    html = path.suffix.lower() in _HTML_SUFFIXES or _looks_like_html(raw)
    return _article(name, path.stem, raw, html)


def _looks_like_html(raw: bytes) -> bool:
    return _HTML_START.match(raw[:4096].lstrip(b"\xef\xbb\xbf")) is not None


def _charset(content_type: str) -> str | None:
    match = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.I)
    return match.group(1) if match else None


def _article(
    name: str, stem: str, raw: bytes, html: bool, url: str = "", charset: str | None = None
) -> Article:
    decoded = _decode(raw, name, charset)
    if not html:
        return Article(name, stem, raw, decoded, decoded.text, "text", url)
    from generator.importer.html import extract_main_text

    text, found = extract_main_text(decoded.text, url)
    if not text.strip():
        raise SiteError(
            name,
            "found no article text in the HTML page",
            hint="save the article's text as a .txt file and import that",
        )
    return Article(name, stem, raw, decoded, text, "html", url or found.get("url", ""), found)


def _decode(raw: bytes, name: str, charset: str | None) -> Decoded:
    if charset and charset.lower().replace("-", "") not in ("utf8", "iso88591", "usascii"):
        try:
            text = raw.decode(charset).replace("\r\n", "\n").replace("\r", "\n")
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            return Decoded(text, charset.upper(), False, b"\r\n" in raw)
    return decode_article(raw, name)


def fetch(url: str, timeout: float = FETCH_TIMEOUT, limit: int = FETCH_LIMIT) -> tuple:
    """(body, content type, final URL) of an http(s) URL, refusing bodies over `limit`."""
    request = urllib.request.Request(url, headers={"User-Agent": "Huikan-importer/1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise _too_big(url, limit)
            body = response.read(limit + 1)
            if len(body) > limit:
                raise _too_big(url, limit)
            return body, response.headers.get("Content-Type", ""), response.geturl()
    except urllib.error.HTTPError as exc:
        raise SiteError(url, f"the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise SiteError(
            url,
            f"could not fetch the article: {reason}",
            hint="check the address, or save the page and import the file",
        ) from None


def _too_big(url: str, limit: int) -> SiteError:
    return SiteError(
        url,
        f"the page is larger than {limit // (1024 * 1024)} MiB",
        hint="save the article's text and import the file",
    )
