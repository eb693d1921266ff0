"""Writing the site: a staging folder beside the output, then one swap into place.

A reader or a deploy sync sees the old site or the new one, never a mix; a build that dies
leaves the previous output whole. Files whose bytes did not change are hard-linked from the
previous output, so they keep their modification time and rsync-style deploys skip them.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.errors import SiteError

MANIFEST = ".huikan-manifest.json"
STAGING_PREFIX = ".huikan-staging-"
RETIRED_PREFIX = ".huikan-retired-"
_RENAME_EXCHANGE = 2


@dataclass(frozen=True)
class WriteStats:
    written: int  # files whose bytes changed (or are new)
    unchanged: int
    removed: int


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


def read_manifest(output: Path) -> dict[str, str]:
    try:
        data = json.loads((output / MANIFEST).read_text("utf-8"))
        return {str(k): str(v) for k, v in data.get("files", {}).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def _clean_leftovers(parent: Path, name: str) -> None:
    """Remove staging folders of builds that were killed (they are ours by name)."""
    for prefix in (STAGING_PREFIX, RETIRED_PREFIX):
        for leftover in parent.glob(f"{prefix}{name}-*"):
            shutil.rmtree(leftover, ignore_errors=True)


def _place(staging: Path, old: Path, rel: str, data: bytes, same: bool) -> bool:
    """Put one file into staging; link the old copy when its bytes are the same."""
    target = staging / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    if same:
        try:
            os.link(old / rel, target)
            return False
        except OSError:
            pass
    target.write_bytes(data)
    return True


def _relink_unchanged(
    staging: Path, old: Path, old_manifest: dict[str, str], subdir: str
) -> dict[str, str]:
    """After an indexer wrote `subdir`, link files identical to old ones; return all hashes."""
    hashes: dict[str, str] = {}
    base = staging / subdir
    if not base.is_dir():
        return hashes
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        rel = path.relative_to(staging).as_posix()
        data = path.read_bytes()
        hashes[rel] = digest(data)
        if old_manifest.get(rel) == hashes[rel] and (old / rel).is_file():
            path.unlink()
            try:
                os.link(old / rel, path)
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


def _swap_into_place(staging: Path, output: Path) -> None:
    retired = output.parent / f"{RETIRED_PREFIX}{output.name}-{os.getpid()}"
    if output.exists() and _exchange(staging, output):
        shutil.rmtree(staging, ignore_errors=True)
        return
    if output.exists():
        os.rename(output, retired)
    os.rename(staging, output)
    shutil.rmtree(retired, ignore_errors=True)


def publish(
    output: Path,
    files: dict[str, bytes],
    index: Callable[[Path], str | None] | None = None,
) -> WriteStats:
    """Write `files` (relative path -> bytes) as the new content of `output`, atomically.

    `index(staging)` runs on the complete staged site before the swap and may add files under
    the folder whose name it returns (Pagefind's bundle).
    """
    output = output.absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    _clean_leftovers(output.parent, output.name)
    old_manifest = read_manifest(output)
    staging = output.parent / f"{STAGING_PREFIX}{output.name}-{os.getpid()}"
    staging.mkdir()
    try:
        manifest: dict[str, str] = {}
        written = 0
        for rel in sorted(files):
            data = files[rel]
            manifest[rel] = digest(data)
            same = old_manifest.get(rel) == manifest[rel] and (output / rel).is_file()
            written += _place(staging, output, rel, data, same)
        if index is not None:
            subdir = index(staging)
            if subdir:
                manifest.update(_relink_unchanged(staging, output, old_manifest, subdir))
        manifest_json = json.dumps(
            {"generator": "huikan", "files": manifest}, indent=0, sort_keys=True
        )
        (staging / MANIFEST).write_text(manifest_json + "\n", "utf-8")
        _swap_into_place(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    removed = len(set(old_manifest) - set(manifest))
    return WriteStats(written=written, unchanged=len(files) - written, removed=removed)
