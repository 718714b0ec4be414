"""Estimating an issue's date from the page text when the manifest does not give it.

Evidence, from strongest to weakest:

1. Years the text reports as past or present: ``2024年织里镇趣味运动会``, ``2022年度``, a year
   prefixed to an event name (``2023衢州市职工好声音``). The page is from the latest such year.
2. Target years (``到2025年``, ``力争到2025年``) are the future: an upper bound, never the estimate.
3. "Since" years (``早在2020年``, ``2022年起``) are a lower bound; with ``去年`` in the text the
   page is at least a year later.
4. A page that shares its banner (series title) with a dated page of the same newspaper belongs to
   the same series and time: when 1 gives nothing, a peer's year inside the bounds is taken.

The month is the latest month the text mentions for that year (``今年8月`` → August), else January;
the day is the 1st. Issue.date_is_estimated stays True until an editor confirms the date.

Written by hand: date parsers (dateparser, jionlp's time parser) read one expression at a time and
know nothing of news writing — that a target year is in the future, that 去年 bounds the year.
"""

import datetime
import re
from dataclasses import dataclass, field

_YEAR = re.compile(r"(?<![\d.])((?:19[5-9]|20\d)\d)(?=(年度|年|[\u4e00-\u9fff]))")
_COUNTER_AFTER_NUMBER = set("余多个人名元万千百亿家次项条场届件位所支号米吨户台辆份套岁期")
_TARGET_BEFORE = re.compile(r"(?:(?<!截)[到至]|力争|预计|计划|争取|目标)\s*$")
_SINCE_BEFORE = re.compile(r"(?:早在|自|从|始于)\s*$")
_SINCE_AFTER = re.compile(r"^(?:年起|年以来|年开始)")
_RELATIVE_PAST = re.compile(r"去年|前年")
_MONTH = re.compile(r"(?:(?P<year>(?:19|20)\d\d)年)?(?<![\d个])(?P<month>1[0-2]|[1-9])月(?!份?\d)")


@dataclass
class DateEvidence:
    reported: list[int] = field(default_factory=list)
    targets: list[int] = field(default_factory=list)
    since: list[int] = field(default_factory=list)
    relative_past: bool = False
    months: list[tuple[int | None, int]] = field(default_factory=list)  # (explicit year or None, month)

    @property
    def upper(self) -> int | None:
        return min(self.targets) if self.targets else None

    @property
    def lower(self) -> int | None:
        if not self.since:
            return None
        return max(self.since) + (1 if self.relative_past else 0)

    def reported_year(self) -> int | None:
        upper = self.upper
        years = [y for y in self.reported if upper is None or y <= upper]
        return max(years) if years else None


def read_evidence(text: str) -> DateEvidence:
    evidence = DateEvidence(relative_past=bool(_RELATIVE_PAST.search(text)))
    for match in _YEAR.finditer(text):
        year, suffix = int(match.group(1)), match.group(2)
        if not suffix.startswith("年") and suffix in _COUNTER_AFTER_NUMBER:
            continue
        before = text[max(0, match.start() - 4) : match.start()]
        after = text[match.end(1) : match.end(1) + 4]
        if _TARGET_BEFORE.search(before):
            evidence.targets.append(year)
        elif _SINCE_BEFORE.search(before) or _SINCE_AFTER.match(after):
            evidence.since.append(year)
        else:
            evidence.reported.append(year)
    for match in _MONTH.finditer(text):
        evidence.months.append((int(match.group("year")) if match.group("year") else None, int(match.group("month"))))
    return evidence


def estimate_year(evidence: DateEvidence, peer_years: list[int], fallback: int) -> tuple[int, str]:
    """The page's year and a one-line reason, for the ESTIMATED_DATE flag."""
    year = evidence.reported_year()
    if year is not None:
        return year, f"正文报道的最晚年份 {year}"
    lower, upper = evidence.lower, evidence.upper
    fitting = [y for y in peer_years if (lower is None or y >= lower) and (upper is None or y <= upper)]
    if fitting:
        year = max(set(fitting), key=fitting.count)
        return year, f"{year}，与同一通栏题的版面同年（正文允许 {lower or '?'}–{upper or '?'}）"
    if lower is not None:
        return lower, f"{lower}，正文允许的最早年份"
    if upper is not None:
        return upper - 1, f"{upper - 1}，目标年份 {upper} 的前一年"
    return fallback, f"正文中没有年份；{fallback} 仅为占位"


def estimate_date(evidence: DateEvidence, year: int) -> datetime.date:
    months = [m for y, m in evidence.months if y is None or y == year]
    return datetime.date(year, max(months) if months else 1, 1)
