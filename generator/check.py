"""Check a built site like a crawler: every internal link, asset and #anchor must answer.

Pure functions over a folder. Links are resolved the way a browser resolves them when the folder
is served at `base_path`, but a relative link that climbs above the base path is an error even
at a domain root (where browsers would silently clamp it): it breaks as soon as the site moves
under a sub-path.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.parallel import map_indices

NOT_FOUND_PAGE = "404.html"
HOME_PAGE = "index.html"
# What the search page's script imports from the folder its `data-bundle` names (search.js),
# and the file Pagefind's loader reads first: without them search answers nothing.
BUNDLE_FILES = ("pagefind.js", "pagefind-entry.json")
NO_SEARCH_INDEX = "the site was built without its search index (build it without --no-search)"
NO_SITE = (
    "no home page: this folder holds no built site; build it first "
    "(python -m generator build), or name the folder the build wrote "
    "(python -m generator check output)"
)
# Schemes that never name a file of the site.
OTHER_SCHEMES = {"mailto", "tel", "sms", "javascript", "data", "blob", "about", "geo"}
# Attributes that hold one URL, by tag.
URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src",),
    "source": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "form": ("action",),
    "input": ("src",),
}
# <link rel> values whose href is an origin to connect to, not a document.
CONNECTION_HINTS = {"preconnect", "dns-prefetch"}
# Open Graph and Twitter tags whose content is a URL of the site.
URL_METAS = {"og:url", "og:image", "twitter:image"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM_NS = "{http://www.w3.org/2005/Atom}"


@dataclass(frozen=True, order=True)
class Problem:
    page: str  # the file, relative to the site folder
    link: str  # the reference exactly as written
    message: str
    warning: bool = False  # works on most hosts, but fragile

    def format(self) -> str:
        kind = "warning: " if self.warning else ""
        return f"{self.page}: {self.link} — {kind}{self.message}"


@dataclass(frozen=True)
class CheckReport:
    pages: int
    links: int
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if not p.warning)

    def summary(self) -> str:
        warnings = len(self.problems) - self.errors
        found = (
            f"{_count(self.errors, 'error')}, {_count(warnings, 'warning')}"
            if self.problems
            else "no problems"
        )
        return f"Checked {self.pages} pages and {self.links} internal links: {found}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


@dataclass
class Scan:
    """What a page offers (ids) and what it refers to (URLs as written)."""

    ids: set[str] = field(default_factory=set)
    refs: list[str] = field(default_factory=list)
    base_href: str | None = None
    bundles: list[str] = field(default_factory=list)  # search bundle folders its scripts load


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = Scan()
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if found.get("id"):
            self.scan.ids.add(found["id"])
        if tag == "a" and found.get("name"):
            self.scan.ids.add(found["name"])
        if tag == "base" and "href" in found and self.scan.base_href is None:
            self.scan.base_href = found["href"]
        rel = set(found.get("rel", "").lower().split())
        if not (tag == "link" and rel & CONNECTION_HINTS):
            self.scan.refs += [found[a] for a in URL_ATTRIBUTES.get(tag, ()) if a in found]
        if tag == "script" and "data-bundle" in found:
            self.scan.bundles.append(found["data-bundle"])
        if tag in ("img", "source") and found.get("srcset"):
            self.scan.refs += [c.split()[0] for c in found["srcset"].split(",") if c.strip()]
        if tag == "meta":
            name = (found.get("property") or found.get("name") or "").lower()
            if name in URL_METAS and found.get("content"):
                self.scan.refs.append(found["content"])
            if found.get("http-equiv", "").lower() == "refresh":
                match = re.search(r"url\s*=\s*['\"]?([^'\"]+)", found.get("content", ""), re.I)
                if match:
                    self.scan.refs.append(match.group(1).strip())
        if found.get("style"):
            self.scan.refs += css_refs(found["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.scan.refs += css_refs(data)


def scan_html(html: str) -> Scan:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser.scan


def css_refs(css: str) -> list[str]:
    return [m.group(2) or m.group(4) for m in CSS_URL.finditer(css) if m.group(2) or m.group(4)]


@dataclass(frozen=True)
class Target:
    """Where a reference leads: a site path (relative to the base path) and a fragment."""

    path: str | None  # None: outside the site (another host, mailto:, …)
    fragment: str = ""
    escapes: str = ""  # why the link leaves the base path, if it does


def _normalise(segments: list[str]) -> list[str] | None:
    """Apply '.' and '..'; None when '..' climbs above the first segment."""
    out: list[str] = []
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == ".":
            if last:
                out.append("")
        elif segment == "..":
            if not out or out == [""]:
                return None
            out.pop()
            if last:
                out.append("")
        else:
            if out and out[-1] == "":
                out.pop()
            out.append(segment)
    return out


def resolve(page: str, ref: str, base_path: str, origin: str = "") -> Target:
    """Resolve `ref` written on the file `page` (site path) of a site served at `base_path`."""
    parts = urlsplit(ref.strip())
    fragment = unquote(parts.fragment)
    scheme = parts.scheme.lower()
    if scheme in OTHER_SCHEMES or (scheme and scheme not in ("http", "https")):
        return Target(None)
    if parts.netloc:
        ours = origin and urlsplit(origin).netloc.lower() == parts.netloc.lower()
        same_scheme = not scheme or scheme == urlsplit(origin).scheme.lower()
        if not (ours and same_scheme):
            return Target(None)
        # A full URL of the site's own origin outside its base path is a deliberate link to
        # another part of that host (a main website), not a broken one.
        full_path = parts.path or "/"
        if not (full_path.startswith(base_path) or full_path + "/" == base_path):
            return Target(None)
    path = unquote(parts.path or ("/" if parts.netloc else ""))
    if path.startswith("/"):
        segments = _normalise(path.split("/")[1:]) or [""]
        absolute = "/" + "/".join(segments)
        if absolute + "/" == base_path:
            absolute += "/"
        if not absolute.startswith(base_path):
            return Target("", fragment, f"points outside the base path {base_path}")
        return Target(absolute[len(base_path) :], fragment)
    if not path:
        return Target(page, fragment)
    page_dir = posixpath.dirname(page)
    segments = _normalise((page_dir.split("/") if page_dir else []) + path.split("/"))
    if segments is None:
        return Target("", fragment, f"climbs above the base path {base_path}")
    return Target("/".join(segments), fragment)


class Site:
    """The built folder, read lazily: files, and the scan of each HTML page."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._scans: dict[str, Scan] = {}
        # A large site links the same few thousand files from half a million places.
        self._file_for = cache(self._find_file)

    def scan_all(self, pages: list[str]) -> None:
        """Scan `pages` now, on every core: parsing HTML is most of a check's time."""
        scans = map_indices(lambda i: self._read_scan(pages[i]), len(pages))
        self._scans.update(zip(pages, scans, strict=True))

    def file_for(self, path: str) -> tuple[str | None, bool]:
        """(existing file, whether the link lacks a folder's trailing slash) for a site path."""
        return self._file_for(path)

    def _find_file(self, path: str) -> tuple[str | None, bool]:
        if path == "" or path.endswith("/"):
            candidate = path + "index.html"
            return (candidate if (self.folder / candidate).is_file() else None), False
        if (self.folder / path).is_file():
            return path, False
        if (self.folder / path / "index.html").is_file():
            return path + "/index.html", True
        return None, False

    def scan(self, file: str) -> Scan:
        known = self._scans.get(file)
        if known is None:
            known = self._scans[file] = self._read_scan(file)
        return known

    def _read_scan(self, file: str) -> Scan:
        return scan_html((self.folder / file).read_text("utf-8", errors="replace"))


