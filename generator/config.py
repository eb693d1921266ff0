"""site.yaml -> a frozen SiteConfig with defaults; unknown keys and wrong types are errors."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import SplitResult, urlsplit

from generator.errors import SiteError, raise_all
from generator.readers import MarkedDict, read_yaml_mapping
from generator.schema import Field, check_mapping, suggest, text
from generator.strings import defaults_for

SITE_FIELDS = {
    "title": Field(str),
    "description": Field(str),
    "language": Field(str),
    "base_url": Field(str),
    "author": Field(str),
    "footer": Field(str),
    "navigation": Field(list),
    "strings": Field(dict),
    "markdown": Field(dict),
    "per_page": Field(int),
    "feed_items": Field(int),
    "speaker_page_kb": Field(int),
}
# The default theme, for sites that have no theme/ folder of their own: inside the package once
# installed from a wheel, beside it in a checkout (or an editable install).
_PACKAGE = Path(__file__).resolve().parent
DEFAULT_THEME = next(
    (d for d in (_PACKAGE / "theme", _PACKAGE.parent / "theme") if d.is_dir()), _PACKAGE / "theme"
)
NAV_FIELDS = {"title": Field(str, required=True), "url": Field(str, required=True)}
MARKDOWN_FIELDS = {"allow_html": Field(bool)}
# Items on each page of the events, speakers and themes lists. At 50, the heaviest list page of
# a 1,000-event archive (the themes of 50 events) is under 50 KB before compression, within the
# reader's 60 KB budget, and the lists have 20 to 75 pages.
PER_PAGE = 50
# Entries in the Atom feed, newest first: readers poll it, so it holds what is new, not the
# archive (Jekyll's feed keeps 10, Pelican's 100). 0 in site.yaml: every event.
FEED_ITEMS = 50
# The HTML a speaker's page aims at, in KB: past it, their turns go on to further pages (see
# pagination.SpeakerSizes). 60 KB is the page budget the theme is held to; a 1,000-event
# archive's hosts then get pages of 50 to 60 KB instead of one page of 1 MB.
SPEAKER_PAGE_KB = 60


@dataclass(frozen=True)
class NavItem:
    title: str
    url: str  # a site path such as /speakers/, or an absolute URL


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    title: str = "会刊"
    description: str = ""
    language: str = "zh-CN"
    base_path: str = "/"  # always starts and ends with "/"
    origin: str = ""  # "https://example.org" when base_url is a full URL, else ""
    author: str = ""
    footer: str = ""
    navigation: tuple[NavItem, ...] = ()
    strings: dict[str, str] = field(default_factory=dict)
    allow_html: bool = False
    per_page: int = PER_PAGE
    feed_items: int = FEED_ITEMS  # 0: every event
    speaker_page_kb: int = SPEAKER_PAGE_KB

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def theme_dir(self) -> Path:
        own = self.root / "theme"
        return own if own.is_dir() else DEFAULT_THEME

    @property
    def templates_dirs(self) -> tuple[Path, ...]:
        """Site overrides first (`templates/` beside site.yaml), then the theme's."""
        return (self.root / "templates", self.theme_dir / "templates")

    @property
    def static_dirs(self) -> tuple[Path, ...]:
        return (self.theme_dir / "static", self.root / "static")

    @property
    def base_url(self) -> str:
        return self.origin + self.base_path


_HOST_LIKE = re.compile(r"^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?::\d+)?$")


def normalise_base_url(value: str) -> tuple[str, str]:
    """'https://x.org/a' -> ('https://x.org', '/a/'); 'a/b' -> ('', '/a/b/'). A host in any
    script is written as browsers send it (punycode). ValueError says what is wrong."""
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc:
        origin, path = f"{parts.scheme}://{_host(parts)}", parts.path
    elif parts.scheme or parts.netloc or parts.query or parts.fragment:
        raise ValueError(
            "write a full URL like https://example.org/archive/ or a path like /archive/"
        )
    else:
        origin, path = "", parts.path
        first = path.split("/", 1)[0]
        if _HOST_LIKE.match(first):
            raise ValueError(f"`{first}` looks like a host: write https://{value.lstrip('/')}")
    segments = [s for s in path.split("/") if s]
    if any(s in (".", "..") for s in segments):
        raise ValueError("a path with . or .. segments names another place; write it plainly")
    if any(ch.isspace() or ch in '"<>\\^`{|}' for ch in path):
        raise ValueError("a URL path cannot hold spaces or quotes: use - or percent-encode them")
    return origin, "/" + "".join(f"{s}/" for s in segments)


def _host(parts: SplitResult) -> str:
    """The host and port of a base URL, the host in ASCII (例子.中国 -> xn--fsqu00a.xn--fiqs8s,
    by the standard library's IDNA 2003 codec: the same as browsers for Chinese, though not
    for a few letters such as ß)."""
    if parts.username is not None or parts.password is not None:
        raise ValueError("a base URL holds no user name or password: write https://host/path/")
    host = parts.hostname or ""
    if not host or any(ch.isspace() for ch in host):
        raise ValueError(f"`{parts.netloc}` is not a host name")
    try:
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"`{parts.netloc}`: a port is a number from 0 to 65535") from exc
    try:
        ascii_host = host if ":" in host else host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise ValueError(f"`{host}` is not a valid host name") from exc
    ascii_host = f"[{ascii_host}]" if ":" in ascii_host else ascii_host  # IPv6
    return ascii_host + (f":{port}" if port is not None else "")


