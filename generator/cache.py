"""What a build may skip: the key of every output, and what a long-running `serve` keeps.

An output's key hashes everything it is made from: Huikan's own code, the sources of its
template and of every template that one extends, includes or imports, and its context (a
plain JSON-able dict). Equal keys mean equal bytes, so a build reuses the previous output's
file instead of rendering it again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import jinja2
import jinja2.meta

from generator import __version__
from generator.config import SiteConfig
from generator.fragments import EventMemo as EventFragments
from generator.fragments import Rendered
from generator.manifest import Memory
from generator.markup import MarkdownRenderer
from generator.model import Event
from generator.render import make_environment
from generator.strings import Derived, per_table

if TYPE_CHECKING:
    from generator.pages import Planner

T = TypeVar("T")
_ALL = None  # a template names others through an expression: it may use any of them


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of Huikan's own code: an upgrade or a local patch invalidates every key."""
    package = Path(__file__).resolve().parent
    hasher = hashlib.sha256(f"{__version__} {sys.version}".encode())
    for path in sorted(package.rglob("*.py")):
        hasher.update(path.relative_to(package).as_posix().encode() + b"\0")
        hasher.update(path.read_bytes())
    return hasher.hexdigest()


def context_digest(context: Any) -> str:
    # marshal (version 2: no back-references, so the bytes do not depend on object identity)
    # is several times faster than JSON for these plain dicts; contexts are built in a fixed
    # order, and the Python version is part of the code fingerprint.
    context = _strings_by_digest(context)
    try:
        data = marshal.dumps(context, 2)
    except ValueError:  # not plain data: fall back to a slower, general encoding
        data = json.dumps(context, sort_keys=True, ensure_ascii=False, default=repr).encode()
    return hashlib.sha256(data).hexdigest()


_strings_digests: Derived = {}


def _strings_by_digest(context: Any) -> Any:
    """The context with its UI strings (the same hundred on every page, twice: `s` and
    `site.strings`, a sixth of what a page's context weighs) replaced by their digest,
    computed once per strings table."""
    strings = context.get("s") if type(context) is dict else None
    if type(strings) is not dict:
        return context
    token = per_table(_strings_digests, strings, lambda: "strings " + _table_digest(strings))
    light = {**context, "s": token}
    site = light.get("site")
    if type(site) is dict and site.get("strings") is strings:
        light["site"] = {**site, "strings": token}
    return light


