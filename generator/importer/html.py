"""A saved web page -> its article's main text, via trafilatura (menus, footers and
sidebars are its job, not ours)."""

from __future__ import annotations

import trafilatura
from trafilatura.settings import use_config

# trafilatura gives up on "too short" articles and falls back to a baseline that joins all
# paragraphs into one line; a short panel recap is still an article.
_MIN_SIZE = "20"


def _config():
    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", _MIN_SIZE)
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", _MIN_SIZE)
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # signals only work in the main thread
    return config


def extract_main_text(html: str, url: str = "") -> tuple[str, dict[str, str]]:
    """(main text as Markdown-ish lines, {title, publisher, url, byline, date}
    from the page's metadata).

    Markdown output keeps what the parser relies on: one paragraph per line, headings as
    `#`, bold speaker labels as `**…**`.
    """
    config = _config()
    text = trafilatura.extract(
        html,
        url=url or None,
        output_format="markdown",
        include_formatting=True,
        include_comments=False,
        include_images=False,
        include_tables=True,
        config=config,
    )
    found: dict[str, str] = {}
    meta = trafilatura.extract_metadata(html, default_url=url or None)
    if meta is not None:
        # The byline (`记者 李明 2023-11-02`) is often outside the extracted text: the page's
        # metadata keeps it, for the parser to read the author and date from.
        pairs = (
            ("title", meta.title),
            ("publisher", meta.sitename),
            ("url", meta.url),
            ("byline", meta.author),
        )
        for key, value in pairs:
            if value:
                found[key] = value.strip()
        # trafilatura guesses a date when the page states none (a copyright year becomes
        # `2024-01-01`); only a date written in the page as such is a fact.
        if meta.date and meta.date in html:
            found["date"] = meta.date
    return (text or "").strip() + "\n", found
