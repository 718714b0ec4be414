"""Continuation markers: 下转第4版 / (下转第4版) / 上接第1版 — where an article goes on, or came
from, on another page. They are printed as short lines or at the end (start) of a paragraph and
look like titles; the importer keeps them as ``jump`` blocks and records the other page on the
article (``continued_to`` / ``continued_from``)."""

import re
from dataclasses import dataclass

FORWARD, BACK = "forward", "back"
_NUMERALS = "〇一二三四五六七八九十"
_MARK = r"[(（]?\s*(?P<word>下转|转|上接|接|续)\s*第?\s*(?P<page>\d{1,2}|[一二三四五六七八九十]{1,3})\s*版\s*[)）]?"
_WHOLE = re.compile(rf"^\s*{_MARK}\s*$")
_TRAILING = re.compile(rf"\s*{_MARK}\s*$")
_LEADING = re.compile(rf"^\s*{_MARK}\s*")


@dataclass(frozen=True)
class Jump:
    direction: str  # FORWARD (下转) or BACK (上接)
    page: int
    source: str  # the marker as printed (with the whitespace around it)


def whole_marker(text: str) -> Jump | None:
    match = _WHOLE.match(text)
    return _jump(match, text) if match else None


def split_trailing_marker(line: str) -> tuple[str, Jump] | None:
    """'……企业职工的(下转第4版)' → ('……企业职工的', jump); text + jump.source == line."""
    match = _TRAILING.search(line)
    if not match or not line[: match.start()].strip():
        return None
    return line[: match.start()], _jump(match, line[match.start():])


def split_leading_marker(line: str) -> tuple[Jump, str] | None:
    """'(上接第1版)会议指出……' → (jump, '会议指出……'); jump.source + text == line."""
    match = _LEADING.match(line)
    if not match or not line[match.end():].strip():
        return None
    return _jump(match, line[: match.end()]), line[match.end():]


def _jump(match: re.Match, source: str) -> Jump:
    word, page = match.group("word"), match.group("page")
    direction = FORWARD if word in ("下转", "转") else BACK
    return Jump(direction=direction, page=int(page) if page.isdigit() else _chinese_number(page), source=source)


def _chinese_number(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20 (page numbers are small)."""
    if "十" not in text:
        return _NUMERALS.index(text[-1])
    tens, _, units = text.partition("十")
    return (_NUMERALS.index(tens) if tens else 1) * 10 + (_NUMERALS.index(units) if units else 0)