def _check_ref(site: Site, page: str, ref: str, base_path: str, origin: str) -> list[Problem]:
    target = resolve(page, ref, base_path, origin)
    if target.path is None:
        return []
    if target.escapes:
        return [Problem(page, ref, target.escapes)]
    file, no_slash = site.file_for(target.path)
    if file is None:
        folder = target.path == "" or target.path.endswith("/")
        expected = target.path + "index.html" if folder else target.path
        return [Problem(page, ref, f"no such file: {expected}")]
    problems = []
    if no_slash:
        problems.append(
            Problem(page, ref, "links to a folder without its trailing slash", warning=True)
        )
    if _needs_anchor(target.fragment, file) and target.fragment not in site.scan(file).ids:
        problems.append(Problem(page, ref, f"no id `{target.fragment}` on {file}"))
    return problems


def _needs_anchor(fragment: str, file: str) -> bool:
    """Browsers scroll to the top for '#' and '#top'; ':~:' starts a text fragment."""
    return (
        bool(fragment)
        and file.endswith(".html")
        and fragment.lower() != "top"
        and not fragment.startswith(":~:")
    )


def _page_refs(site: Site, page: str, base_path: str, origin: str) -> tuple[str, list[str]]:
    """The path links on `page` are relative to (its <base href> or itself), and its refs."""
    scan = site.scan(page)
    if scan.base_href is None:
        return page, scan.refs
    base = resolve(page, scan.base_href, base_path, origin)
    if base.path is None or base.escapes:
        # Relative links all leave the site or are broken already; check only the rest.
        return page, [r for r in scan.refs if r.startswith("/") or "://" in r]
    return base.path, scan.refs


def _check_bundle(
    site: Site, page: str, source: str, bundle: str, base_path: str, origin: str
) -> list[Problem]:
    """The search bundle a script of `page` loads (`data-bundle`, resolved from `source` as
    search.js does) must hold Pagefind's files, or the search page finds nothing."""
    target = resolve(source, bundle, base_path, origin)
    if target.path is None:
        return []  # a bundle on another host is not this site's to check
    if target.escapes:
        return [Problem(page, bundle, target.escapes)]
    # As search.js's new URL("pagefind.js", bundle): without a trailing slash the bundle's
    # last segment is a file name, replaced.
    folder = posixpath.dirname(target.path)
    files = [posixpath.join(folder, name) for name in BUNDLE_FILES]
    missing = [file for file in files if site.file_for(file)[0] is None]
    if not missing:
        return []
    return [Problem(page, bundle, f"no such file: {', '.join(missing)}; {NO_SEARCH_INDEX}")]