def require_site(root: Path) -> None:
    """A folder with neither site.yaml nor content/ is not a site (most often a mistyped
    --root): say so rather than build an empty archive there."""
    if not (root / "site.yaml").is_file() and not (root / "content").is_dir():
        raise SiteError(
            root,
            "no site here: neither site.yaml nor content/",
            hint="run this in your site's folder or pass --root DIR; "
            "`python -m generator new DIR` starts a new site",
        )


def _strings(
    data: MarkedDict, path: Path, language: str, errors: list[SiteError]
) -> dict[str, str]:
    """The interface strings for `language`, with site.yaml's overrides. An override of a string
    that is filled in ({n} 段发言) may use only its placeholders: another would fail in a
    template, far from the cause."""
    strings = defaults_for(language)
    overrides = data.get("strings") or {}
    if not isinstance(overrides, dict):
        return strings  # check_mapping reports its type
    for key, value in overrides.items():
        line = overrides.line_of(key) if isinstance(overrides, MarkedDict) else None
        if key not in strings:
            guess = suggest(key, strings.keys())
            hint = f"did you mean `{guess}`?" if guess else "see generator/strings.py for the keys"
            errors.append(SiteError(path, f"unknown key `strings.{key}`", line, hint))
            continue
        allowed = _placeholders(strings[key])
        used = _placeholders(text(value))
        if allowed and (used is None or not used <= allowed):
            names = ", ".join("{" + name + "}" for name in sorted(allowed))
            errors.append(
                SiteError(
                    path,
                    f"`strings.{key}` has placeholders this string does not fill",
                    line,
                    f"use only {names}",
                )
            )
            continue
        strings[key] = text(value)
    return strings


def _placeholders(template: str) -> set[str] | None:
    """The names in `template`'s plain {name} fields; None when it has anything else: braces
    that do not parse, a format spec ({n:,}), a conversion ({n!r}) or escaped braces ({{).
    Templates fill strings with str.format and the search page with a plain replace of
    "{n}": only bare names mean the same to both."""
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError:
        return None
    names: set[str] = set()
    for literal, name, spec, conversion in fields:
        if "{" in literal or "}" in literal or spec or conversion:
            return None
        if name is not None:
            names.add(name)
    return names


def load_config(root: Path, base_url: str | None = None) -> SiteConfig:
    """Read `root/site.yaml` (optional) and apply a command-line base URL override."""
    path = root / "site.yaml"
    data = read_yaml_mapping(path, may_be_empty=True) if path.exists() else MarkedDict()
    if not hasattr(data, "key_lines"):
        data.key_lines, data.line = {}, 1
    errors = check_mapping(data, path, SITE_FIELDS)
    language = text(data.get("language")) or "zh-CN"
    strings = _strings(data, path, language, errors)
    navigation = _navigation(data, path, errors)
    markdown = data.get("markdown") or MarkedDict()
    if isinstance(markdown, MarkedDict):
        errors += check_mapping(markdown, path, MARKDOWN_FIELDS, "markdown")
    per_page = _count(data, "per_page", PER_PAGE, 1, path, errors)
    feed_items = _count(data, "feed_items", FEED_ITEMS, 0, path, errors)
    speaker_page_kb = _count(data, "speaker_page_kb", SPEAKER_PAGE_KB, 1, path, errors)
    raw_base = base_url if base_url is not None else text(data.get("base_url")) or "/"
    origin, base_path = "", "/"
    try:
        origin, base_path = normalise_base_url(raw_base)
    except ValueError as exc:
        where = (None, None) if base_url is not None else (path, data.line_of("base_url"))
        errors.append(
            SiteError(where[0], f"base URL `{raw_base}` cannot be used", where[1], str(exc))
        )
    raise_all(errors)
    return SiteConfig(
        root=root,
        title=text(data.get("title")) or "会刊",
        description=text(data.get("description")),
        language=language,
        base_path=base_path,
        origin=origin,
        author=text(data.get("author")),
        footer=text(data.get("footer")),
        navigation=navigation,
        strings=strings,
        allow_html=bool(markdown.get("allow_html", False)) if isinstance(markdown, dict) else False,
        per_page=per_page,
        feed_items=feed_items,
        speaker_page_kb=speaker_page_kb,
    )


_COUNT_HINTS = {
    "per_page": f"write how many events, speakers or themes a list page shows, such as {PER_PAGE}",
    "feed_items": f"write how many events the feed lists, such as {FEED_ITEMS}, or 0 for all",
    "speaker_page_kb": f"write how many KB of HTML a speaker's page aims at, such as "
    f"{SPEAKER_PAGE_KB}",
}


def _count(
    data: MarkedDict, key: str, default: int, least: int, path: Path, errors: list[SiteError]
) -> int:
    """A count setting, or its default; check_mapping has already reported another type."""
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        return default
    if value < least:
        errors.append(
            SiteError(
                path,
                f"`{key}` must be at least {least}, not `{value}`",
                data.line_of(key),
                _COUNT_HINTS[key],
            )
        )
    return value


def _navigation(data: MarkedDict, path: Path, errors: list[SiteError]) -> tuple[NavItem, ...]:
    items: list[NavItem] = []
    for index, entry in enumerate(data.get("navigation") or []):
        if not isinstance(entry, MarkedDict):
            errors.append(
                SiteError(
                    path,
                    f"navigation item {index + 1} must be a mapping with `title` and `url`",
                    data.line_of("navigation"),
                )
            )
            continue
        problems = check_mapping(entry, path, NAV_FIELDS, f"navigation[{index + 1}]")
        errors += problems
        if not problems:
            items.append(NavItem(text(entry["title"]), text(entry["url"])))
    return tuple(items)
