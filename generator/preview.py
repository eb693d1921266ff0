"""Event pages first: in `serve`, the pages of an edited event reach the disk before the build.

An editor who saves a transcript is looking at that event. Like Hugo's fast render mode, the
edit is first rendered on its own: that event's page, theme pages and JSON, in the site as the
last build left it, written into the output in place, so that the open tab reloads at once.
The whole build follows at once and brings every other page (speakers, lists, feeds, the
search index) up to date.

Only an edit that leaves the event's slug, date, speakers and theme slugs as they were takes
this path: then its pages depend on nothing else that the edit can change (see
planning._event_pages), so what is written here is exactly what the build writes. Anything
else (a new speaker, a renamed theme, a broken file, a template error) writes nothing here and
is left to the build, which reports it.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from pathlib import Path

from generator.atomic import write_atomic
from generator.build import render_specs
from generator.cache import BuildCache
from generator.collect import event_stamps
from generator.config import SiteConfig
from generator.errors import SiteError
from generator.events import EVENT_FILES, read_event
from generator.fragments import Rendered, SiteFragments, render_event
from generator.manifest import Entry, Published
from generator.model import Event
from generator.pages import Planner
from generator.planning import event_specs

PREVIEW_KEY = "preview"  # an input key no build makes: the build renders these files again


def edited_event(paths: Sequence[Path]) -> Path | None:
    """The event folder every one of `paths` belongs to, when they are its transcript or
    event.yaml; None for any other change."""
    folders = {path.parent for path in paths}
    if len(folders) != 1 or not all(path.name in EVENT_FILES for path in paths):
        return None
    return folders.pop()


def same_place(old: Event, new: Event) -> bool:
    """The edit keeps what other pages know of the event: its address, its place among the
    events, who its speakers are, and its theme pages."""
    return (
        new.slug == old.slug
        and new.date == old.date
        and new.speakers == old.speakers
        and [t.slug for t in new.themes] == [t.slug for t in old.themes]
    )


def preview_event(config: SiteConfig, cache: BuildCache, output: Path, folder: Path) -> list[str]:
    """Write the pages of the event in `folder` as the edit changed them; the files written
    (none when the edit must wait for the build)."""
    output = output.absolute()
    planner = cache.planner
    published = cache.published.get(str(output))
    if planner is None or published is None or planner.config != config:
        return []
    old = next((e for e in planner.site.events if e.folder == folder), None)
    if old is None:
        return []
    try:
        stamps = event_stamps(folder, config.language)
        new = read_event(folder, config.language)
    except SiteError:
        return []  # the build reports it, with every other problem
    if not same_place(old, new):
        return []
    renderer = cache.renderer(config.allow_html)
    turns, intro = render_event(new, renderer)
    # The build that follows takes the event as read and rendered here.
    cache.remember_event(folder, stamps, new, turns, intro, renderer.allow_html)
    specs = event_specs(_with_fragments(planner, new, turns, intro), new)
    entries = render_specs(config, cache, specs, output)
    files = published.manifest.files
    if any(rel not in files for rel, _ in entries):
        return []
    changed = [(rel, entry) for rel, entry in entries if files[rel] != entry.sha]
    stamps = {rel: _replace_file(output, rel, entry) for rel, entry in changed}
    cache.published[str(output)] = _with_written(published, changed, stamps)
    return [rel for rel, _ in changed]


def _with_fragments(
    planner: Planner, event: Event, turns: dict[tuple[str, str], Rendered], intro: Rendered
) -> Planner:
    """The planner of the last build, with `event`'s turns as edited."""
    old = planner.fragments
    fragments = SiteFragments({**old.turns, **turns}, {**old.intros, event.slug: intro}, old.bios)
    return dataclasses.replace(planner, fragments=fragments)


def _replace_file(output: Path, rel: str, entry: Entry) -> tuple[int, int]:
    """Replace one output file atomically (a reader gets the old page or the new one);
    (size, mtime_ns) of the new one."""
    assert entry.data is not None
    write_atomic(output / rel, entry.data)
    stat = os.stat(output / rel)
    return stat.st_size, stat.st_mtime_ns


def _with_written(
    published: Published, changed: list[tuple[str, Entry]], stamps: dict[str, tuple[int, int]]
) -> Published:
    """What the output now holds: the new files, which the spare does not share, and which
    the next build must render again rather than trust (their key is no build's)."""
    manifest = published.manifest
    rels = {rel for rel, _ in changed}
    updated = dataclasses.replace(
        manifest,
        files={**manifest.files, **{rel: entry.sha for rel, entry in changed}},
        inputs={**manifest.inputs, **dict.fromkeys(rels, PREVIEW_KEY)},
        stamps={**manifest.stamps, **stamps},
        _intact={},
    )
    return dataclasses.replace(published, manifest=updated, written=published.written | rels)
