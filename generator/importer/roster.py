"""Which labels are speakers, and who each one is.

Labels are gathered from every line; a label is a speaker when it recurs, is a listed guest,
is declared by the editor, carries a role or title (`张三（…）：`, `主持人 李四：`), is a Q/A or
host word, or is a person's name that the article mentions elsewhere. Short forms (surname,
given name, English name, `JANE DOE` for `Jane Doe`) become aliases of the full name, and
`问`/`答`, `Q`/`A` are named after the interviewer and the interviewee where the article says.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

from generator.importer.guests import Guest
from generator.importer.hints import HintEntry, Hints
from generator.importer.labels import (
    ANSWER,
    AUDIENCE,
    HOST,
    NAME,
    QUESTION,
    Label,
    is_latin_name,
)
from generator.importer.names import is_person_like, short_form_of, title_case
from generator.importer.parsed import Unsure


@dataclass
class Roster:
    names: dict[str, str] = field(default_factory=dict)  # label key -> speaker name
    aliases: dict[str, list[str]] = field(default_factory=dict)  # speaker -> other labels
    roles: dict[str, str] = field(default_factory=dict)
    hosts: set[str] = field(default_factory=set)
    # Speakers from the floor (`Audience member:`, `张三（观众）：`): never the moderator.
    audience: set[str] = field(default_factory=set)
    unsure: list[Unsure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    matched_hints: set[HintEntry] = field(default_factory=set)  # for the report's unused

    def speaker(self, key: str) -> str | None:
        return self.names.get(key)

    def alias(self, key: str, name: str) -> None:
        self.names[key] = name
        if key != name and key not in self.aliases.setdefault(name, []):
            self.aliases[name].append(key)


@dataclass(frozen=True)
class Seen:
    """Every label found at the start of a line of the body, with its line number."""

    labels: list[tuple[int, Label]]
    mentions: Counter[str]  # fused-only labels (a publication after a heading) by key

    def counts(self) -> Counter[str]:
        counts = Counter(label.key for _, label in self.labels)
        counts.update(self.mentions)
        return counts

    def first(self) -> dict[str, tuple[int, Label]]:
        found: dict[str, tuple[int, Label]] = {}
        for number, label in self.labels:
            found.setdefault(label.key, (number, label))
        return found


def build_roster(
    seen: Seen,
    guests: list[Guest],
    hints: Hints,
    facts: dict[str, str],
    text_elsewhere: str,
) -> Roster:
    """Decide the speakers. `facts` holds publisher/author/interviewee found in the head;
    `text_elsewhere` is the article without its label prefixes, to find names mentioned."""
    roster = Roster()
    declared = hints.labels()
    counts, first = seen.counts(), seen.first()
    guest_names = {g.name for g in guests}
    for guest in guests:
        roster.names[guest.name] = guest.name
        for alias in guest.aliases:
            roster.alias(alias, guest.name)
        if guest.role:
            roster.roles.setdefault(guest.name, guest.role)
        if guest.host:
            roster.hosts.add(guest.name)
    for label, name in declared.items():
        roster.alias(label, name)
    accepted: list[str] = []
    for key, count in seen.mentions.items():
        if not _refused(roster, hints, key) and key not in first and count >= 2:
            first[key] = (0, Label(key, key, ""))
    doubtful: list[str] = []
    for key, (number, label) in first.items():
        refused = _refused(roster, hints, key)
        if key in roster.names:
            accepted.append(key)
        elif hints.complete or refused:
            roster.unsure.append(Unsure(number, "label", f"{label.raw}:", "not a declared speaker"))
        elif _accept(key, label, counts[key], guest_names, text_elsewhere):
            accepted.append(key)
        else:
            doubtful.append(key)
    # Two passes: `SAMUEL OKAFOR:` once is settled by `OKAFOR:`, which is settled by the guest.
    for _ in range(2):
        for key in [k for k in doubtful if k not in accepted]:
            # `Peter Novak:` once, then `Peter:` again and again: the full name is a speaker;
            # `Kevin:` once after `Kevin Li` spoke or was listed: a short form of a speaker.
            shortened = is_person_like(key) and any(short_form_of(k, [key]) for k in accepted)
            longer = [k for k in [*roster.names, *accepted] if k != key]
            if shortened or short_form_of(key, longer):
                accepted.append(key)
    for key in doubtful:
        number, label = first[key]
        if key not in accepted and (len(key) > 1 or label.kind != NAME):
            roster.unsure.append(
                Unsure(number, "label", f"{label.raw}:", "appears once; read as text")
            )
    _name_labels(roster, accepted, first, guest_names, hints, facts)
    _full_names_from_text(roster, accepted, first, guest_names, text_elsewhere, hints)
    return roster


def _refused(roster: Roster, hints: Hints, key: str) -> bool:
    """Whether the editor said this label is no speaker (`not_speakers`). Noted as matched
    whether or not it changes the outcome: the label is there, so the entry was no typo."""
    if key not in hints.not_speakers:
        return False
    roster.matched_hints.add(("not_speakers", key))
    return True


def _accept(key: str, label: Label, count: int, guests: Collection[str], text: str) -> bool:
    if label.kind != NAME or label.role or label.title:
        return True
    if len(key) == 1:  # a surname alone is only ever a short form (handled below)
        return True
    if count >= 2 or key.casefold() in {g.casefold() for g in guests}:
        return True
    return is_person_like(key) and (label.bold or key in text)


def _is_name(label: Label) -> bool:
    return label.kind == NAME or bool(label.title)


def _name_labels(
    roster: Roster,
    accepted: list[str],
    first: dict[str, tuple[int, Label]],
    guests: Collection[str],
    hints: Hints,
    facts: dict[str, str],
) -> None:
    # Full names first, so that short forms and case variants can point at them.
    full = [k for k in accepted if _is_name(first[k][1]) and len(k) > 1]
    for key in full:
        if key in roster.names:
            continue
        same = next((n for n in roster.names.values() if n.lower() == key.lower()), None)
        roster.alias(key, same or title_case(key))
    for key in full:
        name = roster.names[key]
        label = first[key][1]
        if label.role and is_latin_name(label.role):
            roster.alias(label.role, name)
        elif label.role:
            roster.roles.setdefault(name, label.role)
        if label.title and label.kind in (HOST, QUESTION):
            roster.hosts.add(name)
        if label.kind == AUDIENCE:
            roster.audience.add(name)
    _short_forms(roster, accepted, first, guests)
    _function_words(roster, accepted, first, hints, facts)


def _short_forms(
    roster: Roster,
    accepted: list[str],
    first: dict[str, tuple[int, Label]],
    guests: Collection[str],
) -> None:
    """`张：`, `张总：`, `三丰：`, `Doe:`, `Jane:` after the full name -> aliases."""
    for key in accepted:
        number, label = first[key]
        if label.kind != NAME or roster.names.get(key) not in (None, key, title_case(key)):
            continue
        if key in guests:
            continue
        # Any label of another speaker may be the long form (`Kevin` of `Kevin Li`, an alias).
        longer = {k: n for k, n in roster.names.items() if n != roster.names.get(key)}
        longer.update({n: n for n in roster.names.values() if n != roster.names.get(key)})
        fits = {longer[k] for k in longer if short_form_of(key, [k])}
        if len(fits) != 1:
            if len(key) == 1:
                roster.names.pop(key, None)
                roster.unsure.append(
                    Unsure(number, "label", f"{label.raw}:", "a short form of no single speaker")
                )
            continue
        target = fits.pop()
        roster.aliases.pop(roster.names.get(key, ""), None)
        roster.alias(key, target)
        roster.notes.append(f"`{label.raw}:` (line {number}) read as a short form of {target}")


def _full_names_from_text(
    roster: Roster,
    accepted: list[str],
    first: dict[str, tuple[int, Label]],
    guests: Collection[str],
    text: str,
    hints: Hints,
) -> None:
    """`Dana:` throughout, and the introduction says `Host Dana Whitfield talks with…`: the
    speaker is Dana Whitfield (first mention), `Dana` an alias."""
    declared = hints.labels()
    taken = set(roster.names.values())
    for key in accepted:
        number, label = first[key]
        if label.kind != NAME or not re.fullmatch(r"[A-Z][a-z'’-]+", key):
            continue
        if key in guests or key in declared or roster.names.get(key) != key:
            continue
        found = set(re.findall(rf"\b{re.escape(key)} ((?:[a-z]{{2,3}} )?[A-Z][a-z'’-]+)\b", text))
        fulls = {f"{key} {surname}" for surname in found} - taken
        if len(fulls) == 1:
            full = fulls.pop()
            roster.aliases.pop(key, None)
            roster.alias(key, full)
            roster.alias(full, full)
            if key in roster.hosts:
                roster.hosts.discard(key)
                roster.hosts.add(full)
            roster.notes.append(f"`{label.raw}:` (line {number}) is {full}, as first mentioned")


def _function_words(
    roster: Roster,
    accepted: list[str],
    first: dict[str, tuple[int, Label]],
    hints: Hints,
    facts: dict[str, str],
) -> None:
    """Host, question and answer labels: the person they stand for, if the article says."""
    declared = hints.labels()
    for key in accepted:
        number, label = first[key]
        if _is_name(label):
            continue
        name: str | None
        if key in declared:
            name = declared[key]
        elif label.kind == ANSWER:
            name = _answerer(roster, facts)
            if name is None:
                roster.unsure.append(
                    Unsure(number, "answerer", f"{label.raw}:", "who answers is not named")
                )
        elif label.kind in (HOST, QUESTION):
            name = _asker(roster, label.kind, facts)
            if name is None and label.kind == QUESTION:
                # `记者：`/`Q:` with no byline or publication to name: the role word stands in
                # for a person, which the editor should name.
                roster.unsure.append(
                    Unsure(number, "asker", f"{label.raw}:", "who asks is not named")
                )
        else:
            name = None
        name = name or title_case(key)
        roster.alias(key, name)
        if label.kind in (HOST, QUESTION):
            roster.hosts.add(name)
        elif label.kind == AUDIENCE:
            roster.audience.add(name)
        if name != key:
            roster.notes.append(f"`{label.raw}:` (line {number}) is {name}")
    for name in hints.moderators:
        roster.hosts.add(roster.names.get(name, name))


def _asker(roster: Roster, kind: str, facts: dict[str, str]) -> str | None:
    hosts = sorted(roster.hosts)
    if len(hosts) == 1:
        return hosts[0]
    if kind == QUESTION:
        # The reporter who wrote the interview asked the questions; else the publication.
        return facts.get("author") or facts.get("publisher") or None
    return None


def _answerer(roster: Roster, facts: dict[str, str]) -> str | None:
    guests = [n for n in dict.fromkeys(roster.names.values()) if n not in roster.hosts]
    named = facts.get("interviewee")
    if named:
        return roster.names.get(named, named)
    return guests[0] if len(guests) == 1 else None
