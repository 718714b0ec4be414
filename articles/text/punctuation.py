"""Full-width punctuation for display: “据了解,北仑区(宁波)” is shown as “据了解，北仑区（宁波）”.

Half the paper's pages came to us with ASCII ``, ; : ? ! ( )`` between Chinese characters (seeds 000,
002, 003, 004). Chinese typesetting uses the full-width forms, so readers see those; the source text
is never changed (editors and exports keep it verbatim) and search folds both forms alike
(``articles.text.fold``).

Written by hand because no maintained library does this narrow job: OpenCC converts characters, not
punctuation by context; ``zhon`` only lists the characters; ``pangu`` adds spaces between scripts. The
rules are deliberately conservative — a mark is converted only where a Chinese character touches it,
so ``1,200``, ``12:30``, ``3.5%`` and Latin text keep their ASCII forms:

* ``, ; : ? !`` become ``，；：？！`` when the character before or after is Chinese (a CJK
  ideograph or CJK punctuation) — but never between two digits (``1,200`` stays);
* a pair ``( … )`` becomes ``（ … ）`` when its content or the character just before it or just
  after it is Chinese; the two marks are always converted together, so a pair never mixes widths.

``display_html`` does the same inside escaped HTML (search results' highlighted title lines and fragments), touching only text
between tags and never character references such as ``&amp;`` or ``&#34;``.
"""

from __future__ import annotations

import re

from django.utils.safestring import SafeString, mark_safe

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def _is_chinese(ch: str) -> bool:
    """A CJK ideograph or CJK/full-width punctuation (what a Chinese sentence is made of)."""
    if not ch:
        return False
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0x3400 <= code <= 0x4DBF  # extension A
        or 0x3000 <= code <= 0x303F  # CJK symbols and punctuation: 。、「」
        or 0xFF00 <= code <= 0xFFEF  # full-width forms: ，（）
        or 0x2018 <= code <= 0x201F  # curly quotes “ ” ‘ ’, used in Chinese text
        or 0x20000 <= code <= 0x2FA1F  # extensions B and later
    )


_MARK = re.compile(r"[,;:?!]")
_PAIR = re.compile(r"\(([^()]*)\)")


def _convert_marks(text: str) -> str:
    def replace(match: re.Match) -> str:
        start = match.start()
        before = text[start - 1] if start else ""
        after = text[start + 1] if start + 1 < len(text) else ""
        if before.isdigit() and after.isdigit():
            return match.group()
        if _is_chinese(before) or _is_chinese(after):
            return _FULL[match.group()]
        return match.group()

    return _MARK.sub(replace, text)


def _convert_pairs(text: str) -> str:
    def replace(match: re.Match) -> str:
        start, end = match.span()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        inner = match.group(1)
        if any(_is_chinese(ch) for ch in inner) or _is_chinese(before) or _is_chinese(after):
            return f"（{inner}）"
        return match.group()

    return _PAIR.sub(replace, text)


def display_text(text: str) -> str:
    """Plain text as a reader should see it (see the module docstring for the rules)."""
    if not text:
        return text
    # Pairs first: whether “(2022年度)” is Chinese is decided by the ASCII marks around it.
    return _convert_marks(_convert_pairs(text))


# Text runs between tags; character references (&amp; &#34; &lt;) are kept apart so that their
# ``;`` is never converted.
_HTML_PARTS = re.compile(r"(<[^>]*>|&#?\w+;)")
_REFERENCE_STAND_IN = "\ue000"


def display_html(html: str) -> SafeString:
    """``display_text`` applied to escaped HTML (e.g. highlighted fragments with ``<mark>``).

    The text is processed as one string with tags and references masked, so a pair or a mark whose
    neighbour sits on the other side of a ``<mark>`` tag is still judged by that neighbour.
    """
    pieces = _HTML_PARTS.split(str(html))
    # Tags drop out (their neighbours become adjacent); a reference stands as one private-use
    # character, which is not Chinese. Every conversion keeps the length, so positions line up.
    plain = []
    for index, piece in enumerate(pieces):
        if index % 2:
            plain.append("" if piece.startswith("<") else _REFERENCE_STAND_IN)
        else:
            plain.append(piece)
    converted = display_text("".join(plain))
    out, cursor = [], 0
    for index, piece in enumerate(pieces):
        if index % 2:
            if not piece.startswith("<"):
                cursor += 1  # the one masking character of a reference
            out.append(piece)
        else:
            out.append(converted[cursor : cursor + len(piece)])
            cursor += len(piece)
    return mark_safe("".join(out))
