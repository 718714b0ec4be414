"""People named in an article's running text, each with a confidence between 0 and 1.

jieba's part-of-speech tags alone are poor here (precision 0.36 on the seeds: it tags 高素质,
关怀 and 吴兴区 as names), and the better taggers are either research-only (thulac) or download a
model at run time (pkuseg, LTP, HanLP). So names are found the way a reader finds them in news
prose: a common surname followed by one or two characters, in a telling context —

* after a role or title: 职工詹新峰, 副主席朱剑梁, 心理咨询师章惠珍, 班组长冯金波;
* before a speech verb or form of address: 夏永茂介绍, 许静说, 许红权警官, 习近平总书记;
* naming a studio: 姚金根劳模工匠创新工作室;

plus jieba's tokenizer keeping an unknown name together, repetition, and a name the archive
already publishes elsewhere (only together with another clue), as weaker evidence. Ordinary words (党中央, 高技能), places
(the gazetteer's names), forms of address (王师傅, 章老师) and the article's own bylines are
filtered out. ``confidence`` sums the evidence; the persons step publishes names above a
threshold measured on the seeds and leaves the rest as suggestions for editors.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import jieba
import jieba.posseg

from articles.ingest import bylines

from .lexicon import surname_of

jieba.setLogLevel(60)

# Words that introduce a person: roles, titles, professions (longest first when matching).
TITLES_BEFORE = sorted(
    """职工 员工 工人 女工 师傅 师父 徒弟 学员 选手 会员 代表 委员 常委 劳模 工匠 能手 技师 工程师 总工程师
    技术员 研究员 养护员 办事员 讲解员 快递员 外卖员 骑手 司机 主任 副主任 主席 副主席 常务副主席 书记 副书记
    党组书记 部长 局长 处长 科长 厂长 校长 院长 会长 站长 所长 队长 组长 班组长 班长 经理 总经理 董事长
    负责人 领衔人 创始人 带头人 获得者 教授 老师 医生 律师 警官 咨询师 心理咨询师 诗人 作家 画家 记者 同志
    总书记 委员长 总理 院士 劳动模范 工会主席 冠军 得主 状元 市民 村民 居民 患者 家属 学生 志愿者 党员 干部
    博士 专家 教练 运动员 队员 总监 主管 专员 网格员 店长 骨干 小哥 图为""".split(),
    key=len,
    reverse=True,
)
# Words that follow a name: speech and attitude verbs …
SPEECH_AFTER = sorted(
    """说 说道 介绍 表示 认为 告诉 坦言 透露 指出 强调 感慨 感叹 感触 称赞 连连 高兴 笑着 回忆 表态 解释 谈到
    心里 终于 一边 所在 （左） （右） （中） (左) (右) (中) （化名） (化名)""".split(),
    key=len,
    reverse=True,
)
# … and titles or a studio named after the person (许红权警官, 姚金根劳模工匠创新工作室).
TITLES_AFTER = sorted(
    """老师 师傅 警官 同志 总书记 书记 主席 代表 委员 劳模工匠创新工作室 技能大师工作室 创新工作室 工作室""".split(),
    key=len,
    reverse=True,
)
WORDS_AFTER = sorted(SPEECH_AFTER + TITLES_AFTER, key=len, reverse=True)
# As tuples, for str.endswith/startswith, which test them all at C speed.
_TITLES_BEFORE, _TITLES_AFTER, _SPEECH_AFTER = tuple(TITLES_BEFORE), tuple(TITLES_AFTER), tuple(SPEECH_AFTER)
# Forms of address that make a surname look like a name: 王师傅, 章老师, 王先生, 老张, 小李.
ADDRESS_FORMS = ("老师", "师傅", "先生", "女士", "同志", "警官", "大姐", "大哥", "阿姨", "师父")
# A "name" directly followed by one of these is part of an organisation or place: 夏家村, 王氏集团.
ORGANISATION_AFTER = tuple("区县市镇乡村省") + (
    "街道", "路", "公司", "集团", "大学", "学院", "中学", "小学", "医院", "中心", "股份", "有限", "科技", "工会",
)
# Characters that end a name rather than continue it (说, 的, 在 …): used to decide between 2 and 3.
NOT_IN_NAMES = set("的了在是和与及等也都就对为把被从向已说讲将到着过又还但而且或地得时们个这那之其该每各")
PUNCTUATION = set("，。、；：！？,.;:!?“”\"'‘’（）()《》〈〉—…· \n")
NAME_TAGS = {"nr", "nrfg", "nrt"}

# How much each kind of evidence adds to a name's confidence (see the module docstring).
EVIDENCE_WEIGHTS = {
    "title_before": 0.5, "title_after": 0.45, "word_after": 0.35, "known_person": 0.3, "segmenter": 0.15, "repeated": 0.1,
}
PENALTY_KNOWN_WORD = 0.4  # the whole string is an ordinary dictionary word (党中央, 智慧)
PENALTY_WORDY_GIVEN_NAME = 0.25  # the given name is a very common word (高|技能)
COMMON_WORD_FREQ = 1000
REJECT_WORD_FREQ = 200
PREFIX_WORD_FREQ = 20  # 晋级|总, 由衷|地: a three-character "name" whose first two make a word

_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Mention:
    name: str
    confidence: float
    occurrences: int
    evidence: set[str] = field(default_factory=set)


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict, dict]:
    jieba.initialize()
    return jieba.dt.FREQ, jieba.posseg.dt.word_tag_tab


def is_dictionary_word(word: str) -> bool:
    freq, _tags = _dictionary()
    return bool(freq.get(word))


def _is_common_word(word: str, min_freq: int = 1) -> bool:
    """An ordinary dictionary word. jieba's dictionary tags some everyday two-character words as
    names (文明, 智慧, 金秋), so a frequent two-character "name" counts as a word; three-character
    entries tagged as names (朱德 aside, mostly 王晓东-like full names) are names."""
    freq, tags = _dictionary()
    if freq.get(word, 0) < min_freq:
        return False
    if tags.get(word) in NAME_TAGS:
        return len(word) == 2 and freq[word] >= 500
    return True


def clean_paragraphs(paragraphs: Iterable[str]) -> list[str]:
    """Paragraphs without the bylines and photo credits in them — the names there are the
    article's authors, not people in the news. The byline grammar is the importer's
    (``articles.ingest.bylines``): a byline heading a lead, one closing the last sentence, a credit
    line of its own."""
    cleaned = []
    for text in paragraphs:
        text = text.strip()
        heading = bylines.split_byline(text)
        if heading:
            text = heading.rest.strip()
        closing = bylines.split_trailing_byline(text) or bylines.split_trailing_credit(text)
        if closing:
            text = closing[0].strip()
        if text and not bylines.parse_closing_credit(text):
            cleaned.append(text)
    return cleaned


def _ends_with_title(text: str, end: int) -> bool:
    return text[max(0, end - 8) : end].endswith(_TITLES_BEFORE)


def _word_after(text: str, start: int) -> str | None:
    """'title_after' (许红权警官), 'word_after' (夏永茂介绍) or None for what follows ``start``."""
    tail = text[start : start + 10]
    if tail.startswith(_TITLES_AFTER):
        return "title_after"
    if tail.startswith(_SPEECH_AFTER):
        return "word_after"
    return None


def _name_length(text: str, start: int, surname_len: int) -> int | None:
    """Two or three characters (compound surnames one more) for the name starting at ``start``."""
    short, long = surname_len + 1, surname_len + 2
    if start + short > len(text) or not all(_HAN.match(ch) for ch in text[start : start + short]):
        return None
    after_short = start + short
    if after_short >= len(text) or text[after_short] in PUNCTUATION or text[after_short] in NOT_IN_NAMES:
        return short
    if _word_after(text, after_short) or not _HAN.match(text[after_short]):
        return short
    if _word_after(text, start + long) or start + long >= len(text) or text[start + long] in PUNCTUATION:
        return long
    # The third character opens an ordinary word (马军|这样, 黄芳|终于): the name is two characters.
    if is_dictionary_word(text[after_short : after_short + 2]):
        return short
    return long


def _candidates(paragraphs: list[str]) -> dict[str, set[str]]:
    """name → evidence kinds, from title/verb contexts and from jieba's ``nr`` tags."""
    found: dict[str, set[str]] = defaultdict(set)
    for text in paragraphs:
        for start in range(len(text)):
            surname = surname_of(text[start : start + 3])
            if surname is None:
                continue
            before = _ends_with_title(text, start)
            length = _name_length(text, start, len(surname))
            if length is None:
                continue
            name = text[start : start + length]
            after = _word_after(text, start + length)
            if before:
                found[name].add("title_before")
            if after:
                found[name].add(after)
        for word in jieba.cut(text):
            if _segmenter_name(word):
                found[word].add("segmenter")
    return found


