"""Sources -> one Site: events newest first, speakers resolved into people across events."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.config import SiteConfig
from generator.errors import SiteError, raise_all
from generator.events import EVENT_FILES, read_event
from generator.manifest import file_signature
from generator.model import Appearance, Event, EventSpeaker, Person, Profile, Site
from generator.profiles import read_profiles
from generator.roles import is_role_word
from generator.slugs import unique_slug


@dataclass
class _PersonDraft:
    slug: str
    name: str
    labels: set[str]
    appearances: list[Appearance] = field(default_factory=list)
    declared_at: Appearance | None = None  # where an editor chose the slug (`slug:`)
    former: str | None = None  # the slug it had before a later event chose another


def check_resolvable(path: Path) -> None:
    """A symlink that loops or points nowhere is a mistake to report, not an empty folder."""
    if path.is_symlink():
        try:
            path.resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            raise SiteError(
                path,
                "this symlink loops or points to nothing",
                hint="replace the symlink with the folder itself, or point it at a real folder",
            ) from exc


def event_folders(content_dir: Path) -> list[Path]:
    check_resolvable(content_dir)
    events_dir = content_dir / "events"
    check_resolvable(events_dir)
    if not events_dir.is_dir():
        return []
    folders = []
    for path in sorted(events_dir.iterdir()):
        if path.name.startswith("."):
            continue
        check_resolvable(path)
        if path.is_dir():
            folders.append(path)
    return folders


EventMemo = dict[Path, tuple[object, Event]]


def event_stamps(folder: Path, language: str) -> object:
    """What an event was read from: its two files as they are on disk, and the default language."""
    return (language, *(file_signature(folder / name) for name in EVENT_FILES))


def read_events(config: SiteConfig, memo: EventMemo | None = None) -> list[Event]:
    """Every event, reading all of them before raising so the user sees every broken one.

    `memo` (kept by `serve`) holds events read before: those whose files did not change since
    are taken from it instead of being read and parsed again."""
    events: list[Event] = []
    errors: list[SiteError] = []
    for folder in event_folders(config.content_dir):
        stamps = event_stamps(folder, config.language) if memo is not None else None
        if memo is not None and folder in memo and memo[folder][0] == stamps:
            events.append(memo[folder][1])
            continue
        try:
            event = read_event(folder, config.language)
        except SiteError as exc:
            errors.extend(getattr(exc, "errors", [exc]))
            continue
        events.append(event)
        if memo is not None:
            memo[folder] = (stamps, event)
    raise_all(errors)
    return events


def check_unique_events(events: list[Event]) -> None:
    seen: dict[str, Event] = {}
    errors: list[SiteError] = []
    for event in events:
        if event.slug in seen:
            errors.append(
                SiteError(
                    event.folder / "event.yaml",
                    f"event slug `{event.slug}` is also used by {seen[event.slug].folder.name}/",
                    hint="give one of them another `slug:`",
                )
            )
        seen.setdefault(event.slug, event)
    raise_all(errors)


def _declare_slug(
    draft: _PersonDraft, speaker: EventSpeaker, event: Event, by_slug: dict[str, _PersonDraft]
) -> list[SiteError]:
    """A later event chooses the slug of a person met before under a name or alias: the choice
    holds (the page moves), unless another event chose otherwise or another person has it."""
    where = speaker.source.path if speaker.source else event.folder
    line = speaker.source.line if speaker.source else None
    if draft.declared_at is not None:
        return [
            SiteError(
                where,
                f"speaker `{speaker.name}` is `{draft.name}` of {draft.declared_at.event}, "
                f"whose `slug:` there is `{draft.slug}`, not `{speaker.slug}`",
                line,
                "give the person the same `slug:` at every event, or only at one",
            )
        ]
    if speaker.slug in by_slug:
        return [
            SiteError(
                where,
                f"speaker `{speaker.name}` has the slug `{speaker.slug}` of "
                f"`{by_slug[speaker.slug].name}`, a different person",
                line,
                "give one of them another `slug:`",
            )
        ]
    del by_slug[draft.slug]
    draft.former = draft.former or draft.slug
    draft.slug = speaker.slug
    by_slug[draft.slug] = draft
    return []


def resolve_people(events: list[Event], profiles: dict[str, Profile]) -> tuple[Person, ...]:
    """Speakers are one person across events when a name or alias matches (oldest event first).

    Role labels such as 主持人 or Host never join people of different events.
    """
    by_label: dict[str, _PersonDraft] = {}
    by_slug: dict[str, _PersonDraft] = {}
    errors: list[SiteError] = []
    for event in sorted(events, key=lambda e: (e.date, e.slug)):
        for speaker in event.speakers:
            labels = {x for x in (speaker.name, *speaker.aliases) if not is_role_word(x)}
            draft = next((by_label[x] for x in sorted(labels) if x in by_label), None)
            if draft is None:
                slug = speaker.slug
                if slug in by_slug and not speaker.explicit_slug:
                    # Another person already has this pinyin: number this one.
                    slug = unique_slug(slug, set(by_slug))
                draft = by_slug.get(slug)
                if draft is not None:
                    errors.append(
                        SiteError(
                            speaker.source.path if speaker.source else event.folder,
                            f"speaker `{speaker.name}` has the slug `{speaker.slug}` of "
                            f"`{draft.name}`, a different person",
                            speaker.source.line if speaker.source else None,
                            "give one of them another `slug:`, or list the other name in "
                            "`aliases:` if they are the same person",
                        )
                    )
                    continue
                draft = _PersonDraft(slug, speaker.name, set())
                by_slug[slug] = draft
            elif speaker.explicit_slug and speaker.slug != draft.slug:
                errors += _declare_slug(draft, speaker, event, by_slug)
            if speaker.explicit_slug and draft.declared_at is None:
                draft.declared_at = Appearance(event.slug, speaker)
            draft.labels |= labels
            for label in labels:
                by_label.setdefault(label, draft)
            draft.appearances.append(Appearance(event.slug, speaker))
    raise_all(errors)
    people = tuple(
        sorted(
            (
                Person(d.slug, d.name, tuple(d.appearances), profiles.get(d.slug))
                for d in by_slug.values()
            ),
            key=lambda p: p.slug,
        )
    )
    moved = {d.former: d.slug for d in by_slug.values() if d.former}
    check_profiles(people, profiles, moved)
    return people


def check_profiles(
    people: tuple[Person, ...], profiles: dict[str, Profile], moved: dict[str, str]
) -> None:
    """A speaker file belongs to its speaker: one whose `name:` is another person's would put
    a bio on the wrong page, and one no speaker's slug names (mistyped, or the person's slug
    changed since) would show it nowhere when its `name:` or the old slug says whose it is. A
    file whose speaker is simply gone (their events deleted) waits, harmless, for them."""
    by_slug = {person.slug: person for person in people}
    by_name = {name: p for p in people for name in _names(p)}
    errors: list[SiteError] = []
    for slug, profile in sorted(profiles.items()):
        path = profile.source.path if profile.source else Path(f"{slug}.md")
        line = profile.source.line if profile.source else None
        person = by_slug.get(slug)
        if person is not None and profile.name and profile.name not in _names(person):
            errors.append(
                SiteError(
                    path,
                    f"this file is for `{person.name}` (speakers/{slug}/), "
                    f"but its `name:` is `{profile.name}`",
                    line,
                    f"write `name: {person.name}`, or rename the file after the speaker it is for",
                )
            )
        elif person is None:
            meant = by_slug.get(moved.get(slug, "")) or by_name.get(profile.name)
            if meant is not None and meant.slug not in profiles:
                errors.append(
                    SiteError(
                        path,
                        f"no speaker has the slug `{slug}`: `{meant.name}`'s is `{meant.slug}`",
                        hint=f"rename the file `{meant.slug}.md` (a speaker file is named "
                        "after their slug, their page speakers/<slug>/)",
                    )
                )
    raise_all(errors)


def _names(person: Person) -> set[str]:
    """The names and aliases a person goes by across their events."""
    return {name for a in person.appearances for name in (a.speaker.name, *a.speaker.aliases)}


def collect_site(config: SiteConfig, memo: EventMemo | None = None) -> Site:
    events = read_events(config, memo)
    check_unique_events(events)
    profiles = read_profiles(config.content_dir / "speakers")
    people = resolve_people(events, profiles)
    newest_first = sorted(events, key=lambda e: (e.date, e.slug), reverse=True)
    return Site(events=tuple(newest_first), people=people)
