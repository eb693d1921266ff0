"""The staging folder beside the output, and the one atomic swap that publishes it.

A build fills a staging folder with the whole next site, then exchanges it with the output
in one rename, so readers see the old site or the new one and a build that dies leaves the
old one whole. Unchanged files are hard links to the output's own, so they keep their
modification time. A long-running `serve` recycles: the output it swapped out becomes the
next build's staging folder (the "spare"), so a rebuild touches only the files that changed
instead of linking every file of the site again.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import itertools
import os
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

STAGING_PREFIX = ".huikan-staging-"
RETIRED_PREFIX = ".huikan-retired-"
PARALLEL_WRITES = 256  # files to create before threads pay for themselves
WRITE_THREADS = 8
SPARE_PREFIX = ".huikan-spare-"
TRASH_PREFIX = ".huikan-trash-"
_RENAME_EXCHANGE = 2
_serial = itertools.count()


def spare_path(output: Path) -> Path:
    return output.parent / f"{SPARE_PREFIX}{output.name}-{os.getpid()}"


def discard_spare(output: Path) -> None:
    """Remove this process's spare (`serve` does on exit)."""
    shutil.rmtree(spare_path(output.absolute()), ignore_errors=True)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_leftovers(output: Path) -> None:
    """Remove what builds that were killed left beside the output (ours by name, their
    process gone). Folders of a build still running in another process (say `serve` and
    `build` at once), and this process's spare, are left alone."""
    name = output.name
    for prefix in (STAGING_PREFIX, RETIRED_PREFIX, SPARE_PREFIX, TRASH_PREFIX):
        for leftover in output.parent.glob(f"{prefix}{name}-*"):
            pid = leftover.name[len(prefix) + len(name) + 1 :].split("-")[0]
            if pid.isdigit() and int(pid) == os.getpid() and prefix == SPARE_PREFIX:
                continue
            if pid.isdigit() and int(pid) != os.getpid() and _pid_alive(int(pid)):
                continue
            shutil.rmtree(leftover, ignore_errors=True)


def link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)  # keeps the modification time too


_made_folders: set[str] = set()  # per process: forked workers each keep their own


def write_new(root: str, rel: str, data: bytes) -> tuple[int, int]:
    """Write a file that does not exist yet into a fresh staging folder; (size, mtime_ns).

    The cold build's render workers call this for every page they render, so it avoids
    pathlib and asks the file system for each folder only once."""
    folder, _, _ = f"{root}/{rel}".rpartition("/")
    if folder not in _made_folders:
        os.makedirs(folder, exist_ok=True)
        _made_folders.add(folder)
    descriptor = os.open(f"{root}/{rel}", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        stat = os.fstat(descriptor)
    finally:
        os.close(descriptor)
    return stat.st_size, stat.st_mtime_ns


def _same_file(a: str, b: str) -> bool:
    try:
        first, second = os.stat(a), os.stat(b)
    except OSError:
        return False
    return (first.st_ino, first.st_dev) == (second.st_ino, second.st_dev)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    try:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


class Staging:
    """The next output, being filled. Files are never written in place: a recycled folder
    shares its files' inodes with the live output, so each is replaced, not modified."""

    def __init__(self, output: Path, recycle: bool = False) -> None:
        self.output = output
        self.recycle = recycle
        self.tag = f"{os.getpid()}-{next(_serial)}"
        self.path = output.parent / f"{STAGING_PREFIX}{output.name}-{self.tag}"
        output.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(output)
        self.recycled = False
        if recycle:
            try:
                os.rename(spare_path(output), self.path)
                self.recycled = True
            except OSError:
                pass  # no spare yet (first build of the session)
        if not self.recycled:
            self.path.mkdir()

    def run(self, operations: list[Callable[[], None]]) -> None:
        """Carry out link() and write() calls. Creating thousands of files is mostly waiting on
        the file system, so a fresh folder is filled by several threads; a recycled one, whose
        folders may have to give way to files, one call after the other."""
        if self.recycled or len(operations) < PARALLEL_WRITES:
            for operation in operations:
                operation()
            return
        with ThreadPoolExecutor(max_workers=WRITE_THREADS) as pool:
            for future in [pool.submit(operation) for operation in operations]:
                future.result()  # re-raises the first failure

    def link(self, rel: str, source: Path) -> None:
        """Make `rel` the file `source` (of the live output), unless it already is."""
        if self.recycled and _same_file(f"{self.path}/{rel}", str(source)):
            return  # strings, not Paths: this runs for every file of the site
        target = self.path / rel
        self._make_room(target)
        link_or_copy(source, target)

    def write(self, rel: str, data: bytes) -> None:
        target = self.path / rel
        self._make_room(target)
        target.write_bytes(data)

    def _make_room(self, target: Path) -> None:
        if not self.recycled:
            target.parent.mkdir(parents=True, exist_ok=True)
            return
        for parent in reversed(target.relative_to(self.path).parents[:-1]):
            folder = self.path / parent
            if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
                folder.unlink()  # a file where the new site has a folder
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)  # a folder where the new site has a file
        else:
            target.unlink(missing_ok=True)

    def set_aside(self, rel: str) -> Path | None:
        """Move a folder out of the staging folder in one rename (beside the output, where
        leftovers are cleared); its new path, or None if there was none."""
        aside = self.output.parent / f"{TRASH_PREFIX}{self.output.name}-{self.tag}"
        try:
            os.rename(self.path / rel, aside)
        except OSError:
            return None
        return aside

    def remove(self, files: list[str]) -> None:
        """Remove these files of a recycled folder, and the folders they leave empty."""
        folders = set()
        for rel in files:
            path = self.path / rel
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
            folders.update(path.parents[: len(Path(rel).parents) - 1])
        for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
            with contextlib.suppress(OSError):  # not empty: the site has more in it
                folder.rmdir()

    def sweep(self, keep: set[str], drop: str | None = None) -> None:
        """Remove files of a recycled folder that the new site does not have (all of `drop`,
        a folder a tool is about to write afresh)."""
        if not self.recycled:
            return
        if drop:
            shutil.rmtree(self.path / drop, ignore_errors=True)
        root = str(self.path)
        for folder, dirs, names in os.walk(root, topdown=False):
            prefix = "" if folder == root else os.path.relpath(folder, root) + "/"
            for name in names:
                if prefix + name not in keep:
                    os.unlink(os.path.join(folder, name))
            for name in dirs:
                path = os.path.join(folder, name)
                if os.path.islink(path):
                    os.unlink(path)
                elif not os.listdir(path):
                    os.rmdir(path)

    def swap(self) -> None:
        """Put the staged site in place of the output in one step."""
        if self.output.exists() and _exchange(self.path, self.output):
            self._retire(self.path)
            return
        retired = self.output.parent / f"{RETIRED_PREFIX}{self.output.name}-{self.tag}"
        if self.output.exists():
            os.rename(self.output, retired)
        os.rename(self.path, self.output)
        self._retire(retired)

    def _retire(self, old: Path) -> None:
        if not old.exists():
            return
        if self.recycle:
            try:
                os.rename(old, spare_path(self.output))
                return
            except OSError:
                pass
        shutil.rmtree(old, ignore_errors=True)

    def abandon(self) -> None:
        """Give up this staging folder. A recycled one goes back to being the spare (the next
        build makes it right again, file by file): removing 20,000 files costs more."""
        if self.recycled and not spare_path(self.output).exists():
            with contextlib.suppress(OSError):
                os.rename(self.path, spare_path(self.output))
                return
        shutil.rmtree(self.path, ignore_errors=True)
