"""Watching a site's sources: which changes matter, bursts coalesced, rebuilds on one thread.

Editors save in many ways: in place, through a temporary file renamed over the original,
with backup and swap files beside it, or many files at once (a `git checkout`). The watcher
turns all of them into a short list of `Change`s after the burst has settled, and the rebuild
loop runs one build at a time; anything that changes during a build is queued for the next.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePath, PurePosixPath
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.events import EVENT_FILES

DEBOUNCE = 0.04  # seconds of quiet that end a burst: an editor's save takes a few ms
MAX_WAIT = 0.4  # a steady stream of changes still gets built this often


class Kind(StrEnum):
    CONFIG = "config"
    TEMPLATE = "template"
    CONTENT = "content"
    STATIC = "static"
    IGNORED = "ignored"


@dataclass(frozen=True, order=True)
class Change:
    path: str  # relative to the site folder when inside it, as given otherwise
    kind: Kind


def is_editor_temp(name: str) -> bool:
    """Backup, swap, lock and temporary files that editors write beside the real one."""
    return (
        name.startswith((".", "#"))  # .#x (Emacs lock), .x.swp (Vim), #x# (Emacs autosave)
        or name.endswith(("~", ".swp", ".swo", ".swx", ".tmp", ".bak", ".kate-swp"))
        or name.endswith(("___jb_tmp___", "___jb_old___"))  # JetBrains' safe write
        or name == "4913"  # Vim checks it may write in the folder with this file
    )


def _relative(path: PurePath, base: PurePath | None) -> tuple[str, ...] | None:
    if base is None:
        return None
    try:
        return path.relative_to(base).parts
    except ValueError:
        return None


def _read_by_build(parts: tuple[str, ...]) -> bool:
    """Whether content/… `parts` is something the build reads, or a folder that holds it: the
    rest (sed -i's sedXXXXXX on its way to becoming transcript.md, an editor's notes) changes
    nothing, and would hide which event an edit is in from serve's event-pages-first step."""
    if len(parts) >= 4 and parts[1] == "events":
        return len(parts) == 4 and parts[3] in EVENT_FILES
    if len(parts) >= 3 and parts[1] == "speakers":
        return len(parts) == 3 and parts[2].endswith(".md")
    return True


def classify(
    path: str | PurePath,
    root: str | PurePath,
    theme_dir: str | PurePath | None = None,
    output: str | PurePath | None = None,
) -> Kind:
    """What a changed path means for the site; pure (it looks at the path only).

    `root` is the site folder (site.yaml, content/, templates/, static/), `theme_dir` the theme
    in use (its templates/ and static/), `output` the build's folder (always ignored, as are
    staging folders, hidden files and editors' temporary files).
    """
    root_path = PurePosixPath(str(root))
    target = PurePosixPath(str(path))
    if not target.is_absolute():
        target = root_path / target
    theme = PurePosixPath(str(theme_dir)) if theme_dir is not None else root_path / "theme"
    out = PurePosixPath(str(output)) if output is not None else root_path / "output"
    if target == out or _relative(target, out) is not None:
        return Kind.IGNORED
    for base in sorted((root_path, theme), key=lambda p: -len(p.parts)):
        parts = _relative(target, base)
        if parts is None:
            continue
        if not parts or any(is_editor_temp(part) for part in parts):
            return Kind.IGNORED
        if base == root_path and parts == ("site.yaml",):
            return Kind.CONFIG
        if base == root_path and parts[0] == "content":
            return Kind.CONTENT if _read_by_build(parts) else Kind.IGNORED
        if parts[0] == "templates":
            return Kind.TEMPLATE
        if parts[0] == "static":
            return Kind.STATIC
        if base == theme and base != root_path:
            return Kind.IGNORED
    return Kind.IGNORED


