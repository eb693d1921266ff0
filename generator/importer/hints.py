"""What an editor tells the importer without touching code: a hints file (`--hints FILE`),
or the event.yaml of an earlier import that they corrected (re-imported with `--force`).

Hints file (every key optional; lines are line numbers of the article, from 1, or a whole
line's text, trimmed of spaces at both ends). An entry that matches nothing changes nothing;
the report lists it (see unused.py).

    speakers:                 # people the article's labels stand for
      - name: 张三
        aliases: [张总, Tony]  # other labels used for them in this article
        role: 某公司CEO
        moderator: false
    moderator: 李四            # or a list: who asks the questions
    not_speakers: [划重点]     # label-looking words that are not people
    headings: [12, 第二部分]   # lines that start a theme
    not_headings: [40]        # lines that only look like headings
    noise: [3, 扫码关注我们]    # lines to drop
    metadata: {title: …, date: '2024-05-01', place: …}
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from generator.errors import SiteError
from generator.events import EVENT_FIELDS

_KEYS = ("speakers", "moderator", "not_speakers", "headings", "not_headings", "noise", "metadata")
_SPEAKER_KEYS = ("name", "aliases", "role", "moderator", "slug")
# The facts an editor may declare are event.yaml's own keys (one schema, in events.py).
_METADATA_KEYS = tuple(key for key in EVENT_FIELDS if key != "speakers")
# One entry of a hints file: its key and a value as written (a line, a label, a name).
HintEntry = tuple[str, int | str]


@dataclass(frozen=True)
class DeclaredSpeaker:
    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None  # None: not declared, the importer's finding stands
    moderator: bool | None = None
    slug: str = ""


@dataclass(frozen=True)
class Hints:
    speakers: tuple[DeclaredSpeaker, ...] = ()
    complete: bool = False  # the declared speakers are everyone (an edited event.yaml)
    moderators: tuple[str, ...] = ()
    not_speakers: tuple[str, ...] = ()
    headings: tuple[int | str, ...] = ()
    not_headings: tuple[int | str, ...] = ()
    noise: tuple[int | str, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)
    origins: tuple[str, ...] = ()

    def labels(self) -> dict[str, str]:
        """Every declared name and alias -> the speaker's name."""
        found: dict[str, str] = {}
        for speaker in self.speakers:
            for label in (speaker.name, *speaker.aliases):
                found.setdefault(label, speaker.name)
        return found

    def speaker(self, name: str) -> DeclaredSpeaker | None:
        return next((s for s in self.speakers if s.name == name), None)

    def entries(self) -> frozenset[HintEntry]:
        """Every entry that must match something in the article to have an effect."""
        speakers = [label for s in self.speakers for label in (s.name, *s.aliases)]
        keyed = {
            "speakers": speakers,
            "moderator": self.moderators,
            "not_speakers": self.not_speakers,
            "headings": self.headings,
            "not_headings": self.not_headings,
            "noise": self.noise,
        }
        return frozenset((key, value) for key, values in keyed.items() for value in values)

    def merged(self, other: Hints) -> Hints:
        """`other` (the later, more specific source) wins on each speaker and fact."""
        names = {s.name for s in other.speakers}
        return Hints(
            speakers=(*(s for s in self.speakers if s.name not in names), *other.speakers),
            complete=self.complete or other.complete,
            moderators=(*self.moderators, *other.moderators),
            not_speakers=(*self.not_speakers, *other.not_speakers),
            headings=(*self.headings, *other.headings),
            not_headings=(*self.not_headings, *other.not_headings),
            noise=(*self.noise, *other.noise),
            metadata={**self.metadata, **other.metadata},
            origins=(*self.origins, *other.origins),
        )


def matching(entries: Collection[int | str], number: int, *texts: str) -> list[int | str]:
    """The entries naming a line: its number (from 1), or one of `texts` (the line as given,
    trimmed of spaces at both ends; exact otherwise). All of them, so that each is known to
    match."""
    named = (number, *texts)
    return [entry for entry in entries if entry in named]


def _error(path: Path, text: str, message: str, key: str | None, hint: str) -> SiteError:
    line = None
    if key is not None:
        line = next(
            (n for n, row in enumerate(text.splitlines(), 1) if row.lstrip(" -").startswith(key)),
            None,
        )
    return SiteError(path, message, line=line, hint=hint)


def _load(path: Path) -> tuple[str, dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = yaml.safe_load(text) or {}
    except FileNotFoundError:
        raise SiteError(path, "hints file not found") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise SiteError(path, "YAML syntax error", line, "check indentation and quotes") from None
    if not isinstance(data, dict):
        raise SiteError(path, "expected a mapping of hints", 1, "see docs/importing.md")
    return text, data


def _check_keys(path: Path, text: str, data: dict, allowed: tuple[str, ...]) -> None:
    for key in data:
        if key not in allowed:
            guess = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean `{guess[0]}`?" if guess else f"known keys: {', '.join(allowed)}"
            raise _error(path, text, f"unknown key `{key}`", str(key), hint)


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    return tuple(str(item).strip() for item in items if str(item).strip())


def _lines(value: Any) -> tuple[int | str, ...]:
    items = value if isinstance(value, list) else [] if value is None else [value]
    return tuple(item if isinstance(item, int) else str(item).strip() for item in items)


def _speakers(path: Path, text: str, value: Any) -> tuple[DeclaredSpeaker, ...]:
    speakers = []
    for entry in value or []:
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict) or not str(entry.get("name") or "").strip():
            raise _error(path, text, "each speaker needs a `name:`", "speakers", "- name: 张三")
        _check_keys(path, text, entry, _SPEAKER_KEYS)
        role = entry.get("role")
        moderator = entry.get("moderator")
        speakers.append(
            DeclaredSpeaker(
                name=str(entry["name"]).strip(),
                aliases=_strings(entry.get("aliases")),
                role=None if role is None else str(role).strip(),
                moderator=None if moderator is None else bool(moderator),
                slug=str(entry.get("slug") or "").strip(),
            )
        )
    return tuple(speakers)


def read_hints(path: Path) -> Hints:
    """A hints file; unknown keys are errors with a suggestion."""
    text, data = _load(path)
    _check_keys(path, text, data, _KEYS)
    metadata = data.get("metadata") or {}
    if not isinstance(metadata, dict):
        raise _error(path, text, "`metadata` must be a mapping", "metadata", "title: …")
    _check_keys(path, text, metadata, _METADATA_KEYS)
    speakers = _speakers(path, text, data.get("speakers"))
    moderators = _strings(data.get("moderator"))
    return Hints(
        speakers=speakers,
        moderators=moderators,
        not_speakers=_strings(data.get("not_speakers")),
        headings=_lines(data.get("headings")),
        not_headings=_lines(data.get("not_headings")),
        noise=_lines(data.get("noise")),
        metadata={k: v for k, v in metadata.items() if v not in (None, "", [])},
        origins=(str(path),),
    )


def hints_from_event(path: Path) -> Hints:
    """What an editor declared in an existing event.yaml: speakers (complete), their roles,
    aliases, moderator flags and slugs, and every filled-in fact."""
    text, data = _load(path)
    speakers = _speakers(path, text, data.get("speakers"))
    metadata = {key: data[key] for key in _METADATA_KEYS if data.get(key) not in (None, "", [])}
    # A speaker whose role the editor left out has no role: honour that too.
    speakers = tuple(replace(s, role=s.role or "", moderator=bool(s.moderator)) for s in speakers)
    return Hints(
        speakers=speakers, complete=bool(speakers), metadata=metadata, origins=(str(path),)
    )
