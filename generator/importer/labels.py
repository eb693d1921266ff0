"""Speaker labels at the start of a line, in the forms transcripts use:

`张三：`, `Jane Doe:`, `**张三：**`, `**张三**：`, `张三（某公司CEO）：`, `主持人 李四：`,
`JANE DOE:`, `Q:` / `A:`, `问：` / `答：`, `Q3:`.

A label only says "this could be a speaker"; `speakers.py` decides which ones are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.importer.punctuation import HAN
from generator.roles import ANSWER_WORDS, AUDIENCE_WORDS, HOST_WORDS, QUESTION_WORDS

# What a label is for, besides naming someone.
NAME, HOST, QUESTION, ANSWER, AUDIENCE = "name", "host", "question", "answer", "audience"
# Words that end with a colon in prose and metadata but never name a speaker: discourse
# markers, article furniture and event facts. Generic writing vocabulary, like "Contents".
_WORDS_NOT_SPEAKERS = """
他 你 图 她 它 我 按 文 注 不过 主办 主题 举例 互动 但是 作者 例如 例子 全文 公式 关键 其实 其次
出处 前言 协办 原因 参考 另外 嘉宾 因此 图源 图片 地址 地点 场景 声明 备注 媒体 字幕 定义 审核
导语 小结 引言 总结 所以 承办 提示 摘要 支持 数据 方法 旁白 日期 时间 最后 来源 标题 校对 核心
案例 正文 此外 步骤 比如 注意 然后 版权 现场 电话 目标 答案 简介 结果 结论 编辑 网址 背景 要点
观点 视频 譬如 议题 责编 资料 邮箱 重点 链接 问答 问题 附录 音频 首先 一句话 主办方 关键词
副标题 原标题 承办方 简单说 编者按 编者注 编辑注 记者注 与会嘉宾 参与嘉宾 发布时间 图片来源
提问环节 核心观点 版权声明 特别说明 责任编辑 編者按 編者註 編輯 責編 來源 時間 地點 嘉賓
與會嘉賓 主辦 承辦 協辦 總結 問題
abstract agenda background caption conclusion contents credit credits date disclaimer editor
editor's example examples guests image images intro introduction keywords location nb note notes
outro panelists panellists participants photo photos place ps result results source sources
speakers step summary tags takeaway takeaways time tip tips tl;dr tldr topic topics transcript
update updates venue warning when where
"""
_NOT_SPEAKERS = set(_WORDS_NOT_SPEAKERS.split())
_ORDINAL = re.compile(r"^(?:第[一二三四五六七八九十百\d]+[条点步个]?|[一二三四五六七八九十]+是)$")
_HAN_NAME = rf"[{HAN}A-Za-z0-9·•]{{1,12}}"
_LATIN_WORD = r"[A-Za-z][A-Za-z.'’-]*"
_LATIN_NAME = rf"{_LATIN_WORD}(?: {_LATIN_WORD}){{1,3}}"
_NAME_RE = re.compile(rf"^(?:{_LATIN_NAME}|{_HAN_NAME})$")
_NUMBERED_Q = re.compile(r"^(?P<word>[QA问答])\s*\d{1,3}$", re.I)
_BRACKETED = re.compile(r"^(?P<name>[^（()）]+?)\s*[（(](?P<role>[^（()）]{1,80})[)）]$")
_TITLED = re.compile(
    rf"^(?P<title>主持人|主持|记者|嘉宾|Moderator|Host|MC|Interviewer)\s*(?P<name>[{HAN}]{{2,4}}"
    rf"|{_LATIN_WORD}(?: {_LATIN_WORD}){{0,2}})$",
    re.I,
)
_LATIN_PARTICLES = {"de", "da", "van", "von", "der", "den", "del", "la", "le", "bin", "al", "du"}
_MAX_LABEL = 40
_BOLD = re.compile(r"^\s*(\*\*|__)(?P<inner>[^*_\n]{1,60}?)\1")
_PLAIN = re.compile(r"^\s*(?P<label>[^:：\n]{1,60}?)\s*[:：]")


@dataclass(frozen=True)
class Label:
    """A speaker label as written, taken apart."""

    raw: str  # the label without bold marks and colon: `主持人 李四`, `张三（某公司CEO）`
    key: str  # the name part, the same for every turn of the speaker: `李四`, `张三`, `Q`
    rest: str  # the text after the colon
    kind: str = NAME  # NAME, HOST, QUESTION or ANSWER
    role: str = ""  # from brackets: `某公司CEO`
    title: str = ""  # a function word before the name: `主持人`
    bold: bool = False


def word_kind(word: str) -> str:
    lowered = word.strip().lower()
    if lowered in HOST_WORDS:
        return HOST
    if lowered in QUESTION_WORDS:
        return QUESTION
    if lowered in ANSWER_WORDS:
        return ANSWER
    if lowered in AUDIENCE_WORDS:
        return AUDIENCE
    return NAME


def _split(text: str) -> tuple[str, str, bool] | None:
    """(label part, rest, bold) when the line starts with `something:`."""
    bold = _BOLD.match(text)
    if bold is not None:
        inner, after = bold["inner"].strip(), text[bold.end() :]
        if inner.endswith((":", "：")):
            return inner[:-1].strip(), after.strip(), True
        stripped = after.lstrip()
        if stripped.startswith((":", "：")):
            return inner, stripped[1:].strip(), True
        return None
    plain = _PLAIN.match(text)
    if plain is None:
        return None
    return plain["label"].strip(), text[plain.end() :].strip(), False


def _latin_ok(name: str) -> bool:
    """Names are capitalised (`Jane Doe`, `JANE DOE`, `Ludwig van Beethoven`); `He said` is
    prose."""
    words = name.split(" ")
    return words[0][0].isupper() and all(w[0].isupper() or w in _LATIN_PARTICLES for w in words)


def _name_ok(name: str) -> bool:
    if not _NAME_RE.match(name) or len(name) > _MAX_LABEL or name.isdigit():
        return False
    if name.lower() in _NOT_SPEAKERS or _ORDINAL.match(name):
        return False
    if re.match(r"^[A-Za-z]", name):
        return _latin_ok(name)
    # One character is a surname short form (`张：`) or Q/A, never a name on its own.
    return len(name) > 1 or bool(re.match(f"[{HAN}]", name))


def read_label(text: str) -> Label | None:
    """The label at the start of `text`, if the line starts like a turn."""
    split = _split(text)
    if split is None:
        return None
    raw, rest, bold = split
    if rest.startswith("//") or not raw:
        return None  # https://…
    numbered = _NUMBERED_Q.match(raw)
    if numbered:
        return Label(raw, numbered["word"].upper(), rest, word_kind(numbered["word"]), bold=bold)
    kind = word_kind(raw)
    if kind != NAME:
        return Label(raw, raw, rest, kind, bold=bold)
    titled = _TITLED.match(raw)
    if titled and _name_ok(titled["name"]):
        return Label(
            raw, titled["name"], rest, word_kind(titled["title"]), "", titled["title"], bold
        )
    bracketed = _BRACKETED.match(raw)
    if bracketed and _name_ok(bracketed["name"].strip()):
        name, role = bracketed["name"].strip(), bracketed["role"].strip()
        if word_kind(role) != NAME:
            return Label(raw, name, rest, word_kind(role), "", role, bold)
        return Label(raw, name, rest, NAME, role, "", bold)
    if not _name_ok(raw):
        return None
    prefixed = _role_prefixed(raw)
    if prefixed is not None:
        return Label(raw, prefixed[1], rest, NAME, prefixed[0], "", bold)
    return Label(raw, raw, rest, NAME, bold=bold)


# Last characters of Chinese role words (居民, 设计院, 副主任, 记者, 工程师 …).
_ROLE_ENDINGS = set("人员长任师民院者生总理监官授家手士主姐哥工记编办委局处站所司部队会厂村组")


def _role_prefixed(raw: str) -> tuple[str, str] | None:
    """`设计院冯涛`, `居民朱阿姨`, `街道办副主任何静`: (role, name) when a role word runs into a
    name, as happens when scraping drops the space between them."""
    from generator.importer.names import is_chinese_name

    if not re.fullmatch(f"[{HAN}]{{4,12}}", raw):
        return None
    for size in (2, 3):
        role, name = raw[:-size], raw[-size:]
        if len(role) >= 2 and role[-1] in _ROLE_ENDINGS and is_chinese_name(name):
            return role, name
    return None


def is_latin_name(text: str) -> bool:
    """`Tony Zhang`, `Tony`: a Latin personal name (for aliases given in brackets)."""
    text = text.strip()
    return bool(re.fullmatch(rf"{_LATIN_WORD}(?: {_LATIN_WORD}){{0,2}}", text)) and (
        _latin_ok(text) and not text.isupper() and text.lower() not in _NOT_SPEAKERS
    )
