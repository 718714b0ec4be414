"""Where a topic keyword stands in an article, and how much that occurrence says about the article.

A keyword that merely occurs is weak evidence: the topic gold (``evaluation/topics/GUIDELINES.md``)
files an article under a topic when it *reports* an activity of that topic, and most of the
tagger's wrong tags on the seeds and the development set came from words used in passing. The
rules here tell the two apart from the text alone; each is one function, used by
``articles.enrich.topics``:

* ``unquote``         quotation marks do not split a phrase: 劳动用工“体检” is the phrase 用工体检;
* ``split_lead``      the lead sentence states what the article is about, like the title;
* ``enumeration_items``  a word that is one item of a list of several topics' activities
                      (法律咨询、健康义诊、技能报名……) names an offer, it does not report it;
* ``WordBoundaries``  a short keyword counts only where it does not straddle two of jieba's words,
                      so 女工 is not found in 女工程师, 调解 not in 协调解决, 经审 not in 已经审查;
* ``brief_items``     a brief list (简讯, 工会动态) is several news items under one title: each item
                      is read on its own.

Pure functions over folded text (``articles.text.fold``), except that ``WordBoundaries`` loads the
search's jieba segmenter (with the domain dictionary) the first time a short keyword is checked.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

# Sentence and clause ends after folding (fold turns ，；：！？ into , ; : ! ? and keeps 。).
_SENTENCE_END = re.compile(r"(?<=[。!?])")
_CLAUSE_END = re.compile(r"[,;:。!?\n]")

ENUMERATION_MIN_ITEMS = 3  # 法律咨询、健康义诊、技能报名: two 、 make a list; 建会、入会 alone does not


_QUOTE_MARKS = str.maketrans("", "", "“”‘’「」『』\"'")


def unquote(text: str) -> str:
    """The text without quotation marks.

    Why: quotes set off names and figures of speech in the middle of a phrase — 劳动用工“体检”,
    “暖心”包 — and a context phrase (用工体检) or a keyword must match across them.
    """
    return text.translate(_QUOTE_MARKS)


def split_lead(body: str) -> tuple[str, str]:
    """(lead, rest): the body's first sentence and everything after it.

    Why: a news lead (本报讯 …报道 …) says who did what for whom; a keyword there names the
    article's subject about as surely as one in the title, while the same word in the fifth
    paragraph is often a side remark. A continuation or a caption has no real lead, but its first
    sentence is still its most central one.
    """
    first_paragraph, _, _ = body.partition("\n")
    parts = _SENTENCE_END.split(first_paragraph, maxsplit=1)
    lead = parts[0]
    return lead, body[len(lead):]


def enumeration_items(text: str, start: int, end: int) -> list[str]:
    """The items of the enumeration that text[start:end] stands in — ``ENUMERATION_MIN_ITEMS`` or
    more items joined by 、 within one clause — or [] when it stands in none.

    Why: service menus and programme lists (建会入会、劳动竞赛、安全培训、健康体检、法律援助) name
    several topics once each without reporting any of them; counting each item in full put articles
    about one service event on five topic pages. ``topics`` lets such an item count only
    ``LIST_ITEM_FACTOR`` of its weight, unless the list is mostly the topic's own (免费体检、意外伤害
    保险、心理咨询: a sentence about services), as the guideline says.
    """
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    next_end = _CLAUSE_END.search(text, end)
    clause = text[clause_start : next_end.start() if next_end else len(text)]
    if clause.count("、") < ENUMERATION_MIN_ITEMS - 1:
        return []
    return clause.split("、")


class WordBoundaries:
    """Checks that a keyword occurrence does not straddle two of jieba's words: it must be a run of
    whole words, or lie inside one word.

    Why: two-character keywords are the most ambiguous when read as bare strings — 调解 in 协调|解决,
    工资 in 高级工|资格, 女工 in 女|工程师, 经审 in 已经|审查, 学法 in 学|法律. jieba keeps compounds whole
    (司机之家, 高级技师, 技能比武, 快递员), and a keyword inside such a word is still the keyword, so
    only an occurrence that cuts a word and spills into its neighbour is dropped. Longer keywords
    are distinctive enough to be taken as they stand, which also keeps jieba away from most text.

    The segmenter is the search's (``articles.search.analysis.get_segmenter``: jieba with the domain
    dictionary), already loaded in every web worker; a private one knowing the topic keywords
    costs about 75 MB a process and changed no tag on the seeds or the development set. Where jieba
    lacks a keyword it can cut it apart (书|屋里, 一|键入|会, 暖|心包): adding such words to the
    domain dictionary (``articles/search/userdict.txt``) mends it for search and topics alike.
    """

    MAX_CHARS = 2  # keywords of at most this many characters are checked

    def __init__(self, segmenter=None):
        self._segmenter = segmenter
        self._cut = lru_cache(maxsize=20_000)(self._word_starts)

    def applies_to(self, word: str) -> bool:
        return len(word) <= self.MAX_CHARS

    def is_word(self, text: str, start: int, end: int) -> bool:
        clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
        next_end = _CLAUSE_END.search(text, end)
        clause = text[clause_start : next_end.start() if next_end else len(text)]
        starts = self._cut(clause)  # word starts, and the clause's length as the last word's end
        first, last = start - clause_start, end - clause_start
        if first in starts and last in starts:
            return True  # whole words
        word = bisect_right(starts, first) - 1
        return starts[word + 1] >= last  # inside the one word that holds its first character

    def _word_starts(self, clause: str) -> tuple[int, ...]:
        starts, position = [], 0
        for word in self.segmenter.cut(clause, HMM=False):
            starts.append(position)
            position += len(word)
        return (*starts, position)

    @property
    def segmenter(self):
        if self._segmenter is None:
            from articles.search.analysis import get_segmenter

            self._segmenter = get_segmenter()
        return self._segmenter


_ITEM_MARK = re.compile(r"^\s*(?:[●■◎★☆▲△◆◇□○•]|\d{1,2}[.、]|\(\d{1,2}\))")
BRIEF_MIN_ITEMS = 2


def brief_items(body: str) -> list[str]:
    """The news items of a brief list (each paragraph opening with ●, ■, ◎, ★, 1. …), or [] when
    the body is not such a list.

    Why: under 简讯 or 工会动态 every item is a news story of its own, usually one sentence naming
    its topic once (为全县劳模开展健康体检). Read as one text, the items' topics compete and all but
    the strongest fall below the share a secondary topic needs; read one by one, each item brings
    its own topic, as an editor would file it.
    """
    paragraphs = [p for p in body.split("\n") if p.strip()]
    items = [p for p in paragraphs if _ITEM_MARK.match(p)]
    if len(items) < BRIEF_MIN_ITEMS or len(items) < len(paragraphs) - 1:
        return []
    return [_ITEM_MARK.sub("", item, count=1) for item in items]
