"""What a personal name looks like, and its short forms (surname, given name, English name).

Built from the shape of names, plus the common Chinese surnames (a fixed fact of the
language, like an alphabet), so that `核心观点：` is not taken for a person but `张三：` is.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from generator.importer.punctuation import HAN

# The most common single-character surnames, covering the great majority of people, and the
# compound ones still in use.
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关"
    "兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻"
    "祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿"
    "桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠"
    "惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉"
    "禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修"
    "邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴"
    "昝智幸奉植衡富尧闭由"
)
# The same surnames in traditional characters, for articles from Taiwan and Hong Kong.
_SURNAMES |= set(
    "陳劉張黃趙吳孫馬羅鄭謝許韓馮鄧蕭董袁葉蘇魏呂盧鍾譚陸賈韋鄒龍賀顧龔萬錢嚴湯溫樊邢喬龐顏莊聶"
    "魯閻殷歐關蘭俞甯紀畢單霍塗駱藍賴連盧傅鄺鄔歐陽"
)
_COMPOUND_SURNAMES = {
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
}
_HONORIFICS = ("总", "老师", "博士", "教授", "先生", "女士", "院长", "校长", "董", "老", "工", "哥")
_LATIN_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+", re.I)
_HAN_NAME = re.compile(rf"^[{HAN}]{{2,4}}$")


def surname_of(name: str) -> str:
    if name[:2] in _COMPOUND_SURNAMES:
        return name[:2]
    return name[:1] if name[:1] in _SURNAMES else ""


def is_chinese_name(name: str) -> bool:
    """Two to four Han characters starting with a common surname."""
    return bool(_HAN_NAME.match(name)) and bool(surname_of(name))


_PARTICLES = {"de", "da", "van", "von", "der", "den", "del", "la", "le", "bin", "al", "du", "di"}


def is_latin_full_name(name: str) -> bool:
    """`Jane Doe`, `JANE DOE`, `Ana de Souza`, `Dr. Samuel Okafor`."""
    words = name.split()
    return (
        2 <= len(words) <= 4
        and bool(re.match(r"^[A-Z]", words[0]))
        and all(re.match(r"^[A-Z][A-Za-z.'’-]+$", w) or w in _PARTICLES for w in words)
    )


def is_person_like(name: str) -> bool:
    return is_chinese_name(name) or is_latin_full_name(name)


def short_form_of(short: str, full_names: Collection[str]) -> str | None:
    """The one full name that `short` abbreviates: surname (`张`, `张总`, `Doe`, `Ms. Doe`) or
    given name (`三丰`, `Jane`). None when no or several names fit."""
    fits = {
        full.casefold(): full for full in full_names if full != short and _abbreviates(short, full)
    }
    return next(iter(fits.values())) if len(fits) == 1 else None


def _abbreviates(short: str, full: str) -> bool:
    if _HAN_NAME.match(full) and re.match(rf"^[{HAN}]+$", short):
        surname = surname_of(full)
        if not surname:
            return False
        given = full[len(surname) :]
        if short == surname or (short == given and len(given) >= 2):
            return True
        return short.startswith(surname) and short[len(surname) :] in _HONORIFICS
    full_words = full.lower().split()
    short = _LATIN_HONORIFIC.sub("", short).lower()
    if len(full_words) < 2 or " " in short or not short.isalpha():
        return False
    return short in (full_words[0], full_words[-1])


def title_case(name: str) -> str:
    """`JANE DOE` -> `Jane Doe`; short all-caps words (`MC`, `Q`) stay as they are."""
    if not name.isupper() or len(name.replace(" ", "")) <= 3:
        return name
    return " ".join(w if len(w) <= 2 else w.capitalize() for w in name.split(" "))


_INTERVIEW = re.compile(
    r"(?:专访|对话|访谈|采访|独家对话|对谈)[：:\s]*(?P<zh>[^，。：:！？!?\s|｜“”]{2,30})"
    r"|(?:[Ii]nterview with|[Cc]onversation with|Q&A with|[Tt]alks? (?:to|with)|[Ss]peaks? with)"
    r" (?P<en>[A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+){1,2})"
)


def interviewee_in(text: str) -> str | None:
    """The person an interview's title or first paragraph names: `专访某公司CEO张三`,
    `An interview with Jane Doe`. The name is the last two or three characters after the role."""
    for match in _INTERVIEW.finditer(text):
        if match["en"]:
            return match["en"]
        segment = match["zh"]
        for size in (3, 2, 4):
            if is_chinese_name(segment[-size:]):
                return segment[-size:]
    return None
