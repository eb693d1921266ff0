"""`new`: a fresh site folder to import articles into (what `hugo new site` or `mkdocs new`
make): site.yaml with every setting explained, an empty content/, and a .gitignore for what
builds leave beside the sources."""

from __future__ import annotations

from pathlib import Path

from generator.errors import SiteError
from generator.strings import defaults_for

_SITE_YAML = """\
# Huikan site settings. Every key is optional: delete a line to get its default.
title: {title}
# The home page's description.
description: ''
# <html lang>, the language of the interface and of the search (zh-CN, en, …).
language: {language}
# Where the site is served: a path (/archive/) or a full URL (https://example.org/archive/).
base_url: /
# author: ''
# footer: ''                  # a line at the bottom of every page
# navigation:                 # extra links in the header
#   - title: About
#     url: /about/
# strings:                    # override any interface string, e.g.
#   search_placeholder: …
# markdown:
#   allow_html: false         # raw HTML in transcripts is shown as text unless true
# per_page: 50                # events, speakers or themes per list page
# feed_items: 50              # events in the Atom feed (0: all)
# speaker_page_kb: 60         # a speaker's page aims at this many KB; more goes to page 2, …
"""

# What builds leave beside the sources: the site, its staging and retired folders.
_GITIGNORE = "/output/\n/.output.*\n/.huikan-*\n"


def new_site(folder: Path, title: str | None = None, language: str = "zh-CN") -> list[Path]:
    """Make `folder` a site (it must be new or empty); the files and folders made, in order."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise SiteError(
            folder,
            "is not an empty folder",
            hint="`new` never writes over anything: name a new folder",
        )
    name = title or folder.resolve().name or defaults_for(language)["home"]
    made = [
        folder / "site.yaml",
        folder / ".gitignore",
        folder / "content" / "events",
        folder / "content" / "speakers",
    ]
    for path in made[2:]:
        path.mkdir(parents=True, exist_ok=True)
    (folder / "site.yaml").write_text(
        _SITE_YAML.format(title=_yaml_string(name), language=_yaml_string(language)), "utf-8"
    )
    (folder / ".gitignore").write_text(_GITIGNORE, "utf-8")
    return made


def _yaml_string(value: str) -> str:
    """`value` as a single-quoted YAML scalar (a title may hold `:` or `#`)."""
    return "'" + value.replace("'", "''") + "'"
