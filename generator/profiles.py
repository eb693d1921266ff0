"""content/speakers/<slug>.md -> Profile (front matter + Markdown bio)."""

from __future__ import annotations

from pathlib import Path

from generator.errors import SiteError, raise_all
from generator.model import Link, Profile, Source
from generator.readers import MarkedDict, read_text, split_front_matter
from generator.schema import Field, check_mapping, text
from generator.slugs import SAFE_SLUG

PROFILE_FIELDS = {"name": Field(str), "photo": Field(str), "links": Field(list)}
LINK_FIELDS = {"title": Field(str, required=True), "url": Field(str, required=True)}


def read_profile(path: Path) -> Profile:
    slug = path.stem
    if not SAFE_SLUG.match(slug):
        raise SiteError(
            path,
            f"speaker file name `{path.name}` is not a speaker slug",
            hint="name it after the speaker's slug, e.g. content/speakers/cai-xiongshan.md",
        )
    meta, body, _ = split_front_matter(read_text(path), path)
    errors = check_mapping(meta, path, PROFILE_FIELDS)
    links: list[Link] = []
    listed = meta.get("links")  # a single URL is one wrong type, reported once, not per letter
    for index, entry in enumerate(listed if isinstance(listed, list) else [], start=1):
        if not isinstance(entry, MarkedDict):
            errors.append(
                SiteError(
                    path, f"links item {index} needs `title:` and `url:`", meta.line_of("links")
                )
            )
            continue
        problems = check_mapping(entry, path, LINK_FIELDS, "links")
        errors += problems
        if not problems:
            links.append(Link(text(entry["title"]), text(entry["url"])))
    raise_all(errors)
    return Profile(
        slug=slug,
        name=text(meta.get("name")),
        bio=body.strip(),
        photo=text(meta.get("photo")),
        links=tuple(links),
        # Where its `name:` is, for a name that is not the speaker's.
        source=Source(path, meta.line_of("name") if "name" in meta else None),
    )


def read_profiles(folder: Path) -> dict[str, Profile]:
    if not folder.is_dir():
        return {}
    # Hidden files are editors' lock and backup files (Emacs' `.#name.md`), not speakers.
    paths = sorted(p for p in folder.glob("*.md") if not p.name.startswith("."))
    profiles = [read_profile(p) for p in paths]
    return {p.slug: p for p in profiles}
