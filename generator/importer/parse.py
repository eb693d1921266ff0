"""`parse_article`: article text in, ParsedEvent out, without touching the disk."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from generator.importer import noise as noise_mod
from generator.importer.byline import find_event_facts, page_byline
from generator.importer.decode import split_lines
from generator.importer.english import role_before_name
from generator.importer.hints import HintEntry, Hints, matching
from generator.importer.intro import drop_repeated_title, find_guests, read_head
from generator.importer.labels import read_label
from generator.importer.names import interviewee_in
from generator.importer.parsed import (
    BLANK,
    METADATA,
    NOISE,
    THEME,
    DroppedLine,
    ImportedSpeaker,
    ImportedTheme,
    ImportedTurn,
    ParsedEvent,
    SourceLine,
    Unsure,
)
from generator.importer.punctuation import HAN, normalise
from generator.importer.roster import Roster, Seen, build_roster
from generator.importer.speakers import is_question, pick_moderators
from generator.importer.turns import CleanLine, Headings, walk
from generator.importer.unused import unused_hints

# Used only when an article has turns before its first heading, which transcript.md forbids.
_OPENING_THEME = {"zh-CN": "开场", "en": "Opening"}


class _Collector:
    def __init__(self) -> None:
        self.dropped: list[DroppedLine] = []
        self.uses: dict[int, list[str]] = {}
        self.warnings: list[str] = []
        self.metadata_text: dict[int, str] = {}
        # The hint entries that matched something; the report lists the others.
        self.matched_hints: set[HintEntry] = set()

    def use(self, number: int, kind: str) -> None:
        self.uses.setdefault(number, []).append(kind)

    def drop(self, number: int, text: str, reason: str) -> None:
        self.dropped.append(DroppedLine(number, text, reason))
        self.use(number, BLANK if reason == "blank" else NOISE)

    def metadata(self, number: int, text: str) -> None:
        self.use(number, METADATA)
        self.metadata_text[number] = text


def _clean(
    lines: list[SourceLine], seen: _Collector, hints: Hints
) -> tuple[list[CleanLine], str | None]:
    """Drop noise, cut banners off, normalise punctuation; returns the first banner's title."""
    found = noise_mod.find_noise(lines)
    title: str | None = None
    kept: list[CleanLine] = []
    for line in lines:
        reason = found.reason(line.number)
        matched = matching(hints.noise, line.number, line.text.strip())
        seen.matched_hints.update(("noise", entry) for entry in matched)
        if matched:
            reason = "noise (hints)"
        if noise_mod.is_blank(line.text):
            reason = "blank"
        if reason is not None:
            seen.drop(line.number, line.text, reason)
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


def _publisher_mentions(publisher: str | None, body: list[CleanLine]) -> Counter[str]:
    """A publication that hosts its own panel may only ever speak right after a heading
    (`<heading>Publisher：<question>`), so its label never starts a line; count those too."""
    if not publisher or read_label(f"{publisher}：x") is None:
        return Counter()
    fused = re.compile(rf"{re.escape(publisher)}\s*[:：]")
    mentions = sum(1 for line in body if not line.caption and fused.search(line.text))
    return Counter({publisher: mentions}) if mentions else Counter()


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
        ImportedTurn(t.speaker, title, t.paragraphs, t.line, t.label) if t.theme is None else t
        for t in turns
    ]
    return [ImportedTheme(title, first.line), *themes], turns


def _page_facts(found: dict[str, str]) -> dict[str, str]:
    """Author and date that only a web page's metadata kept (its byline was not part of the
    extracted text): the author asks an interview's questions (`记者：`), and without the
    date event.yaml's date would be empty."""
    facts = {"date": found["date"]} if found.get("date") else {}
    facts.update(page_byline(found.get("byline", "")))
    return facts


def _resolver(roster: Roster, seen: _Collector):
    def resolve(text: str) -> tuple[str, str, str] | None:
        label = read_label(text)
        if label is None:
            return None
        key = label.key if roster.speaker(label.key) else label.raw
        speaker = roster.speaker(key)
        if not speaker:
            return None
        # A declared name or alias that starts a turn has matched. (The walk also resolves
        # the next line to tell headings; that line is walked too, so this adds nothing
        # unless the editor forced that very line to be a heading.)
        seen.matched_hints.add(("speakers", key))
        return speaker, label.rest, label.raw

    return resolve


