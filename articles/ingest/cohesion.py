"""Lexical cohesion between the text before and after a title, in the sense of TextTiling (Hearst,
1997): an inner subhead is followed by more of the same people, places and vocabulary; a new
article starts new ones.

Words are jieba words of two or more characters, weighted by how rare they are on the page (a word
in every paragraph — 工会, 职工 — says nothing about where one story ends). The similarity of the
two windows is the cosine of their weighted word counts: 0 shares nothing, 1 is the same text.

Windows are bounded (``WINDOW_PIECES`` paragraphs each side), so a page is scored in time linear
in its length, as TextTiling does with fixed-size blocks.
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


class PageVocabulary:
    """Word counts per piece of one page, and how many pieces each word occurs in (for weights)."""

    def __init__(self, texts: list[str]):
        self.counts = [words_of(text) for text in texts]
        self.spread: Counter = Counter()
        for counts in self.counts:
            self.spread.update(counts.keys())
        self.pieces = max(len(texts), 1)

    def weight(self, word: str) -> float:
        return math.log((1 + self.pieces) / (1 + self.spread[word])) + 1.0

    def window(self, indexes) -> Counter:
        total: Counter = Counter()
        for index in indexes:
            total.update(self.counts[index])
        return total

    def similarity(self, before: Counter, after: Counter) -> float:
        """Cosine of the two windows' weighted word counts (0 when either is empty)."""
        if not before or not after:
            return 0.0
        dot = sum(count * before[word] * self.weight(word) ** 2 for word, count in after.items() if word in before)
        norm_before = math.sqrt(sum((count * self.weight(word)) ** 2 for word, count in before.items()))
        norm_after = math.sqrt(sum((count * self.weight(word)) ** 2 for word, count in after.items()))
        return dot / (norm_before * norm_after)
