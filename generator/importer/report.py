"""What an import found and did, in words an editor can check against the article."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.importer.accounting import Accounting
from generator.importer.parsed import ParsedEvent

_FACT_ORDER = (
    "title",
    "date",
    "language",
    "author",
    "sent_from",
    "publisher",
    "channel",
    "place",
    "forum",
    "session",
    "organisers",
)
_UNSURE_HINTS = {
    "label": "a speaker? declare them under `speakers:` in a hints file",
    "heading": "a theme? list the line under `headings:` in a hints file",
    "answerer": "name them: `speakers: [{name: …, aliases: [答]}]` in a hints file",
    "asker": "name them: `speakers: [{name: …, aliases: [记者]}]` in a hints file",
}


def confidence(parsed: ParsedEvent, accounting: Accounting | None = None) -> tuple[str, list]:
    """high / medium / low, with the reasons an editor should look at."""
    reasons: list[str] = []
    if not parsed.turns:
        return "low", ["no speaker turns found"]
    if accounting is not None and not accounting.complete:
        reasons.append(f"{len(accounting.missing)} lines not fully accounted for")
    if parsed.unsure:
        reasons.append(f"{len(parsed.unsure)} things to check (below)")
    if parsed.unused_hints:
        # The editor asked for something the import did not do: check before trusting it.
        count = len(parsed.unused_hints)
        reasons.append(f"{count} {'hint' if count == 1 else 'hints'} matched nothing (below)")
    if not any(s.moderator for s in parsed.speakers):
        reasons.append("no moderator recognised")
    if not parsed.metadata.get("date"):
        reasons.append("no date found")  # event.yaml's date is left empty
    if len(parsed.speakers) < 2:
        reasons.append("only one speaker")
    once = [s.name for s, n in _counts(parsed) if n == 1 and not s.moderator]
    if len(once) > 1:
        reasons.append(f"speakers with a single turn: {', '.join(once)}")
    serious = any(u.kind == "answerer" for u in parsed.unsure) or (
        accounting is not None and not accounting.complete
    )
    if serious or len(reasons) >= 3 or len(parsed.unsure) > 3:
        return "low", reasons
    return ("medium" if reasons else "high"), reasons


def _counts(parsed: ParsedEvent) -> list:
    counts = parsed.turn_counts()
    return [(s, counts.get(s.name, 0)) for s in parsed.speakers]


@dataclass(frozen=True)
class ImportReport:
    article: Path | str
    slug: str
    event_dir: Path
    parsed: ParsedEvent
    written: tuple[Path, ...] = ()
    dry_run: bool = False
    warnings: tuple[str, ...] = field(default_factory=tuple)
    source: str = ""  # how the article was read: "text; GB18030, converted to UTF-8"
    notes: tuple[str, ...] = ()
    accounting: Accounting | None = None

    @property
    def all_warnings(self) -> tuple[str, ...]:
        return self.parsed.warnings + self.warnings

    def with_warning(self, warning: str) -> ImportReport:
        return replace(self, warnings=(*self.warnings, warning))

    def with_written(self, written: tuple[Path, ...]) -> ImportReport:
        return replace(self, written=written)

    def format(self) -> str:
        parsed = self.parsed
        if self.dry_run:
            lines = [f"Dry run: {self.article} would become {self.event_dir} (nothing written)"]
        else:
            lines = [f"Imported {self.article} -> {self.event_dir}"]
            lines += [f"  wrote {path.name}" for path in self.written]
        if self.source:
            lines.append(f"Source: {self.source}")
        level, reasons = confidence(parsed, self.accounting)
        lines.append(f"Confidence: {level}" + (f" ({'; '.join(reasons)})" if reasons else ""))
        lines += ["", "Metadata:"]
        meta = parsed.metadata
        keys = [k for k in _FACT_ORDER if k in meta] + [k for k in meta if k not in _FACT_ORDER]
        for key in keys:
            lines.append(f"  {key}: {_fact(meta[key])}")
        lines += ["", f"Speakers ({len(parsed.speakers)}, {len(parsed.turns)} turns):"]
        for speaker, count in _counts(parsed):
            mark = " [moderator]" if speaker.moderator else ""
            role = f" — {speaker.role}" if speaker.role else ""
            aliases = f" (also {', '.join(speaker.aliases)})" if speaker.aliases else ""
            lines.append(f"  {speaker.name}{mark}{role}{aliases}: {count} turns")
        lines += ["", f"Themes ({len(parsed.themes)}):"]
        if not parsed.themes:
            lines.append("  none: the transcript has no headings")
        for number, theme in enumerate(parsed.themes, start=1):
            lines.append(f"  {number}. {theme.title} (line {theme.line}): {_turns(parsed, number)}")
        lines += ["", f"Introduction: {len(parsed.intro)} paragraphs"]
        lines += _unsure(parsed)
        lines += _unused_hints(parsed)
        lines += _dropped(parsed)
        lines += _accounting(self.accounting)
        notes = (*parsed.notes, *self.notes)
        if notes:
            lines += ["", "Notes:", *(f"  - {n}" for n in notes)]
        if self.all_warnings:
            lines += ["", "Warnings:", *(f"  - {w}" for w in self.all_warnings)]
        return "\n".join(lines)


def _unsure(parsed: ParsedEvent) -> list[str]:
    if not parsed.unsure:
        return []
    lines = ["", f"Unsure ({len(parsed.unsure)}):"]
    for item in parsed.unsure:
        hint = _UNSURE_HINTS.get(item.kind, "")
        lines.append(f"  line {item.line}: {item.kind} {item.text!r}: {item.note}; {hint}")
    return lines


def _unused_hints(parsed: ParsedEvent) -> list[str]:
    if not parsed.unused_hints:
        return []
    lines = ["", f"Hints that matched nothing ({len(parsed.unused_hints)}):"]
    lines += [f"  {u.key}: {u.value!r}: {u.note}" for u in parsed.unused_hints]
    return lines


def _accounting(accounting: Accounting | None) -> list[str]:
    if accounting is None:
        return []
    if accounting.complete:
        return ["", f"Every one of the {accounting.lines} source lines is accounted for."]
    lines = ["", "Lines not fully accounted for (please report this):"]
    lines += [f"  line {n}: {' '.join(words)}" for n, words in accounting.missing]
    return lines


def _turns(parsed: ParsedEvent, number: int) -> str:
    """Turns from this theme's heading to the next one (two themes may share a title)."""
    start = parsed.themes[number - 1].line
    end = parsed.themes[number].line if number < len(parsed.themes) else None
    count = sum(1 for t in parsed.turns if t.line >= start and (end is None or t.line < end))
    return f"{count} turns"


def _fact(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(
            f"{item['name']} ({item['role']})" if isinstance(item, dict) else str(item)
            for item in value
        )
    return str(value)


def _dropped(parsed: ParsedEvent) -> list[str]:
    blanks = [d.line for d in parsed.dropped if d.reason == "blank"]
    noise = [d for d in parsed.dropped if d.reason != "blank"]
    lines = ["", f"Dropped ({len(noise)} noise lines, {len(blanks)} blank lines):"]
    lines += [f"  line {d.line}: {d.reason}: {d.text.strip()}" for d in noise]
    if blanks:
        lines.append(f"  blank lines: {', '.join(str(n) for n in blanks)}")
    return lines
