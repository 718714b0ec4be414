"""Bylines and photo credits: who wrote, reported and photographed an article.

Variants this paper prints (see SEEDS.md)::

    本报讯 记者吴晓静 通讯员张晶秋报道 一把刻刀……      byline at the start of the lead
    记者寿慧桢报道 去年以来……                          no 本报讯
    本报讯 通讯员张小玲 记者潘仙德报道                   correspondent before reporter
    记者羊荣江 通讯员方旭、傅立华报道                     several names joined by 、
    本报讯 记者邹伟锋摄影 报道                          摄影: a photographer too
    本报讯 记者李凡 通讯员徐剑摄影报道                   摄影 belongs to the group it follows
    (记者 张三 通讯员 李四)   见习记者王五   文/图 记者X    elsewhere in this paper
    通讯员杨磊 摄                                       closing credit of a photo story

Written by hand with regular expressions: no library parses Chinese newspaper bylines, and the
grammar is small (role word, names, 摄影, 报道/摄).
"""

import re
from dataclasses import dataclass, field

from articles.models.choices import BlockKind, CreditRole

ROLE_WORDS = {
    "见习记者": CreditRole.REPORTER,
    "特约记者": CreditRole.REPORTER,
    "记者": CreditRole.REPORTER,
    "实习生": CreditRole.REPORTER,
    "特约通讯员": CreditRole.CORRESPONDENT,
    "通讯员": CreditRole.CORRESPONDENT,
}
_ROLE = "(?:见习记者|特约记者|记者|实习生|特约通讯员|通讯员)"
_NAME = r"[\u4e00-\u9fff·]{2,4}?"
_NAMES = rf"{_NAME}(?:\s*[、，,]\s*{_NAME})*"
_WEN_TU = r"文\s*/\s*图"
_GROUP = rf"(?:{_WEN_TU}\s*)?(?:本报)?{_ROLE}\s*{_NAMES}(?:\s*(?:摄影|{_WEN_TU}))?"
_GROUP_PARTS = re.compile(
    rf"(?P<wentu_before>{_WEN_TU}\s*)?(?:本报)?(?P<role>{_ROLE})\s*(?P<names>{_NAMES})(?:\s*(?P<photo>摄影|{_WEN_TU}))?(?=\s*(?:{_ROLE}|{_WEN_TU}|报道|摄|[)）]|\s|$))"
)
# The byline proper, at the very start of a paragraph; what follows it is the lead's text.
_BYLINE = re.compile(
    rf"""^(?P<byline>
        (?:本报讯\s*)?
        [(（]?\s*
        (?P<groups>{_GROUP}(?:\s*{_GROUP})*)
        \s*(?:(?:报道|摄)?\s*[)）]|(?:报道|摄)(?=\s|$)|$)
      )""",
    re.VERBOSE,
)
_BARE_DATELINE = re.compile(r"^(?P<byline>本报讯)(?=\s)")
# 文/图 赵六 — text and photos by one person, no 报道 after it.
_WEN_TU_BYLINE = re.compile(rf"^(?P<byline>{_WEN_TU}\s*(?:本报)?(?P<role>{_ROLE})?\s*(?P<names>{_NAMES}))(?=\s|$)")
# (记者 张三 通讯员 李四) closing the last paragraph of a short news item.
_TRAILING_BYLINE = re.compile(rf"(?P<byline>[(（]\s*{_GROUP}(?:\s*{_GROUP})*\s*(?:报道|摄)?\s*[)）])\s*$")
# A credit line of its own: groups of (role word) names, then 摄 / 摄影 / 摄影报道 — or, in
# brackets, names alone (王乾鹏 凌婷: names of two or three characters separated by spaces).
_SPACED_NAMES = r"[\u4e00-\u9fff·]{2,3}(?:\s+[\u4e00-\u9fff·]{2,3}){0,3}"
_CREDIT_NAMES = rf"(?:{_NAMES}|{_SPACED_NAMES})"
_CREDIT_GROUP = re.compile(rf"(?:(?P<role>{_ROLE})\s*)?(?P<names>{_NAMES}|{_SPACED_NAMES})(?=\s|$|{_ROLE})")
_CLOSING_CREDIT = re.compile(
    rf"^(?P<groups>(?:{_ROLE}\s*)?{_CREDIT_NAMES}(?:\s*{_ROLE}\s*{_CREDIT_NAMES})*)"
    rf"\s*(?P<suffix>摄影\s*报道|摄影|摄)?$"
)
_BRACKETED = re.compile(r"^[(（]\s*(.+?)\s*[)）]$")
_TRAILING_CREDIT = re.compile(r"(?<=[。！？!?”」』…])\s*(?P<credit>[(（][^()（）]{2,30}[)）])\s*$")
# An author line: ■ 王小明 / ■本报评论员 王小明 / 文/王小明 (commentary, features).
_AUTHOR_LINE = re.compile(
    rf"^(?P<byline>(?:[■□◆●▲]\s*|文\s*/\s*(?!图))(?:本报)?(?P<role>特约评论员|评论员|{_ROLE})?\s*(?P<names>{_NAMES}))(?=\s|$)"
)
_PHOTO_REPORT_AFTER = re.compile(r"^\s*报道")
# What a result line leaves out of a byline: the dateline before it, the 报道 closing it.
_DATELINE_AND_CLOSING = re.compile(r"^\s*本报讯\s*|\s*(?:摄影\s*)?报道\s*$")