def parse_article(
    text: str, hints: Hints | None = None, found: dict[str, str] | None = None
) -> ParsedEvent:
    """Read a scraped transcript into metadata, speakers, introduction, themes and turns.

    `hints` is what the editor declared (hints file, corrected event.yaml); `found` holds
    facts from outside the text (an HTML page's title and site name)."""
    hints = hints or Hints()
    seen = _Collector()
    source = split_lines(text)
    raw = {line.number: line.text for line in source}
    lines, banner = _clean(source, seen, hints)
    head = read_head(lines, banner)
    meta: dict[str, Any] = head.meta
    for number in head.lines:
        seen.metadata(number, raw[number])
    for key, value in (found or {}).items():
        if key in ("title", "publisher") and value:
            meta.setdefault(key, value)
    page = _page_facts(found or {})
    if "author" in page:
        meta.setdefault("author", page["author"])
    body = lines[head.start :]
    repeats = set(drop_repeated_title(body, meta.get("title")))
    for line in body:
        if line.number in repeats:
            seen.drop(line.number, raw[line.number], "title banner")
    body = [line for line in body if line.number not in repeats]

    observed = [(ln.number, lb) for ln in body if not ln.caption if (lb := read_label(ln.text))]
    labels_seen = Seen(observed, _publisher_mentions(meta.get("publisher"), body))
    counts = labels_seen.counts()
    declared = set(hints.labels())
    recurring = {k for k, n in counts.items() if n >= 2} | declared
    guest_find = find_guests(body, raw, set(counts) | declared, recurring)
    guests = guest_find.guests if guest_find else []
    if guest_find is not None:
        for number, used in guest_find.used.items():
            seen.metadata(number, used)
        body = [
            CleanLine(ln.number, guest_find.replace[ln.number])
            if ln.number in guest_find.replace
            else ln
            for ln in body
            if ln.number not in guest_find.used or ln.number in guest_find.replace
        ]
    elsewhere = "\n".join(lb.rest if (lb := read_label(ln.text)) else ln.text for ln in body)
    intro_head = "\n".join([meta.get("title", ""), *(ln.text for ln in body[:3])])
    facts = {
        "publisher": meta.get("publisher", ""),
        "author": meta.get("author", ""),
        "interviewee": interviewee_in(intro_head) or "",
    }
    roster = build_roster(labels_seen, guests, hints, facts, meta.get("title", "") + elsewhere)
    keys = [key for key in roster.names if len(key) > 1]
    headings = Headings(hints.headings, hints.not_headings)
    result = walk(body, _resolver(roster, seen), keys, headings, raw)
    seen.matched_hints |= result.matched_hints | roster.matched_hints
    for number, kinds in result.uses.items():
        for kind in kinds:
            seen.use(number, kind)
    language = _language(lines)
    themes, turns = _with_opening_theme(result.themes, result.turns, language, seen)

    meta["language"] = language
    intro_text = [p.text for p in result.intro if not p.caption]
    event_facts = find_event_facts(intro_text, language, meta.get("title", ""))
    for key, value in event_facts.items():
        meta.setdefault(key, value)
    if "date" in page:
        meta.setdefault("date", page["date"])  # the introduction's own date comes first
    for key, value in hints.metadata.items():
        meta[key] = str(value) if key == "date" else value
    if language == "en":
        # `talks with historian Raj Patel`: a role the introduction gives before the name
        spoken = {turn.speaker for turn in turns}
        for name in sorted(spoken - set(roster.roles)):
            role = role_before_name(name, "\n".join(intro_text))
            if role:
                roster.roles[name] = role
    speakers = _speakers(turns, guests, roster, hints, seen)
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
        guests=tuple(ImportedSpeaker(g.name, g.role, g.host, g.aliases) for g in guests),
        warnings=tuple(seen.warnings),
        unsure=_unsure(roster, result.unsure, seen, turns),
        notes=(*head.notes, *roster.notes),
        metadata_text=dict(sorted(seen.metadata_text.items())),
        unused_hints=unused_hints(hints, seen.matched_hints, raw, seen.uses),
    )


def _unsure(
    roster: Roster, walked: list[Unsure], seen: _Collector, turns: list[ImportedTurn]
) -> tuple[Unsure, ...]:
    """Doubts that the rest of the parse did not settle: a label-like line that became a
    heading, a turn or metadata is no longer in doubt."""
    starts = {turn.line for turn in turns}
    settled = {n for n, kinds in seen.uses.items() if THEME in kinds or METADATA in kinds}
    kept = [u for u in roster.unsure if u.kind != "label" or u.line not in starts | settled]
    return tuple(sorted([*kept, *walked], key=lambda u: u.line))


def _speakers(
    turns: list[ImportedTurn],
    guests: list,
    roster: Roster,
    hints: Hints,
    seen: _Collector,
) -> tuple[ImportedSpeaker, ...]:
    """Guests in the guest list's order, then everyone else in order of first turn; with an
    edited event.yaml, the editor's order and every speaker they declared."""
    speaking = list(dict.fromkeys(t.speaker for t in turns))
    hosts = roster.hosts & set(speaking)
    if not hosts:
        asked = [(t.speaker, bool(t.spoken) and is_question(t.spoken[-1].text)) for t in turns]
        hosts = pick_moderators(asked, {g.name for g in guests}, roster.audience)
    if hints.complete:
        order = [s.name for s in hints.speakers]
    else:
        order = [g.name for g in guests if g.name in speaking]
    order += [name for name in speaking if name not in order]
    for guest in guests:
        if guest.name not in speaking and guest.name not in order:
            seen.warnings.append(f"guest {guest.name!r} is listed but has no turn; left out")
    for name in hints.moderators:
        # `moderator:` names a speaker or one of their labels (see roster._function_words);
        # naming no one who speaks, it changed nothing.
        if roster.names.get(name, name) in speaking:
            seen.matched_hints.add(("moderator", name))
    speakers = []
    for name in order:
        declared = hints.speaker(name)
        role = roster.roles.get(name, "")
        moderator = name in hosts
        aliases = list(roster.aliases.get(name, []))
        slug = ""
        if declared is not None:
            seen.matched_hints.add(("speakers", declared.name))  # they are in the event
            role = role if declared.role is None else declared.role
            moderator = moderator if declared.moderator is None else declared.moderator
            aliases = [*declared.aliases, *(a for a in aliases if a not in declared.aliases)]
            slug = declared.slug
        aliases = [a for a in aliases if a != name]
        speakers.append(ImportedSpeaker(name, role, moderator, tuple(aliases), slug))
    return tuple(speakers)
