"""Chinese text analysis for the index: jieba words with word-ordinal positions.

Why not jieba's own ``ChineseAnalyzer``: it records character offsets as token positions and emits
overlapping words, so whoosh's phrase queries never match. Here a token's position is the ordinal
of the word it belongs to. When indexing (whoosh passes ``mode="index"``) a long word also emits
its dictionary sub-words at the *same* position, the way jieba's ``cut_for_search`` does, so
"工资集体协商" is findable as 集体协商 too; when querying (``mode="query"``) only plain words are
produced, so a quoted phrase becomes consecutive positions that line up with the index.

Text is folded (full/half width, traditional → simplified) before segmentation with a fold that
keeps the length of the text, so that every token's character offsets still point into the
original, unfolded text: the highlighter relies on that.

The segmenter is a private ``jieba.Tokenizer`` with the domain user dictionary
(``userdict.txt`` next to this file), loaded once per process. It is private so that another part
of the project adding words to jieba's global tokenizer can never make index-time and query-time
segmentation differ between processes.
"""

from __future__ import annotations

import logging
import re
import threading
from pathlib import Path
from typing import NamedTuple

import jieba
from whoosh.analysis import Token, Tokenizer

from articles.text.fold import to_simplified

USERDICT_PATH = Path(__file__).with_name("userdict.txt")
# Words longer than this (long numbers, Latin runs) are not searched for sub-words.
MAX_SUBWORD_SOURCE = 16

_lock = threading.Lock()
_segmenter: jieba.Tokenizer | None = None

log = logging.getLogger(__name__)


def get_segmenter() -> jieba.Tokenizer:
    """The process-wide jieba tokenizer with the domain dictionary (loaded on first use)."""
    global _segmenter
    if _segmenter is None:
        with _lock:
            if _segmenter is None:
                jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading at DEBUG
                segmenter = jieba.Tokenizer()
                segmenter.initialize()
                if USERDICT_PATH.exists():
                    segmenter.load_userdict(str(USERDICT_PATH))
                else:
                    log.warning("search user dictionary %s is missing", USERDICT_PATH)
                _segmenter = segmenter
    return _segmenter


def userdict_words() -> list[str]:
    """The words of the domain dictionary (first column of each non-comment line)."""
    if not USERDICT_PATH.exists():
        return []
    words = []
    for line in USERDICT_PATH.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line.split()[0])
    return words


def _fold_table() -> dict[int, str]:
    """One character for one: full-width ASCII → half-width; other spaces, zero-width and control
    characters → a plain space (newline and tab are kept)."""
    table = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
    table.update({0x3000: " ", 0x00A0: " ", 0x200B: " ", 0xFEFF: " "})
    for code in list(range(0x00, 0x20)) + list(range(0x7F, 0xA0)) + [0x200C, 0x200D, 0x2028, 0x2029]:
        if chr(code) not in "\n\t":
            table[code] = " "
    return table


_FOLD_TABLE = _fold_table()


def fold_keep_length(text: str) -> str:
    """Fold width and traditional → simplified, one character for one character.

    ``articles.text.fold.fold`` also collapses spaces and drops zero-width characters, which moves
    offsets; here every character maps to exactly one character (zero-width ones become spaces),
    so offsets into the folded text are offsets into the original. Same mapping as ``fold_width``
    for full-width ASCII (checked by the tests), as a translate table for speed.
    """
    widened = text.translate(_FOLD_TABLE)
    simplified = to_simplified(widened)
    if len(simplified) == len(widened):
        return simplified
    # OpenCC converted a phrase to a different length: convert character by character instead.
    out = []
    for ch in widened:
        converted = to_simplified(ch)
        out.append(converted if len(converted) == 1 else ch)
    return "".join(out)


class Word(NamedTuple):
    """One segmented word: its (lower-cased) text, ordinal position, and character span. A named
    tuple, not a frozen dataclass: the index build makes about a thousand per article, and a
    frozen dataclass takes several times longer to create."""

    text: str
    pos: int
    start: int
    end: int


_WORD_CHAR = re.compile(r"[^\W_]")
# Word(...) goes through the named tuple's __new__, a Python function: tuple.__new__(Word, (…))
# makes the same object in C, half the time (~0.15 ms of an article's indexing).
_new_word = tuple.__new__


def _is_word(text: str) -> bool:
    """A token worth indexing: contains a letter, digit or CJK ideograph (not punctuation)."""
    return _WORD_CHAR.search(text) is not None


def segment(text: str, *, for_index: bool = False) -> list[Word]:
    """Segment ``text`` into words with word-ordinal positions and offsets into ``text``.

    Whitespace does not advance the position (print lines flattened into spaces must not break
    phrases); punctuation does (a phrase does not match across a comma). With ``for_index`` the
    dictionary sub-words (two characters or more) of longer words are added at the same position.
    """
    folded = fold_keep_length(text)
    segmenter = get_segmenter()
    freq = segmenter.FREQ
    word_char = _WORD_CHAR.search
    words: list[Word] = []
    pos = 0
    offset = 0
    for piece in segmenter.cut(folded, HMM=True):
        start, end = offset, offset + len(piece)
        offset = end
        if piece.isspace():
            continue
        if word_char(piece) is None:  # punctuation (see _is_word)
            pos += 1
            continue
        lowered = piece.lower()
        if len(lowered) != len(piece):  # e.g. 'İ' lowers to two characters: keep offsets right
            lowered = piece
        if for_index and 2 < len(piece) <= MAX_SUBWORD_SOURCE:
            seen = set()
            for size in range(2, len(piece)):
                for i in range(len(piece) - size + 1):
                    sub = lowered[i : i + size]
                    if sub not in seen and freq.get(sub):
                        seen.add(sub)
                        words.append(_new_word(Word, (sub, pos, start + i, start + i + size)))
        words.append(_new_word(Word, (lowered, pos, start, end)))
        pos += 1
    return words


class ChineseTokenizer(Tokenizer):
    """A whoosh tokenizer over :func:`segment`; index mode adds sub-words at the same position.

    It holds no state, so it pickles into whoosh's stored schema and compares equal to itself.
    """

    def __eq__(self, other):
        return other.__class__ is self.__class__

    def __hash__(self):
        return hash(self.__class__)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar = start_char
                token.endchar = start_char + len(value)
            yield token
            return
        for word in segment(value, for_index=(mode == "index")):
            token.text = word.text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = word.text
            if positions:
                token.pos = start_pos + word.pos
            if chars:
                token.startchar = start_char + word.start
                token.endchar = start_char + word.end
            yield token


def ChineseAnalyzer() -> ChineseTokenizer:  # noqa: N802 — named like whoosh's analyzer factories
    """The analyzer for every full-text field of the index."""
    return ChineseTokenizer()
