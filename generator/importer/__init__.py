"""The importer: a raw scraped article in, an editable event folder out.

`import_article` is what the CLI calls; `parse_article` is the pure part, for tests and tools.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import SiteError
from generator.importer.decode import decode
from generator.importer.parse import parse_article
from generator.importer.parsed import (
    DroppedLine,
    ImportedSpeaker,
    ImportedTheme,
    ImportedTurn,
    Paragraph,
    ParsedEvent,
)
from generator.importer.report import ImportReport
from generator.importer.writer import check_target, fallback_title, write_event
from generator.slugs import SAFE_SLUG, slugify

__all__ = [
    "DroppedLine",
    "ImportReport",
    "ImportedSpeaker",
    "ImportedTheme",
    "ImportedTurn",
    "Paragraph",
    "ParsedEvent",
    "import_article",
    "parse_article",
]

_TITLE_SLUG_WORDS = 6


def _default_slug(parsed: ParsedEvent, article: Path) -> str:
    # A guessed title (see writer.fallback_title) is not used: the file name is steadier.
    return slugify(parsed.title, max_words=_TITLE_SLUG_WORDS) or slugify(article.stem) or "event"


def import_article(
    article: Path,
    content_dir: Path,
    slug: str | None = None,
    force: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    """Import one article into `content_dir/events/<slug>/`.

    Raises SiteError for a missing or undecodable article, a bad slug, an article without
    speaker turns, or an existing event folder (unless `force`).
    """
    article = Path(article)
    if not article.is_file():
        raise SiteError(article, "article not found", hint="give the path of a UTF-8 text file")
    source = article.read_bytes()
    parsed = parse_article(decode(source, article))
    if slug is not None and not SAFE_SLUG.match(slug):
        raise SiteError(
            None,
            f"invalid slug {slug!r}",
            hint="use lowercase ASCII letters, digits and single hyphens, e.g. haidian-ai-salon",
        )
    slug = slug or _default_slug(parsed, article)
    event_dir = Path(content_dir) / "events" / slug
    warnings: list[str] = []
    if not parsed.metadata.get("title"):
        guess = fallback_title(parsed)
        warnings.append(
            f"no title found: event.yaml's title is the first sentence {guess!r}, please check"
            if guess
            else "no title found: event.yaml's title is empty, please fill it in"
        )
    if not parsed.metadata.get("date"):
        warnings.append("no date found: event.yaml's date is empty, please fill it in")
    if dry_run:
        if event_dir.exists() and not force:
            warnings.append(f"{event_dir} exists: a real import needs --force")
        return ImportReport(article, slug, event_dir, parsed, (), True, tuple(warnings))
    if not parsed.turns:
        raise SiteError(
            article,
            "found no speaker turns in the article",
            hint="each turn must start on its own line with the speaker's name and a colon, "
            "e.g. `张三：…`; the same name must start at least two lines",
        )
    check_target(event_dir, force)
    written = write_event(event_dir, source, parsed, force)
    return ImportReport(article, slug, event_dir, parsed, tuple(written), False, tuple(warnings))
