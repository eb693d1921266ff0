"""The byline at the top of an article and the event facts stated in its introduction.

Only generic patterns of news writing are used: `X 发自 Y`, `Publication | channel`,
`2025…论坛`, `“…”平行论坛`, `由…承办`, `在…一场`, dates.
"""

from __future__ import annotations

import re
from typing import Any

from generator.importer.english import english_date, english_facts
from generator.importer.names import is_person_like

_AUTHOR_SENT_FROM = re.compile(r"^(?P<author>[^\s|｜]{1,16})\s*发自\s*(?P<sent_from>\S{1,20})$")
# Capitalised words only, so that a first sentence such as "By design, we…" is not a byline.
_AUTHOR_LATIN = re.compile(r"^(?:By|BY)\s+(?P<author>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})$")
_AUTHOR_CN_LABELLED = re.compile(
    r"^(?:文|作者|撰文|记者)\s*[|｜:：/]\s*(?P<author>[^|｜,，。;；]{1,40})$"
)
_PUBLISHER = re.compile(r"^(?P<publisher>[^|｜]{1,24}?)\s*[|｜]\s*(?P<channel>[^|｜]{1,40})$")

_EVENT = r"论坛|峰会|大会|年会|博览会|研讨会|Forum|Summit|Conference"
_FORUM = re.compile(
    rf"(?P<forum>(?:19|20)\d{{2}}年?[^\s，。；、“”\"「」《》：:]{{1,24}}?(?:{_EVENT}))"
)
_FORUM_LATIN = re.compile(
    r"(?P<forum>(?:19|20)\d{2} (?:[A-Z][\w&-]* ){0,5}(?:Forum|Summit|Conference|Festival))"
)
_SESSION = re.compile(
    r"[“\"「『](?P<session>[^”\"」』]{2,40})[”\"」』]\s*"
    r"(?:平行论坛|分论坛|主题论坛|专场|分会场|分会|沙龙|track|session|Track|Session)"
)
_ROLE = re.compile(r"(?P<joint>联合|共同)?(?P<role>主办|承办|协办)(?!方)(?:单位)?")
_PLACE_PATTERNS = (
    re.compile(r"在(?P<place>[\u4e00-\u9fff]{2,8}?)(?:最新|最近|近日|日前|此前|刚刚)?的?一场"),
    re.compile(r"(?:在|于)(?P<place>[\u4e00-\u9fff]{2,8}?)(?:举办|举行|召开|落幕|开幕)"),
    re.compile(r"\b(?:held|took place) in (?P<place>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})"),
)
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_DATE_PATTERNS = (
    re.compile(r"(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?"),
    re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?\b"),
    re.compile(
        rf"\b(?P<mn>{'|'.join(_MONTHS)})\s+(?:(?P<d>\d{{1,2}}),?\s+)?(?P<y>(?:19|20)\d{{2}})\b",
        re.IGNORECASE,
    ),
)
_YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?!\d)")
_MAX_ORGANISER = 30


def parse_byline(text: str) -> dict[str, str] | None:
    """`阿杜 发自 深圳` -> author and where it was sent from; `某某周刊 | 公众号 Weekly` ->
    the publisher and its channel; `By Jane Doe` / `文 | 张三` -> the author."""
    text = text.strip()
    if len(text) > 60:
        return None
    for pattern in (_AUTHOR_SENT_FROM, _AUTHOR_CN_LABELLED, _AUTHOR_LATIN):
        match = pattern.match(text)
        if match:
            return {k: v.strip() for k, v in match.groupdict().items() if v}
    match = _PUBLISHER.match(text)
    if match and not re.search(r"[。！？.!?，,]", text):
        return {"publisher": match["publisher"].strip(), "channel": match["channel"].strip()}
    return None


def _organisers(sentence: str) -> list[dict[str, str]]:
    """`由A承办，B、C联合协办` -> A (承办), B and C (协办)."""
    found: list[dict[str, str]] = []
    previous_end: int | None = None
    for match in _ROLE.finditer(sentence):
        segment = sentence[previous_end or 0 : match.start()]
        if "由" in segment:
            segment = segment[segment.rindex("由") + 1 :]
        elif previous_end is None:
            # A role with no 由 before it names whoever is in its own clause.
            segment = re.split(r"[，,；;：:]", segment)[-1]
        previous_end = match.end()
        names = [n.strip(" 和与及") for n in re.split(r"[、，,；;和与及]", segment)]
        names = [n for n in names if 0 < len(n) <= _MAX_ORGANISER and not re.search(r"\s", n)]
        found.extend({"name": name, "role": match["role"]} for name in names)
    return found


def find_event_facts(
    paragraphs: list[str], language: str = "zh-CN", title: str = ""
) -> dict[str, Any]:
    """Forum, session, organisers, place and date stated in the introduction. An English
    article's place and forum follow English conventions (see english.py), and its forum may
    be named in the title (`A Panel at Newsfest 2024`)."""
    text = "\n".join(paragraphs)
    facts: dict[str, Any] = {}
    english = english_facts(text, title) if language == "en" else None
    forum = _FORUM.search(text) or _FORUM_LATIN.search(text)
    if forum:
        facts["forum"] = forum["forum"]
    elif english and "forum" in english:
        facts["forum"] = english["forum"]
    session = _SESSION.search(text)
    if session:
        facts["session"] = session["session"].strip()
    if english is not None:
        if "place" in english:
            facts["place"] = english["place"]
    else:
        for pattern in _PLACE_PATTERNS:
            place = pattern.search(text)
            if place:
                facts["place"] = place["place"]
                break
    organisers: list[dict[str, str]] = []
    for sentence in re.split(r"[。！？!?\n]", text):
        for organiser in _organisers(sentence):
            if organiser not in organisers:
                organisers.append(organiser)
    if organisers:
        facts["organisers"] = organisers
    date = (english_date(text) if english is not None else "") or find_date(
        text, facts.get("forum", "")
    )
    if date:
        facts["date"] = date
    return facts


def find_date(text: str, forum: str = "") -> str:
    """The most precise date the introduction gives: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`."""
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        parts = match.groupdict()
        month = parts.get("m") or str(_MONTHS.index(parts["mn"].lower()) + 1)
        date = f"{parts['y']}-{int(month):02d}"
        return f"{date}-{int(parts['d']):02d}" if parts.get("d") else date
    for source in (forum, text):
        year = _YEAR.search(source)
        if year:
            return year["y"]
    return ""


# The role word or mark before the author's name in a byline: `记者 李明`, `文 | 许静`, `By …`.
_BYLINE_ROLE = re.compile(r"^(?:记者|記者|文|作者|撰文|采写|By|BY|by)(?:\s*[|｜:：/;；]\s*|\s+)")


def page_byline(text: str) -> dict[str, str]:
    """Author and date from a byline kept in a page's metadata (`记者 李明 2023-11-02`,
    `文; 许静`, `By Jane Doe`): the role word is no part of the name, and the author is
    kept only when what is left is a personal name."""
    facts: dict[str, str] = {}
    rest = text.strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.search(rest)
        if match:
            facts["date"] = find_date(match.group(0))
            rest = rest[: match.start()] + rest[match.end() :]
            break
    rest = rest.split("发自")[0]  # `… 发自 云南大理`: where it was sent from, not who
    name = _BYLINE_ROLE.sub("", rest.strip()).strip(" ,，;；|｜")
    if is_person_like(name):
        facts["author"] = name
    return facts
