"""A fingerprint of everything a build reads, from file sizes and modification times.

A build whose fingerprint equals the one recorded with the output has nothing to do, and can
say so after a few thousand stat() calls instead of reading and planning the whole archive.
Sizes and times (as make and rsync use them) are enough: an edit that keeps both is the only
miss, and `touch` or any save changes the time.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from generator.cache import code_fingerprint
from generator.config import SiteConfig, load_config
from generator.errors import SiteError

# A site's sources, beside site.yaml (a site without theme/ uses the default theme).
SOURCE_FOLDERS = ("content", "templates", "static", "theme")


def copy_sources(root: Path, target: Path) -> Path:
    """A scratch copy of a site's sources, for benchmarks and tests that edit them."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SOURCE_FOLDERS:
        if (root / name).is_dir():
            shutil.copytree(root / name, target / name)
    if (root / "site.yaml").is_file():
        shutil.copy2(root / "site.yaml", target / "site.yaml")
    return target


def _walk(folder: Path, hasher: hashlib._Hash) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _walk(Path(entry.path), hasher)
        else:
            try:
                stat = entry.stat()
            except OSError:  # a dangling link: its presence still counts
                hasher.update(f"{entry.path} ?\n".encode())
                continue
            hasher.update(f"{entry.path} {stat.st_size} {stat.st_mtime_ns}\n".encode())


def sources_fingerprint(config: SiteConfig, options: str) -> str:
    """Hash of Huikan's code, the build options, and the stat of every source file."""
    hasher = hashlib.sha256(f"{code_fingerprint()}\n{options}\n{config!r}\n".encode())
    site_yaml = config.root / "site.yaml"
    if site_yaml.exists():
        stat = site_yaml.stat()
        hasher.update(f"site.yaml {stat.st_size} {stat.st_mtime_ns}\n".encode())
    folders = [config.content_dir, *config.templates_dirs, *config.static_dirs]
    for folder in dict.fromkeys(folders):  # the theme may be the site's own
        hasher.update(f"[{folder}]\n".encode())
        _walk(folder, hasher)
    return hasher.hexdigest()


def sources_stamp(root: Path) -> str:
    """What a site's sources are now, to notice a change between two moments: their
    fingerprint, or the error that keeps site.yaml from being read."""
    try:
        return sources_fingerprint(load_config(root), "")
    except (SiteError, OSError) as exc:  # OSError: a file replaced while it was looked at
        return f"unreadable: {exc}"
