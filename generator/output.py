"""Writing the site: write-if-changed, stale-file removal, the atomic publish (the manifest
it writes: manifest.py).

A reader or a deploy sync sees the old site or the new one, never a mix; a build that dies
(Ctrl-C, a crash, `kill -9`) leaves the previous output whole (see staging.py). Files whose
bytes did not change are hard-linked from the previous output, so they keep their modification
time and rsync-style deploys skip them. The manifest remembers what every file was made from,
so the next build can skip rendering what did not change, and skip the swap when nothing
changed at all.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.atomic import write_atomic
from generator.errors import SiteError
from generator.manifest import (
    MANIFEST,
    Entry,
    Manifest,
    Memory,
    Published,
    current_manifest,
    digest,
    file_signature,
    manifest_bytes,
)
from generator.staging import Staging, link_or_copy, spare_path


@dataclass(frozen=True)
class WriteStats:
    written: int  # files whose bytes changed (or are new)
    unchanged: int
    removed: int
    changed: tuple[str, ...] = ()  # the written files, search bundle aside
    gone: tuple[str, ...] = ()  # the removed files, search bundle aside
    swapped: bool = True  # False when the output already was this site and was left alone


@dataclass(frozen=True)
class Bundle:
    """A folder made by a tool run over the staged site (Pagefind's search index)."""

    folder: str
    key: str  # hash of the pages it was made from
    make: Callable[[Path], None] | None  # None: carry the previous output's folder over


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
    if output.is_symlink() and not output.exists():
        raise SiteError(
            output,
            "refusing to build here: it is a link to nothing",
            hint="remove the link, or name a folder, e.g. --output output",
        )
    existing = next((p for p in (out, *out.parents) if p.exists()), out)
    if existing.exists() and not existing.is_dir():
        raise SiteError(
            output,
            f"refusing to build here: {existing} is a file, not a folder",
            hint="name a new folder or one Huikan built before, e.g. --output output",
        )
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise SiteError(
            output,
            "refusing to replace a folder that Huikan did not make and that is not empty",
            hint="choose an empty or new folder, or move its files away first",
        )


def _relink_unchanged(
    staging: Path, old: Path, previous: Manifest, subdir: str, fresh: set[str]
) -> dict[str, str]:
    """After an indexer wrote `subdir`, link files identical to old ones; return all hashes,
    and add to `fresh` the files that are new or changed (not links to the old ones)."""
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
                os.link(old / rel, path)
                continue  # the very file of the old output
            except OSError:
                try:
                    link_or_copy(old / rel, path)  # a copy: the old modification time
                except OSError:
                    path.write_bytes(data)
        fresh.add(rel)
    return hashes


def _nothing_to_do(
    previous: Manifest, output: Path, files: dict[str, Entry], bundle: Bundle | None
) -> bool:
    """The output already is this site: every file reused, none to remove, same bundle."""
    if set(files) != set(previous.inputs):
        return False
    for rel, entry in files.items():
        if not entry.reused and not (
            previous.inputs[rel] == entry.key
            and previous.files.get(rel) == entry.sha
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


def _restamp_sources(
    output: Path, previous: Manifest, sources: str | None, counts: dict, memory: Memory | None
) -> None:
    """Record a new sources fingerprint when the sources changed but not a byte of the site
    (a touched file): replaces only the manifest, atomically."""
    if previous.sources == sources and previous.counts == counts:
        return
    manifest = dataclasses.replace(previous, sources=sources, counts=counts, _intact={})
    write_atomic(output / MANIFEST, manifest_bytes(manifest))
    known = memory.get(str(output)) if memory is not None else None
    signature = file_signature(output / MANIFEST)
    if memory is not None and known is not None and known.manifest is previous and signature:
        memory[str(output)] = dataclasses.replace(known, manifest=manifest, signature=signature)


def publish(
    output: Path,
    files: dict[str, Entry],
    bundle: Bundle | None = None,
    recycle: bool = False,
    sources: str | None = None,
    counts: dict[str, int] | None = None,
    staging: Staging | None = None,
    memory: Memory | None = None,
) -> WriteStats:
    """Make `files` (relative path -> Entry) the new content of `output`, atomically.

    `bundle.make(staging)` runs on the complete staged site before the swap and may add files
    under `bundle.folder` (Pagefind's index); without `make` the previous bundle is kept as is.
    `recycle` keeps the swapped-out output as the next build's staging folder (for `serve`).
    `staging` is a fresh folder the caller already wrote the `staged` entries into (a cold
    build, whose workers write what they render); it is swapped in or abandoned here.
    `memory` (kept by `serve`) remembers what was published, for the next call.
    """
    output = output.absolute()
    previous = current_manifest(output, memory)
    stale = [
        rel for rel, e in files.items() if e.reused and not previous.reusable(output, rel, e.key)
    ]
    if stale:
        # Another process swapped in its own build since this one read the manifest.
        raise SiteError(
            output / stale[0], "the output folder changed during the build", hint="build again"
        )
    counts = counts or {}
    if staging is None:
        if _nothing_to_do(previous, output, files, bundle):
            _restamp_sources(output, previous, sources, counts, memory)
            return WriteStats(written=0, unchanged=len(files), removed=0, swapped=False)
        staging = Staging(output, recycle)
    spare, staged = None, None
    aside: list[Path] = []  # the old index folder, moved out of a known spare meanwhile
    try:
        spare = _known_spare(memory, output, previous, staging)
        manifest, stamps, changed = _stage_files(staging, previous, files, spare)
        staged = (frozenset(files), frozenset(changed))
        fresh: set[str] = set()  # files of a newly made bundle that are not links to old ones
        bundle_key = _stage_bundle(staging, previous, bundle, manifest, spare, fresh, aside)
        for rel in manifest:
            if rel not in stamps:
                stat = os.stat(f"{staging.path}/{rel}")
                stamps[rel] = (stat.st_size, stat.st_mtime_ns)
        inputs = {rel: entry.key for rel, entry in files.items()}
        published = Manifest(manifest, inputs, stamps, bundle_key, sources, counts, trusted=True)
        staging.write(MANIFEST, manifest_bytes(published))
        staging.swap()
    except BaseException:
        making = bundle is not None and bundle.make is not None
        if spare is not None and staged is not None and making and memory is not None:
            assert bundle is not None
            _keep_spare_of_stopped_index(
                memory, output, previous, staging, spare, staged, bundle, aside
            )
        else:
            _forget_spare(memory, output)
        staging.abandon()
        raise
    finally:
        for folder in aside:  # the old index, unless a stopped build put it back
            shutil.rmtree(folder, ignore_errors=True)
    if memory is not None:
        _remember(memory, output, previous, published, frozenset(changed) | frozenset(fresh))
    gone = sorted(set(previous.files) - set(manifest) - set(previous.bundle_files()))
    return WriteStats(
        written=len(changed),
        unchanged=len(files) - len(changed),
        removed=len(set(previous.files) - set(manifest)),
        changed=tuple(changed),
        gone=tuple(gone),
    )


def _keep_spare_of_stopped_index(
    memory: Memory,
    output: Path,
    previous: Manifest,
    staging: Staging,
    spare: Published,
    staged: tuple[frozenset[str], frozenset[str]],
    bundle: Bundle,
    aside: list[Path],
) -> None:
    """A build stopped while indexing (an edit came in): without the half-made index folder,
    and with the old one put back, the staging folder stays a spare known file by file."""
    shutil.rmtree(staging.path / bundle.folder, ignore_errors=True)
    files, written = staged
    if aside and _put_back(aside.pop(), staging.path / bundle.folder):
        kept = (spare.spare or frozenset()) & set(previous.bundle_files())
        files, written = files | kept, written | (spare.written & kept)
    inode = os.stat(staging.path).st_ino
    memory[str(output)] = dataclasses.replace(
        spare, spare=files, written=written, spare_inode=inode
    )


def _put_back(aside: Path, folder: Path) -> bool:
    try:
        os.rename(aside, folder)
    except OSError:
        shutil.rmtree(aside, ignore_errors=True)
        return False
    return True


def _known_spare(
    memory: Memory | None, output: Path, previous: Manifest, staging: Staging
) -> Published | None:
    """What was published last, when the recycled staging folder is the spare it describes:
    then only the files that differ need touching."""
    known = memory.get(str(output)) if memory is not None else None
    if known is None or known.spare is None or known.manifest is not previous:
        return None
    if not staging.recycled:
        return None
    try:
        return known if os.stat(staging.path).st_ino == known.spare_inode else None
    except OSError:
        return None


def _stage_files(
    staging: Staging, previous: Manifest, files: dict[str, Entry], spare: Published | None
) -> tuple[dict[str, str], dict[str, tuple[int, int]], list[str]]:
    """Fill the staging folder with `files`: (manifest, stamps known already, files written).

    Unchanged files are hard links to the output's own. With a known spare, its files that
    already are those links are left alone and its files the site no longer has are removed;
    otherwise each file is checked (and the folder swept, see _stage_bundle)."""
    output = staging.output
    manifest: dict[str, str] = {}
    stamps: dict[str, tuple[int, int]] = {}
    changed: list[str] = []
    operations: list[Callable[[], None]] = []
    if spare is not None:
        keep = set(files) | set(previous.bundle_files())
        staging.remove(sorted(spare.spare - keep))
    for rel in sorted(files):
        entry = files[rel]
        manifest[rel] = previous.files[rel] if entry.reused else entry.sha
        if entry.staged is not None:
            stamps[rel] = (entry.staged.size, entry.staged.mtime_ns)
            changed.append(rel)
        elif previous.files.get(rel) == manifest[rel] and previous.intact(output, rel):
            stamps[rel] = previous.stamps[rel]  # a hard link: the very same file
            if spare is None or not spare.holds(rel):
                operations.append(functools.partial(staging.link, rel, output / rel))
        elif entry.data is not None:
            operations.append(functools.partial(staging.write, rel, entry.data))
            changed.append(rel)
        else:
            raise SiteError(output / rel, "the output folder changed during the build")
    staging.run(operations)
    return manifest, stamps, changed


def prepare_spare(output: Path, memory: Memory, stop: Callable[[], bool]) -> bool:
    """Make the spare folder `serve` stages its builds in, when there is none yet (a session
    that started on an up-to-date output): hard links to every file of the output, known file
    by file, so that the first edit too touches only what it changes. Stops when `stop()` says
    so (an edit came in), leaving a spare that is not known; False unless it was made."""
    output = output.absolute()
    spare = spare_path(output)
    manifest = current_manifest(output, memory)
    signature = file_signature(output / MANIFEST)
    if spare.exists() or signature is None or not manifest.all_intact(output):
        return False
    folders: set[Path] = set()
    for count, rel in enumerate(manifest.files):
        if count % 256 == 0 and stop():
            return False
        target = spare / rel
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        link_or_copy(output / rel, target)
    trusted = dataclasses.replace(manifest, trusted=True, _intact={})
    inode = os.stat(spare).st_ino
    everything = frozenset(manifest.files)
    memory[str(output)] = Published(trusted, signature, everything, inode, frozenset())
    return True


def _forget_spare(memory: Memory | None, output: Path) -> None:
    """The spare was half made into another site: no longer known file by file."""
    known = memory.get(str(output)) if memory is not None else None
    if memory is not None and known is not None:
        memory[str(output)] = dataclasses.replace(known, spare=None)


def _remember(
    memory: Memory, output: Path, previous: Manifest, manifest: Manifest, written: frozenset[str]
) -> None:
    """Keep what was just swapped in. The spare is now the output before: known file by file
    when that one was ours too."""
    signature = file_signature(output / MANIFEST)
    if signature is None:
        memory.pop(str(output), None)
        return
    spare_signature = file_signature(spare_path(output))
    spare = frozenset(previous.files) if previous.trusted and spare_signature else None
    inode = spare_signature[0] if spare_signature else 0
    memory[str(output)] = Published(manifest, signature, spare, inode, written)


def _stage_bundle(
    staging: Staging,
    previous: Manifest,
    bundle: Bundle | None,
    manifest: dict[str, str],
    spare: Published | None,
    fresh: set[str],
    aside: list[Path],
) -> tuple[str, str] | None:
    """Make or carry over the bundle; adds its files to `manifest`, returns its manifest entry.

    Whatever else a recycled staging folder holds is removed first, so that the indexer sees
    exactly the new site, and writes its folder afresh.
    """
    output = staging.output
    carried = bundle is not None and bundle.make is None
    carried = carried and previous.bundle is not None and previous.bundle_intact(output)
    if carried:
        for rel in previous.bundle_files():
            if spare is None or not spare.holds(rel):
                staging.link(rel, output / rel)
            manifest[rel] = previous.files[rel]
    making = bundle is not None and bundle.make is not None
    if spare is None:  # with a known spare, _stage_files removed exactly what had to go
        staging.sweep(set(manifest), drop=bundle.folder if bundle and making else None)
    elif bundle is not None and making:  # the indexer writes its folder afresh
        # Set aside, not deleted: a refresh stopped by an edit puts it back (see publish).
        moved = staging.set_aside(bundle.folder)
        if moved is not None:
            aside.append(moved)
    if bundle is not None and bundle.make is not None:
        bundle.make(staging.path)
        manifest.update(_relink_unchanged(staging.path, output, previous, bundle.folder, fresh))
        return (bundle.folder, bundle.key)
    return previous.bundle if carried else None
