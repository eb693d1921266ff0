"""The run-on guest list of a write-up, and who moderates."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from generator.importer.punctuation import HAN, normalise

_GENERIC_GUEST = rf"(?:^|(?<=[\s;；]))(?P<generic>[{HAN}]{{2,4}})"
_SENTENCE_END = re.compile(r"[。！？]|[.!?](?=\s|$)")
_CLOSERS = "”’\"')）」』】》 "
_MIN_GUESTS = 2
_MODERATOR_QUESTION_SHARE = 0.5


@dataclass(frozen=True)
class GuestList:
    guests: tuple[tuple[str, str], ...]  # (name, role) in the article's order
    remainder: str  # raw text fused after the last role (an editor's note, say)


def _name_pattern(labels: Collection[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(labels, key=len, reverse=True))
    label = f"(?P<label>{alternatives})|" if alternatives else ""
    return re.compile(rf"(?:{label}{_GENERIC_GUEST})\s*[,，]\s*")


def _first_label_inside(text: str, labels: Collection[str]) -> int | None:
    positions = [text.find(name, 1) for name in labels]
    positions = [p for p in positions if p > 0]
    return min(positions) if positions else None


def parse_guest_list(raw: str, labels: Collection[str]) -> GuestList | None:
    """`姓名 , 角色 姓名 , 角色 …` as one run-on paragraph, read on the raw scraped text
    because the spaces between one role and the next name are the only separators.

    The last role runs straight into the next sentence; that sentence starts with another
    known label (the publication's or the moderator's name) or follows a full stop.
    """
    matches = list(_name_pattern(labels).finditer(raw))
    if len(matches) < _MIN_GUESTS or matches[0].start() != len(raw) - len(raw.lstrip()):
        return None
    guests: list[tuple[str, str]] = []
    remainder = ""
    for index, match in enumerate(matches):
        name = match["label"] or match["generic"]
        end = matches[index + 1].start() if index + 1 < len(matches) else len(raw)
        role = raw[match.end() : end]
        cut = _first_label_inside(role, labels)
        stop = _SENTENCE_END.search(role)
        if cut is None and stop is not None and index + 1 == len(matches):
            cut = stop.start()
            remainder = role[stop.end() :]
        elif cut is not None:
            remainder = raw[match.end() + cut :]
        if cut is not None:
            role = role[:cut]
        guests.append((name, normalise(role).strip(" ，,；;、。.")))
        if cut is not None:
            break
    return GuestList(tuple(guests), remainder.strip())


def is_question(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(("？", "?"))


def pick_moderators(
    turns: Iterable[tuple[str, bool]], guests: Collection[str], floor: Collection[str] = ()
) -> set[str]:
    """Speakers whose turns are mostly questions and who are not on the guest list.

    When the moderator is listed as a guest too, fall back to the single speaker who asks
    the most, if they ask in most of their turns. Speakers from the `floor` (`Audience
    member:`, `观众：`) ask questions because that is what the floor does: never moderators.
    """
    asked: Counter[str] = Counter()
    spoke: Counter[str] = Counter()
    for speaker, question in turns:
        if speaker in floor:
            continue
        spoke[speaker] += 1
        asked[speaker] += question
    share = {name: asked[name] / spoke[name] for name in spoke}
    hosts = {
        name
        for name, value in share.items()
        if name not in guests and value >= _MODERATOR_QUESTION_SHARE
    }
    if hosts or not share:
        return hosts
    ranked = sorted(share.items(), key=lambda item: item[1], reverse=True)
    best, value = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if value >= _MODERATOR_QUESTION_SHARE and value > runner_up and spoke[best] >= 2:
        return {best}
    return set()