def _segmenter_name(word: str) -> bool:
    """jieba's tokenizer joins an unknown name into one token (张凤娣, 包勤建): a three-character
    token (four with a compound surname) that starts with a surname and is no dictionary word, or
    a dictionary word tagged as a name. Two-character tokens need a context: too many ordinary
    pairs (万人, 云上) look like them. The plain tokenizer is used, not jieba.posseg: its tagger
    is six times slower and, on the seeds, no better as evidence."""
    surname = surname_of(word)
    if surname is None:
        return False
    freq, tags = _dictionary()
    if tags.get(word) in NAME_TAGS:
        return 2 <= len(word) <= 4
    return len(word) == len(surname) + 2 and not freq.get(word)


def _prefer_prefix(name: str, found: dict[str, set[str]], full_text: str) -> str:
    """许静用 → 许静 when 许静 also stands alone elsewhere (it occurs more often than 许静用)."""
    if len(name) < 3:
        return name
    prefix = name[:-1]
    if len(prefix) >= 2 and full_text.count(prefix) > full_text.count(name) and (
        prefix in found or full_text.count(prefix) >= 2
    ):
        return prefix
    return name


def _rejected(name: str, full_text: str, excluded: set[str], places: set[str]) -> bool:
    if name in excluded or name in places or surname_of(name) is None:
        return True
    given = name[len(surname_of(name)) :]
    if any(ch in NOT_IN_NAMES or not _HAN.match(ch) for ch in given):
        return True
    if any(name.endswith(form) and len(name) - len(form) <= 1 for form in ADDRESS_FORMS):
        return True
    if given in ADDRESS_FORMS or name[0] in "老小" and len(name) == 2:
        return True
    positions = [m.start() for m in re.finditer(re.escape(name), full_text)]
    surname_end = len(surname_of(name))
    if positions and all(full_text[p + surname_end :].startswith(ADDRESS_FORMS) for p in positions):
        return True  # 王先 of 王先生: a surname with a form of address
    return bool(positions) and all(
        full_text[p + len(name) : p + len(name) + 2].startswith(ORGANISATION_AFTER) for p in positions
    )


