"""Turns as HTML, for the theme's `turns` macro (theme/templates/macros.html).

Every turn of an archive is printed on three pages or more, and through Jinja each costs a
dozen escapes, attribute lookups and loop steps: a sixth of a large archive's cold build. Here
the same markup is joined in Python, byte for byte what the Jinja version printed
(tests/test_turn_html.py renders both and compares them). A theme that wants other markup for
turns overrides the `turns` macro in its own macros.html; the Jinja version to start from is
docs/turns-macro.html.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import markupsafe
from markupsafe import Markup

from generator.strings import Derived, per_table


@lru_cache(maxsize=1 << 16)
def _escape(text: str) -> str:
    # The same entities as Jinja's autoescape (markupsafe), so the bytes do not change.
    return str(markupsafe.escape(text))


def _esc(value: Any) -> str:
    return _escape(value) if type(value) is str else str(markupsafe.escape(value))


def paragraphs_html(items: Sequence[Mapping[str, Any]]) -> str:
    """A turn's paragraphs (their HTML is already safe); captions marked as such."""
    return "".join(
        f'<p class="caption" data-pagefind-ignore>{p["html"]}</p>\n'
        if p["caption"]
        else p["html"] + "\n"
        for p in items
    )


def turns_html(
    items: Sequence[Mapping[str, Any]],
    site: Mapping[str, Any],
    heading: str = "h3",
    question: bool = False,
    transcript_link: bool = False,
    speaker: bool = True,
) -> Markup:
    """Turns in order (see the `turns` macro for what the options show)."""
    ui = _ui_strings(site["strings"])
    language = site["language"]
    level = _esc(heading)
    return Markup(
        "".join(_turn(t, ui, language, level, question, transcript_link, speaker) for t in items)
    )


_UI_KEYS = (
    "question",
    "moderator",
    "answers_to",
    "bracket_open",
    "bracket_close",
    "link_copied",
    "copy_link",
    "permalink",
    "in_transcript",
)
_ui_escaped: Derived = {}


def _ui_strings(strings: Mapping[str, str]) -> dict[str, str]:
    """The interface strings a turn prints, escaped once per strings table, not per turn."""
    return per_table(_ui_escaped, strings, lambda: {k: _esc(strings[k]) for k in _UI_KEYS})


def _asks(paragraphs: list[Mapping[str, Any]]) -> bool:
    """A host's turn is a question when it asks one: welcomes and thanks are not."""
    return any(not p["caption"] and ("?" in p["html"] or "？" in p["html"]) for p in paragraphs)


def _turn(
    t: Mapping[str, Any],
    s: Mapping[str, str],
    language: str,
    level: str,
    question: bool,
    transcript_link: bool,
    speaker: bool,
) -> str:
    """One turn; `s` holds the interface strings, escaped."""
    who = t["speaker"]
    foreign = t["lang"] and t["lang"] != language
    ui = f' lang="{language}"' if foreign else ""
    anchor, name = _esc(t["anchor"]), _esc(who["name"])
    asks = who["moderator"] and _asks(t["paragraphs"])
    parts = [
        '<article class="turn',
        " turn--question" if asks else "",
        '"',
        f' lang="{_esc(t["lang"])}"' if foreign else "",
        ">\n",
    ]
    if not speaker:
        parts.append(
            f'  <{level} class="turn__speaker visually-hidden" id="{anchor}">{name}</{level}>\n'
        )
    else:
        parts.append(
            f'  <header class="turn__header">\n    <{level} class="turn__speaker" id="{anchor}">'
            f'<a href="{_esc(who["url"])}">{name}</a></{level}>\n'
        )
        if who["moderator"]:
            role = f"{ui}>{s['question'] if asks else s['moderator']}"
            parts.append(f'    <span class="turn__role" data-pagefind-ignore{role}</span>\n')
        elif who["role"]:
            role = _esc(who["role"])
            parts.append(f'    <span class="turn__role" data-pagefind-ignore>{role}</span>\n')
        parts.append("  </header>\n")
    asked = t["question"]
    if question and asked:
        # The asker's name is the event's words inside the site's.
        asker = _esc(asked["speaker"])
        if foreign:
            asker = f'<span lang="{_esc(t["lang"])}">{asker}</span>'
        parts.append(
            '  <details class="turn__context" data-pagefind-ignore>\n'
            f"    <summary{ui}>{s['answers_to']}{s['bracket_open']}{asker}{s['bracket_close']}"
            "</summary>\n"
            '    <div class="turn__context-body">'
            f"{paragraphs_html(asked['paragraphs'])}</div>\n"
            "  </details>\n"
        )
    parts.append('  <div class="turn__body">\n')
    parts.append(paragraphs_html(t["paragraphs"]))
    parts.append(
        "  </div>\n"
        f'  <p class="turn__tools" data-pagefind-ignore{ui}>\n'
        f'    <a class="turn__permalink" href="#{anchor}" data-copy-link '
        f'data-copied="{s["link_copied"]}" title="{s["copy_link"]}">'
        f"{s['permalink']}</a>\n"
    )
    if transcript_link:
        parts.append(
            f'<a class="turn__in-transcript" href="{_esc(t["transcript_url"])}">'
            f"{s['in_transcript']}</a>"
        )
    parts.append("  </p>\n</article>\n")
    return "".join(parts)
