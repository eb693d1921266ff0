"""`parse_article`: article text in, ParsedEvent out, without touching the disk."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from generator.importer import noise as noise_mod
from generator.importer.byline import find_event_facts, parse_byline
from generator.importer.decode import split_lines
from generator.importer.parsed import (
    BLANK,
    METADATA,
    NOISE,
    DroppedLine,
    ImportedSpeaker,
    ImportedTheme,
    ImportedTurn,
    ParsedEvent,
    SourceLine,
)
from generator.importer.punctuation import HAN, normalise
from generator.importer.speakers import (
    GuestList,
    is_question,
    known_labels,
    label_at_start,
    label_candidates,
    parse_guest_list,
    pick_moderators,
)
from generator.importer.themes import markdown_heading, split_fused_heading, standalone_heading
from generator.importer.turns import CleanLine, walk

# Used only when an article has turns before its first heading, which transcript.md forbids.
_OPENING_THEME = {"zh-CN": "开场", "en": "Opening"}


class _Collector:
    def __init__(self) -> None:
        self.dropped: list[DroppedLine] = []
        self.uses: dict[int, list[str]] = {}
        self.warnings: list[str] = []

    def use(self, number: int, kind: str) -> None:
        self.uses.setdefault(number, []).append(kind)

    def drop(self, number: int, text: str, reason: str) -> None:
        self.dropped.append(DroppedLine(number, text, reason))
        self.use(number, BLANK if reason == "blank" else NOISE)


def _clean(lines: list[SourceLine], seen: _Collector) -> tuple[list[CleanLine], str | None]:
    """Drop noise, cut banners off, normalise punctuation; returns the first banner's title."""
    found = noise_mod.find_noise(lines)
    title: str | None = None
    kept: list[CleanLine] = []
    for line in lines:
        reason = found.reason(line.number)
        if reason is not None:
            seen.drop(line.number, line.text, reason)
            continue
        if noise_mod.is_blank(line.text):
            seen.drop(line.number, line.text, "blank")
            continue
        banner, rest = noise_mod.split_banner(line.text)
        if banner is not None:
            title = title or normalise(banner)
            seen.drop(line.number, f"【{banner}】", "title banner")
            if noise_mod.is_blank(rest):
                continue
        if noise_mod.is_caption(rest):
            kept.append(CleanLine(line.number, noise_mod.caption_text(normalise(rest)), True))
        else:
            kept.append(CleanLine(line.number, normalise(rest)))
    return kept, title


def _head(lines: list[CleanLine], title: str | None, seen: _Collector) -> tuple[dict, int]:
    """Title line and byline lines at the very top; returns them and where the body starts."""
    meta: dict[str, Any] = {}
    start = 0
    for index, line in enumerate(lines):
        if line.caption:
            break
        byline = parse_byline(line.text)
        heading = markdown_heading(line.text)
        if byline and not (byline.keys() & meta.keys()):
            meta.update(byline)
        elif index == 0 and not title and (heading or standalone_heading(line.text)):
            following = lines[1].text if len(lines) > 1 else ""
            if label_at_start(following) is not None and heading is None:
                break  # a heading right before a turn is the first theme, not the title
            title = heading or line.text
        else:
            break
        seen.use(line.number, METADATA)
        start = index + 1
    if title:
        meta["title"] = title
    return meta, start


def _count_publisher_label(
    candidates: Counter[str], publisher: str | None, body: list[CleanLine]
) -> None:
    """A publication that hosts its own panel may only ever speak right after a heading
    (`<heading>Publisher：<question>`), so its label never starts a line; count those too."""
    if not publisher or label_at_start(f"{publisher}：x") is None:
        return
    fused = re.compile(rf"{re.escape(publisher)}\s*[:：]")
    mentions = sum(1 for line in body if not line.caption and fused.search(line.text))
    candidates[publisher] = max(candidates[publisher], mentions)


def _find_guest_list(
    body: list[CleanLine], raw: dict[int, str], candidates: Counter[str]
) -> tuple[int, GuestList] | None:
    """The first paragraph before any turn that lists `name , role` pairs."""
    recurring = {name for name, count in candidates.items() if count >= 2}
    for line in body:
        if line.caption:
            continue
        if label_at_start(line.text, recurring) or split_fused_heading(line.text, recurring):
            return None
        guests = parse_guest_list(raw[line.number], set(candidates))
        if guests is not None:
            return line.number, guests
    return None