def find_mentions(
    paragraphs: Iterable[str], excluded: Iterable[str] = (), places: Iterable[str] = (), known: Iterable[str] = ()
) -> list[Mention]:
    """The people named in these paragraphs, best first. ``excluded``: the bylines' names;
    ``places``: region names and short names, which are never people; ``known``: names the archive
    already publishes as people in the news, which count as evidence when another clue agrees."""
    cleaned = clean_paragraphs(paragraphs)
    full_text = "\n".join(cleaned)
    excluded, places, known = set(excluded), set(places), set(known)
    found = _candidates(cleaned)

    evidence: dict[str, set[str]] = defaultdict(set)
    for name, kinds in found.items():
        evidence[_prefer_prefix(name, found, full_text)] |= kinds

    mentions = []
    for name, kinds in evidence.items():
        if _rejected(name, full_text, excluded, places):
            continue
        if not kinds & {"title_before", "title_after"} and _glued_to_previous_character(name, full_text):
            continue
        occurrences = full_text.count(name)
        if occurrences >= 2:
            kinds = kinds | {"repeated"}
        if name in known:
            kinds = kinds | {"known_person"}
        confidence = sum(EVIDENCE_WEIGHTS[kind] for kind in kinds)
        if _is_common_word(name, REJECT_WORD_FREQ):
            continue  # 文化, 成长, 权益: everyday words whose first character is also a surname
        if _is_common_word(name):
            confidence -= PENALTY_KNOWN_WORD
        given = name[len(surname_of(name)) :]
        if len(given) == 2 and _is_common_word(given, COMMON_WORD_FREQ):
            confidence -= PENALTY_WORDY_GIVEN_NAME
        if len(name) == 3 and _dictionary()[0].get(name[:2], 0) >= PREFIX_WORD_FREQ:
            confidence -= PENALTY_KNOWN_WORD  # 由衷|地, 晋级|总: a word, not a surname and a name
        mentions.append(Mention(name, round(max(0.0, min(1.0, confidence)), 3), occurrences, set(kinds)))
    mentions.sort(key=lambda m: (-m.confidence, -len(m.name), m.name))
    return _without_overlaps(mentions, full_text)


def _glued_to_previous_character(name: str, text: str) -> bool:
    """苍施文 read as 施文: every occurrence follows a character that could start the real name."""
    for match in re.finditer(re.escape(name), text):
        start = match.start()
        previous = text[start - 1] if start else ""
        if not previous or not _HAN.match(previous) or previous in NOT_IN_NAMES or _ends_with_title(text, start):
            return False
    return True


def _without_overlaps(mentions: list[Mention], text: str) -> list[Mention]:
    """Drop a name found only inside a better name's occurrences (平总 in 习近平总书记)."""
    taken: set[int] = set()
    kept = []
    for mention in mentions:
        spans = [range(m.start(), m.end()) for m in re.finditer(re.escape(mention.name), text)]
        if spans and all(any(i in taken for i in span) for span in spans):
            continue
        for span in spans:
            taken.update(span)
        kept.append(mention)
    return kept

