"""The importer: a raw scraped article in, an editable event folder out.

`import_article` is what the CLI calls; `parse_article` is the pure part, for tests and tools.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.errors import SiteError
from generator.importer.accounting import account
from generator.importer.decode import decode
from generator.importer.duplicates import compare, known_speakers
from generator.importer.hints import Hints, hints_from_event, read_hints
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
from generator.importer.source import Article, read_article
from generator.importer.writer import EVENT, check_target, fallback_title, write_event
from generator.slugs import SAFE_SLUG, slugify

__all__ = [
    "DroppedLine",
    "Hints",
    "ImportReport",
    "ImportedSpeaker",
    "ImportedTheme",
    "ImportedTurn",
    "Paragraph",
    "ParsedEvent",
    "attribution_report",
    "decode",
    "import_article",
    "parse_article",
    "read_article",
]

_TITLE_SLUG_WORDS = 6


def _default_slug(parsed: ParsedEvent, stem: str) -> str:
    # A guessed title (see writer.fallback_title) is not used: the file name is steadier.
    return slugify(parsed.title, max_words=_TITLE_SLUG_WORDS) or slugify(stem) or "event"


def _check_slug(slug: str | None) -> None:
    if slug is not None and not SAFE_SLUG.match(slug):
        raise SiteError(
            None,
            f"invalid slug {slug!r}",
            hint="use lowercase ASCII letters, digits and single hyphens, e.g. haidian-ai-salon",
        )


def parse_source(article: Article, hints: Hints | None = None) -> ParsedEvent:
    found = dict(article.found)
    if article.url:
        found.setdefault("url", article.url)
    parsed = parse_article(article.text, hints, found)
    if article.url and not parsed.metadata.get("source_url"):
        parsed.metadata["source_url"] = article.url
    return parsed


def _only_given(parsed: ParsedEvent, given: Hints) -> ParsedEvent:
    """Only the unused hints of the hints file the editor passed. What event.yaml declares
    (merged in on --force) is left out: its aliases may be there on purpose, to join a
    speaker across events, and need not start a line of this article."""
    entries = given.entries()
    unused = tuple(u for u in parsed.unused_hints if (u.key, u.value) in entries)
    return replace(parsed, unused_hints=unused)


def import_article(
    article: Path | str,
    content_dir: Path,
    slug: str | None = None,
    force: bool = False,
    dry_run: bool = False,
    hints_file: Path | None = None,
) -> ImportReport:
    """Import one article (a file path or an http(s) URL) into `content_dir/events/<slug>/`.

    With `force`, what an editor declared in the existing event.yaml (speakers, roles,
    aliases, moderator, slugs, facts) is honoured. Raises SiteError for a missing or
    undecodable article, a bad slug or hints file, an article without speaker turns, or an
    existing event folder (unless `force`).
    """
    _check_slug(slug)
    source = read_article(article)
    given = read_hints(Path(hints_file)) if hints_file else Hints()
    hints = given
    parsed = parse_source(source, hints)
    slug = slug or _default_slug(parsed, source.stem)
    event_dir = Path(content_dir) / "events" / slug
    warnings: list[str] = []
    notes: list[str] = []
    declared = event_dir / EVENT
    if force and declared.is_file():
        hints = hints.merged(hints_from_event(declared))
        parsed = parse_source(source, hints)
        notes.append(f"honoured what {declared} declares (speakers, roles, aliases, facts)")
        parsed = _only_given(parsed, given)
    if not parsed.metadata.get("title"):
        guess = fallback_title(parsed)
        warnings.append(
            f"no title found: event.yaml's title is the first sentence {guess!r}, please check"
            if guess
            else "no title found: event.yaml's title is empty, please fill it in"
        )
    if not parsed.metadata.get("date"):
        warnings.append("no date found: event.yaml's date is empty, please fill it in")
    merges, duplicates = compare(parsed.speakers, known_speakers(content_dir, skip=event_dir))
    warnings += duplicates
    notes += merges
    accounting = account(parsed, source.text)
    report = ImportReport(
        article=Path(source.name) if not source.url else source.name,  # type: ignore[arg-type]
        slug=slug,
        event_dir=event_dir,
        parsed=parsed,
        dry_run=dry_run,
        warnings=tuple(warnings),
        source=source.describe(),
        notes=tuple(notes),
        accounting=accounting,
    )
    if dry_run:
        if event_dir.exists() and not force:
            report = report.with_warning(f"{event_dir} exists: a real import needs --force")
        return report
    if not parsed.turns:
        raise SiteError(
            source.name,
            "found no speaker turns in the article",
            hint="each turn must start on its own line with the speaker's name and a colon, "
            "e.g. `张三：…`; the same name must start at least two lines, or be declared in a "
            "hints file (--hints)",
        )
    check_target(event_dir, force)
    written = write_event(event_dir, source.source_files(), parsed, force)
    return report.with_written(tuple(written))


def attribution_report(articles: list[str | Path]) -> tuple[str, float]:
    """For `--report-only`: each article's share of turns attributed right against its
    `<name>.expected.yaml`, and the overall share. Writes nothing."""
    from generator.importer.attribution import (
        expected_path,
        format_scores,
        load_expected,
        score,
    )

    scores = []
    for name in articles:
        source = read_article(name)
        expected = load_expected(expected_path(Path(str(name))))
        scores.append(score(Path(str(name)).name, parse_source(source), expected))
    total = sum(s.expected for s in scores)
    share = sum(s.right for s in scores) / total if total else 1.0
    return format_scores(scores), share
