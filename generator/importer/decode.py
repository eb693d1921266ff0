"""Bytes of a scraped article -> text lines that remember their line numbers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from generator.errors import SiteError
from generator.importer.parsed import SourceLine

_UTF8_BOM = b"\xef\xbb\xbf"
# Only the encodings Chinese and English articles are really saved in. A detector asked to
# choose among every code page will happily read GBK as Shift-JIS or Latin-1 and garble names.
_CANDIDATES = ("gb18030", "big5")
_NAMES = {"gb18030": "GB18030", "big5": "Big5", "utf_8": "UTF-8"}


@dataclass(frozen=True)
class Decoded:
    """The article as text, and how it was stored (for the report)."""

    text: str
    encoding: str  # "UTF-8", "GB18030", "Big5"
    bom: bool = False
    crlf: bool = False

    @property
    def converted(self) -> bool:
        return self.encoding != "UTF-8"

    def describe(self) -> str:
        parts = [self.encoding + (" with BOM" if self.bom else "")]
        if self.converted:
            parts.append("converted to UTF-8")
        if self.crlf:
            parts.append("CRLF line ends")
        return ", ".join(parts)


def _refuse(data: bytes, path: Path | str | None) -> SiteError:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
    else:  # pragma: no cover - only called for undecodable bytes
        line = None
    return SiteError(
        path,
        "the article is not UTF-8 text, and not GB18030/GBK or Big5 either",
        line=line,
        hint="save it as UTF-8, e.g. `iconv -f <its encoding> -t UTF-8 in.txt > out.txt`",
    )


def _detect(data: bytes) -> str | None:
    best = from_bytes(data, cp_isolation=list(_CANDIDATES)).best()
    if best is None:
        return None
    encoding = best.encoding.lower().replace("-", "_")
    # GBK text is GB18030 text: the superset decodes every GBK file the same way.
    encoding = "gb18030" if encoding in ("gbk", "gb2312", "gb18030") else encoding
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return encoding


def decode_article(data: bytes, path: Path | str | None = None) -> Decoded:
    """UTF-8 (with or without a BOM) first; else GB18030/GBK or Big5 as detected.

    Anything else is refused rather than guessed: a wrong guess would silently garble names.
    """
    bom = data.startswith(_UTF8_BOM)
    if bom:
        data = data[len(_UTF8_BOM) :]
    crlf = b"\r\n" in data
    try:
        text, encoding = data.decode("utf-8"), "utf_8"
    except UnicodeDecodeError:
        detected = _detect(data)
        if detected is None:
            raise _refuse(data, path) from None
        text, encoding = data.decode(detected), detected
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text, _NAMES.get(encoding, encoding), bom, crlf)


def decode(data: bytes, path: Path | str | None = None) -> str:
    """The article's text with `\\n` line ends (see `decode_article`)."""
    return decode_article(data, path).text


def split_lines(text: str) -> list[SourceLine]:
    """Lines numbered from 1 as an editor shows them; a final newline adds no empty line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [SourceLine(number, line) for number, line in enumerate(lines, start=1)]
