"""What an import found and did, in words an editor can check against the article."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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


@dataclass(frozen=True)
class ImportReport:
    article: Path
    slug: str
    event_dir: Path
    parsed: ParsedEvent
    written: tuple[Path, ...] = ()
    dry_run: bool = False
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def all_warnings(self) -> tuple[str, ...]:
        return self.parsed.warnings + self.warnings

    def format(self) -> str:
        parsed = self.parsed
        if self.dry_run:
            lines = [f"Dry run: {self.article} would become {self.event_dir} (nothing written)"]
        else:
            lines = [f"Imported {self.article} -> {self.event_dir}"]
            lines += [f"  wrote {path.name}" for path in self.written]
        lines += ["", "Metadata:"]
        meta = parsed.metadata
        keys = [k for k in _FACT_ORDER if k in meta] + [k for k in meta if k not in _FACT_ORDER]
        for key in keys:
            lines.append(f"  {key}: {_fact(meta[key])}")
        counts = parsed.turn_counts()
        lines += ["", f"Speakers ({len(parsed.speakers)}, {len(parsed.turns)} turns):"]
        for speaker in parsed.speakers:
            mark = " [moderator]" if speaker.moderator else ""
            role = f" — {speaker.role}" if speaker.role else ""
            lines.append(f"  {speaker.name}{mark}{role}: {counts.get(speaker.name, 0)} turns")
        lines += ["", f"Themes ({len(parsed.themes)}):"]
        for number, theme in enumerate(parsed.themes, start=1):
            lines.append(f"  {number}. {theme.title} (line {theme.line}): {_turns(parsed, number)}")
        lines += ["", f"Introduction: {len(parsed.intro)} paragraphs"]
        lines += _dropped(parsed)
        if self.all_warnings:
            lines += ["", "Warnings:", *(f"  - {w}" for w in self.all_warnings)]
        return "\n".join(lines)


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
