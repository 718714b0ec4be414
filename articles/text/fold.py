"""Folding of Chinese text for matching: full-width → half-width, traditional → simplified.

Used on queries (so 勞模 finds 劳模 and ＡＢＣ finds ABC) and on indexed text, never on what is
stored for readers. OpenCC's t2s dictionaries ship inside the ``opencc`` wheel, so this works offline.
"""

import unicodedata
from functools import lru_cache

import opencc

_SPACES = {"\u3000": " ", "\u00a0": " ", "\u200b": "", "\ufeff": ""}


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def fold_width(text: str) -> str:
    """Full-width ASCII letters, digits and spaces become half-width; CJK punctuation is kept
    (，。“” are not ASCII look-alikes in Chinese typesetting). NFKC would also do this but folds far
    more (e.g. ㈠, ①), so only the full-width ASCII block is mapped."""
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            out.append(chr(code - 0xFEE0))
        else:
            out.append(_SPACES.get(ch, ch))
    return "".join(out)


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


def fold(text: str) -> str:
    """Width folding, traditional→simplified, NFC composition and collapsed whitespace."""
    text = unicodedata.normalize("NFC", fold_width(text))
    text = to_simplified(text)
    return " ".join(text.split())