@dataclass
class ParsedByline:
    text: str  # the byline as printed, stripped
    source: str  # the byline part of the line, with the whitespace after it (lossless split)
    rest: str  # the remainder of the line (the lead's first words), verbatim
    credits: list[tuple[str, str]] = field(default_factory=list)  # (printed name, CreditRole)


def split_byline(line: str) -> ParsedByline | None:
    """If ``line`` starts with a byline, split it off: byline source + rest == line."""
    stripped = line.lstrip()
    match = (_BYLINE.match(stripped) or _WEN_TU_BYLINE.match(stripped) or _AUTHOR_LINE.match(stripped)
             or _BARE_DATELINE.match(stripped))
    if not match:
        return None
    lead_ws = len(line) - len(line.lstrip())
    end = lead_ws + match.end("byline")
    # Keep the whitespace between byline and lead with the byline, so the two parts concatenate
    # back to the source line exactly.
    while end < len(line) and line[end] in " \t\u3000":
        end += 1
    source, rest = line[:end], line[end:]
    return ParsedByline(text=source.strip(), source=source, rest=rest, credits=credits_in(match.group("byline")))


def short_byline(byline: str, limit: int = 60) -> str:
    """'本报讯 记者吴晓静 通讯员张晶秋报道' → '记者吴晓静 通讯员张晶秋': the authors, as a search result
    line names them (one space between groups, at most ``limit`` characters)."""
    return " ".join(_DATELINE_AND_CLOSING.sub("", byline or "").split())[:limit]


def split_trailing_byline(line: str) -> tuple[str, ParsedByline] | None:
    """'……活动圆满结束。(记者 张三 通讯员 李四)' → ('……活动圆满结束。', byline); text + source == line."""
    match = _TRAILING_BYLINE.search(line)
    if not match or not line[: match.start()].strip():
        return None
    byline = line[match.start():]
    return line[: match.start()], ParsedByline(text=byline.strip(), source=byline, rest="",
                                               credits=credits_in(match.group("byline")))


def split_trailing_credit(line: str) -> tuple[str, ParsedByline] | None:
    """'……活动圆满结束。（王乾鹏 凌婷）' → ('……活动圆满结束。', credit): an item's authors in brackets
    after its last sentence; text + source == line."""
    match = _TRAILING_CREDIT.search(line)
    if not match or not line[: match.start()].strip():
        return None
    credits = parse_closing_credit(match.group("credit"))
    if not credits:
        return None
    source = line[match.start():]
    return line[: match.start()], ParsedByline(text=source.strip(), source=source, rest="", credits=credits)


