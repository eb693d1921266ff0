"""Speakers of a new import against the people already in content/: the build merges
speakers whose names or aliases match; here we point out those that probably should match
but don't (same pinyin, a case variant, an English short form). Role words (`主持人`, `Q`)
are left out: the build never joins them across events."""

from __future__ import annotations

import contextlib
import functools
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.importer.labels import NAME, word_kind
from generator.importer.names import short_form_of
from generator.importer.parsed import ImportedSpeaker
from generator.manifest import file_signature
from generator.roles import is_role_word
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
def _event_speakers(path: str, stamp: tuple[int, int, int]) -> tuple[Known, ...]:
    """One event.yaml's speakers, read leniently (the build reports broken files). Cached by
    the file's (inode, size, modification time), so importing a batch reads each existing
    event once, not once per import (a re-import replaces the file: a new inode)."""
    del stamp  # part of the cache key only
    try:
        data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return ()
    entries = data.get("speakers") or [] if isinstance(data, dict) else []
    event = os.path.basename(os.path.dirname(path))
    return tuple(
        Known(event, str(e["name"]), tuple(str(a) for a in e.get("aliases") or []))
        for e in entries
        if isinstance(e, dict) and e.get("name")
    )


def known_speakers(content_dir: Path, skip: Path | None = None) -> dict[str, tuple[Known, ...]]:
    """Every speaker of every event in content/ (but the one being imported), by event folder.

    Importing a batch asks this once per article: one directory listing and one stat per
    event, no path resolution."""
    try:
        entries = sorted(os.scandir(os.path.join(content_dir, "events")), key=lambda e: e.name)
    except OSError:
        return {}
    skipped = None
    with contextlib.suppress(OSError):  # not there (yet): nothing to skip
        skipped = os.stat(skip) if skip is not None else None
    found: dict[str, tuple[Known, ...]] = {}
    for entry in entries:
        try:
            if not entry.is_dir() or (skipped and os.path.samestat(entry.stat(), skipped)):
                continue
        except OSError:
            continue
        meta = os.path.join(entry.path, "event.yaml")
        signature = file_signature(meta)
        if signature is not None:
            found[entry.name] = _event_speakers(meta, signature)
    return found


@dataclass(frozen=True)
class _Index:
    """The known speakers by every key a likely duplicate could share."""

    exact: dict[str, list[Known]]
    folded: dict[str, list[Known]]
    pinyin: dict[str, list[Known]]
    first: dict[str, list[Known]]  # first character, and each Latin word, for short forms

    def add(self, known: tuple[Known, ...]) -> None:
        for other in known:
            for label in other.labels:
                self.exact[label].append(other)
                self.folded[label.casefold()].append(other)
                slug = slugify(label)
                if slug:
                    self.pinyin[slug].append(other)
                for key in {label[:1], *label.casefold().split()}:
                    self.first[key].append(other)


class _Catalogue:
    """The index of the events seen last, brought up to date by adding the new ones: a batch
    import adds one event per article, so indexing them all again each time would make the
    batch quadratic. An event that changed or went away starts the index over."""

    def __init__(self) -> None:
        self.events: dict[str, tuple[Known, ...]] = {}
        self.index = _empty_index()

    def index_of(self, known: dict[str, tuple[Known, ...]]) -> _Index:
        # _event_speakers hands back the very same tuple while an event.yaml is unchanged.
        if any(known.get(name) is not speakers for name, speakers in self.events.items()):
            self.events, self.index = {}, _empty_index()
        for name, speakers in known.items():
            if name not in self.events:
                self.index.add(speakers)
                self.events[name] = speakers
        return self.index


def _empty_index() -> _Index:
    return _Index(defaultdict(list), defaultdict(list), defaultdict(list), defaultdict(list))


# One for the process: a catalogue of another content folder fails the identity check above
# and starts over, so sharing it is always correct.
_catalogue = _Catalogue()


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


def compare(
    speakers: tuple[ImportedSpeaker, ...], known: dict[str, tuple[Known, ...]]
) -> tuple[list, list]:
    """(merges, warnings): who the build will treat as the same person, and likely
    duplicates it will not, among the `known` speakers (by event folder)."""
    index = _catalogue.index_of(known)
    merges: list[str] = []
    warnings: list[str] = []
    for speaker in speakers:
        if word_kind(speaker.name) != NAME:
            continue
        # Role words (Moderator, 主持人) never join people across events (collect.resolve_people).
        labels = {x for x in (speaker.name, *speaker.aliases) if not is_role_word(x)}
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
