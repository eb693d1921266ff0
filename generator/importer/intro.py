"""The top of an article: title and byline lines, and the guest list in the introduction."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from generator.importer.byline import parse_byline
from generator.importer.english import parse_dateline
from generator.importer.guests import Guest, parse_announced, parse_host_line
from generator.importer.labels import NAME, read_label
from generator.importer.punctuation import normalise
from generator.importer.speakers import parse_guest_list
from generator.importer.themes import markdown_heading, split_fused_heading, standalone_heading
from generator.importer.turns import CleanLine


@dataclass
class Head:
    meta: dict[str, Any] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)  # line numbers used as metadata
    start: int = 0  # index in the clean lines where the body starts
    notes: list[str] = field(default_factory=list)


def read_head(lines: list[CleanLine], title: str | None) -> Head:
    """Title line and byline lines at the very top."""
    head = Head()
    for index, line in enumerate(lines):
        if line.caption:
            break
        byline = parse_byline(line.text)
        heading = markdown_heading(line.text)
        dateline = None if byline else parse_dateline(line.text)
        if byline and not (byline.keys() & head.meta.keys()):
            head.meta.update(byline)
        elif dateline and not (dateline.keys() & head.meta.keys()):
            # `March 14, 2024 — Portland, Oregon`: all metadata, so no introduction paragraph.
            head.meta.update(dateline)
            facts = ", ".join(f"{key} {value}" for key, value in dateline.items())
            head.notes.append(
                f"line {line.number} read as the dateline ({facts}); it is in event.yaml, "
                "not in the introduction"
            )
        elif index == 0 and not title and (heading or _title_shaped(line.text, lines)):
            following = lines[1].text if len(lines) > 1 else ""
            if read_label(following) is not None and heading is None:
                break  # a heading right before a turn is the first theme, not the title
            title = heading or line.text
        else:
            break
        head.lines.append(line.number)
        head.start = index + 1
    if title:
        head.meta["title"] = title
    return head


_MAX_TITLE = 80


def _title_shaped(text: str, lines: list[CleanLine]) -> bool:
    """A first line that is a title: a heading, or a short headline that may ask a question
    (`社区更新怎么做？居民议事会实录`) but does not end like a sentence — and is not the first
    turn (`主持人：欢迎…`, or a label that starts other lines too)."""
    text = text.strip()
    label = read_label(text)
    if label is not None:
        again = sum(
            1 for line in lines if (other := read_label(line.text)) and other.key == label.key
        )
        bracketed = label.role and label.raw.endswith(("）", ")"))
        if label.kind != NAME or bracketed or label.title or again > 1:
            return False
    if standalone_heading(text):
        return True
    return 0 < len(text) <= _MAX_TITLE and not text.endswith(("。", ".", "，", ",", "：", ":"))


@dataclass
class GuestFind:
    guests: list[Guest]
    used: dict[int, str]  # line number -> raw text used as metadata
    replace: dict[int, str] = field(default_factory=dict)  # line -> text kept (a fused note)


def _clean_key(text: str) -> str:
    return re.sub(r"\s+", "", normalise(text))


def find_guests(
    body: list[CleanLine], raw: dict[int, str], known: Collection[str], recurring: Collection[str]
) -> GuestFind | None:
    """The guest list before the first turn: the run-on `name , role name , role` paragraph,
    an announced list (`嘉宾：…`, `Panelists:` and a line per guest), or a host line."""
    guests: list[Guest] = []
    used: dict[int, str] = {}
    replace: dict[int, str] = {}
    index = 0
    while index < len(body):
        line = body[index]
        index += 1
        if line.caption or line.number in used:
            continue
        label = read_label(line.text)
        host = parse_host_line(line.text, known)
        if host is not None and not any(g.name == host.name for g in guests):
            guests.append(host)
            used[line.number] = raw[line.number]
            continue
        if (label and label.key in recurring) or split_fused_heading(line.text, recurring):
            break
        run_on = None if guests else parse_guest_list(raw[line.number], known)
        if run_on is not None:
            guests += [Guest(name, role) for name, role in run_on.guests]
            used[line.number] = raw[line.number]
            if run_on.remainder:
                replace[line.number] = normalise(run_on.remainder)
            _announcer(body, index - 2, used, raw)
            continue
        following = [raw[other.number] for other in body[index:] if not other.caption]
        if following and not guests and parse_guest_list(following[0], known) is not None:
            continue  # announces the run-on list on the next line
        announced = parse_announced(line.text, following, known)
        if announced is not None:
            found, count = announced
            guests += [g for g in found if all(g.name != other.name for other in guests)]
            used[line.number] = raw[line.number]
            for other in body[index : index + count]:
                used[other.number] = raw[other.number]
            index += count
    if not guests:
        return None
    return GuestFind(guests, used, replace)


def _announcer(
    body: list[CleanLine], index: int, used: dict[int, str], raw: dict[int, str]
) -> None:
    """The `…嘉宾有：` line right before a run-on guest list announces it."""
    if index < 0:
        return
    before = body[index]
    if before.text.endswith(("：", ":")) and not before.caption and before.number not in used:
        used[before.number] = raw[before.number]


def drop_repeated_title(body: list[CleanLine], title: str | None) -> list[int]:
    """Lines that repeat the article's title (a banner between sections, say)."""
    if not title:
        return []
    key = _clean_key(title)
    return [line.number for line in body if not line.caption and _clean_key(line.text) == key]
