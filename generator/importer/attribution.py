"""How well the importer attributes turns, against hand-checked expected files.

`<article>.expected.yaml` beside an article lists every turn in order as
`[speaker, first words]`, plus speakers, themes and quotes (see docs/importing.md). The
share of expected turns that the importer starts at the right place with the right speaker
is the figure to follow over time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.errors import SiteError
from generator.importer.parsed import ImportedTurn, ParsedEvent

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Score:
    article: str
    expected: int
    right: int
    misses: tuple[str, ...]  # what went wrong, one line each

    @property
    def share(self) -> float:
        return self.right / self.expected if self.expected else 1.0


def expected_path(article: Path) -> Path:
    """`talk.txt` -> `talk.expected.yaml` beside it."""
    return article.with_name(article.name.split(".")[0] + ".expected.yaml")


def load_expected(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise SiteError(
            path, "no expected file", hint="write the turns as `[speaker, first words]`"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise SiteError(path, "YAML syntax error", line, "quote text with `:` or `?`") from None
    if not isinstance(data, dict) or not isinstance(data.get("turns"), list):
        raise SiteError(path, "expected a mapping with a `turns:` list", 1)
    return data


def _flat(text: str) -> str:
    return _SPACE.sub("", text)


def _opening(turn: ImportedTurn) -> str:
    return _flat("".join(p.text for p in turn.spoken))


def score(name: str, parsed: ParsedEvent, expected: dict[str, Any]) -> Score:
    """An expected turn is right when a parsed turn begins with its first words and has its
    speaker; a turn merged into the previous one, or given to someone else, is wrong."""
    right = 0
    misses = []
    openings = [(_opening(turn), turn.speaker) for turn in parsed.turns]
    for speaker, words in expected["turns"]:
        start = _flat(str(words))
        found = [who for text, who in openings if text.startswith(start)]
        if str(speaker) in found:
            right += 1
        elif found:
            misses.append(f"{words!r}: given to {found[0]}, expected {speaker}")
        else:
            misses.append(f"{words!r} ({speaker}): no turn starts here")
    return Score(name, len(expected["turns"]), right, tuple(misses))


def format_scores(scores: list[Score]) -> str:
    lines = ["Turn attribution against expected files:"]
    for item in scores:
        lines.append(
            f"  {item.article}: {item.right}/{item.expected} turns right ({item.share:.1%})"
        )
        lines += [f"      {miss}" for miss in item.misses]
    total = sum(s.expected for s in scores)
    right = sum(s.right for s in scores)
    share = right / total if total else 1.0
    lines.append(f"Overall: {right}/{total} turns attributed right ({share:.1%})")
    return "\n".join(lines)
