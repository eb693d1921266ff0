"""The editor's hints that matched nothing, each with why, for the report.

An entry that matches nothing changes nothing, so a mistyped line number or a text copied
slightly wrong would otherwise fail without a word. What matched is recorded where the hints
are applied (noise in parse._clean, headings in turns.walk, labels in the resolver and the
roster, speakers and the moderator in parse._speakers); this module only names the rest.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from generator.importer.hints import DeclaredSpeaker, HintEntry, Hints
from generator.importer.parsed import BLANK, CAPTION, METADATA, NOISE, UnusedHint

_LINE_KEYS = ("headings", "not_headings", "noise")
# What a line became before the walk looks for headings: why a heading hint cannot apply.
_READ_AS = {
    METADATA: "metadata (title, byline, guest list)",
    NOISE: "noise (see Dropped)",
    BLANK: "a blank line",
    CAPTION: "a caption",
}
_NO_SUCH_TEXT = (
    "no line is this text (a text must be a whole line, exact but for spaces at both ends: "
    "copy it from source.txt, or give the line number)"
)


def unused_hints(
    hints: Hints,
    matched: Collection[HintEntry],
    lines: Mapping[int, str],
    uses: Mapping[int, Collection[str]],
) -> tuple[UnusedHint, ...]:
    """Every entry of `hints` not in `matched`, in the hints file's order of keys.
    `lines` are the article's lines by number, `uses` what each became."""
    found: list[UnusedHint] = []
    for speaker in hints.speakers:
        found += _unused_speaker(speaker, matched)
    for name in dict.fromkeys(hints.moderators):
        if ("moderator", name) not in matched:
            found.append(
                UnusedHint("moderator", name, "names no one who speaks (by name or label)")
            )
    for label in dict.fromkeys(hints.not_speakers):
        if ("not_speakers", label) not in matched:
            note = f"no line starts with `{label}:` read as a possible speaker: nothing to refuse"
            found.append(UnusedHint("not_speakers", label, note))
    for key in _LINE_KEYS:
        for value in dict.fromkeys(getattr(hints, key)):
            if (key, value) not in matched:
                found.append(UnusedHint(key, value, _line_note(value, lines, uses)))
    return tuple(found)


def _unused_speaker(speaker: DeclaredSpeaker, matched: Collection[HintEntry]) -> list[UnusedHint]:
    # A speaker with no turn at all is one finding; listing each of their aliases too would
    # only repeat it.
    if ("speakers", speaker.name) not in matched:
        also = " or an alias" if speaker.aliases else ""
        note = f"no turn starts with `{speaker.name}:`{also}, so they are not in the event"
        return [UnusedHint("speakers", speaker.name, note)]
    return [
        UnusedHint(
            "speakers",
            alias,
            f"alias of {speaker.name}: no turn starts with `{alias}:`",
        )
        for alias in dict.fromkeys(speaker.aliases)
        if ("speakers", alias) not in matched
    ]


def _line_note(
    value: int | str, lines: Mapping[int, str], uses: Mapping[int, Collection[str]]
) -> str:
    """Why a line entry matched no line. A number or text of a line that exists can only miss
    for `headings`/`not_headings`: noise hints are checked on every line, headings only on
    the lines left once noise and metadata are taken out."""
    if isinstance(value, int):
        if not 1 <= value <= len(lines):
            return f"the article has {len(lines)} lines, numbered from 1 as in source.txt"
        number: int | None = value
    else:
        number = next((n for n, text in lines.items() if text.strip() == value), None)
        if number is None:
            return _NO_SUCH_TEXT
    read_as = " and ".join(_READ_AS.get(kind, kind) for kind in uses.get(number, ()))
    return f"line {number} was read as {read_as or 'something else'} before themes are looked for"
