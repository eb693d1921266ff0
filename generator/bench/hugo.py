"""The same pages as a Hugo site, so both generators build identical Markdown in one run."""

from __future__ import annotations

import shutil
from pathlib import Path

CONFIG = """baseURL = "/"
languageCode = "zh-cn"
title = "bench"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[markup.goldmark.renderer]
unsafe = false
"""
BASEOF = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="/style.css"></head>
<body><header><a href="/">bench</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>
"""
SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}"""
LIST = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}"""


def hugo_available() -> str | None:
    return shutil.which("hugo")


def _front_matter(title: str) -> str:
    return "---\ntitle: " + title.replace('"', "'").join('""') + "\n---\n\n"


def _strip_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[end + 5 :]
    return text


def emit_hugo_site(huikan_root: Path, huikan_output: Path, target: Path) -> int:
    """Write a Hugo site with one Markdown page per event, speaker and theme; returns pages."""
    if target.exists():
        shutil.rmtree(target)
    layouts = target / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (target / "config.toml").write_text(CONFIG, "utf-8")
    (layouts / "baseof.html").write_text(BASEOF, "utf-8")
    (layouts / "single.html").write_text(SINGLE, "utf-8")
    (layouts / "list.html").write_text(LIST, "utf-8")
    content = target / "content"
    pages = 0
    for event_dir in sorted((huikan_root / "content" / "events").iterdir()):
        transcript = (event_dir / "transcript.md").read_text("utf-8")
        page = content / "events" / event_dir.name / "_index.md"
        page.parent.mkdir(parents=True)
        page.write_text(_front_matter(event_dir.name) + transcript, "utf-8")
        pages += 1
    for markdown in sorted(huikan_output.glob("**/index.md")):
        relative = markdown.parent.relative_to(huikan_output)
        text = markdown.read_text("utf-8")
        title = relative.name
        page = content / relative / "index.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(_front_matter(title) + _strip_front_matter(text), "utf-8")
        pages += 1
    return pages
