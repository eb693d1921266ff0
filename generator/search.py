"""The Pagefind search index over a staged site (the extended build, for Chinese segmentation)."""

from __future__ import annotations

import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from generator.errors import SiteError
from generator.pagefind_bundle import stabilise_bundle

BUNDLE_DIR = "pagefind"


@dataclass(frozen=True)
class IndexReport:
    pages: int
    words: int
    seconds: float


def pagefind_executable() -> Path:
    """PAGEFIND_BINARY_PATH if set, else the binary of the `pagefind_bin_extended` package."""
    override = os.environ.get("PAGEFIND_BINARY_PATH")
    if override:
        return Path(override)
    try:
        import pagefind_bin_extended
    except ImportError as exc:
        raise SiteError(
            None,
            "Pagefind's extended build is not installed; Chinese search needs it",
            hint="run `make site` (or `pip install -e .`) to install pagefind[extended]",
        ) from exc
    return pagefind_bin_extended.get_executable()


def index_language(language: str) -> str:
    """Pagefind indexes one language per site: the site's ISO 639-1 code ('zh-CN' -> 'zh')."""
    return language.split("-")[0].lower() or "zh"


def build_index(site_dir: Path, language: str) -> IndexReport:
    started = time.perf_counter()
    command = [
        str(pagefind_executable()),
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE_DIR,
        "--force-language",
        index_language(language),
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SiteError(None, f"could not run Pagefind: {exc}") from exc
    log = result.stdout + result.stderr
    if result.returncode != 0:
        raise SiteError(None, "Pagefind failed to index the site:\n" + log.strip()[-2000:])
    if "(Extended)" not in log:
        raise SiteError(
            None,
            "Pagefind ran without its extended build, so Chinese text would not be segmented",
            hint="install pagefind[extended] (or unset PAGEFIND_BINARY_PATH)",
        )
    stabilise_bundle(site_dir / BUNDLE_DIR)
    return IndexReport(
        pages=_number(r"Indexed (\d+) pages?", log),
        words=_number(r"Indexed (\d+) words?", log),
        seconds=time.perf_counter() - started,
    )


def _number(pattern: str, log: str) -> int:
    match = re.search(pattern, log)
    return int(match.group(1)) if match else 0
