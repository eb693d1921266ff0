"""Event facts in English articles, from the conventions of English news writing.

A dateline on a line of its own (`March 14, 2024 — Portland, Oregon`,
`PORTLAND, Ore. — March 14, 2024`), a place after a verb of the event (`held in Toronto`,
`recorded in Manchester on …`, `We spoke in Porto on …`, `Recorded at X on …`), and a forum
named as such (`at the Riverside Media Week in Porto`, `at Newsfest 2024`, `…, Riverside Media
Week, held in …`). Only the shape of the text is used, never a list of places: a place is a
run of capitalised words where the sentence says where something happened, and when that is
not clear nothing is taken (a wrong place is worse than none).
"""

from __future__ import annotations

import re

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_MONTHS_LOWER = [
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
]
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
# `March 14, 2024`, `Mar. 14 2024`, `14 March 2024`, `Thursday, March 14, 2024`.
DATE = (
    rf"{_WEEKDAY}(?:(?P<mn>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})"
    rf"|(?P<d2>{_DAY})\s+(?P<mn2>{_MONTH}),?\s+(?P<y2>{_YEAR}))"
)
_DATE = re.compile(rf"\b{DATE}\b")

# One word of a place name: `Portland`, `Stratford-upon-Avon`, `Xi'an`; lowercase particles
# inside a name (`Rio de Janeiro`).
_WORD = r"[A-Z][a-z]+(?:[-'’][A-Za-z]+)*"
_NAME = rf"{_WORD}(?:\s+(?:(?:de|da|do|dos|del|la|el)\s+)?{_WORD}){{0,3}}"
# The region after a comma: `Oregon`, `Ore.`, `OR`, `New South Wales`.
_REGION = rf"(?:{_NAME}|[A-Z][a-z]{{1,4}}\.|[A-Z]{{2}})"
_PLACE = rf"{_NAME}(?:,\s+{_REGION})?"
# Where a place phrase may end in running text.
_PLACE_END = r"(?=\s*[,.;:!?)*_]|\s+(?:on|in|at|during|for|last|this|earlier|and)\b|\s*$)"
# Capitalised words that start a sentence or name a time or a language, not a place.
_NOT_PLACE_WORD = re.compile(
    rf"^(?:{_MONTH}|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|The|A|An|This|That|These|Those|"
    r"Our|Their|His|Her|Its|My|We|I|It|He|She|They|Spring|Summer|Autumn|Fall|Winter|"
    r"English|French|German|Dutch|Greek|Arabic|Hebrew|Latin|Hindi|Urdu|Korean|Thai|"
    r"Mandarin|Cantonese|Person|Public|Private|Print|Part|Episode|Studio|Room|Hall)$"
    r"|(?:ish|ese)$"
)

_EVENT_WORD = (
    r"(?:Week|Festival|Fest|Forum|Summit|Conference|Congress|Symposium|Expo|Convention|"
    r"Fair|Days|Showcase|Meetup|Camp|Colloquium)"
)
_CAP = r"[A-Z][\w&'’.-]*"
_FORUM_NAMED = re.compile(
    rf"(?:^|(?<=[,:;(—–])\s*|\b(?:at|during|for|of|from)\s+(?:the\s+)?)"
    rf"(?P<forum>(?:{_YEAR}\s+)?(?:{_CAP}\s+){{1,5}}{_EVENT_WORD}"
    rf"(?:\s+(?:of|on|for)\s+(?:{_CAP}\s+){{0,3}}{_CAP})?(?:\s+{_YEAR})?)\b",
    re.MULTILINE,
)
# `at Newsfest 2024`: a name and its year after a preposition.
_FORUM_YEAR = re.compile(
    rf"\b(?:at|during|from)\s+(?:the\s+)?(?P<forum>(?:{_CAP}\s+){{0,3}}{_CAP}\s+{_YEAR})\b"
)
_NOT_FORUM_START = re.compile(
    rf"^(?:{_MONTH}|The|A|An|This|That|Last|Next|Each|Every|Our|Their|His|Her|Its|My|In|On|At)$"
)

_EVENT_VERB = r"(?:held|took\s+place|recorded|taped|filmed|staged|convened|met|spoke|talked)"
_VERB_IN = re.compile(rf"\b{_EVENT_VERB}(?:\s+live)?\s+in\s+(?P<place>{_PLACE}){_PLACE_END}")
_IN_ON_DATE = re.compile(rf"\bin\s+(?P<place>{_PLACE}),?\s+on\s+{DATE}")
_RECORDED_AT = re.compile(
    rf"\b(?:[Rr]ecorded|[Hh]eld|[Ff]ilmed|[Tt]aped|[Ss]taged)(?:\s+live)?\s+at\s+(?:the\s+)?"
    rf"(?P<venue>{_CAP}(?:\s+(?:(?:of|the|and|&)\s+)?{_CAP}){{0,5}})"
    rf"(?:(?:,|\s+in)\s+(?P<place>{_PLACE}))?,?\s+on\s+{DATE}"
)


def _month(name: str) -> int:
    return _MONTHS_LOWER.index(name.lower()[:3]) + 1


