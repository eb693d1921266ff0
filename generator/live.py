"""Live reload for `serve`: the state of the last build, and what served pages get added.

Only pages answered by the dev server carry the reload script and the error overlay; `build`
output never does. Each page knows the build it was served from; the script listens on a
Server-Sent Events stream and reloads the tab when a newer build is swapped in, or shows the
overlay (file, line, message) while the latest edit cannot be built. A build that says which
pages it changed reloads only the tabs showing one of them: an edit of one event leaves the
tabs open on other pages alone.
"""

from __future__ import annotations

import html
import json
import re
import threading
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from generator.errors import SiteError

PREFIX = "/__huikan/"
SCRIPT_URL = PREFIX + "live.js"
EVENTS_URL = PREFIX + "events"
STATUS_URL = PREFIX + "status"
OVERLAY_ID = "huikan-error"
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)
_OVERLAY_CSS = (
    "position:fixed;inset:auto 1rem 1rem 1rem;z-index:2147483647;max-height:60vh;overflow:auto;"
    "padding:1rem 1.25rem;border-radius:.5rem;background:#2b1116;color:#fff;"
    "border:2px solid #e5484d;box-shadow:0 8px 30px rgba(0,0,0,.4);"
    "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap"
)
_TITLE = "Huikan could not build your last edit; this is the last good version."
# Files whose change only the tabs showing them need to see; any other file (a stylesheet, an
# image) may show on every page, so every tab reloads.
_PAGE_FILES = (".html", ".md", ".json", ".xml", ".txt")
MAX_NAMED = 500  # beyond this many changed pages, every tab reloads (and the message stays small)


@dataclass(frozen=True)
class Problem:
    where: str  # "content/events/x/event.yaml:12", or "" when not about one file
    message: str
    hint: str = ""

    def line(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass(frozen=True)
class Snapshot:
    version: int  # changes whenever anything below does
    build: int  # changes when a build swapped new pages into the output
    problems: tuple[Problem, ...] = ()
    # The files (site paths) that `build` changed since build `since`; None: any may have.
    changed: tuple[str, ...] | None = None
    since: int = -1

    def to_json(self) -> str:
        return json.dumps(
            {
                "build": self.build,
                "problems": [asdict(p) for p in self.problems],
                "changed": self.changed,
                "since": self.since,
            },
            ensure_ascii=False,
        )


def named_pages(changed: Iterable[str] | None) -> tuple[str, ...] | None:
    """The changed files as a tab can compare them with its own; None when every tab must
    reload (unknown, too many, or a file that any page may show)."""
    if changed is None:
        return None
    files = tuple(sorted(changed))
    if len(files) > MAX_NAMED or not all(f.endswith(_PAGE_FILES) for f in files):
        return None
    return files


def problems_of(error: SiteError, root: Path) -> tuple[Problem, ...]:
    """A SiteError (or several) as overlay entries, paths shown relative to the site."""
    problems = []
    for item in getattr(error, "errors", None) or [error]:
        where = item.location()
        if isinstance(item.path, Path):
            try:
                where = item.path.relative_to(root).as_posix()
                where += f":{item.line}" if item.line is not None else ""
            except ValueError:
                pass
        problems.append(Problem(where, item.message, item.hint or ""))
    return tuple(problems)


class LiveState:
    """Shared by the rebuild thread (writer) and the HTTP threads (readers)."""

    def __init__(self) -> None:
        self._snapshot = Snapshot(version=0, build=0)
        self._closed = False
        self._cond = threading.Condition()

    def snapshot(self) -> Snapshot:
        with self._cond:
            return self._snapshot

    def succeed(self, swapped_pages: bool, changed: Iterable[str] | None = None) -> None:
        """A build finished; `swapped_pages` when its output differs from the previous one,
        `changed` the files that differ (when known)."""
        with self._cond:
            old = self._snapshot
            if not swapped_pages and not old.problems:
                return
            if not swapped_pages:
                self._set(Snapshot(old.version + 1, old.build, (), old.changed, old.since))
                return
            self._set(Snapshot(old.version + 1, old.build + 1, (), named_pages(changed), old.build))

    def fail(self, problems: tuple[Problem, ...]) -> None:
        with self._cond:
            old = self._snapshot
            if old.problems != problems:
                self._set(Snapshot(old.version + 1, old.build, problems))

    def _set(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        self._cond.notify_all()

    def wait(self, seen_version: int, timeout: float) -> Snapshot | None:
        """The state once its version differs from `seen_version` (or at `timeout`); None
        once the server is closing."""
        with self._cond:
            self._cond.wait_for(
                lambda: self._closed or self._snapshot.version != seen_version, timeout
            )
            return None if self._closed else self._snapshot

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()


def overlay_html(problems: tuple[Problem, ...]) -> str:
    """The overlay as served in a page, so it shows at once (and without scripts)."""
    items = "".join(
        f"<p><code>{html.escape(p.where)}</code> {html.escape(p.message)}"
        + (f"<br><small>hint: {html.escape(p.hint)}</small>" if p.hint else "")
        + "</p>"
        for p in problems
    )
    return (
        f'<div id="{OVERLAY_ID}" role="alert" style="{_OVERLAY_CSS}">'
        f"<strong>{html.escape(_TITLE)}</strong>{items}</div>"
    )


def inject(page: bytes, state: Snapshot, file: str | None = None) -> bytes:
    """Add the reload script (and the overlay, while the last edit is broken) to a page;
    `file` is the page's own file in the output (None: reload on every build)."""
    own = f' data-page="{html.escape(file)}"' if file is not None else ""
    tag = (
        f'<script src="{SCRIPT_URL}" data-build="{state.build}"{own} '
        f'data-events="{EVENTS_URL}"></script>'
    )
    if state.problems:
        tag = overlay_html(state.problems) + tag
    extra = tag.encode("utf-8")
    ends = list(_BODY_END.finditer(page))
    if not ends:
        return page + extra
    at = ends[-1].start()
    return page[:at] + extra + page[at:]


SCRIPT = (
    """\
// Huikan live reload (added by `serve` only).
(() => {
  "use strict";
  const me = document.currentScript;
  let build = me.dataset.build;
  const page = me.dataset.page;
  const css = __CSS__;
  const title = __TITLE__;
  const source = new EventSource(me.dataset.events);
  source.addEventListener("state", (event) => {
    const state = JSON.parse(event.data);
    if (String(state.build) !== build) {
      // One build later, and it did not change this page: nothing to reload.
      const unchanged = page !== undefined && state.changed !== null &&
        String(state.since) === build && !state.changed.includes(page);
      if (!unchanged) {
        source.close();
        location.reload();
        return;
      }
      build = String(state.build);
    }
    show(state.problems);
  });
  function show(problems) {
    let box = document.getElementById(__ID__);
    if (!problems.length) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = __ID__;
      box.setAttribute("role", "alert");
      document.body.appendChild(box);
    }
    box.style.cssText = css;
    const heading = document.createElement("strong");
    heading.textContent = title;
    const items = problems.map((p) => {
      const item = document.createElement("p");
      const where = document.createElement("code");
      where.textContent = p.where;
      item.append(where, " " + p.message);
      if (p.hint) {
        const hint = document.createElement("small");
        hint.textContent = "hint: " + p.hint;
        item.append(document.createElement("br"), hint);
      }
      return item;
    });
    box.replaceChildren(heading, ...items);
  }
})();
""".replace("__CSS__", json.dumps(_OVERLAY_CSS))
    .replace("__TITLE__", json.dumps(_TITLE))
    .replace("__ID__", json.dumps(OVERLAY_ID))
    .encode("utf-8")
)
