"""Lexical cohesion between the text before and after a title, in the sense of TextTiling (Hearst,
1997): an inner subhead is followed by more of the same people, places and vocabulary; a new
article starts new ones.

Words are jieba words of two or more characters, weighted by how rare they are in general (their
inverse frequency in jieba's dictionary: 工会, 职工, 开展 weigh little; a person's or a company's
name, unknown to the dictionary, weighs most). The similarity of the two windows is the cosine of
their weighted word counts: 0 shares nothing, 1 is the same text.

Windows are bounded (``WINDOW_PIECES`` paragraphs each side) and a paragraph is cut into words only
when a window needs it, so a page is scored in time linear in its length, as TextTiling does with
fixed-size blocks.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from functools import lru_cache

WINDOW_PIECES = 6
MIN_WORD_CHARS = 2
_CJK_OR_WORD = re.compile(r"[\u4e00-\u9fff]|[A-Za-z0-9]")


@lru_cache(maxsize=1)
def tokenizer():
    """A jieba tokenizer of our own with the stock dictionary only: what another part of the site
    loads into jieba's global tokenizer must not change how pages are cut into articles."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


def words_of(text: str) -> Counter:
    """Content words of ``text`` (two or more characters, no punctuation or bare numbers)."""
    return Counter(
        word for word in tokenizer().lcut(text, HMM=False)
        if len(word) >= MIN_WORD_CHARS and _CJK_OR_WORD.match(word) and not word.isdigit()
    )


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict, int]:
    tok = tokenizer()
    return tok.FREQ, tok.total


@lru_cache(maxsize=50_000)
def weight(word: str) -> float:
    """Inverse dictionary frequency: log(total / (frequency + 1))."""
    frequencies, total = _dictionary()
    return math.log(total / (frequencies.get(word, 0) + 1))


class PageVocabulary:
    """Word counts of a page's pieces, cut on first use."""

    def __init__(self, texts: list[str]):
        self.texts = texts
        self._counts: dict[int, Counter] = {}

    def counts(self, index: int) -> Counter:
        if index not in self._counts:
            self._counts[index] = words_of(self.texts[index])
        return self._counts[index]

    def weight(self, word: str) -> float:
        return weight(word)

    def window(self, indexes) -> Counter:
        total: Counter = Counter()
        for index in indexes:
            total.update(self.counts(index))
        return total

    def similarity(self, before: Counter, after: Counter) -> float:
        """Cosine of the two windows' weighted word counts (0 when either is empty)."""
        if not before or not after:
            return 0.0
        dot = sum(count * before[word] * self.weight(word) ** 2 for word, count in after.items() if word in before)
        norm_before = math.sqrt(sum((count * self.weight(word)) ** 2 for word, count in before.items()))
        norm_after = math.sqrt(sum((count * self.weight(word)) ** 2 for word, count in after.items()))
        return dot / (norm_before * norm_after)


def breaks_inside_word(left: str, right: str) -> bool:
    """True if jieba reads a word across the break between ``left`` and ``right`` (表|彰 → 表彰):
    a column break fell inside a word."""
    head, tail = left[-6:], right[:6]
    offset = 0
    for word in tokenizer().lcut(head + tail, HMM=False):
        if offset < len(head) < offset + len(word):
            return True
        offset += len(word)
    return False
