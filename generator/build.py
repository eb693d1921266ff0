"""build(config) -> BuildReport: read, check, render in memory, then write and index atomically."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from generator.assets import collect_assets
from generator.collect import collect_site
from generator.config import SiteConfig
from generator.fragments import render_fragments
from generator.markup import MarkdownRenderer
from generator.output import WriteStats, check_output_dir, publish
from generator.pages import PageSpec, plan
from generator.render import make_environment, render_template
from generator.search import BUNDLE_DIR, IndexReport, build_index
from generator.urls import markdown_path, output_file


@dataclass(frozen=True)
class BuildReport:
    pages: int  # HTML pages
    files: int  # every file written by the build, search index aside
    events: int
    speakers: int
    stats: WriteStats
    index: IndexReport | None
    seconds: float

    def summary(self) -> str:
        search = (
            f", search index {self.index.pages} pages in {self.index.seconds:.2f}s"
            if self.index
            else ", no search index"
        )
        return (
            f"Built {self.pages} pages ({self.events} events, {self.speakers} speakers): "
            f"{self.stats.written} files written, {self.stats.unchanged} unchanged, "
            f"{self.stats.removed} removed{search}, in {self.seconds:.2f}s"
        )


def render_specs(config: SiteConfig, specs: list[PageSpec]) -> dict[str, bytes]:
    """Every planned output as bytes, keyed by its path in the output folder."""
    env = make_environment(config)
    files: dict[str, bytes] = {}
    for spec in specs:
        if spec.data is not None:
            text = json.dumps(spec.data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            files[output_file(spec.path)] = text.encode("utf-8")
            continue
        assert spec.template is not None
        files[output_file(spec.path)] = render_template(env, spec.template, spec.context).encode()
        if spec.markdown_template:
            markdown = render_template(env, spec.markdown_template, spec.context)
            files[markdown_path(spec.path)] = markdown.encode("utf-8")
    return files


def build(config: SiteConfig, output: Path, search: bool = True) -> BuildReport:
    """Build the whole site into `output`; on any error the previous output is left untouched."""
    started = time.perf_counter()
    check_output_dir(output, config.root)
    site = collect_site(config)
    fragments = render_fragments(site, MarkdownRenderer(allow_html=config.allow_html))
    assets = collect_assets(config)
    specs = plan(config, site, fragments, assets.links)
    files = {**assets.files, **render_specs(config, specs)}
    index_report: list[IndexReport] = []

    def index(staging: Path) -> str:
        index_report.append(build_index(staging, config.language))
        return BUNDLE_DIR

    stats = publish(output, files, index if search else None)
    return BuildReport(
        pages=sum(1 for path in files if path.endswith(".html")),
        files=len(files),
        events=len(site.events),
        speakers=len(site.people),
        stats=stats,
        index=index_report[0] if index_report else None,
        seconds=time.perf_counter() - started,
    )