class ChangeQueue:
    """Changes waiting for a build, handed out a burst at a time."""

    def __init__(self) -> None:
        self._changes: set[Change] = set()
        self._first = 0.0
        self._last = 0.0
        self._closed = False
        self._cond = threading.Condition()

    def put(self, change: Change) -> None:
        with self._cond:
            now = time.monotonic()
            if not self._changes:
                self._first = now
            self._last = now
            self._changes.add(change)
            self._cond.notify_all()

    def pending(self) -> bool:
        with self._cond:
            return bool(self._changes)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    @property
    def closed(self) -> bool:
        return self._closed

    def take(
        self, debounce: float = DEBOUNCE, max_wait: float = MAX_WAIT, timeout: float | None = None
    ) -> list[Change]:
        """The next burst, once `debounce` seconds passed without a change (or `max_wait`
        since its first); [] when `timeout` passes first or the queue is closed."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while not self._changes and not self._closed:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return []
                self._cond.wait(left)
            while not self._closed:
                now = time.monotonic()
                settle = min(self._last + debounce, self._first + max_wait) - now
                if settle <= 0:
                    break
                self._cond.wait(settle)
            if self._closed:
                return []
            changes = sorted(self._changes)
            self._changes.clear()
            return changes


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: Watcher) -> None:
        super().__init__()
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return  # reading a file changes nothing
        if event.is_directory and event.event_type == "modified":
            return  # a folder "changes" whenever a file in it does; that file reports itself
        paths = [event.src_path, getattr(event, "dest_path", "")]
        for raw in paths:
            path = raw.decode() if isinstance(raw, bytes) else raw
            if path:
                self.watcher.notice(path)


class Watcher:
    """A watchdog observer on the site's sources that feeds a ChangeQueue."""

    def __init__(
        self, root: PurePath, theme_dir: PurePath, output: PurePath, queue: ChangeQueue
    ) -> None:
        self.root = root
        self.theme_dir = theme_dir
        self.output = output
        self.queue = queue
        self._observer: Any = Observer(timeout=0.1)  # stops within 0.1 s
        self._watches: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._handler = _Handler(self)

    def folders(self) -> list[tuple[str, bool]]:
        """(folder, recursive) to watch: the root itself only for site.yaml and new folders."""
        wanted = [(str(self.root), False)]
        for base in dict.fromkeys((self.root, self.theme_dir)):
            names = ("content", "templates", "static") if base == self.root else ()
            names += ("templates", "static") if base == self.theme_dir else ()
            wanted += [(str(base / n), True) for n in dict.fromkeys(names)]
        return wanted

    def notice(self, path: str) -> None:
        kind = classify(path, self.root, self.theme_dir, self.output)
        if kind is Kind.IGNORED:
            return
        try:
            shown = PurePath(path).relative_to(self.root).as_posix()
        except ValueError:
            shown = path
        self.queue.put(Change(shown, kind))

    def sync(self) -> None:
        """Watch the folders that exist now (templates/ may be created while serving)."""
        with self._lock:
            for folder, recursive in self.folders():
                exists = os.path.isdir(folder)
                if exists and folder not in self._watches:
                    try:
                        self._watches[folder] = self._observer.schedule(
                            self._handler, folder, recursive=recursive
                        )
                    except OSError:
                        continue  # removed again meanwhile; the next sync tries again
                elif not exists and folder in self._watches:
                    with contextlib.suppress(KeyError, OSError):
                        self._observer.unschedule(self._watches.pop(folder))

    def start(self) -> None:
        self.sync()
        self._observer.start()

    def stop(self) -> None:
        self._observer.stop()
        self._observer.join(timeout=5)


class RebuildLoop:
    """One worker thread: a build per burst of changes, then `idle()` once things are quiet."""

    def __init__(
        self,
        queue: ChangeQueue,
        rebuild: Callable[[list[Change]], None],
        idle: Callable[[], None] = lambda: None,
        debounce: float = DEBOUNCE,
        max_wait: float = MAX_WAIT,
        on_error: Callable[[str], None] = print,
    ) -> None:
        self.queue = queue
        self.rebuild = rebuild
        self.idle = idle
        self.debounce = debounce
        self.max_wait = max_wait
        self.on_error = on_error
        self._thread = threading.Thread(target=self._run, name="huikan-rebuild", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 10) -> None:
        self.queue.close()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    def _run(self) -> None:
        idle_due = True
        while not self.queue.closed:
            changes = self.queue.take(
                self.debounce, self.max_wait, timeout=self.debounce if idle_due else None
            )
            if changes:
                self._guard(self.rebuild, changes)
                idle_due = True
            elif idle_due and not self.queue.closed:
                self._guard(self.idle)
                idle_due = False

    def _guard(self, work: Callable[..., None], *args: Any) -> None:
        # A bug in one build must not end the session: report it and wait for the next edit.
        try:
            work(*args)
        except Exception:
            self.on_error(traceback.format_exc())
