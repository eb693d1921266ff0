"""build(config) -> BuildReport: read, check, render in memory, then write and index atomically.

Builds are incremental: an output whose key (see cache.py) matches the previous build's is not
rendered again but linked from the previous output, the search index is rebuilt only when an
HTML page changed, and a build that changes nothing leaves the output folder alone.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
import orjson

from generator.assets import collect_assets
from generator.cache import BuildCache, Templates, code_fingerprint, context_digest, output_key
from generator.collect import collect_site
from generator.config import SiteConfig
from generator.fragments import render_fragments
from generator.manifest import Entry, Manifest, Staged, current_manifest, digest
from generator.output import Bundle, WriteStats, check_output_dir, publish
from generator.pages import PageSpec, Planner
from generator.parallel import forks, map_indices
from generator.planning import Part, listed, plan_parts
from generator.readahead import read_ahead
from generator.render import render_template
from generator.search import (
    BUNDLE_DIR,
    IndexCancelled,
    IndexReport,
    build_index,
    index_language,
)
from generator.sources import sources_fingerprint
from generator.staging import Staging, write_new
from generator.urls import markdown_path, output_file


@dataclass(frozen=True)
class BuildReport:
    pages: int  # HTML pages
    files: int  # every file of the site, search index aside
    events: int
    speakers: int
    rendered: int  # outputs rendered by this build (the rest were reused)
    stats: WriteStats
    index: IndexReport | None  # None: the search index was not rebuilt
    seconds: float
    search: str = "none"  # "built", "current" (unchanged pages), "deferred" or "none"
    config: SiteConfig | None = None

    @property
    def pages_written(self) -> int:
        return sum(1 for rel in self.stats.changed if rel.endswith(".html"))

    def summary(self) -> str:
        search = {
            "built": f"search index {self.index.pages} pages in {self.index.seconds:.2f}s"
            if self.index
            else "",
            "current": "search index up to date",
            "deferred": "search index not yet refreshed",
            "none": "no search index",
        }[self.search]
        return (
            f"Built {self.pages} pages ({self.events} events, {self.speakers} speakers): "
            f"{self.rendered} rendered, {self.stats.written} files written, "
            f"{self.stats.unchanged} unchanged, {self.stats.removed} removed, "
            f"{search}, in {self.seconds:.2f}s"
        )


def _json_bytes(data: object) -> bytes:
    """Indented, keys sorted, UTF-8: the bytes of `json.dumps(data, ensure_ascii=False,
    indent=2, sort_keys=True)`, from orjson (the json module indents in pure Python)."""
    options = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE
    return orjson.dumps(data, option=options)


# A part's sitemap paths, its files, the ids of its specs and of their list.
PartResult = tuple[list[str], list[tuple[str, Entry, bool]], list[int], int]


@dataclass(frozen=True)
class _Renderer:
    """Turns planned specs into output entries: reused when their key is in the previous
    manifest, rendered otherwise. Made before any fork, so workers inherit it whole."""

    cache: BuildCache
    templates: Templates
    env: jinja2.Environment
    previous: Manifest
    output: Path
    staging: str | None  # a fresh staging folder to write each file into as it is made

    def entries(self, spec: PageSpec) -> list[tuple[str, Entry, bool]]:
        """(path, entry, rendered from a template now) for each file of one spec."""
        if spec.data is not None:
            data = self.cache.per_spec(spec, "json", lambda: _json_bytes(spec.data))
            rel = output_file(spec.path)
            return [(rel, self._made(rel, Entry(digest(data), data)), False)]  # not templated
        assert spec.template is not None
        context_hash = self.cache.per_spec(spec, "digest", lambda: context_digest(spec.context))
        targets = [(output_file(spec.path), spec.template)]
        if spec.markdown_template:
            targets.append((markdown_path(spec.path), spec.markdown_template))
        made = []
        for rel, template in targets:
            key = output_key(self.templates.key(template), context_hash)
            if self.previous.reusable(self.output, rel, key):
                made.append((rel, Entry(key, None), False))
            else:
                entry = Entry(key, render_template(self.env, template, spec.context).encode())
                made.append((rel, self._made(rel, entry), True))
        return made

    def _made(self, rel: str, entry: Entry) -> Entry:
        """Hash the file here, in the worker, while it is at hand; and in a cold build write
        it at once, so that writing overlaps rendering and no bytes travel back."""
        assert entry.data is not None
        if self.staging is None:
            entry.sha  # noqa: B018 - cached on the entry
            return entry
        size, mtime_ns = write_new(self.staging, rel, entry.data)
        return Entry(entry.key, None, Staged(digest(entry.data), size, mtime_ns))

    def part(self, make: Part) -> PartResult:
        """Plan and render one part."""
        specs = make()
        known = self.cache.parts.get(id(specs))
        if known is not None and self._still_published(known, specs):
            return known[2]
        made = [entry for spec in specs for entry in self.entries(spec)]
        paths, ids = [s.path for s in specs if listed(s)], [id(s) for s in specs]
        # Next time, if planned as the very same specs: the files this build is publishing.
        published = [(rel, Entry(entry.key, None), False) for rel, entry, _ in made]
        memo = (paths, published, ids, id(specs))
        self.cache.parts[id(specs)] = (specs, self.templates.digests, memo)
        return paths, made, ids, id(specs)

    def _still_published(self, known: tuple, specs: list[PageSpec]) -> bool:
        """A part planned as the very same specs in `serve`, whose files the output still
        holds with the same keys, needs no look at its specs at all."""
        return (
            known[0] is specs
            and known[1] == self.templates.digests
            and all(self.previous.reusable(self.output, rel, e.key) for rel, e, _ in known[2][1])
        )


def render_outputs(
    config: SiteConfig,
    planner: Planner,
    parts: list[Part],
    cache: BuildCache,
    previous: Manifest,
    output: Path,
    staging: Path | None = None,
) -> tuple[dict[str, Entry], int]:
    """Every file of the site as an Entry. The parts are planned and rendered on both cores
    when there are many (a cold build of a large archive); only outputs whose key changed are
    rendered. With a fresh `staging` folder, each file is written there as it is rendered."""
    templates = cache.templates(config)
    env = cache.environment(config, templates)
    folder = str(staging) if staging is not None else None
    renderer = _Renderer(cache, templates, env, previous, output, folder)
    # Only a cache's first build goes to other processes: later ones (in `serve`) re-plan little
    # from the memo, which forked workers could neither use nor fill.
    forked = forks(len(parts), fork=not cache.used)
    results = map_indices(lambda i: renderer.part(parts[i]), len(parts), fork=forked)
    cache.used = True
    # Forked workers fill their own memos, not this one: `serve` then plans again when idle.
    cache.complete = cache.complete or not forked
    sitemap = [path for paths, _, _, _ in results for path in paths]
    made = [entry for _, entries, _, _ in results for entry in entries]
    crawler = planner.crawler_files(sitemap)
    made += [entry for spec in crawler for entry in renderer.entries(spec)]
    cache.forget_specs_except(
        {i for _, _, ids, _ in results for i in ids} | {id(s) for s in crawler}
    )
    cache.parts = {key: cache.parts[key] for _, _, _, key in results if key in cache.parts}
    entries = {rel: entry for rel, entry, _ in made}
    return entries, sum(1 for _, _, rendered in made if rendered)


def render_specs(
    config: SiteConfig, cache: BuildCache, specs: list[PageSpec], output: Path
) -> list[tuple[str, Entry]]:
    """Render `specs` in memory, every one of them (nothing is reused): (path, entry)."""
    templates = cache.templates(config)
    env = cache.environment(config, templates)
    renderer = _Renderer(cache, templates, env, Manifest(), output, None)
    return [(rel, entry) for spec in specs for rel, entry, _ in renderer.entries(spec)]


def pages_key(language: str, entries: dict[str, Entry], previous: Manifest) -> str:
    """What the search index depends on: the HTML pages' bytes and the language it is in."""
    hasher = hashlib.sha256(f"{code_fingerprint()}\n{language}\n".encode())
    for rel in sorted(entries):
        if rel.endswith(".html"):
            entry = entries[rel]
            file_hash = previous.files[rel] if entry.reused else entry.sha
            hasher.update(f"{rel} {file_hash}\n".encode())
    return hasher.hexdigest()


