"""Reading a large archive on both cores: before a first build reads its events, a forked
process reads and renders nearly half of them while this one does the rest.

Reading, checking and rendering the Markdown of 1,000 events is about a second of work that
nothing else can overlap. Both halves land in the build cache's memos, where read_events and
render_fragments find them as if an earlier build had left them; whatever is missing there
(an event that failed to read, a child that died) is simply read again by them, so errors are
reported exactly as without read-ahead.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
from pathlib import Path
from typing import NoReturn

from generator.cache import BuildCache
from generator.collect import event_folders, event_stamps
from generator.config import SiteConfig
from generator.errors import SiteError
from generator.eventcodec import decode_event, encode_event
from generator.events import read_event
from generator.fragments import Rendered, render_event
from generator.markup import MarkdownRenderer
from generator.model import Event
from generator.parallel import can_fork

MIN_EVENTS = 200  # below this, the fork and the hand-over cost more than half the reading
# The forked reader's share of the events: it also encodes what it read, which costs about
# what this process later spends decoding it, so both finish together when it reads less.
FORKED_SHARE = 0.45


def read_ahead(config: SiteConfig, cache: BuildCache, renderer: MarkdownRenderer) -> int:
    """Fill the empty event memos of `cache` with every event that reads without error;
    returns how many."""
    if cache.events or cache.event_fragments or not can_fork():
        return 0
    try:
        folders = event_folders(config.content_dir)
    except SiteError:
        return 0  # read_events reports it
    if len(folders) < MIN_EVENTS:
        return 0
    mine, forked = _split(folders, FORKED_SHARE)
    started = _fork_reader(config, forked, renderer)
    if started is None:
        return 0  # no process to be had: read_events reads everything here
    child, reader = started
    try:
        read = [_read(config, folder, renderer) for folder in mine]
        read += [_decoded(item) for item in _receive(reader)]
    finally:
        os.close(reader)
        with contextlib.suppress(ChildProcessError):  # SIGCHLD ignored: already reaped
            os.waitpid(child, 0)
    remembered = [item for item in read if item is not None]
    for folder, stamps, event, turns, intro in remembered:
        cache.remember_event(folder, stamps, event, turns, intro, renderer.allow_html)
    return len(remembered)


def _fork_reader(
    config: SiteConfig, folders: list[Path], renderer: MarkdownRenderer
) -> tuple[int, int] | None:
    """(pid, read end of its pipe) of a forked reader of `folders`; None if none can start.

    Ctrl-C is held back across the fork: in the child it may only land inside _child, which
    never returns into the build."""
    try:
        reader, writer = os.pipe()
    except OSError:
        return None
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        child = os.fork()
    except OSError:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        os.close(reader)
        os.close(writer)
        return None
    if child == 0:  # pragma: no cover - the forked process; its events come through the pipe
        _child(reader, writer, config, folders, renderer, held)
    signal.pthread_sigmask(signal.SIG_SETMASK, held)
    os.close(writer)
    return child, reader


def _split(folders: list[Path], share: float) -> tuple[list[Path], list[Path]]:
    """(this process's folders, the forked reader's): `share` of them, spread evenly (event
    folders are named by date, and older archives may differ in length from newer ones)."""
    forked = {i for i in range(len(folders)) if int((i + 1) * share) > int(i * share)}
    return (
        [f for i, f in enumerate(folders) if i not in forked],
        [f for i, f in enumerate(folders) if i in forked],
    )


# (folder, stamps, event, its turns' fragments, its introduction's), or None: not readable
_Read = tuple[Path, object, Event, dict[tuple[str, str], Rendered], Rendered] | None


def _read(config: SiteConfig, folder: Path, renderer: MarkdownRenderer) -> _Read:
    stamps = event_stamps(folder, config.language)
    try:
        event = read_event(folder, config.language)
        return (folder, stamps, event, *render_event(event, renderer))
    except Exception:
        # read_events and render_fragments read and render it again, and report what is
        # wrong as they would have without read-ahead (in the same order, on any core).
        return None


def _child(
    reader: int,
    writer: int,
    config: SiteConfig,
    folders: list[Path],
    renderer: MarkdownRenderer,
    signals: set[signal.Signals],
) -> NoReturn:
    """Read `folders`, send them down the pipe, and exit, whatever happens: the forked
    process must never return into the build (nor run its atexit handlers)."""
    status = 1
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, signals)  # Ctrl-C, held back at the fork
        os.close(reader)
        items = [_read(config, folder, renderer) for folder in folders]
        encoded = [
            (str(item[0]), item[1], encode_event(*item[2:])) for item in items if item is not None
        ]
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(marshal.dumps(encoded))
        status = 0
    finally:
        os._exit(status)


def _decoded(item: tuple) -> _Read:
    folder, stamps, encoded = item
    return (Path(folder), stamps, *decode_event(encoded))


def _receive(descriptor: int) -> list[tuple]:
    chunks = []
    while chunk := os.read(descriptor, 1 << 20):
        chunks.append(chunk)
    try:
        return marshal.loads(b"".join(chunks))
    except (EOFError, ValueError, TypeError):
        return []  # the child died half-way: read_events reads its half itself
