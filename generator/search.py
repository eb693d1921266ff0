"""The Pagefind search index over a staged site (the extended build, for Chinese segmentation)."""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.errors import SiteError
from generator.pagefind_bundle import stabilise_bundle

BUNDLE_DIR = "pagefind"


TIMEOUT = 600  # seconds


class IndexCancelled(Exception):
    """The caller asked the indexer to stop (`serve`: an edit came in; its pages go first)."""


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


# Languages written without spaces between words: Pagefind's extended build segments them.
SEGMENTED = ("zh", "ja")


def index_language(site_language: str, event_languages: Iterable[str] = ()) -> str:
    """The one language Pagefind indexes a site in: the site's (ISO 639-1, 'zh-CN' -> 'zh'),
    unless an event is in a language written without spaces. Then that one, even on an English
    site: without its segmenter a Chinese word is found only where spaces surround it, while
    English indexed as Chinese only loses stemming (publish no longer finds publishing)."""
    site = _code(site_language) or "zh"
    if site in SEGMENTED:
        return site
    codes = {_code(language) for language in event_languages}
    return next((code for code in SEGMENTED if code in codes), site)


def _code(language: str) -> str:
    return language.split("-")[0].lower()


def build_index(
    site_dir: Path, language: str, cancelled: Callable[[], bool] | None = None
) -> IndexReport:
    """Run Pagefind over the staged site, in `language` (see index_language). `cancelled` is
    asked ten times a second; when it says yes, Pagefind is stopped and IndexCancelled raised
    (the staged site is abandoned)."""
    started = time.perf_counter()
    command = [
        str(pagefind_executable()),
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE_DIR,
        "--force-language",
        language,
    ]
    log, returncode = _run(command, cancelled or (lambda: False))
    if returncode != 0:
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


def _run(command: list[str], cancelled: Callable[[], bool]) -> tuple[str, int]:
    """(output, exit code) of the indexer, stopped early on `cancelled()` or the timeout."""
    try:
        # In our process group, so that whatever kills a build's group kills Pagefind too.
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
    except OSError as exc:
        raise SiteError(None, f"could not run Pagefind: {exc}") from exc
    deadline = time.monotonic() + TIMEOUT
    try:
        while True:
            try:
                log, _ = process.communicate(timeout=0.1)
                return log, process.returncode
            except subprocess.TimeoutExpired:
                stop = cancelled()
                if stop:
                    raise IndexCancelled() from None
                if time.monotonic() > deadline:
                    raise SiteError(None, f"Pagefind did not finish in {TIMEOUT} s") from None
    except BaseException:  # cancelled, timed out, Ctrl-C: it must not write on unwatched
        _stop(process)
        raise


def _stop(process: subprocess.Popen) -> None:
    """Kill the indexer and reap it. Not communicate(): called again after an interrupted
    one, it can wait on a pipe for good."""
    process.kill()
    try:
        process.wait(timeout=10)
    finally:
        if process.stdout is not None:
            process.stdout.close()


def _number(pattern: str, log: str) -> int:
    match = re.search(pattern, log)
    return int(match.group(1)) if match else 0