def _unchanged_report(
    config: SiteConfig, previous: Manifest, search: bool, started: float
) -> BuildReport:
    site_files = [rel for rel in previous.files if rel in previous.inputs]
    return BuildReport(
        pages=sum(1 for rel in site_files if rel.endswith(".html")),
        files=len(site_files),
        events=previous.counts.get("events", 0),
        speakers=previous.counts.get("speakers", 0),
        rendered=0,
        stats=WriteStats(written=0, unchanged=len(site_files), removed=0, swapped=False),
        index=None,
        seconds=time.perf_counter() - started,
        search="current" if search else "none",
        config=config,
    )


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """A build allocates millions of small, acyclic objects (contexts, strings): Python's cycle
    collector would walk them again and again for nothing (a third of planning time). What the
    build leaves is frozen before the collector resumes, or its first pass would walk all of it
    (0.6 s at 1,000 events, as the command exits); `serve` frees cycles when idle instead
    (collect_when_idle)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def collect_when_idle() -> None:
    """Free what earlier builds left in reference cycles (a long `serve` session calls this
    when no edit is waiting)."""
    gc.unfreeze()
    gc.collect()


def _search_bundle(
    language: str,
    entries: dict[str, Entry],
    previous: Manifest,
    output: Path,
    search: bool,
    defer_index: bool,
    cancel_index: Callable[[], bool] | None = None,
) -> tuple[str, Bundle | None, list[IndexReport]]:
    """What to do about the search index: (mode, bundle, where its report will go)."""
    reports: list[IndexReport] = []
    if not search:
        return "none", None, reports

    def index(staging: Path) -> None:
        reports.append(build_index(staging, language, cancel_index))

    key = pages_key(language, entries, previous)
    if previous.bundle == (BUNDLE_DIR, key) and previous.bundle_intact(output):
        return "current", Bundle(BUNDLE_DIR, key, None), reports
    if defer_index:
        kept = Bundle(BUNDLE_DIR, previous.bundle[1], None) if previous.bundle else None
        return "deferred", kept, reports
    return "built", Bundle(BUNDLE_DIR, key, index), reports


@_collector_paused()
def build(
    config: SiteConfig,
    output: Path,
    search: bool = True,
    cache: BuildCache | None = None,
    defer_index: bool = False,
    recycle: bool = False,
    cancel_index: Callable[[], bool] | None = None,
    plan_unchanged: bool = False,
) -> BuildReport:
    """Build the site into `output`; on any error the previous output is left untouched.

    `defer_index` keeps the previous search index as it is, so that pages reach the disk at
    once; a later build with `search=True` brings the index up to date (what `serve` does).
    `recycle` keeps the replaced output beside it to stage the next build in (see staging.py).
    `cancel_index() -> True` while the index is being made stops the build (IndexCancelled).
    `plan_unchanged` plans the site even when its sources did not change since the output was
    built (`serve` does, when idle, to fill `cache` before the first edit).
    """
    started = time.perf_counter()
    check_output_dir(output, config.root)
    fingerprint = sources_fingerprint(config, f"search={search}")
    previous = current_manifest(output, cache.published if cache else None)
    if not plan_unchanged and previous.sources == fingerprint and previous.all_intact(output):
        return _unchanged_report(config, previous, search, started)
    cache = cache or BuildCache()
    renderer = cache.renderer(config.allow_html)
    read_ahead(config, cache, renderer)
    site = collect_site(config, cache.events)
    fragments = render_fragments(site, renderer, cache.event_fragments)
    assets = collect_assets(config)
    planner, parts = plan_parts(config, site, fragments, assets.links, cache.plans)
    entries = {rel: Entry(digest(data), data) for rel, data in assets.files.items()}
    # A cold build (nothing to reuse or link) writes each page into a fresh staging folder as
    # it renders it; publish() swaps that folder in, or removes it if anything fails.
    staging = Staging(output.absolute()) if not previous.files else None
    try:
        pages, rendered = render_outputs(
            config, planner, parts, cache, previous, output, staging.path if staging else None
        )
        entries.update(pages)
        language = index_language(config.language, (e.language for e in site.events))
        mode, bundle, index_report = _search_bundle(
            language, entries, previous, output, search, defer_index, cancel_index
        )
        if mode == "built" and cancel_index is not None and cancel_index():
            raise IndexCancelled()  # before staging anything: the edit's pages go first
        counts = {"events": len(site.events), "speakers": len(site.people)}
        # A deferred index is not the site's yet: record no fingerprint, so the next build runs.
        sources = fingerprint if mode != "deferred" else None
        stats = publish(output, entries, bundle, recycle, sources, counts, staging, cache.published)
    except BaseException:
        if staging is not None:
            staging.abandon()
        raise
    cache.planner = planner
    return BuildReport(
        pages=sum(1 for path in entries if path.endswith(".html")),
        files=len(entries),
        events=len(site.events),
        speakers=len(site.people),
        rendered=rendered,
        stats=stats,
        index=index_report[0] if index_report else None,
        seconds=time.perf_counter() - started,
        search=mode,
        config=config,
    )
