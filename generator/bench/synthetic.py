"""A deterministic synthetic archive: raw articles in the seed's scraped style.

Each article has image placeholders, a byline, a lead, a run-on guest list, themes fused into
the moderator's next question, captions, a title banner and a recommended-reading tail, so the
importer does real work on every one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰志红晨涵子宇航晓东雪梅峰琳"
ORGS = ["科技", "传媒", "文化", "研究院", "出版社", "资本", "影业", "音乐", "智能", "数据"]
TITLES = ["首席执行官", "创始人", "副总裁", "总编辑", "合伙人", "研究员", "技术总监", "院长"]
TOPICS = [
    "版权",
    "短剧",
    "数字人",
    "大模型",
    "创作者",
    "广告",
    "海外",
    "投资",
    "导演",
    "机器人",
    "文旅",
    "音乐",
    "直播",
    "数据集",
    "算力",
    "审美",
    "教育",
    "出版",
    "游戏",
    "动画",
]
FILLER = [
    "我们认为",
    "从产业的角度来看",
    "这件事情",
    "其实非常重要",
    "在过去几年里",
    "越来越多的",
    "用户",
    "内容生产",
    "的方式",
    "正在发生变化",
    "技术",
    "带来了新的机会",
    "同时也有挑战",
    "需要",
    "行业",
    "共同努力",
    "平台",
    "创意",
    "成本",
    "效率",
    "质量",
    "生态",
    "未来",
]
MEDIA = ["观潮", "科创报", "数智周刊", "新知"]


@dataclass(frozen=True)
class Article:
    name: str  # file name
    text: str


def _sentence(rng: random.Random, topic: str) -> str:
    words = [rng.choice(FILLER) for _ in range(rng.randint(4, 8))]
    words.insert(rng.randrange(len(words)), topic)
    return "".join(words) + rng.choice(["。", "。", "，而且" + rng.choice(FILLER) + "。"])


def _speech(rng: random.Random, chars: int) -> str:
    """About `chars` characters of scraped speech: spaced commas and full stops."""
    topic = rng.choice(TOPICS)
    text = ""
    while len(text) < chars:
        text += _sentence(rng, topic)
    return text.replace("，", " , ").replace("。", " 。")


def _people(rng: random.Random, count: int) -> list[tuple[str, str]]:
    names: set[str] = set()
    people = []
    while len(people) < count:
        name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice([1, 2])))
        if name in names:
            continue
        names.add(name)
        role = f"{rng.choice(SURNAMES)}{rng.choice(ORGS)}{rng.choice(TITLES)}"
        people.append((name, role))
    return people


def make_article(index: int, speakers: int = 6, themes: int = 5, turns: int = 40) -> Article:
    rng = random.Random(index)
    host = rng.choice(MEDIA)
    guests = _people(rng, speakers - 1)
    year = 2000 + index % 26
    title = f"第{index}届{rng.choice(TOPICS)}论坛：{rng.choice(TOPICS)}与{rng.choice(TOPICS)}的未来"
    byline = f"{rng.choice(GIVEN)}{rng.choice(GIVEN)} 发自 编辑部"
    lines = ["", "文章图片", "", "文章图片", "", "文章图片", "", byline]
    lines.append(f"{host} | 公众号 {host}")
    lines += [_speech(rng, 120) for _ in range(3)]
    lines.append(f"上述观点的交锋 , 发生在{year}{rng.choice(TOPICS)}论坛上 。")
    lines.append("参与本场沙龙访谈的嘉宾分别是:")
    roster = " ".join(f"{name} , {role}" for name, role in guests)
    lines.append(f"{roster}{host}在不改变原意的基础上 , 对本场对话进行了编辑整理 。")
    per_theme = max(1, turns // themes)
    for t, topic in enumerate(rng.sample(TOPICS, themes)):
        heading = f"{topic}{rng.choice(['新实践', '的机遇', '再出发', '与未来'])}"
        lines.append(f"{heading}{host}:{_speech(rng, 60).rstrip(' 。')}?")
        for k in range(per_theme - 1):
            name, _ = guests[(t + k) % len(guests)]
            lines.append(f"{name}:{_speech(rng, 90)}")
            lines.append(_speech(rng, 60))
            if k == 1 and t == 0:
                lines.append(f"△{rng.choice(TOPICS)}现场截图")
            if k == 2 and t == 1:
                lines.append(f"【{title}】{_speech(rng, 40)}")
    lines.append("推荐阅读")
    lines += [f"- {rng.choice(TOPICS)}行业观察第{i}期" for i in range(3)]
    return Article(f"article-{index:05d}.txt", "\n".join(lines) + "\n")


def write_articles(folder: Path, events: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(1, events + 1):
        article = make_article(index)
        path = folder / article.name
        path.write_text(article.text, "utf-8")
        paths.append(path)
    return paths
