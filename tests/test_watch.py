"""Watching sources: classify(path), bursts coalesced, editors' save patterns, no change lost."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES, copy_site

from generator.watch import Change, ChangeQueue, Kind, RebuildLoop, Watcher, classify

ROOT = Path("/site")
THEME = Path("/huikan/theme")


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("site.yaml", Kind.CONFIG),
        ("content/events/x/transcript.md", Kind.CONTENT),
        ("content/events/x/event.yaml", Kind.CONTENT),
        ("content/events/x", Kind.CONTENT),  # a whole event folder created or deleted
        ("content/speakers/cai.md", Kind.CONTENT),
        ("templates/base.html", Kind.TEMPLATE),
        ("static/logo.svg", Kind.STATIC),
        ("/huikan/theme/templates/event.html", Kind.TEMPLATE),
        ("/huikan/theme/static/style.css", Kind.STATIC),
        ("/huikan/theme/README.md", Kind.IGNORED),
        ("output/index.html", Kind.IGNORED),
        ("output", Kind.IGNORED),
        (".huikan-staging-output-12-0/index.html", Kind.IGNORED),
        (".huikan-retired-output-12-0", Kind.IGNORED),
        ("content/events/x/.#transcript.md", Kind.IGNORED),  # Emacs lock
        ("content/events/x/#transcript.md#", Kind.IGNORED),  # Emacs autosave
        ("content/events/x/transcript.md~", Kind.IGNORED),  # backups
        ("content/events/x/.transcript.md.swp", Kind.IGNORED),  # Vim swap
        ("content/events/x/.transcript.md.swx", Kind.IGNORED),
        ("content/events/x/4913", Kind.IGNORED),  # Vim's write test
        ("content/events/x/sedcCyBHL", Kind.IGNORED),  # sed -i, renamed to transcript.md next
        ("content/events/x/source.txt", Kind.IGNORED),  # provenance, not read by the build
        ("content/events/x/notes/a.md", Kind.IGNORED),
        ("content/speakers/notes.txt", Kind.IGNORED),
        ("content/events/x/transcript.md___jb_tmp___", Kind.IGNORED),  # JetBrains
        ("content/events/x/.goutputstream-ABC123", Kind.IGNORED),  # gedit
        ("content/.git/index", Kind.IGNORED),
        ("content/events/.DS_Store", Kind.IGNORED),
        ("README.md", Kind.IGNORED),
        ("generator/build.py", Kind.IGNORED),
        ("/elsewhere/content/events/x/transcript.md", Kind.IGNORED),
        ("/site", Kind.IGNORED),
    ],
)
def test_classify(path: str, kind: Kind) -> None:
    target = path if path.startswith("/") else ROOT / path
    assert classify(target, ROOT, THEME) is kind


def test_classify_relative_paths_and_own_theme() -> None:
    assert classify("content/events/x/transcript.md", ROOT) is Kind.CONTENT
    assert classify("theme/templates/base.html", ROOT) is Kind.TEMPLATE  # theme/ in the site
    assert classify("theme/static/site.js", ROOT, ROOT / "theme") is Kind.STATIC
    assert classify("theme/notes.txt", ROOT, ROOT / "theme") is Kind.IGNORED
    assert classify("public/index.html", ROOT, output=ROOT / "public") is Kind.IGNORED


def _put_later(queue: ChangeQueue, changes: list[Change], gap: float) -> threading.Thread:
    def run() -> None:
        for change in changes:
            queue.put(change)
            time.sleep(gap)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_burst_of_saves_is_one_batch() -> None:
    queue = ChangeQueue()
    saves = [Change(f"content/speakers/p{i}.md", Kind.CONTENT) for i in range(10)]
    saves += [saves[0], saves[0]]  # the same file saved again
    writer = _put_later(queue, saves, 0.005)
    batch = queue.take(debounce=0.1, max_wait=5, timeout=5)
    writer.join()
    assert batch == sorted(set(saves))
    assert queue.take(timeout=0.05) == []


def test_a_steady_stream_is_still_built_every_max_wait() -> None:
    queue = ChangeQueue()
    stop = threading.Event()

    def stream() -> None:
        n = 0
        while not stop.is_set():
            queue.put(Change(f"content/x{n}.md", Kind.CONTENT))
            n += 1
            time.sleep(0.01)

    thread = threading.Thread(target=stream)
    thread.start()
    try:
        started = time.monotonic()
        batch = queue.take(debounce=0.05, max_wait=0.2, timeout=5)
        waited = time.monotonic() - started
    finally:
        stop.set()
        thread.join()
    assert batch and waited < 1.0


def test_take_gives_nothing_after_timeout_or_close() -> None:
    queue = ChangeQueue()
    assert queue.take(timeout=0.01) == []
    queue.put(Change("site.yaml", Kind.CONFIG))
    queue.close()
    assert queue.take(timeout=1) == []


def test_changes_during_a_rebuild_are_built_next() -> None:
    queue = ChangeQueue()
    batches: list[list[Change]] = []
    in_build = threading.Event()
    release = threading.Event()
    done = threading.Event()

    def rebuild(changes: list[Change]) -> None:
        batches.append(changes)
        if len(batches) == 1:
            in_build.set()
            assert release.wait(5)
        else:
            done.set()

    loop = RebuildLoop(queue, rebuild, debounce=0.01, max_wait=0.1)
    loop.start()
    try:
        queue.put(Change("content/a.md", Kind.CONTENT))
        assert in_build.wait(5)
        queue.put(Change("content/b.md", Kind.CONTENT))  # saved while the first build runs
        queue.put(Change("site.yaml", Kind.CONFIG))
        release.set()
        assert done.wait(5)
    finally:
        loop.stop()
    assert batches == [
        [Change("content/a.md", Kind.CONTENT)],
        [Change("content/b.md", Kind.CONTENT), Change("site.yaml", Kind.CONFIG)],
    ]


def test_a_failing_rebuild_does_not_stop_the_loop() -> None:
    queue = ChangeQueue()
    errors: list[str] = []
    second = threading.Event()
    calls: list[int] = []

    def rebuild(changes: list[Change]) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("a bug")
        second.set()

    loop = RebuildLoop(queue, rebuild, debounce=0.01, on_error=errors.append)
    loop.start()
    try:
        queue.put(Change("content/a.md", Kind.CONTENT))
        deadline = time.monotonic() + 5
        while not errors and time.monotonic() < deadline:
            time.sleep(0.005)
        queue.put(Change("content/a.md", Kind.CONTENT))
        assert second.wait(5)
    finally:
        loop.stop()
    assert "RuntimeError: a bug" in errors[0]


def test_idle_work_runs_once_things_are_quiet() -> None:
    queue = ChangeQueue()
    idle = threading.Event()
    loop = RebuildLoop(queue, lambda changes: None, idle.set, debounce=0.01)
    loop.start()
    try:
        assert idle.wait(5)
    finally:
        loop.stop()


# The real observer on a real folder.


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[Path, ChangeQueue, Watcher]]:
    site = copy_site(FIXTURES / "mini", tmp_path / "site")
    queue = ChangeQueue()
    watcher = Watcher(site, tmp_path / "theme", site / "output", queue)
    watcher.start()
    try:
        yield site, queue, watcher
    finally:
        watcher.stop()


def _collect(queue: ChangeQueue, until: Callable[[set[Change]], bool]) -> set[Change]:
    seen: set[Change] = set()
    deadline = time.monotonic() + 10
    while not until(seen) and time.monotonic() < deadline:
        seen.update(queue.take(debounce=0.05, timeout=0.2))
    return seen


TRANSCRIPT = "content/events/2024-panel/transcript.md"


def test_save_through_a_temporary_file_and_rename(
    watched: tuple[Path, ChangeQueue, Watcher],
) -> None:
    site, queue, _ = watched
    target = site / TRANSCRIPT
    temp = target.with_name(".transcript.md.tmp")
    temp.write_text(target.read_text("utf-8") + "\nmore\n", "utf-8")
    os.replace(temp, target)
    seen = _collect(queue, lambda s: Change(TRANSCRIPT, Kind.CONTENT) in s)
    assert seen == {Change(TRANSCRIPT, Kind.CONTENT)}


def test_vim_style_save_with_backup_and_write_test(
    watched: tuple[Path, ChangeQueue, Watcher],
) -> None:
    site, queue, _ = watched
    target = site / TRANSCRIPT
    folder = target.parent
    (folder / "4913").write_text("")
    (folder / "4913").unlink()
    text = target.read_text("utf-8")
    os.rename(target, folder / "transcript.md~")
    target.write_text(text + "\nmore\n", "utf-8")
    (folder / "transcript.md~").unlink()
    (folder / ".transcript.md.swp").write_text("swap")
    seen = _collect(queue, lambda s: Change(TRANSCRIPT, Kind.CONTENT) in s)
    assert seen == {Change(TRANSCRIPT, Kind.CONTENT)}


def test_created_renamed_and_deleted_files(watched: tuple[Path, ChangeQueue, Watcher]) -> None:
    site, queue, _ = watched
    speakers = site / "content/speakers"
    (speakers / "jane-doe.md").write_text("Jane's bio.\n", "utf-8")
    (speakers / "wang-xiaoming.md").rename(speakers / "host.md")
    expected = {
        Change("content/speakers/jane-doe.md", Kind.CONTENT),
        Change("content/speakers/wang-xiaoming.md", Kind.CONTENT),
        Change("content/speakers/host.md", Kind.CONTENT),
    }
    assert _collect(queue, lambda s: expected <= s) >= expected
    (speakers / "host.md").unlink()
    gone = Change("content/speakers/host.md", Kind.CONTENT)
    assert gone in _collect(queue, lambda s: gone in s)


def test_output_and_staging_folders_are_not_changes(
    watched: tuple[Path, ChangeQueue, Watcher],
) -> None:
    site, queue, _ = watched
    (site / "output").mkdir()
    (site / "output/index.html").write_text("x")
    (site / ".huikan-staging-output-1-0").mkdir()
    (site / "site.yaml").write_text("title: Changed\n", "utf-8")
    seen = _collect(queue, lambda s: Change("site.yaml", Kind.CONFIG) in s)
    assert seen == {Change("site.yaml", Kind.CONFIG)}


def test_a_templates_folder_created_later_is_watched(
    watched: tuple[Path, ChangeQueue, Watcher],
) -> None:
    site, queue, watcher = watched
    (site / "templates").mkdir()
    assert Change("templates", Kind.TEMPLATE) in _collect(queue, lambda s: bool(s))
    watcher.sync()  # what the rebuild loop does before each build
    (site / "templates/base.html").write_text("{{ page.title }}", "utf-8")
    change = Change("templates/base.html", Kind.TEMPLATE)
    assert change in _collect(queue, lambda s: change in s)