def english_date(text: str) -> str:
    """`YYYY-MM-DD` from the first English date in the text (month first or day first)."""
    match = _DATE.search(text)
    if not match:
        return ""
    month = match["mn"] or match["mn2"]
    day = match["d"] or match["d2"]
    year = match["y"] or match["y2"]
    day_number = int(re.sub(r"\D", "", day))
    if not 1 <= day_number <= 31:
        return ""
    return f"{year}-{_month(month):02d}-{day_number:02d}"


def _is_place(place: str) -> bool:
    words = place.replace(",", " ").split()
    return bool(words) and not _NOT_PLACE_WORD.search(words[0].rstrip("."))


# A dateline on a line of its own: a date and a place (`City, Region`, the city perhaps in
# capitals: `PORTLAND, Ore.`), in either order, between a dash, a bar or a middle dot (or a
# comma, place first); or the date alone. A lone `LONDON` could as well be `UPDATE`.
_SEPARATOR = r"\s*(?:[—–|·•]|--?)\s*"
_CITY_REGION = (
    rf"(?P<place>(?:{_NAME}|[A-Z]{{3,}}(?:\s+[A-Z]{{3,}}){{0,2}}),\s+(?:{_REGION}|[A-Z]{{3,}}))"
)
_DATELINES = (
    re.compile(rf"^{DATE}$"),
    re.compile(rf"^{DATE}{_SEPARATOR}{_CITY_REGION}\.?$"),
    re.compile(rf"^{_CITY_REGION}(?:{_SEPARATOR}|,\s+){DATE}\.?$"),
)


def _title_case_caps(place: str) -> str:
    """`PORTLAND, Ore.` -> `Portland, Ore.`: AP datelines set the city in capitals."""
    head, _, tail = place.partition(",")
    if head.isupper():
        head = " ".join(word.capitalize() for word in head.split())
    return head + ("," + tail if tail else "")


def parse_dateline(text: str) -> dict[str, str] | None:
    """`March 14, 2024 — Portland, Oregon` -> date and place; None unless the whole line is
    a dateline. A place without a region (`March 14, 2024 — Porto`) could as well be an
    author or a publication, so such a line is no dateline."""
    text = text.strip().strip("*_").strip()
    if len(text) > 80:
        return None
    for pattern in _DATELINES:
        match = pattern.match(text)
        if not match:
            continue
        date = english_date(text)
        if not date:
            return None
        facts = {"date": date}
        place = match.groupdict().get("place")
        if place:
            if not _is_place(place):
                return None
            facts["place"] = _title_case_caps(place.strip())
        return facts
    return None


def _forum(text: str) -> str:
    for pattern in (_FORUM_NAMED, _FORUM_YEAR):
        for match in pattern.finditer(text):
            forum = match["forum"].strip()
            first = re.sub(rf"^{_YEAR}\s+", "", forum).split()[0]
            if not _NOT_FORUM_START.match(first):
                return forum
    return ""


def english_facts(text: str, title: str = "") -> dict[str, str]:
    """Place and forum that an English introduction (or, for the forum, the title) states."""
    facts: dict[str, str] = {}
    forum = _forum(text) or _forum(title)
    if forum:
        facts["forum"] = forum
    for match in _RECORDED_AT.finditer(text):
        venue = match["venue"].strip()
        if re.search(rf"\b{_EVENT_WORD}\b", venue):
            facts.setdefault("forum", venue)
            place = match["place"] or ""
        else:
            place = venue + (f", {match['place']}" if match["place"] else "")
        if place and _is_place(place):
            facts["place"] = place
            return facts
    for pattern in (_VERB_IN, _IN_ON_DATE):
        for match in pattern.finditer(text):
            if _is_place(match["place"]):
                facts["place"] = match["place"]
                return facts
    if forum:
        # `at the Riverside Media Week in Porto`, `Newsfest 2024 in Manchester`
        after = re.search(rf"{re.escape(forum)},?\s+in\s+(?P<place>{_PLACE}){_PLACE_END}", text)
        if after and _is_place(after["place"]):
            facts["place"] = after["place"]
    return facts


# Words that cannot be part of a role written before a name: articles, possessives, verbs of
# speaking and meeting, prepositions (`thanks to the brilliant Raj Patel` gives no role).
_NOT_ROLE_WORDS = frozenset(
    re.split(
        r"\s+",
        "a an the this that these those our their his her my its your to of for from in on at by "
        "with and or but is was are were be been being has have had do does did said says say "
        "told tells asked asks thanks thanked welcome welcomes welcomed met meets joined joins "
        "talks talked talk speaks spoke speak interviews interviewed hosts hosted host also then "
        "now later both all who whom whose which what when where dear",
    )
)
_ROLE_BEFORE = (
    r"(?:\b(?:with|and|by|featuring)\s+|[,;:&]\s+)"
    r"(?P<role>[a-z][a-z-]*(?: [a-z][a-z-]*){{0,2}}) {name}\b"
)


def role_before_name(name: str, text: str) -> str:
    """`… talks with historian Raj Patel and engineer Claire Dubois`: the lowercase words
    between `with`/`and`/a comma and a speaker's full name are their role. Only a full name
    (two words or more) is looked for, and the first mention decides; nothing when the words
    could be anything but a role (`with the brilliant Raj Patel`)."""
    if len(name.split()) < 2:
        return ""
    match = re.search(_ROLE_BEFORE.format(name=re.escape(name)), text)
    if not match:
        return ""
    words = match["role"].split()
    if any(word in _NOT_ROLE_WORDS for word in words):
        return ""
    return match["role"]
