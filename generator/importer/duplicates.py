"""Speakers of a new import against the people already in content/: the build merges
speakers whose names or aliases match; here we point out those that probably should match
but don't (same pinyin, a case variant, an English short form). Role words (`主持人`, `Q`)
are left out: the build never joins them across events."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.importer.labels import NAME, word_kind
from generator.importer.names import short_form_of
from generator.importer.parsed import ImportedSpeaker
from generator.slugs import slugify

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SHOWN = 3  # events named in a report line before "and N more"


@dataclass(frozen=True)
class Known:
    event: str  # the event folder's name
    name: str
    aliases: tuple[str, ...]

    @property
    def labels(self) -> set[str]:
        return {self.name, *self.aliases}


@functools.cache
def _event_speakers(path: Path, mtime_ns: int) -> tuple[Known, ...]:
    """One event.yaml's speakers, read leniently (the build reports broken files). Cached by
    modification time, so importing a batch reads each existing event once, not once per import."""
    del mtime_ns  # part of the cache key only
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return ()
    entries = data.get("speakers") or [] if isinstance(data, dict) else []
    return tuple(
        Known(path.parent.name, str(e["name"]), tuple(str(a) for a in e.get("aliases") or []))
        for e in entries
        if isinstance(e, dict) and e.get("name")
    )


def known_speakers(content_dir: Path, skip: Path | None = None) -> list[Known]:
    """Every speaker of every event in content/ (but the one being imported)."""
    events = Path(content_dir) / "events"
    if not events.is_dir():
        return []
    skipped = Path(skip).resolve() if skip is not None else None
    found: list[Known] = []
    for folder in sorted(p for p in events.iterdir() if p.is_dir()):
        meta = folder / "event.yaml"
        if folder.resolve() == skipped or not meta.is_file():
            continue
        found.extend(_event_speakers(meta, meta.stat().st_mtime_ns))
    return found


@dataclass(frozen=True)
class _Index:
    """The known speakers by every key a likely duplicate could share."""

    exact: dict[str, list[Known]]
    folded: dict[str, list[Known]]
    pinyin: dict[str, list[Known]]
    first: dict[str, list[Known]]  # first character, and each Latin word, for short forms


def _index(known: list[Known]) -> _Index:
    exact, folded, pinyin, first = (defaultdict(list) for _ in range(4))
    for other in known:
        for label in other.labels:
            exact[label].append(other)
            folded[label.casefold()].append(other)
            slug = slugify(label)
            if slug:
                pinyin[slug].append(other)
            for key in {label[:1], *label.casefold().split()}:
                first[key].append(other)
    return _Index(exact, folded, pinyin, first)


def _events(others: list[Known]) -> str:
    names = sorted({o.event for o in others})
    shown = ", ".join(f"{n}/" for n in names[:_SHOWN])
    return shown + (f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else "")


def _alike(label: str, index: _Index) -> list[Known]:
    slug = slugify(label)
    candidates = index.folded.get(label.casefold(), []) + (
        index.pinyin.get(slug, []) if slug else []
    )
    for key in {label[:1], *label.casefold().split()}:
        candidates += [
            o
            for o in index.first.get(key, [])
            if any(short_form_of(label, [x]) or short_form_of(x, [label]) for x in o.labels)
        ]
    return candidates


def compare(speakers: tuple[ImportedSpeaker, ...], known: list[Known]) -> tuple[list, list]:
    """(merges, warnings): who the build will treat as the same person, and likely
    duplicates it will not."""
    index = _index(known)
    merges: list[str] = []
    warnings: list[str] = []
    for speaker in speakers:
        if word_kind(speaker.name) != NAME:
            continue
        labels = {speaker.name, *speaker.aliases}
        same = [o for label in sorted(labels) for o in index.exact.get(label, [])]
        if same:
            merges.append(f"{speaker.name} is also in {_events(same)} (one speaker page)")
        merged = {o.event for o in same}
        alike: dict[str, list[Known]] = defaultdict(list)
        for label in sorted(labels):
            for other in _alike(label, index):
                if other.event not in merged and not labels & other.labels:
                    alike[other.name].append(other)
        for name, others in sorted(alike.items()):
            warnings.append(
                f"{speaker.name!r} looks like {name} in {_events(others)} but will not be "
                f"merged: if it is the same person, add `aliases: [{name}]` to "
                f"{speaker.name} in event.yaml"
            )
    return merges, warnings
