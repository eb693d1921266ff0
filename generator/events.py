"""One event folder (event.yaml + transcript.md) -> an Event."""

from __future__ import annotations

import re
from pathlib import Path

from generator.errors import SiteError, raise_all
from generator.model import Event, EventSpeaker, Organiser, Source
from generator.readers import MarkedDict, read_text, read_yaml_mapping
from generator.schema import Field, check_mapping, text
from generator.slugs import SAFE_SLUG, slugify, unique_slug
from generator.transcript import UNKNOWN_SPEAKER, parse_transcript

EVENT_FIELDS = {
    "title": Field(str, required=True),
    "date": Field(str, required=True),
    "slug": Field(str),
    "language": Field(str),
    "description": Field(str),
    "place": Field(str),
    "forum": Field(str),
    "session": Field(str),
    "organisers": Field(list),
    "author": Field(str),
    "publisher": Field(str),
    "source_url": Field(str),
    "speakers": Field(list, required=True),
}
SPEAKER_FIELDS = {
    "name": Field(str, required=True),
    "slug": Field(str),
    "role": Field(str),
    "moderator": Field(bool),
    "aliases": Field(list),
}
ORGANISER_FIELDS = {"name": Field(str, required=True), "role": Field(str)}
DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
SLUG_HINT = "use lowercase ASCII letters, digits and single hyphens, e.g. cai-xiongshan"


# The files an event folder is read from; anything else in it (source.txt, editors' notes)
# changes nothing built.
EVENT_FILES = ("event.yaml", "transcript.md")


def read_event(folder: Path, default_language: str) -> Event:
    """Read and validate one event; all problems in the folder are raised together."""
    meta_path, transcript_path = (folder / name for name in EVENT_FILES)
    for required in (meta_path, transcript_path):
        if not required.is_file():
            raise SiteError(
                required,
                "file is missing",
                hint="every event folder needs event.yaml and transcript.md "
                "(`python -m generator import ARTICLE` writes both)",
            )
    data = read_yaml_mapping(meta_path)
    errors = check_mapping(data, meta_path, EVENT_FIELDS)
    slug = text(data.get("slug")) or folder.name
    if not SAFE_SLUG.match(slug):
        errors.append(
            SiteError(
                meta_path, f"event slug `{slug}` is not safe", data.line_of("slug"), SLUG_HINT
            )
        )
    date = text(data.get("date"))
    if date and not DATE.match(date):
        errors.append(
            SiteError(
                meta_path,
                f"date `{date}` is not a date",
                data.line_of("date"),
                "write YYYY, YYYY-MM or YYYY-MM-DD in quotes, e.g. date: '2025-09-20'",
            )
        )
    speakers = _speakers(data, meta_path, errors)
    organisers = _organisers(data, meta_path, errors)
    raise_all(errors)
    transcript, problems = parse_transcript(read_text(transcript_path), transcript_path, speakers)
    raise_all(_nobody_listed(problems, speakers, data, meta_path))
    return Event(
        slug=slug,
        title=text(data["title"]),
        date=date,
        language=text(data.get("language")) or default_language,
        description=text(data.get("description")),
        place=text(data.get("place")),
        forum=text(data.get("forum")),
        session=text(data.get("session")),
        author=text(data.get("author")),
        publisher=text(data.get("publisher")),
        source_url=text(data.get("source_url")),
        organisers=organisers,
        speakers=speakers,
        intro=transcript.intro,
        themes=transcript.themes,
        turns=transcript.turns,
        folder=folder,
    )


def _nobody_listed(
    problems: list[SiteError], speakers: tuple[EventSpeaker, ...], data: MarkedDict, path: Path
) -> list[SiteError]:
    """With no speakers declared, every turn's label is unknown: one message that says so,
    instead of one per turn burying it."""
    unknown = [p for p in problems if p.message.startswith(UNKNOWN_SPEAKER)]
    if speakers or not unknown:
        return problems
    first = unknown[0]
    summary = SiteError(
        path,
        f"`speakers:` lists nobody, but the transcript has {len(unknown)} turns "
        f"(the first on line {first.line} of {first.path.name if first.path else 'transcript.md'})",
        data.line_of("speakers") if "speakers" in data else data.line,
        "list each speaker under `speakers:` as `- name: …`",
    )
    return [summary] + [p for p in problems if p not in unknown]


def _entries(data: MarkedDict, key: str, path: Path, errors: list[SiteError]) -> list[MarkedDict]:
    entries: list[MarkedDict] = []
    value = data.get(key)
    for index, entry in enumerate(value if isinstance(value, list) else [], start=1):
        if isinstance(entry, MarkedDict):
            entries.append(entry)
        else:
            errors.append(
                SiteError(
                    path,
                    f"{key} item {index} must be a mapping (`- name: …`)",
                    data.line_of(key),
                    f"write each of `{key}` as `- name: …` with its other keys indented below",
                )
            )
    return entries


def _speakers(data: MarkedDict, path: Path, errors: list[SiteError]) -> tuple[EventSpeaker, ...]:
    speakers: list[EventSpeaker] = []
    seen_slugs: dict[str, int] = {}
    seen_labels: dict[str, int] = {}
    for entry in _entries(data, "speakers", path, errors):
        problems = check_mapping(entry, path, SPEAKER_FIELDS, "speakers")
        errors += problems
        if problems:
            continue
        name = text(entry["name"])
        derived = slugify(name) or "speaker"
        # A slug equal to the name's pinyin is the default written out (the importer does so),
        # not a choice: it may still be numbered when another person has the same pinyin.
        explicit = text(entry.get("slug"))
        chosen = explicit if explicit and explicit != derived else ""
        line = entry.line
        if chosen and not SAFE_SLUG.match(chosen):
            errors.append(
                SiteError(
                    path, f"speaker slug `{chosen}` is not safe", entry.line_of("slug"), SLUG_HINT
                )
            )
        if chosen and chosen in seen_slugs:
            errors.append(
                SiteError(
                    path,
                    f"speakers `{name}` and the one on line {seen_slugs[chosen]} "
                    f"share the slug `{chosen}`",
                    line,
                    "give one of them its own `slug:`",
                )
            )
        # Different names with the same pinyin (李明, 黎明) get li-ming and li-ming-2.
        slug = chosen or unique_slug(derived, set(seen_slugs))
        seen_slugs.setdefault(slug, line)
        aliases = tuple(text(a) for a in entry.get("aliases") or [] if text(a))
        for label in (name, *aliases):
            if label in seen_labels:
                errors.append(
                    SiteError(
                        path,
                        f"`{label}` names two speakers (also line {seen_labels[label]})",
                        line,
                        "each name or alias must belong to one speaker",
                    )
                )
            seen_labels.setdefault(label, line)
        speakers.append(
            EventSpeaker(
                name=name,
                slug=slug,
                role=text(entry.get("role")),
                moderator=bool(entry.get("moderator") or False),
                aliases=aliases,
                source=Source(path, line),
                explicit_slug=bool(chosen),
            )
        )
    return tuple(speakers)


def _organisers(data: MarkedDict, path: Path, errors: list[SiteError]) -> tuple[Organiser, ...]:
    organisers: list[Organiser] = []
    for entry in _entries(data, "organisers", path, errors):
        problems = check_mapping(entry, path, ORGANISER_FIELDS, "organisers")
        errors += problems
        if not problems:
            organisers.append(Organiser(text(entry["name"]), text(entry.get("role"))))
    return tuple(organisers)
