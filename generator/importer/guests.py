"""Guest lists announced in the introduction, in the forms write-ups use:

    嘉宾：张三（A公司CEO）、李四（B大学教授）
    参与嘉宾包括张三，A公司CEO；李四，B大学教授。
    Panelists:
    - Jane Doe, chief archivist at the Harbour Library
    - Omar Haddad (Tidewater Studio)
    主持人：王五（某刊主编）

(The run-on paragraph `张三 , 角色 李四 , 角色` is `speakers.parse_guest_list`.)
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from generator.importer.labels import HOST, word_kind
from generator.importer.names import is_chinese_name, is_latin_full_name
from generator.importer.punctuation import HAN, normalise
from generator.roles import is_role_word

_ANNOUNCER = re.compile(
    r"^(?P<lead>.{0,40}?(?:嘉宾|主讲人|讲者|对话者|与会者|出席者|受访者|"
    r"[Pp]anell?ists?|[Ss]peakers|[Gg]uests|[Pp]articipants|[Ii]nterviewees?|[Oo]n the panel)"
    r"[^:：。.]{0,12}?)(?:[:：]|包括|有|为|是)\s*(?P<list>.*)$"
)
_HOST_LINE = re.compile(r"^(?:(?:主持人|主持|Moderator|Host|Chair)\s*[:：]|Moderated by\b)\s*")
_ITEM_MARK = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.、)）]|[（(]\d{1,2}[)）])\s*")
_SEPARATORS = " ，,：:；;—–-|｜/、。."
_ENTRY_SPLIT = re.compile(r"[；;\n]")
# After a closing bracket, a list separator starts the next guest: `张三（…）、李四（…）`.
_AFTER_BRACKET = re.compile(r"(?<=[)）])\s*[、，,]\s*")
_BRACKET_ROLE = re.compile(r"^(?P<name>[^（(]+?)\s*[（(](?P<role>[^()（）]+)[)）]\s*(?P<more>.*)$")
_SEPARATED = re.compile(r"^(?P<name>[^,，:：|｜—–]+?)\s*(?:[,，:：|｜]|——|—|–| - )\s*(?P<role>.+)$")
_SPACED = re.compile(rf"^(?P<name>[{HAN}]{{2,4}})\s+(?P<role>\S.*)$")
_LATIN_IN_BRACKETS = re.compile(r"^[（(](?P<alias>[A-Z][A-Za-z .'’-]{1,40})[)）]\s*[,，]?\s*")
_LATIN_LABEL = re.compile(r"^[A-Za-z][A-Za-z.'’-]*(?: [A-Za-z][A-Za-z.'’-]*)*$")
# A capitalised word joined to a name by one space: the name goes on (`Rafael` + ` Ortiz`).
_NAME_GOES_ON = re.compile(r"^ [A-Z][a-z'’-]+\b")
_NAME_WENT_BEFORE = re.compile(r"\b[A-Z][a-z'’-]+ $")


@dataclass(frozen=True)
class Guest:
    name: str
    role: str = ""
    aliases: tuple[str, ...] = ()
    host: bool = False


def is_announcer(text: str) -> re.Match[str] | None:
    match = _ANNOUNCER.match(text.strip())
    if match is None or re.search(r"[。！？!?]", match["lead"]):
        return None
    return match


def _person(name: str, known: Collection[str]) -> bool:
    # A role word (`Moderator`, `主持人`, `记者`) names a part, never the guest who plays it.
    if is_role_word(name):
        return False
    return name in known or is_chinese_name(name) or is_latin_full_name(name)


def _cuts_a_name(entry: str, name: str) -> bool:
    """Whether the known label `name` is only part of the English name the entry starts or
    ends with: `Rafael` in `Rafael Ortiz (Founder, CivicWire)`, `Ortiz` in `Founder Rafael
    Ortiz`. English names have spaces, so a label spoken once in short is no name boundary.
    Chinese entries have no spaces to go by and are left to the label."""
    if not _LATIN_LABEL.match(name):
        return False
    if entry.startswith(name):
        return bool(_NAME_GOES_ON.match(entry[len(name) :]))
    return bool(_NAME_WENT_BEFORE.search(entry[: -len(name)]))


def _known_guest(entry: str, known: Collection[str], host: bool) -> tuple[Guest | None, bool]:
    """(guest, whole): the guest a known label starts or ends the entry with; `whole` is False
    when the label is only part of a longer English name (see _cuts_a_name)."""
    for name in sorted(known, key=len, reverse=True):
        if is_role_word(name):
            continue  # `Moderator: Tom Baker, host` is about Tom Baker (see parse_host_line)
        if entry.startswith(name) or (entry.endswith(name) and len(entry) > len(name)):
            rest = entry[len(name) :] if entry.startswith(name) else entry[: -len(name)]
            return _guest(name, rest, host), not _cuts_a_name(entry, name)
    return None, True


def parse_entry(entry: str, known: Collection[str], host: bool = False) -> Guest | None:
    """One guest: `Name（Role）`, `Name，Role`, `Name — Role`, `张三 某公司CEO`, `Role Name`
    (when Name is a known label), or just `Name`."""
    entry = _ITEM_MARK.sub("", normalise(entry)).strip(" 。.;；,，:：")
    if not entry:
        return None
    labelled, whole = _known_guest(entry, known, host)
    if labelled is not None and whole:
        return labelled
    for pattern in (_BRACKET_ROLE, _SEPARATED, _SPACED):
        match = pattern.match(entry)
        if match and _person(match["name"].strip(), known):
            role = match["role"]
            if pattern is _BRACKET_ROLE:
                role = f"({role}){match['more']}"
            return _guest(match["name"].strip(), role, host)
    if labelled is not None:
        return labelled  # no structure names more than the label: keep the label's reading
    return Guest(entry, "", (), host) if _person(entry, known) else None


def _guest(name: str, rest: str, host: bool) -> Guest:
    """The role after the name, with an English name in brackets after a Chinese name taken
    as an alias (`张三（Tony Zhang）`); after an English name, brackets hold a role
    (`Jane Doe (Northwind)`)."""
    rest = rest.strip()
    aliases: tuple[str, ...] = ()
    alias = _LATIN_IN_BRACKETS.match(rest) if re.search(f"[{HAN}]", name) else None
    if alias is not None and not re.search(r"\b(?:CEO|CTO|COO|CFO|Inc|Ltd|Co)\b", alias["alias"]):
        aliases, rest = (alias["alias"].strip(),), rest[alias.end() :]
    elif rest.startswith(("(", "（")) and rest.endswith((")", "）")):
        rest = rest[1:-1]
    role = rest.strip(_SEPARATORS)
    is_host = host or word_kind(role) == HOST
    return Guest(name, "" if word_kind(role) == HOST else role, aliases, is_host)


def split_entries(text: str, known: Collection[str]) -> list[str]:
    """Entries split at `；`, new lines, and `、`/`，` after a closing bracket when a person
    follows (`张三（…）、李四（…）`, but not `李文博（Kevin Li），远帆资本合伙人`)."""
    parts: list[str] = []
    for chunk in _ENTRY_SPLIT.split(text):
        pieces = [p for p in _AFTER_BRACKET.split(chunk) if p.strip()]
        merged: list[str] = []
        for piece in pieces:
            if merged and parse_entry(piece, known) is None:
                merged[-1] = f"{merged[-1]}，{piece}"
            else:
                merged.append(piece)
        parts.extend(merged)
    return parts


def parse_announced(
    text: str, following: list[str], known: Collection[str]
) -> tuple[list[Guest], int] | None:
    """Guests after an announcing line (on it, or one per following line).

    Returns the guests and how many following lines were used; None if the line announces
    nothing or no entry reads as a person.
    """
    match = is_announcer(text)
    if match is None:
        return None
    host = bool(re.search(r"主持|[Mm]oderat|[Hh]ost", match["lead"]))
    inline = match["list"].strip()
    entries = split_entries(inline, known) if inline else []
    used = 0
    if not inline:
        for line in following:
            if _HOST_LINE.match(line.strip()):
                break  # `Moderator: …` after the guests is a host line, read on its own
            guest = parse_entry(line, known, host)
            if guest is None:
                break
            entries.append(line)
            used += 1
    guests = [g for g in (parse_entry(e, known, host) for e in entries) if g is not None]
    if not guests or len(guests) < len(entries) / 2:
        return None
    return guests, used


def parse_host_line(text: str, known: Collection[str]) -> Guest | None:
    """`主持人：王五（某刊主编）`, `Moderator: Jane Smith, editor` — a fact, not a turn: the
    rest is a person and no sentence."""
    match = _HOST_LINE.match(text.strip())
    if match is None:
        return None
    rest = text.strip()[match.end() :]
    if not rest or re.search(r"[。！？!?]$", rest) or len(rest) > 80:
        return None
    guest = parse_entry(rest, known, host=True)
    if guest is None or not _person(guest.name, known):
        return None
    return guest
