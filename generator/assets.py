"""Static files: copied under static/, CSS and JS with a content hash in their names."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from generator.config import SiteConfig

HASHED_SUFFIXES = (".css", ".js")


@dataclass(frozen=True)
class Assets:
    files: dict[str, bytes]  # output path -> bytes
    links: dict[str, str]  # template name ("style_css") -> hashed site path


def link_name(relative: str) -> str:
    """'style.css' -> 'style_css', 'js/search.js' -> 'js_search_js'."""
    return re.sub(r"[^A-Za-z0-9]", "_", relative)


def hashed_name(relative: str, data: bytes) -> str:
    path = Path(relative)
    if path.suffix not in HASHED_SUFFIXES:
        return relative
    digest = hashlib.sha256(data).hexdigest()[:10]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}").as_posix())


def collect_assets(config: SiteConfig) -> Assets:
    """Theme assets, overridden by same-named files in the site's `static/`."""
    sources: dict[str, Path] = {}
    for folder in config.static_dirs:
        if folder.is_dir():
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                sources[path.relative_to(folder).as_posix()] = path
    files: dict[str, bytes] = {}
    links: dict[str, str] = {}
    for relative in sorted(sources):
        data = sources[relative].read_bytes()
        target = "static/" + hashed_name(relative, data)
        files[target] = data
        links[link_name(relative)] = target
    return Assets(files, links)
