"""Speakers of a new import against the people already in content/: the build merges
speakers whose names or aliases match; here we point out those that probably should match
but don't (same pinyin, a case variant, an English short form) and function words
(`主持人`, `Q`) that would wrongly merge different events' hosts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.importer.labels import NAME, word_kind
from generator.importer.names import short_form_of
from generator.importer.parsed import ImportedSpeaker
from generator.slugs import slugify


@dataclass(frozen=True)
class Known:
    event: str  # the event folder's name
    name: str
    aliases: tuple[str, ...]

    @property
    def labels(self) -> set[str]:
        return {self.name, *self.aliases}


def known_speakers(content_dir: Path, skip: Path | None = None) -> list[Known]:
    """Every speaker of every event in content/, leniently: a broken file is skipped (the
    build reports it), it must not stop an import."""
    found: list[Known] = []
    events = Path(content_dir) / "events"
    if not events.is_dir():
        return found
    for folder in sorted(p for p in events.iterdir() if p.is_dir()):
        if skip is not None and folder.resolve() == Path(skip).resolve():
            continue
        try:
            data = yaml.safe_load((folder / "event.yaml").read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError, UnicodeDecodeError):
            continue
        for entry in data.get("speakers") or [] if isinstance(data, dict) else []:
            if isinstance(entry, dict) and entry.get("name"):
                aliases = tuple(str(a) for a in entry.get("aliases") or [])
                found.append(Known(folder.name, str(entry["name"]), aliases))
    return found


def compare(speakers: tuple[ImportedSpeaker, ...], known: list[Known]) -> tuple[list, list]:
    """(merges, warnings): who the build will treat as the same person, and likely
    duplicates it will not."""
    merges: list[str] = []
    warnings: list[str] = []
    for speaker in speakers:
        labels = {speaker.name, *speaker.aliases}
        for other in known:
            where = f"{other.name} in {other.event}/"
            if word_kind(speaker.name) != NAME and speaker.name in other.labels:
                warnings.append(
                    f"{speaker.name!r} also speaks as {where}: the build will make them one "
                    "person; give each host's real name (hints file or event.yaml)"
                )
            elif labels & other.labels:
                merges.append(f"{speaker.name} is {where} (one speaker page)")
            elif _alike(labels, other.labels):
                warnings.append(
                    f"{speaker.name!r} looks like {where} but will not be merged: if it is the "
                    f"same person, add `aliases: [{other.name}]` to {speaker.name} in event.yaml"
                )
    return merges, warnings


def _alike(mine: set[str], theirs: set[str]) -> bool:
    for a in mine:
        for b in theirs:
            if a.casefold() == b.casefold() or (slugify(a) and slugify(a) == slugify(b)):
                return True
            if short_form_of(a, [b]) or short_form_of(b, [a]):
                return True
    return False
