"""Writing the site: a staging folder beside the output, then one swap into place.

A reader or a deploy sync sees the old site or the new one, never a mix; a build that dies
(Ctrl-C, a crash, `kill -9`) leaves the previous output whole. Files whose bytes did not change
are hard-linked from the previous output, so they keep their modification time and rsync-style
deploys skip them. The manifest remembers what every file was made from, so the next build can
skip rendering what did not change, and skip the swap when nothing changed at all.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import itertools
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import SiteError

MANIFEST = ".huikan-manifest.json"
STAGING_PREFIX = ".huikan-staging-"
RETIRED_PREFIX = ".huikan-retired-"
_RENAME_EXCHANGE = 2
_serial = itertools.count()


@dataclass(frozen=True)
class WriteStats:
    written: int  # files whose bytes changed (or are new)
    unchanged: int
    removed: int
    changed: tuple[str, ...] = ()  # the written files, search bundle aside
    gone: tuple[str, ...] = ()  # the removed files, search bundle aside
    swapped: bool = True  # False when the output already was this site and was left alone


@dataclass(frozen=True)
class Entry:
    """One file of the next output."""

    key: str  # hash of everything the file is made from
    data: bytes | None  # None: the previous output's file has the same key; reuse it


@dataclass(frozen=True)
class Bundle:
    """A folder made by a tool run over the staged site (Pagefind's search index)."""

    folder: str
    key: str  # hash of the pages it was made from
    make: Callable[[Path], None] | None  # None: carry the previous output's folder over


@dataclass(frozen=True)
class Manifest:
    """What the previous build wrote, read back from the output folder."""

    files: dict[str, str] = field(default_factory=dict)  # path -> sha256 of its bytes
    inputs: dict[str, str] = field(default_factory=dict)  # path -> Entry.key
    stamps: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> (size, mtime_ns)
    bundle: tuple[str, str] | None = None  # (folder, key)

    def intact(self, output: Path, rel: str) -> bool:
        """The file is still as this manifest's build left it (nobody edited or removed it)."""
        try:
            stat = (output / rel).stat()
        except OSError:
            return False
        return self.stamps.get(rel) == (stat.st_size, stat.st_mtime_ns)

    def reusable(self, output: Path, rel: str, key: str) -> bool:
        return self.inputs.get(rel) == key and rel in self.files and self.intact(output, rel)

    def bundle_files(self) -> list[str]:
        if self.bundle is None:
            return []
        prefix = self.bundle[0] + "/"
        return [rel for rel in self.files if rel.startswith(prefix) and rel not in self.inputs]

    def bundle_intact(self, output: Path) -> bool:
        files = self.bundle_files()
        return bool(files) and all(self.intact(output, rel) for rel in files)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_output_dir(output: Path, project_root: Path) -> None:
    """Refuse output folders whose replacement would destroy something that is not ours."""
    out = output.resolve()
    root = project_root.resolve()
    protected = {root, root / "content", root / "theme", root / "templates", root / "static"}
    if out in protected or out == Path(out.anchor) or out == Path.home().resolve():
        raise SiteError(
            output,
            "refusing to build into this folder: it would replace your sources",
            hint="build into a folder of its own, e.g. --output output",
        )
    if any(p == out for p in root.parents) or any(
        out.is_relative_to(p) for p in protected - {root}
    ):
        raise SiteError(
            output,
            "refusing to build into a folder that holds or lies inside your sources",
            hint="build into a folder of its own, e.g. --output output",
        )
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise SiteError(
            output,
            "refusing to replace a folder that Huikan did not make and that is not empty",
            hint="choose an empty or new folder, or move its files away first",
        )


def read_manifest(output: Path) -> Manifest:
    """The previous build's manifest; an unreadable or old one means "rebuild everything"."""
    try:
        data = json.loads((output / MANIFEST).read_text("utf-8"))
        files = {str(k): str(v) for k, v in data.get("files", {}).items()}
        inputs = {str(k): str(v) for k, v in data.get("inputs", {}).items()}
        stamps = {str(k): (int(v[0]), int(v[1])) for k, v in data.get("stamps", {}).items()}
        bundle = data.get("bundle")
        return Manifest(files, inputs, stamps, (str(bundle[0]), str(bundle[1])) if bundle else None)
    except (OSError, ValueError, AttributeError, TypeError, IndexError, KeyError):
        return Manifest()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clean_leftovers(parent: Path, name: str) -> None:
    """Remove staging folders of builds that were killed (ours by name, their process gone).

    A folder of a build still running in another process (say `serve` and `build` at once)
    is left alone: removing it would break that build.
    """
    for prefix in (STAGING_PREFIX, RETIRED_PREFIX):
        for leftover in parent.glob(f"{prefix}{name}-*"):
            pid = leftover.name[len(prefix) + len(name) + 1 :].split("-")[0]
            if pid.isdigit() and int(pid) != os.getpid() and _pid_alive(int(pid)):
                continue
            shutil.rmtree(leftover, ignore_errors=True)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)  # keeps the modification time too