def credits_in(byline: str) -> list[tuple[str, str]]:
    """(printed name, role) for every name in a byline, in print order; 摄影 adds photographer.

    ``摄影报道`` closing the byline covers every name before it (记者A 通讯员B摄影报道: A and B both
    took the photos); ``摄影`` inside the byline covers only its own group (记者A摄影 通讯员B报道)."""
    credits: list[tuple[str, str]] = []
    wen_tu = _WEN_TU_BYLINE.match(byline)
    if wen_tu and not wen_tu.group("role"):
        for name in split_names(wen_tu.group("names")):
            credits += [(name, CreditRole.REPORTER), (name, CreditRole.PHOTOGRAPHER)]
        return credits
    author = _AUTHOR_LINE.match(byline)
    if author:
        role = ROLE_WORDS.get(author.group("role") or "", CreditRole.REPORTER)
        return [(name, role) for name in split_names(author.group("names"))]
    groups = list(_GROUP_PARTS.finditer(byline))
    photo_report = bool(groups) and bool(groups[-1].group("photo")) and bool(
        _PHOTO_REPORT_AFTER.match(byline[groups[-1].end():]))
    for group in groups:
        role = ROLE_WORDS[group.group("role")]
        photographer = photo_report or bool(group.group("photo") or group.group("wentu_before"))
        for name in split_names(group.group("names")):
            credits.append((name, role))
            if photographer:
                credits.append((name, CreditRole.PHOTOGRAPHER))
    return credits


def split_names(names: str) -> list[str]:
    """'方旭、傅立华' / '王乾鹏 凌婷' → the names."""
    return [name for name in re.split(r"[\s、，,]+", names.strip()) if name]


def parse_closing_credit(line: str) -> list[tuple[str, str]] | None:
    """A credit line of its own, closing a photo or an item; None if ``line`` is not one.

    '通讯员杨磊 摄'          → 杨磊 correspondent and photographer (he took the photo)
    'X 摄' / 'X、Y 摄影报道'  → photographers
    '记者A 通讯员B摄影报道'   → A reporter, B correspondent, both photographers (摄影报道 covers all)
    '（王乾鹏 凌婷）'         → the item's authors (reporters): a bracket of names and nothing else
    """
    text = line.strip()
    bracketed = _BRACKETED.match(text)
    inner = bracketed.group(1).strip() if bracketed else text
    match = _CLOSING_CREDIT.match(inner)
    if not match:
        return None
    suffix = match.group("suffix") or ""
    if not suffix and not bracketed:
        return None  # 'X Y' alone could be a slogan title (法护权益 安心在嘉): a credit says 摄 or brackets
    photographer = "摄" in suffix
    credits: list[tuple[str, str]] = []
    role = None
    for group in _CREDIT_GROUP.finditer(match.group("groups")):
        # A role word covers the names after it up to the next role word: (通讯员 吴晓明 周丽).
        role = ROLE_WORDS.get(group.group("role") or "") or role
        for name in split_names(group.group("names")):
            if role:
                credits.append((name, role))
            elif not photographer:
                credits.append((name, CreditRole.REPORTER))
            if photographer:
                credits.append((name, CreditRole.PHOTOGRAPHER))
    return credits or None


def credits_of_lines(lines) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(kind, text, credits read from it) for each byline and photo-credit line of one article, in
    print order; other kinds are skipped. ``lines`` are (BlockKind, text) pairs.

    The one rule the importer and the editors' re-derivation share: a byline is read as a byline
    and, failing that, as a closing credit (an importer-classified byline may be '杨磊 摄');
    a credit line only as a closing credit."""
    read = []
    for kind, text in lines:
        if kind == BlockKind.BYLINE:
            read.append((kind, text, credits_in(text) or parse_closing_credit(text) or []))
        elif kind == BlockKind.CREDIT:
            read.append((kind, text, parse_closing_credit(text) or []))
    return read


def unique_credits(read) -> list[tuple[str, str]]:
    """The (name, role) pairs of ``credits_of_lines``' result, in print order, without repeats."""
    return list(dict.fromkeys(pair for _kind, _text, credits in read for pair in credits))