def _is_relative(ref: str) -> bool:
    parts = urlsplit(ref.strip())
    return not (parts.scheme or parts.netloc or parts.path.startswith("/")) and bool(parts.path)


def check_pages(site: Site, base_path: str, origin: str) -> tuple[int, int, list[Problem]]:
    pages = sorted(
        p.relative_to(site.folder).as_posix()
        for p in site.folder.rglob("*.html")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(site.folder).parts)
    )
    site.scan_all(pages)
    links = 0
    problems: list[Problem] = []
    for page in pages:
        source, refs = _page_refs(site, page, base_path, origin)
        for ref in refs:
            links += 1
            if page == NOT_FOUND_PAGE and _is_relative(ref):
                problems.append(
                    Problem(
                        page,
                        ref,
                        "404.html is served at any missing address, so a relative link breaks "
                        f"there; start it with the base path {base_path}",
                    )
                )
                continue
            problems += _check_ref(site, source, ref, base_path, origin)
        for bundle in site.scan(page).bundles:
            links += 1
            problems += _check_bundle(site, page, source, bundle, base_path, origin)
    for css in sorted(site.folder.rglob("*.css")):
        page = css.relative_to(site.folder).as_posix()
        for ref in css_refs(css.read_text("utf-8", errors="replace")):
            links += 1
            problems += _check_ref(site, page, ref, base_path, origin)
    return len(pages), links, problems


def crawler_urls(folder: Path) -> list[tuple[str, str]]:
    """(file, absolute URL) of every sitemap <loc>, feed link and robots.txt Sitemap line."""
    found: list[tuple[str, str]] = []
    robots = folder / "robots.txt"
    if robots.is_file():
        for line in robots.read_text("utf-8", errors="replace").splitlines():
            name, _, value = line.partition(":")
            if name.strip().lower() == "sitemap" and value.strip():
                found.append(("robots.txt", value.strip()))
    for name in ("sitemap.xml", "feed.xml"):
        if not (folder / name).is_file():
            continue
        try:
            root = ET.parse(folder / name).getroot()
        except ET.ParseError as exc:
            found.append((name, f"(not well-formed XML: {exc})"))
            continue
        found += [(name, (e.text or "").strip()) for e in root.iter(SITEMAP_NS + "loc")]
        found += [(name, e.get("href", "")) for e in root.iter(ATOM_NS + "link")]
    return found


def check_crawler_files(site: Site, base_path: str, origin: str) -> tuple[int, list[Problem]]:
    """Sitemaps, feeds and robots.txt must use full URLs, of this site, that answer."""
    problems: list[Problem] = []
    urls = crawler_urls(site.folder)
    for file, url in urls:
        parts = urlsplit(url)
        if not (parts.scheme in ("http", "https") and parts.netloc):
            problems.append(Problem(file, url, "crawlers and feed readers need a full URL here"))
            continue
        here = f"{parts.scheme}://{parts.netloc}"
        if origin and here.lower() != origin.lower():
            problems.append(Problem(file, url, f"is not on the site's origin {origin}"))
            continue
        problems += _check_ref(
            site, file, parts._replace(scheme="", netloc="").geturl(), base_path, ""
        )
    return len(urls), problems


def built_base_path(folder: Path) -> str | None:
    """The base path the home page was built for, read from its canonical link."""
    home = folder / "index.html"
    if not home.is_file():
        return None
    for tag in re.findall(r"<link\b[^>]*>", home.read_text("utf-8", errors="replace")):
        if re.search(r"\brel=[\"']?canonical\b", tag):
            href = re.search(r"\bhref=[\"']?([^\"'\s>]*)", tag)
            return urlsplit(href.group(1)).path if href else None
    return None


def check_site(folder: Path, base_path: str = "/", origin: str = "") -> CheckReport:
    """Every problem a crawler of `folder`, served at `origin` + `base_path`, would meet."""
    if not (folder / HOME_PAGE).is_file():
        # A crawler starts at the home page; without one this is an empty folder, the sources
        # or the folder above the build, and checking its files would only report noise.
        return CheckReport(0, 0, (Problem(".", HOME_PAGE, NO_SITE),))
    site = Site(folder)
    built = built_base_path(folder)
    if built is not None and built != base_path:
        problem = Problem(
            "index.html",
            built,
            f"the site was built for the base path {built}, not {base_path}; "
            f"check it with --base-url {built}",
        )
        return CheckReport(0, 0, (problem,))
    pages, links, problems = check_pages(site, base_path, origin)
    crawled, more = check_crawler_files(site, base_path, origin)
    return CheckReport(pages, links + crawled, tuple(sorted(set(problems + more))))
