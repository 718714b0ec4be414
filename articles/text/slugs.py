"""Pinyin slugs for URLs: /people/jin-junyin/, /regions/deqing/.

pypinyin reads surnames with their everyday reading (曾 → ceng, 单 → dan); person slugs use the
small table below for the first character, since pypinyin has no surname mode.
"""

import re

from django.utils.text import slugify
from pypinyin import Style, lazy_pinyin

# Surnames whose reading differs from the character's most common reading.
SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "朴": "piao", "查": "zha", "区": "ou",
    "乐": "yue", "员": "yun", "覃": "qin", "盖": "ge", "缪": "miao", "翟": "zhai", "藏": "zang",
    "秘": "bi", "繁": "po", "种": "chong", "尉": "yu", "召": "shao", "长": "chang", "宿": "su",
    "沈": "shen", "柏": "bai", "重": "chong", "莘": "shen", "纪": "ji", "折": "she", "那": "na",
}

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def pinyin_slug(text: str, max_length: int = 80) -> str:
    """'德清县总工会' → 'de-qing-xian-zong-gong-hui'; latin letters and digits are kept."""
    syllables = lazy_pinyin(text, style=Style.NORMAL, errors=lambda chars: [slugify(chars)])
    slug = _NON_SLUG.sub("-", "-".join(syllables).lower()).strip("-")
    return slug[:max_length].rstrip("-")


def compact_pinyin_slug(text: str, max_length: int = 80) -> str:
    """'德清' → 'deqing': one word per name, as places are usually written in pinyin."""
    syllables = lazy_pinyin(text, style=Style.NORMAL, errors=lambda chars: [slugify(chars)])
    slug = _NON_SLUG.sub("", "".join(syllables).lower())
    return slug[:max_length]


def person_slug(name: str, max_length: int = 80) -> str:
    """'曾晨路' → 'zeng-chenlu': surname, then given name, read as a name is read."""
    if not name:
        return ""
    surname = SURNAME_READINGS.get(name[0]) or compact_pinyin_slug(name[0])
    given = compact_pinyin_slug(name[1:])
    return "-".join(part for part in (surname, given) if part)[:max_length]