def _place(staging: Path, old: Path, rel: str, data: bytes | None, same: bool) -> bool:
    """Put one file into staging; link the old copy when its bytes are the same."""
    target = staging / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    if same or data is None:
        try:
            _link_or_copy(old / rel, target)
            return False
        except OSError:
            if data is None:
                raise
    target.write_bytes(data)
    return True


def _relink_unchanged(staging: Path, old: Path, previous: Manifest, subdir: str) -> dict[str, str]:
    """After an indexer wrote `subdir`, link files identical to old ones; return all hashes."""
    hashes: dict[str, str] = {}
    base = staging / subdir
    if not base.is_dir():
        return hashes
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        rel = path.relative_to(staging).as_posix()
        data = path.read_bytes()
        hashes[rel] = digest(data)
        if previous.files.get(rel) == hashes[rel] and previous.intact(old, rel):
            path.unlink()
            try:
                _link_or_copy(old / rel, path)
            except OSError:
                path.write_bytes(data)
    return hashes


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


def _swap_into_place(staging: Path, output: Path, tag: str) -> None:
    retired = output.parent / f"{RETIRED_PREFIX}{output.name}-{tag}"
    if output.exists() and _exchange(staging, output):
        shutil.rmtree(staging, ignore_errors=True)
        return
    if output.exists():
        os.rename(output, retired)
    os.rename(staging, output)
    shutil.rmtree(retired, ignore_errors=True)


def _nothing_to_do(
    previous: Manifest, output: Path, files: dict[str, Entry], bundle: Bundle | None
) -> bool:
    """The output already is this site: every file reused, none to remove, same bundle."""
    if set(files) != set(previous.inputs):
        return False
    for rel, entry in files.items():
        if entry.data is not None and not (
            previous.inputs[rel] == entry.key
            and previous.files.get(rel) == digest(entry.data)
            and previous.intact(output, rel)
        ):
            return False
    if bundle is None:
        return previous.bundle is None
    return (
        bundle.make is None
        and previous.bundle == (bundle.folder, bundle.key)
        and previous.bundle_intact(output)
    )


def publish(output: Path, files: dict[str, Entry], bundle: Bundle | None = None) -> WriteStats:
    """Make `files` (relative path -> Entry) the new content of `output`, atomically.

    `bundle.make(staging)` runs on the complete staged site before the swap and may add files
    under `bundle.folder` (Pagefind's index); without `make` the previous bundle is kept as is.
    """
    output = output.absolute()
    previous = read_manifest(output)
    stale = [
        rel
        for rel, e in files.items()
        if e.data is None and not previous.reusable(output, rel, e.key)
    ]
    if stale:
        # Another process swapped in its own build since this one read the manifest.
        raise SiteError(
            output / stale[0], "the output folder changed during the build", hint="build again"
        )
    if _nothing_to_do(previous, output, files, bundle):
        return WriteStats(written=0, unchanged=len(files), removed=0, swapped=False)
    output.parent.mkdir(parents=True, exist_ok=True)
    _clean_leftovers(output.parent, output.name)
    tag = f"{os.getpid()}-{next(_serial)}"
    staging = output.parent / f"{STAGING_PREFIX}{output.name}-{tag}"
    staging.mkdir()
    try:
        manifest: dict[str, str] = {}
        changed: list[str] = []
        for rel in sorted(files):
            entry = files[rel]
            manifest[rel] = digest(entry.data) if entry.data is not None else previous.files[rel]
            same = previous.files.get(rel) == manifest[rel] and previous.intact(output, rel)
            if _place(staging, output, rel, entry.data, same):
                changed.append(rel)
        bundle_key = _stage_bundle(staging, output, previous, bundle, manifest)
        stamps = {}
        for rel in manifest:
            stat = (staging / rel).stat()
            stamps[rel] = [stat.st_size, stat.st_mtime_ns]
        state = {
            "generator": "huikan",
            "files": manifest,
            "inputs": {rel: entry.key for rel, entry in files.items()},
            "stamps": stamps,
            "bundle": bundle_key,
        }
        (staging / MANIFEST).write_text(json.dumps(state, indent=0, sort_keys=True) + "\n", "utf-8")
        _swap_into_place(staging, output, tag)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    gone = sorted(set(previous.files) - set(manifest) - set(previous.bundle_files()))
    return WriteStats(
        written=len(changed),
        unchanged=len(files) - len(changed),
        removed=len(set(previous.files) - set(manifest)),
        changed=tuple(changed),
        gone=tuple(gone),
    )


def _stage_bundle(
    staging: Path,
    output: Path,
    previous: Manifest,
    bundle: Bundle | None,
    manifest: dict[str, str],
) -> list[str] | None:
    """Make or carry over the bundle; adds its files to `manifest`, returns its manifest entry."""
    if bundle is None:
        return None
    if bundle.make is not None:
        bundle.make(staging)
        manifest.update(_relink_unchanged(staging, output, previous, bundle.folder))
        return [bundle.folder, bundle.key]
    if previous.bundle is None or not previous.bundle_intact(output):
        return None
    for rel in previous.bundle_files():
        (staging / rel).parent.mkdir(parents=True, exist_ok=True)
        _link_or_copy(output / rel, staging / rel)
        manifest[rel] = previous.files[rel]
    return list(previous.bundle)
