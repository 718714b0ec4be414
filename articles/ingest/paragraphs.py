"""Splitting a page into paragraphs: runs of non-blank lines between blank lines.

Two or more blank lines mark an image gap (where a photo stood in print). Markdown-ish marks
(``## 标题``, ``**小标题**``) are recognised here and stripped from the text; the source keeps them.

Not a markdown library: these pages are only markdown-*ish* (a few marks on otherwise plain print
layout, marks used inconsistently between pages), and every block must keep its exact source line
numbers, which markdown parsers do not report for paragraphs split by blank lines. Two regular
expressions read the marks; the layout rules decide what they mean.
"""

import re
from dataclasses import dataclass

from .draft import BOLD_MARK

_HEADING = re.compile(r"^\s*(#{1,6})\s*(.*?)\s*#*\s*$")
_BOLD = re.compile(r"^\s*\*\*(.+?)\*\*\s*$")
# Whitespace that counts as blank: includes the ideographic space U+3000.
_BLANK = re.compile(r"^[\s\u3000\ufeff]*$")


@dataclass
class Paragraph:
    lines: list[str]  # the source lines, verbatim
    line_start: int  # 1-based
    blank_lines_before: int
    is_first: bool

    @property
    def line_end(self) -> int:
        return self.line_start + len(self.lines) - 1

    @property
    def after_image_gap(self) -> bool:
        return self.blank_lines_before >= 2 and not self.is_first


def source_lines(text: str) -> list[str]:
    """Lines as ``Page.source_lines()`` numbers them (``str.splitlines``)."""
    return text.splitlines()


def is_blank(line: str) -> bool:
    return bool(_BLANK.match(line))


def split_paragraphs(lines: list[str]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    current: list[str] = []
    start = 0
    blanks = 0
    blanks_before_current = 0
    for number, line in enumerate(lines, start=1):
        if is_blank(line):
            if current:
                paragraphs.append(Paragraph(current, start, blanks_before_current, not paragraphs))
                current = []
                blanks = 0
            blanks += 1
            continue
        if not current:
            start = number
            blanks_before_current = blanks
        current.append(line)
    if current:
        paragraphs.append(Paragraph(current, start, blanks_before_current, not paragraphs))
    return paragraphs


def strip_marks(line: str) -> tuple[str, int]:
    """('## 标题', …) → ('标题', 2); ('**小标题**') → ('小标题', BOLD_MARK); plain → (line, 0)."""
    heading = _HEADING.match(line)
    if heading and heading.group(2):
        return heading.group(2), len(heading.group(1))
    bold = _BOLD.match(line)
    if bold:
        return bold.group(1).strip(), BOLD_MARK
    return line.strip(), 0


def join_printed_lines(lines: list[str], separator: str = "") -> str:
    """A title printed over two lines is one line of text: '杭州临平区总工会依托' + '“数智工会”…'.

    Chinese needs no space between the pieces; a space is kept between two Latin words."""
    out = ""
    for line in (part.strip() for part in lines):
        if not line:
            continue
        if out and (separator or (out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum())):
            out += separator or " "
        out += line
    return out
