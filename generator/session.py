"""The builds of a `serve` session: pages first, the search index when things are quiet.

A page build keeps the previous search index, swaps the new pages in at once and tells the
open tabs; the index is refreshed by a second build once no change is waiting. A broken edit
leaves the last good output in place and is reported on one line and in the page overlay.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.build import BuildReport, build, collect_when_idle
from generator.cache import BuildCache
from generator.config import SiteConfig, load_config
from generator.errors import SiteError
from generator.live import LiveState, Problem, problems_of
from generator.output import prepare_spare
from generator.preview import edited_event, preview_event
from generator.search import IndexCancelled
from generator.watch import Change


def describe(changes: Sequence[Change]) -> str:
    if not changes:
        return "initial build"
    first = changes[0].path
    return first if len(changes) == 1 else f"{first} and {len(changes) - 1} more"


def _clock() -> str:
    return time.strftime("%H:%M:%S")


class Session:
    def __init__(
        self,
        root: Path,
        output: Path,
        state: LiveState,
        log: Callable[[str], None] = print,
        search: bool = True,
    ) -> None:
        self.root = root
        self.output = output
        self.state = state
        self.log = log
        self.search = search
        self.cache = BuildCache()
        self.index_due = False
        self.settled = False  # idle, with nothing left to do until the next edit
        self.last: BuildReport | None = None
        self.broken = False  # the last build stopped at an error in the sources
        # Whether an edit is waiting: an index refresh then stops, so its pages go first.
        self.edits_waiting: Callable[[], bool] = lambda: False

    def rebuild(self, changes: Sequence[Change] = ()) -> BuildReport | None:
        """Build the pages (search index deferred); None when the sources are broken."""
        started = time.perf_counter()
        self.settled = False
        report = self._build(changes, defer_index=True, pages_first=True)
        if report is None:
            return None
        self.index_due = report.search == "deferred"
        if not changes and report.config is not None:
            self.cache.warm(report.config)  # the first edit of the session is then as quick
        stats = report.stats
        self.state.succeed(bool(stats.changed or stats.gone), stats.changed + stats.gone)
        ms = (time.perf_counter() - started) * 1000
        removed = f", {len(stats.gone)} removed" if stats.gone else ""
        self.log(
            f"[{_clock()}] {describe(changes)}: {report.pages_written} pages written "
            f"({stats.written} files){removed}, {ms:.0f} ms"
        )
        return report

    def _event_pages_first(self, changes: Sequence[Change], config: SiteConfig) -> None:
        """An edit of one event: its pages on disk and the tabs told, before the build."""
        folder = edited_event([self.root / c.path for c in changes]) if changes else None
        if folder is None:
            return
        started = time.perf_counter()
        try:
            written = preview_event(config, self.cache, self.output, folder)
        except Exception:  # the build that follows reports what is wrong
            return
        if written:
            self.state.succeed(swapped_pages=True, changed=written)
            ms = (time.perf_counter() - started) * 1000
            pages = sum(1 for rel in written if rel.endswith(".html"))
            self.log(
                f"[{_clock()}] {describe(changes)}: {pages} event page{'' if pages == 1 else 's'}"
                f" first, {ms:.0f} ms"
            )

    def when_idle(self) -> None:
        """No edit is waiting: bring the search index up to date, make the folder the next
        build is staged in if there is none yet, then free memory."""
        if not self.cache.complete and not self.broken and not self.edits_waiting():
            # The session started on an up-to-date output and has planned nothing yet, or its
            # first build planned half the site in a forked worker: plan now (nothing is
            # written), so that the first edit re-plans only what it changes. (Not while the
            # sources are broken: that would only report the same error again.)
            self._build((), defer_index=True, plan_unchanged=True)
        self.refresh_index()
        if not self.edits_waiting():
            prepare_spare(self.output, self.cache.published, self.edits_waiting)
        collect_when_idle()
        self.settled = not self.edits_waiting()

    def refresh_index(self) -> BuildReport | None:
        """Bring the search index up to date with the pages, if it is behind."""
        if not self.index_due or not self.search or self.edits_waiting():
            return None
        started = time.perf_counter()
        try:
            report = self._build((), defer_index=False, cancel_index=self.edits_waiting)
        except IndexCancelled:
            ms = (time.perf_counter() - started) * 1000
            self.log(
                f"[{_clock()}] search index refresh stopped after {ms:.0f} ms: an edit came in"
            )
            return None  # still due: the loop refreshes again once the edit is built
        self.index_due = False
        if report is None:
            return None
        # Normally only the index changed; pages too if an edit slipped in meanwhile.
        if report.stats.changed or report.stats.gone:
            self.state.succeed(True, report.stats.changed + report.stats.gone)
        ms = (time.perf_counter() - started) * 1000
        pages = report.index.pages if report.index else 0
        self.log(f"[{_clock()}] search index refreshed: {pages} pages, {ms:.0f} ms")
        return report

    def _build(
        self,
        changes: Sequence[Change],
        defer_index: bool,
        cancel_index: Callable[[], bool] | None = None,
        plan_unchanged: bool = False,
        pages_first: bool = False,
    ) -> BuildReport | None:
        """The build, its errors reported; with `pages_first`, an edited event's pages are
        written before it (see preview.py)."""
        try:
            config = load_config(self.root)  # site.yaml may be the file that changed
            if pages_first:
                self._event_pages_first(changes, config)
            report = build(
                config,
                self.output,
                search=self.search,
                cache=self.cache,
                defer_index=defer_index,
                recycle=True,
                cancel_index=cancel_index,
                plan_unchanged=plan_unchanged,
            )
        except SiteError as exc:
            self.broken = True
            problems = problems_of(exc, self.root)
            self.state.fail(problems)
            lines = [p.line() + (f"\n    hint: {p.hint}" if p.hint else "") for p in problems]
            self.log(f"[{_clock()}] {describe(changes)}: error; output/ keeps the last good build")
            self.log("\n".join(f"  {line}" for line in lines))
            return None
        except IndexCancelled:
            raise
        except Exception as exc:  # a bug of ours: keep serving, show it, wait for the next edit
            self.state.fail((Problem("", f"internal error: {exc!r}", "see the terminal"),))
            self.log(f"[{_clock()}] {describe(changes)}: internal error\n{traceback.format_exc()}")
            return None
        self.broken = False
        self.last = report
        return report