def _language(lines: list[CleanLine]) -> str:
    text = "".join(line.text for line in lines)
    han = len(re.findall(f"[{HAN}]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return "zh-CN" if han >= latin / 4 else "en"


def _with_opening_theme(
    themes: list[ImportedTheme], turns: list[ImportedTurn], language: str, seen: _Collector
) -> tuple[list[ImportedTheme], list[ImportedTurn]]:
    if not themes or all(turn.theme is not None for turn in turns):
        return themes, turns
    title = _OPENING_THEME.get(language, _OPENING_THEME["en"])
    first = next(turn for turn in turns if turn.theme is None)
    seen.warnings.append(f"turns before the first heading were put under a new theme {title!r}")
    turns = [
        ImportedTurn(t.speaker, title, t.paragraphs, t.line) if t.theme is None else t
        for t in turns
    ]
    return [ImportedTheme(title, first.line), *themes], turns


def parse_article(text: str) -> ParsedEvent:
    """Read a scraped transcript into metadata, speakers, introduction, themes and turns."""
    seen = _Collector()
    source = split_lines(text)
    raw = {line.number: line.text for line in source}
    lines, banner = _clean(source, seen)
    meta, start = _head(lines, banner, seen)
    body = lines[start:]

    candidates = label_candidates(line.text for line in body if not line.caption)
    _count_publisher_label(candidates, meta.get("publisher"), body)
    guest_list = _find_guest_list(body, raw, candidates)
    guests = guest_list[1].guests if guest_list else ()
    labels = known_labels(candidates, [name for name, _ in guests])
    if guest_list is not None:
        # Parse again now that the labels are final, so the run-on is cut at a real label.
        guest_list = (guest_list[0], parse_guest_list(raw[guest_list[0]], labels) or guest_list[1])
        body = _replace_guest_list(body, guest_list, seen)
        guests = guest_list[1].guests

    result = walk(body, labels)
    for number, kinds in result.uses.items():
        for kind in kinds:
            seen.use(number, kind)
    language = _language(lines)
    themes, turns = _with_opening_theme(result.themes, result.turns, language, seen)

    meta["language"] = language
    intro_text = [p.text for p in result.intro if not p.caption]
    for key, value in find_event_facts(intro_text).items():
        meta.setdefault(key, value)
    speakers = _speakers(turns, guests, seen)
    if not turns:
        seen.warnings.append("no speaker turns found (a turn starts with `Name:` on a new line)")
    return ParsedEvent(
        metadata=meta,
        speakers=speakers,
        intro=tuple(result.intro),
        themes=tuple(themes),
        turns=tuple(turns),
        dropped=tuple(sorted(seen.dropped, key=lambda d: d.line)),
        uses={number: tuple(kinds) for number, kinds in sorted(seen.uses.items())},
        guests=tuple(ImportedSpeaker(name, role) for name, role in guests),
        warnings=tuple(seen.warnings),
    )


def _replace_guest_list(
    body: list[CleanLine], found: tuple[int, GuestList], seen: _Collector
) -> list[CleanLine]:
    """Take the guest list (and the `…嘉宾有：` line announcing it) out of the body,
    keeping whatever sentence was fused after the last role."""
    number, guest_list = found
    index = next(i for i, line in enumerate(body) if line.number == number)
    out = list(body)
    seen.use(number, METADATA)
    if guest_list.remainder:
        out[index] = CleanLine(number, normalise(guest_list.remainder))
    else:
        del out[index]
    before = index - 1
    if before >= 0 and out[before].text.endswith(("：", ":")) and not out[before].caption:
        seen.use(out[before].number, METADATA)
        del out[before]
    return out


def _speakers(
    turns: list[ImportedTurn], guests: tuple[tuple[str, str], ...], seen: _Collector
) -> tuple[ImportedSpeaker, ...]:
    """Guests in the guest list's order, then everyone else in order of first turn."""
    asked = [(t.speaker, bool(t.spoken) and is_question(t.spoken[-1].text)) for t in turns]
    roles = dict(guests)
    hosts = pick_moderators(asked, roles)
    speaking = list(dict.fromkeys(t.speaker for t in turns))
    order = [name for name, _ in guests if name in speaking]
    order += [name for name in speaking if name not in order]
    for name, _ in guests:
        if name not in speaking:
            seen.warnings.append(f"guest {name!r} is listed but has no turn; left out")
    return tuple(ImportedSpeaker(n, roles.get(n, ""), n in hosts) for n in order)