def _table_digest(strings: dict[str, str]) -> str:
    table = json.dumps(strings, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(table).hexdigest()


@lru_cache(maxsize=1 << 16)  # `serve` asks again for every unchanged page at every edit
def output_key(template_key: str, context_hash: str) -> str:
    return hashlib.sha256(
        f"{code_fingerprint()}\n{template_key}\n{context_hash}".encode()
    ).hexdigest()


@dataclass(frozen=True)
class Templates:
    """The templates as the loader finds them (site overrides first), and who uses whom."""

    digests: dict[str, str]  # name -> sha256 of its source
    uses: dict[str, frozenset[str] | None]  # name -> names it references; None: any
    _keys: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def closure(self, name: str) -> set[str]:
        """`name` and every template it may pull in."""
        seen: set[str] = set()
        todo = [name]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            uses = self.uses.get(current, frozenset())
            if uses is _ALL:
                return set(self.digests) | seen
            todo.extend(uses)
        return seen

    def key(self, name: str) -> str:
        """Hash of the sources of `name` and of all it pulls in (once per name and build)."""
        if name not in self._keys:
            parts = [f"{n}={self.digests.get(n, 'missing')}" for n in sorted(self.closure(name))]
            self._keys[name] = hashlib.sha256("\n".join(parts).encode()).hexdigest()
        return self._keys[name]


class BuildCache:
    """Kept between the builds of one process (`serve`): compiled templates, rendered Markdown.

    A one-off `build` makes a fresh one; nothing here is needed for correctness.
    """

    def __init__(self) -> None:
        self._parser = jinja2.Environment()
        self._uses: dict[str, frozenset[str] | None] = {}  # source digest -> references
        self._renderers: dict[bool, MarkdownRenderer] = {}
        self._env: jinja2.Environment | None = None
        self._env_for: tuple[SiteConfig, dict[str, str]] | None = None
        # Events read before, by folder, with the stamps of the files they were read from;
        # and the turns of each event as rendered: an edit re-reads and re-renders only itself.
        self.events: dict[Path, tuple[object, Event]] = {}
        self.event_fragments: EventFragments = {}
        # Planned pages of unchanged events and speakers (pages.plan), and the digests of their
        # contexts, by the identity of the spec (kept alive by the entry itself).
        self.plans: dict = {}
        self.used = False  # a build has run with this cache
        self.complete = False  # and planned every part here, so that its memo holds them all
        self.published: Memory = {}  # what the last build swapped in, by output folder
        self._per_spec: dict[tuple[int, str], tuple[object, Any]] = {}
        # What each part (see planning.py) made last time, by the identity of its specs list.
        self.parts: dict[int, tuple[list, dict[str, str], Any]] = {}
        # How the last build that published planned the site (preview.py renders an edited
        # event's pages in it).
        self.planner: Planner | None = None

    def remember_event(
        self,
        folder: Path,
        stamps: object,
        event: Event,
        turns: dict[tuple[str, str], Rendered],
        intro: Rendered,
        allow_html: bool,
    ) -> None:
        """An event read (from files with these stamps: collect.event_stamps) and rendered
        ahead of a build, which then takes it as it would one it had read itself."""
        self.events[folder] = (stamps, event)
        self.event_fragments[event.slug] = (event, allow_html, turns, intro)

    def per_spec(self, spec: object, what: str, compute: Callable[[], T]) -> T:
        """`compute()` for a planned spec, once while the same spec is planned (its context
        digest, its JSON): memoised plans hand back the very same spec objects."""
        known = self._per_spec.get((id(spec), what))
        if known is not None and known[0] is spec:
            return known[1]
        value = compute()
        self._per_spec[(id(spec), what)] = (spec, value)
        return value

    def forget_specs_except(self, current: set[int]) -> None:
        """Drop what was kept for specs that are no longer planned (a long `serve` session);
        `current` holds the ids of the specs planned now."""
        self._per_spec = {k: v for k, v in self._per_spec.items() if k[0] in current}

    def renderer(self, allow_html: bool) -> MarkdownRenderer:
        # The renderer caches Markdown by its source text, so unchanged turns cost nothing.
        if allow_html not in self._renderers:
            self._renderers[allow_html] = MarkdownRenderer(allow_html=allow_html)
        return self._renderers[allow_html]

    def templates(self, config: SiteConfig) -> Templates:
        digests: dict[str, str] = {}
        uses: dict[str, frozenset[str] | None] = {}
        for folder in config.templates_dirs:
            if not folder.is_dir():
                continue
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                name = path.relative_to(folder).as_posix()
                if name in digests:
                    continue  # overridden by the site's own templates/
                source = path.read_bytes()
                digests[name] = hashlib.sha256(source).hexdigest()
                uses[name] = self._references(digests[name], source)
        return Templates(digests, uses)

    def environment(self, config: SiteConfig, templates: Templates) -> jinja2.Environment:
        """The Jinja environment, kept while the config and the template sources are the same."""
        if self._env is None or self._env_for != (config, templates.digests):
            self._env = make_environment(config)
            self._env_for = (config, templates.digests)
        return self._env

    def warm(self, config: SiteConfig) -> None:
        """Compile every template now, so that the first edit of a session is as quick as
        the next ones (a fresh `serve` whose output was up to date has compiled none)."""
        templates = self.templates(config)
        env = self.environment(config, templates)
        for name in sorted(templates.digests):
            # A broken one is reported, with its line, by the build that renders it.
            with contextlib.suppress(jinja2.TemplateError):
                env.get_template(name)

    def _references(self, source_digest: str, source: bytes) -> frozenset[str] | None:
        if source_digest not in self._uses:
            try:
                tree = self._parser.parse(source.decode("utf-8"))
                found = list(jinja2.meta.find_referenced_templates(tree))
                self._uses[source_digest] = (
                    _ALL if None in found else frozenset(str(n) for n in found)
                )
            except (UnicodeDecodeError, jinja2.TemplateSyntaxError):
                # Rendering reports the error with its line; until then assume the worst.
                self._uses[source_digest] = _ALL
        return self._uses[source_digest]
