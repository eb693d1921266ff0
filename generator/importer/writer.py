"""Write an imported event as the three editable files of docs/content-format.md."""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path
from typing import Any

import yaml

from generator.atomic import write_atomic
from generator.errors import SiteError
from generator.importer.parsed import ImportedTurn, Paragraph, ParsedEvent
from generator.slugs import slugify, unique_slug

SOURCE, EVENT, TRANSCRIPT = "source.txt", "event.yaml", "transcript.md"

_HEADER = (
    "# Imported by Huikan from source.txt. Editors own this file: edit it freely.\n"
    "# Re-importing the article with --force would overwrite it.\n"
)
_FACT_KEYS = ("place", "forum", "session", "organisers", "author", "publisher")
# Paragraph starts that Markdown would read as a heading, quote, list, rule or a turn label.
_BLOCK_START = re.compile(r"^(?:#|>|[-*+](?:\s|$)|\*\*|[=-]{3,}\s*$)")
_ORDERED_ITEM = re.compile(r"^(\d+)([.)])(\s)")


class _QuotedStr(str):
    """A string that must be single-quoted in YAML (dates, which YAML would retype)."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as docs/content-format.md shows them.
        super().increase_indent(flow, False)


_Dumper.add_representer(
    _QuotedStr, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, "'")
)


def speaker_slugs(parsed: ParsedEvent) -> dict[str, str]:
    """Declared slugs as the editor wrote them; the others from the name's pinyin."""
    taken = {s.slug for s in parsed.speakers if s.slug}
    return {
        s.name: s.slug or unique_slug(slugify(s.name) or f"speaker-{n}", taken)
        for n, s in enumerate(parsed.speakers, start=1)
    }


_SENTENCE = re.compile(r"^.+?(?:[。！？]|[.!?](?=\s|$))")
_MAX_GUESSED_TITLE = 60


def fallback_title(parsed: ParsedEvent) -> str:
    """The introduction's first sentence, when the article has no title of its own: event.yaml
    needs one, and a real sentence is easier for an editor to fix than an empty field."""
    for paragraph in parsed.intro:
        if paragraph.caption:
            continue
        match = _SENTENCE.match(paragraph.text)
        sentence = match.group() if match else paragraph.text
        if len(sentence) <= _MAX_GUESSED_TITLE:
            return sentence
    return ""


def event_data(parsed: ParsedEvent) -> dict[str, Any]:
    """event.yaml's content, keys in the documented order; unknown facts are left out."""
    meta = parsed.metadata
    data: dict[str, Any] = {
        "title": meta.get("title") or fallback_title(parsed),
        "date": _QuotedStr(meta.get("date", "")),
        "slug": meta.get("slug", ""),
        "language": meta.get("language", ""),
        "description": meta.get("description", ""),
    }
    data.update({key: meta[key] for key in _FACT_KEYS if meta.get(key)})
    data["source_url"] = meta.get("source_url", "")
    slugs = speaker_slugs(parsed)
    speakers = []
    for speaker in parsed.speakers:
        entry: dict[str, Any] = {"name": speaker.name, "slug": slugs[speaker.name]}
        if speaker.role:
            entry["role"] = speaker.role
        entry["moderator"] = speaker.moderator
        if speaker.aliases:
            entry["aliases"] = list(speaker.aliases)
        speakers.append(entry)
    data["speakers"] = speakers
    for optional in ("language", "slug"):
        if not data[optional]:
            del data[optional]
    # `publisher` sits before `source_url` in the documented order; keep that order exactly.
    order = ["title", "date", "slug", "language", "description", *_FACT_KEYS]
    order += ["source_url", "speakers"]
    return {key: data[key] for key in order if key in data}


def render_event_yaml(parsed: ParsedEvent) -> str:
    body = yaml.dump(
        event_data(parsed),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=10_000,
    )
    return _HEADER + body


def _escape(text: str) -> str:
    """Keep a scraped paragraph an ordinary paragraph in Markdown."""
    if _ORDERED_ITEM.match(text):
        return _ORDERED_ITEM.sub(r"\1\\\2\3", text, count=1)
    if _BLOCK_START.match(text):
        return "\\" + text
    return text


def _paragraph(paragraph: Paragraph) -> str:
    return paragraph.text if paragraph.caption else _escape(paragraph.text)


def _turn_blocks(turn: ImportedTurn, colon: str) -> list[str]:
    label = f"**{turn.speaker}{colon}**"
    paragraphs = list(turn.paragraphs)
    if paragraphs and not paragraphs[0].caption:
        first = paragraphs.pop(0)
        return [f"{label} {_paragraph(first)}", *(_paragraph(p) for p in paragraphs)]
    return [label, *(_paragraph(p) for p in paragraphs)]


def render_transcript(parsed: ParsedEvent) -> str:
    colon = "：" if parsed.metadata.get("language", "").startswith("zh") else ":"
    blocks = [_paragraph(p) for p in parsed.intro]
    # A theme owns the turns from its heading's line to the next heading (titles may repeat).
    starts = [theme.line for theme in parsed.themes]
    shown = -1
    for turn in parsed.turns:
        index = bisect_right(starts, turn.line) - 1
        while turn.theme is not None and shown < index:
            shown += 1
            # The reader derives each theme's slug and de-duplicates clashing ones itself.
            blocks.append(f"## {parsed.themes[shown].title}")
        blocks.extend(_turn_blocks(turn, colon))
    return "\n\n".join(blocks) + "\n"


def check_target(event_dir: Path, force: bool) -> None:
    if event_dir.exists() and not event_dir.is_dir():
        raise SiteError(event_dir, "a file is in the way of the event folder", hint="move it")
    if event_dir.exists() and not force:
        raise SiteError(
            event_dir,
            "the event folder already exists",
            hint="pass --force to replace its source.txt, event.yaml and transcript.md "
            "(other files in the folder are kept), or choose another --slug",
        )


def write_event(
    event_dir: Path, source: bytes | dict[str, bytes], parsed: ParsedEvent, force: bool
) -> list[Path]:
    """Write source.txt (and any original beside it, e.g. source.html), event.yaml and
    transcript.md; refuses an existing folder unless `force`."""
    check_target(event_dir, force)
    event_dir.mkdir(parents=True, exist_ok=True)
    sources = source if isinstance(source, dict) else {SOURCE: source}
    contents = {
        **sources,
        EVENT: render_event_yaml(parsed).encode("utf-8"),
        TRANSCRIPT: render_transcript(parsed).encode("utf-8"),
    }
    written = []
    for name in [SOURCE, *(n for n in sources if n != SOURCE), EVENT, TRANSCRIPT]:
        write_atomic(event_dir / name, contents[name])
        written.append(event_dir / name)
    return written
