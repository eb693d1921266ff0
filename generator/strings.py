"""The words of the user interface, in Chinese by default; site.yaml's `strings:` overrides any."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

ZH: dict[str, str] = {
    "home": "首页",
    "events": "活动",
    "speakers": "嘉宾",
    "themes": "议题",
    "search": "搜索",
    "search_label": "搜索全部发言",
    "search_placeholder": "输入关键词，如：版权、短剧、数字人",
    "search_button": "搜索",
    "search_needs_js": "搜索需要启用 JavaScript。也可以按嘉宾或议题浏览全部发言。",
    "search_no_results": "没有找到相关发言。",
    "search_results": "找到 {n} 条相关发言",
    "search_results_one": "找到 {n} 条相关发言",
    "search_loading": "正在搜索…",
    "search_unavailable": "搜索索引没有加载，暂时无法搜索。可以按嘉宾或议题浏览。",
    "filter_all": "全部",
    "filter_speaker": "嘉宾",
    "filter_event": "活动",
    "filter_theme": "议题",
    "filter_more": "另有 {n} 项，请继续输入以缩小范围",
    "filter_unknown": "没有“{value}”，未按它筛选；请从建议中选择",
    "skip_to_content": "跳到正文",
    "introduction": "导语",
    "guests": "嘉宾",
    "moderator": "主持",
    "moderators": "主持",
    "transcript": "全文实录",
    "contents": "议题目录",
    "question": "提问",
    "answers_to": "回应的问题",
    "in_transcript": "在全文中查看",
    "permalink": "本段链接",
    "copy_link": "复制链接",
    "link_copied": "已复制",
    "turns": "{n} 段发言",
    "turns_one": "{n} 段发言",
    "characters": "{n} 字",
    "characters_one": "{n} 字",
    "words": "{n} 词",
    "words_one": "{n} 词",
    "event_count": "{n} 场活动",
    "event_count_one": "{n} 场活动",
    "speaker_count": "{n} 位嘉宾",
    "speaker_count_one": "{n} 位嘉宾",
    "theme_count": "{n} 个议题",
    "theme_count_one": "{n} 个议题",
    "in_this_event": "本场议题",
    "reading_time": "约 {n} 分钟读完",
    "date": "时间",
    "place": "地点",
    "forum": "论坛",
    "session": "场次",
    "organisers": "主办方",
    "author": "作者",
    "publisher": "来源",
    "source": "原文",
    "previous_theme": "上一个议题",
    "next_theme": "下一个议题",
    "all_events": "全部活动",
    "all_speakers": "全部嘉宾",
    "all_themes": "全部议题",
    "latest_events": "最新活动",
    "no_events_yet": "还没有活动：用 python -m generator import 导入一篇文章，再构建一次。",
    "speaker_at": "发言",
    "links": "链接",
    "breadcrumb": "当前位置",
    "not_found_title": "页面不存在",
    "not_found_text": "没有找到这个页面。它可能已被移动，或链接有误。",
    "back_home": "返回首页",
    "powered_by": "由 Huikan 生成",
    "main_navigation": "主导航",
    "pagination": "分页",
    "previous_page": "上一页",
    "next_page": "下一页",
    "page_n": "第 {n} 页",
    "speaker_events": "参与的活动",
    "all_speaker_events": "全部 {n} 场活动",
    "speaker_events_here": "本页的活动",
    "list_separator": "、",
    "comma": "，",
    "bracket_open": "（",
    "bracket_close": "）",
    "label_colon": "：",
}

EN: dict[str, str] = {
    "home": "Home",
    "events": "Events",
    "speakers": "Speakers",
    "themes": "Themes",
    "search": "Search",
    "search_label": "Search every turn",
    "search_placeholder": "Search, e.g. copyright",
    "search_button": "Search",
    "search_needs_js": "Search needs JavaScript. You can also browse by speaker or theme.",
    "search_no_results": "No matching turns.",
    "search_results": "{n} matching turns",
    "search_results_one": "{n} matching turn",
    "search_loading": "Searching…",
    "search_unavailable": "The search index did not load, so search is unavailable. "
    "Browse by speaker or theme instead.",
    "filter_all": "All",
    "filter_speaker": "Speaker",
    "filter_event": "Event",
    "filter_theme": "Theme",
    "filter_more": "{n} more; keep typing to narrow them down",
    "filter_unknown": "No “{value}” here, so not filtered by it; pick a suggestion",
    "skip_to_content": "Skip to content",
    "introduction": "Introduction",
    "guests": "Speakers",
    "moderator": "Moderator",
    "moderators": "Moderators",
    "transcript": "Transcript",
    "contents": "Themes",
    "question": "Question",
    "answers_to": "In answer to",
    "in_transcript": "View in transcript",
    "permalink": "Link to this turn",
    "copy_link": "Copy link",
    "link_copied": "Copied",
    "turns": "{n} turns",
    "turns_one": "{n} turn",
    "characters": "{n} characters",
    "characters_one": "{n} character",
    "words": "{n} words",
    "words_one": "{n} word",
    "event_count": "{n} events",
    "event_count_one": "{n} event",
    "speaker_count": "{n} speakers",
    "speaker_count_one": "{n} speaker",
    "theme_count": "{n} themes",
    "theme_count_one": "{n} theme",
    "in_this_event": "Themes of this event",
    "reading_time": "{n} min read",
    "date": "Date",
    "place": "Place",
    "forum": "Forum",
    "session": "Session",
    "organisers": "Organisers",
    "author": "Author",
    "publisher": "Publisher",
    "source": "Source",
    "previous_theme": "Previous theme",
    "next_theme": "Next theme",
    "all_events": "All events",
    "all_speakers": "All speakers",
    "all_themes": "All themes",
    "latest_events": "Latest events",
    "no_events_yet": "No events yet: import an article with python -m generator import, "
    "then build again.",
    "speaker_at": "Turns",
    "links": "Links",
    "breadcrumb": "Breadcrumb",
    "not_found_title": "Page not found",
    "not_found_text": "There is no page here. It may have moved, or the link is wrong.",
    "back_home": "Back to the home page",
    "powered_by": "Built with Huikan",
    "main_navigation": "Main navigation",
    "pagination": "Pages",
    "previous_page": "Previous page",
    "next_page": "Next page",
    "page_n": "Page {n}",
    "speaker_events": "Their events",
    "all_speaker_events": "All {n} events",
    "speaker_events_here": "On this page",
    "list_separator": ", ",
    "comma": ", ",
    "bracket_open": " (",
    "bracket_close": ")",
    "label_colon": ":",
}


# Counted strings ("{n} turns") may have a form for one ("{n} turn") under the key + "_one".
# Chinese has no plural: there it is the same words.
_TABLES = (ZH, EN)


def one_form(strings: Mapping[str, str], key: str) -> str:
    """The form of `key` for a count of one: `key_one`, unless site.yaml rewrote `key` and left
    `key_one` as built in (its words would not match the site's), or there is none."""
    one = strings.get(key + "_one")
    if not one:
        return strings[key]
    paired = [t for t in _TABLES if t.get(key + "_one") == one]
    if paired and all(t[key] != strings[key] for t in paired):
        return strings[key]
    return one


def count(strings: Mapping[str, str], key: str, n: int) -> str:
    """`{{ s | count("turns", 3) }}`: the string `key` filled with n, in its form for one
    when n is 1 ("1 turn", "3 turns"; 1 段发言, 3 段发言)."""
    return (one_form(strings, key) if n == 1 else strings[key]).format(n=n)


def defaults_for(language: str) -> dict[str, str]:
    """The built-in strings closest to `language` (Chinese unless it is English)."""
    return dict(EN if language.lower().startswith("en") else ZH)


T = TypeVar("T")
Derived = dict[int, tuple[Mapping[str, str], Any]]  # id of a strings table -> (it, what from it)


def per_table(memo: Derived, strings: Mapping[str, str], make: Callable[[], T]) -> T:
    """What `make()` derives from a strings table, once per table. Every page of a build
    shares its table; `serve` reads a new one (with site.yaml) at every build, so a few at
    most are kept."""
    known = memo.get(id(strings))
    if known is None or known[0] is not strings:
        if len(memo) > 8:
            memo.clear()
        known = memo[id(strings)] = (strings, make())
    return known[1]
