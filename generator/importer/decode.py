"""Bytes of a scraped article -> text lines that remember their line numbers."""

from __future__ import annotations

from pathlib import Path

from generator.errors import SiteError
from generator.importer.parsed import SourceLine

_UTF8_BOM = b"\xef\xbb\xbf"


def decode(data: bytes, path: Path | str | None = None) -> str:
    """UTF-8 (with or without a BOM) to text with `\\n` line ends.

    Anything else is refused rather than guessed: a wrong guess would silently garble names.
    """
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SiteError(
            path,
            "the article is not UTF-8 text",
            line=line,
            hint="save it as UTF-8, e.g. `iconv -f GB18030 -t UTF-8 in.txt > out.txt`",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_lines(text: str) -> list[SourceLine]:
    """Lines numbered from 1 as an editor shows them; a final newline adds no empty line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [SourceLine(number, line) for number, line in enumerate(lines, start=1)]
