"""The manifest: what every file of an output was made from, read back by the next build; and
what `serve` remembers it published (Published), so that an edit need not read it again.

The next build renders a file again only when its key (cache.py) changed, and trusts a file
only while its size and modification time are the ones recorded.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import orjson

MANIFEST = ".huikan-manifest.json"


@dataclass(frozen=True)
class Staged:
    """A file already written into the staging folder (by the worker that rendered it)."""

    sha: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Entry:
    """One file of the next output."""

    key: str  # hash of everything the file is made from
    data: bytes | None  # None: staged, or the previous output's file has the same key
    staged: Staged | None = None

    @property
    def reused(self) -> bool:
        """The previous output's file is this one: link it."""
        return self.data is None and self.staged is None

    @functools.cached_property
    def sha(self) -> str:
        """The hash of the file's bytes: computed once (by a render worker, when there is one)."""
        if self.staged is not None:
            return self.staged.sha
        assert self.data is not None
        return digest(self.data)


@dataclass(frozen=True)
class Manifest:
    """What the previous build wrote, read back from the output folder."""

    files: dict[str, str] = field(default_factory=dict)  # path -> sha256 of its bytes
    inputs: dict[str, str] = field(default_factory=dict)  # path -> Entry.key
    stamps: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> (size, mtime_ns)
    bundle: tuple[str, str] | None = None  # (folder, key)
    sources: str | None = None  # fingerprint of the sources this output was built from
    counts: dict[str, int] = field(default_factory=dict)  # events, speakers: for reports
    # Written by this process moments ago (see Published): its files are taken as intact.
    trusted: bool = field(default=False, compare=False)
    # Files found intact, so that one build stats each file once, not at every question.
    _intact: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def all_intact(self, output: Path) -> bool:
        """Every file of the build is still as it was left (the fast no-change path)."""
        return bool(self.files) and all(self.intact(output, rel) for rel in self.files)

    def intact(self, output: Path, rel: str) -> bool:
        """The file is still as this manifest's build left it (nobody edited or removed it)."""
        if self.trusted:
            return rel in self.files
        path = f"{output}/{rel}"  # strings, not Paths: called for every file
        known = self._intact.get(path)
        if known is None:
            try:
                stat = os.stat(path)
                known = self.stamps.get(rel) == (stat.st_size, stat.st_mtime_ns)
            except OSError:
                known = False
            self._intact[path] = known
        return known

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


def read_manifest(output: Path) -> Manifest:
    """The previous build's manifest; an unreadable or old one means "rebuild everything"."""
    try:
        data = orjson.loads((output / MANIFEST).read_bytes())
        files = {str(k): str(v) for k, v in data.get("files", {}).items()}
        inputs = {str(k): str(v) for k, v in data.get("inputs", {}).items()}
        stamps = {str(k): (int(v[0]), int(v[1])) for k, v in data.get("stamps", {}).items()}
        bundle = data.get("bundle")
        return Manifest(
            files,
            inputs,
            stamps,
            (str(bundle[0]), str(bundle[1])) if bundle else None,
            str(data["sources"]) if data.get("sources") else None,
            {str(k): int(v) for k, v in data.get("counts", {}).items()},
        )
    except (OSError, ValueError, AttributeError, TypeError, IndexError, KeyError):
        return Manifest()


@dataclass(frozen=True)
class Published:
    """What this process last swapped into an output folder. `serve` keeps it between builds,
    so that an edit costs what it changes rather than a walk over the whole site: the manifest
    need not be read again nor its files stat'ed, and the spare (the output before that one)
    is known file by file."""

    manifest: Manifest  # trusted
    signature: tuple[int, int, int]  # the manifest file's (inode, size, mtime_ns) on disk
    spare: frozenset[str] | None  # files of the spare folder; None: not known
    spare_inode: int  # the spare folder's, to recognise it
    written: frozenset[str]  # files that build wrote: where the spare and the output differ

    def holds(self, rel: str) -> bool:
        """The spare's `rel` already is the output's file (a hard link to it)."""
        return self.spare is not None and rel in self.spare and rel not in self.written


Memory = dict[str, Published]  # by output folder


def file_signature(path: str | Path) -> tuple[int, int, int] | None:
    """(inode, size, mtime_ns) of a file, to recognise it; None when it is not there."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def current_manifest(output: Path, memory: Memory | None = None) -> Manifest:
    """The output's manifest: the one this process wrote, if the file on disk is still that
    one (no other build swapped in its own since), or else read from disk."""
    known = memory.get(str(output.absolute())) if memory is not None else None
    if known is not None and file_signature(output / MANIFEST) == known.signature:
        return known.manifest
    return read_manifest(output)


def manifest_bytes(manifest: Manifest) -> bytes:
    """What read_manifest reads back. Compact, and by orjson: `serve` writes it at every edit,
    60,000 entries at 20,000 files."""
    state = {
        "generator": "huikan",
        "files": manifest.files,
        "inputs": manifest.inputs,
        "stamps": manifest.stamps,
        "bundle": manifest.bundle,
        "sources": manifest.sources,
        "counts": manifest.counts,
    }
    return orjson.dumps(state, option=orjson.OPT_APPEND_NEWLINE)
