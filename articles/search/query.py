"""The reader's query language, parsed by hand into a small, always-safe structure.

What a reader can type (everything is folded first: full/half width, traditional → simplified,
control characters dropped, spaces collapsed, at most ``MAX_QUERY_CHARS`` characters kept):

=========================  ===============================================================
``工资集体协商 快递小哥``    words are ANDed; a run of Chinese is cut into words by jieba
``"劳模工匠"`` / “劳模工匠”  an exact string: every article containing these characters in this
                            order, across word boundaries too (「」『』 too)
``-培训``                   exclude articles containing the word (or ``-"a phrase"``)
``快递小哥 OR 外卖小哥``     either side (``湖州|嘉兴``, ``湖州｜嘉兴`` and a lone ``或`` too)
``title:工匠`` ``标题:工匠``  only in the title group (kicker, headline, subtitle)
``person:吴晓静``           articles crediting a person (``作者:`` ``人物:`` too; name or slug)
``2022..2024``              a date range by year, month or day; ``date:2024-01-01..2024-06-30``,
                            ``date:2023``, ``2024-03..``, ``..2022`` (open ends) also work
=========================  ===============================================================

A plain term matches an article that has all of its jieba words *or* contains the term's
characters contiguously (see ``grams``), so a plain query never finds fewer articles than the
same query quoted.

Why by hand: whoosh's QueryParser raises or silently reinterprets on unbalanced quotes, stray
colons and reserved words, and knows nothing of Chinese quotes or field names; a reader's
input must never raise. :func:`parse_query` accepts any string and returns a
:class:`ParsedQuery`; unknown or broken pieces are dropped, never guessed at.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field, replace

from articles.text.fold import fold, fold_width
from articles.text.xml import is_xml_char

from .analysis import segment
from .grams import compact
from .vocabulary import MAX_QUERY_CHARS

MAX_CLAUSES = 16

OPEN_QUOTES = '"“「『‘\''
CLOSE_QUOTES = '"”」』’\''
OR_WORDS = {"OR", "|", "||", "或"}
OR_BARS = "|｜"  # between two terms, with or without spaces
FIELD_ALIASES = {
    "title": "title", "标题": "title", "题目": "title",
    "person": "person", "作者": "person", "人物": "person", "记者": "person",
    "date": "date", "日期": "date", "year": "date", "年份": "date", "时间": "date",
}
_DATE_PART = r"\d{4}(?:[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?月?)?年?"
_DATE_RANGE = re.compile(rf"^(?P<start>{_DATE_PART})?(?:\.\.|~|～|至)(?P<end>{_DATE_PART})?$")
_DATE_SINGLE = re.compile(rf"^(?P<start>{_DATE_PART})$")
_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")


@dataclass(frozen=True)
class Clause:
    """One searchable piece: ``words`` (jieba query-mode words) in ``field``.

    kind "words" (typed plain): all words occur, or the characters of ``text`` occur contiguously;
    kind "phrase" (typed in quotes): ``string`` occurs exactly. ``string`` is ``text`` folded
    for exact matching (``grams.compact``). For field "person" ``words`` holds the one folded
    name as typed.
    """

    kind: str  # "words" | "phrase"
    field: str  # "text" | "title" | "person"
    text: str
    words: tuple[str, ...]
    negated: bool = False
    string: str = ""

    def display(self) -> str:
        body = f'"{self.text}"' if self.kind == "phrase" else self.text
        prefix = "" if self.field == "text" else f"{self.field}:"
        return f"{'-' if self.negated else ''}{prefix}{body}"


@dataclass(frozen=True)
class ParsedQuery:
    """The structure a query string means. ``must`` is an AND of OR-groups of clauses."""

    raw: str
    folded: str
    must: tuple[tuple[Clause, ...], ...] = ()
    must_not: tuple[Clause, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    dropped: tuple[str, ...] = field(default=())  # pieces that meant nothing searchable

    @property
    def is_empty(self) -> bool:
        """Nothing to search for (no words, no date range): show a prompt, not every article."""
        return not self.must and not self.must_not and self.date_from is None and self.date_to is None

    @property
    def has_words(self) -> bool:
        return bool(self.must)

    def positive_clauses(self) -> list[Clause]:
        return [clause for group in self.must for clause in group]

    def highlight_words(self) -> set[str]:
        """Words to mark where they stand as words: those of positive plain text/title clauses."""
        return {w for c in self.positive_clauses() if c.kind == "words" and c.field != "person" for w in c.words}

    def exact_strings(self) -> list[str]:
        """Strings to mark wherever they occur: every positive text/title clause's ``string``."""
        return list(dict.fromkeys(c.string for c in self.positive_clauses() if c.field != "person" and c.string))

    @property
    def has_quotes(self) -> bool:
        return any(c.kind == "phrase" for c in self.positive_clauses())

    def unquoted(self) -> ParsedQuery:
        """The same query with every quoted string taken as plain words (for a relaxed search)."""
        plain = lambda c: replace(c, kind="words", words=tuple(dict.fromkeys(c.words)))  # noqa: E731
        return replace(self, must=tuple(tuple(plain(c) if c.kind == "phrase" else c for c in group)
                                        for group in self.must))

    def any_term(self) -> ParsedQuery:
        """The query with its terms ORed: an article matching any one of them (relaxed search).
        A term of several jieba words counts each word on its own — but not a lone character that
        jieba cut off beside a longer word (小 of 工会小黄人 → 工会/小/黄人): it stands in nearly
        every article and would rank a title with 小 in it above the articles about 工会."""
        clauses = []
        for c in self.positive_clauses():
            if c.field == "person" or len(c.words) == 1:
                clauses.append(replace(c, kind="words"))
            else:
                words = [w for w in c.words if len(w) > 1] or list(c.words)
                clauses += [Clause("words", c.field, w, (w,), string=compact(w)) for w in words]
        unique = tuple(dict.fromkeys(clauses))
        return replace(self, must=(unique,) if unique else ())

    def term_texts(self) -> list[str]:
        """The positive terms as typed (folded), for messages."""
        return [c.text for c in self.positive_clauses()]

    def normalized(self) -> str:
        """A canonical, readable form of the query (what was understood), safe to echo escaped."""
        parts = [" OR ".join(c.display() for c in group) for group in self.must]
        parts += [c.display() for c in self.must_not]
        if self.date_from or self.date_to:
            start = self.date_from.isoformat() if self.date_from else ""
            end = self.date_to.isoformat() if self.date_to else ""
            parts.append(f"date:{start}..{end}")
        return " ".join(parts)


@dataclass
class _Token:
    text: str
    quoted: bool = False
    negated: bool = False
    field: str | None = None


_WHITESPACE = re.compile(r"\s+")


def clean_text(value: object, max_length: int = MAX_QUERY_CHARS) -> str:
    """The one cleaner of typed text (query, facet values): control characters become spaces (a tab
    between two words still separates them), invisible format characters (zero-width spaces,
    BOMs) are dropped since they only hide inside words, and so are noncharacters such as U+FFFE
    that XML cannot carry (the feed echoes the query); spaces collapse, the text is cut."""
    text = "" if value is None else str(value)
    text = text[: max_length * 4]
    chars = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cc", "Cs", "Co", "Zl", "Zp"):
            chars.append(" ")
        elif category != "Cf" and is_xml_char(char):
            chars.append(char)
    return _WHITESPACE.sub(" ", "".join(chars)).strip()[:max_length].strip()


def clean_query_text(raw: object) -> str:
    """:func:`clean_text`, then folded (width, traditional → simplified)."""
    return fold(clean_text(raw, MAX_QUERY_CHARS))[:MAX_QUERY_CHARS].strip()


def _lex(text: str) -> list[_Token]:
    """Split into tokens: bare words, quoted phrases, with '-' and 'field:' prefixes attached."""
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace() or ch in "()（）[]{}":
            i += 1
            continue
        if ch in OR_BARS:
            tokens.append(_Token("|"))
            i += 1
            continue
        negated = False
        if ch in "-" and i + 1 < n and not text[i + 1].isspace():
            negated = True
            i += 1
        field_name = None
        match = re.match(r"([A-Za-z\u4e00-\u9fff]{1,6})[:：]", text[i:])
        if match and match.group(1).lower() in FIELD_ALIASES:
            field_name = FIELD_ALIASES[match.group(1).lower()]
            i += match.end()
        if i < n and text[i] in OPEN_QUOTES:
            closers = CLOSE_QUOTES if text[i] not in "'‘" else "'’"
            j = i + 1
            while j < n and text[j] not in closers:
                j += 1
            tokens.append(_Token(text[i + 1 : j], quoted=True, negated=negated, field=field_name))
            i = j + 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in OPEN_QUOTES + OR_BARS + "()（）":
            j += 1
        tokens.append(_Token(text[i:j], negated=negated, field=field_name))
        i = max(j, i + 1)
    return tokens


def _parse_date(part: str | None, *, end: bool) -> dt.date | None:
    if not part:
        return None
    numbers = [int(x) for x in re.findall(r"\d+", part)]
    year = numbers[0]
    month = numbers[1] if len(numbers) > 1 else (12 if end else 1)
    if len(numbers) > 2:
        day = numbers[2]
    elif end:
        if not 1 <= month <= 12:
            return None
        day = calendar.monthrange(year, month)[1]
    else:
        day = 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _date_range(text: str) -> tuple[dt.date | None, dt.date | None] | None:
    """'2022..2024' / '2024-01-01..2024-06-30' / '2023' (with a date: prefix) → (from, to)."""
    match = _DATE_RANGE.match(text)
    if match and (match.group("start") or match.group("end")):
        start = _parse_date(match.group("start"), end=False)
        finish = _parse_date(match.group("end"), end=True)
        if (match.group("start") and not start) or (match.group("end") and not finish):
            return None
        return start, finish
    match = _DATE_SINGLE.match(text)
    if match:
        start, finish = _parse_date(text, end=False), _parse_date(text, end=True)
        if start and finish:
            return start, finish
    return None


def _clause(token: _Token) -> Clause | None:
    text = token.text.strip()
    if token.quoted:
        text = _CJK_SPACE.sub("", text)
    if not text:
        return None
    field_name = token.field or "text"
    if field_name == "person":
        name = " ".join(text.split())
        return Clause("words", "person", name, (name.lower(),), token.negated)
    words = tuple(dict.fromkeys(w.text for w in segment(text))) if not token.quoted else tuple(
        w.text for w in segment(text)
    )
    if not words:
        return None
    kind = "phrase" if token.quoted else "words"
    return Clause(kind, field_name, text, words, token.negated, compact(text))


def parse_query(raw: object) -> ParsedQuery:
    """Parse any input into a :class:`ParsedQuery`. Never raises for any string (or None)."""
    folded = clean_query_text(raw)
    must: list[list[Clause]] = []
    must_not: list[Clause] = []
    dropped: list[str] = []
    date_from = date_to = None
    join_next = False
    count = 0
    for token in _lex(folded):
        if not token.quoted and token.field is None and token.text in OR_WORDS and not token.negated:
            join_next = bool(must)
            continue
        if token.field == "date" or (token.field is None and not token.quoted and _DATE_RANGE.match(token.text)):
            parsed = _date_range(token.text)
            if parsed and not token.negated:
                date_from, date_to = parsed
            else:
                dropped.append(token.text)
            join_next = False
            continue
        if count >= MAX_CLAUSES:
            dropped.append(token.text)
            continue
        clause = _clause(token)
        if clause is None:
            if token.text:
                dropped.append(token.text)
            continue
        count += 1
        if clause.negated:
            must_not.append(clause)
        elif join_next and must:
            must[-1].append(clause)
        else:
            must.append([clause])
        join_next = False
    return ParsedQuery(
        raw="" if raw is None else str(raw)[:MAX_QUERY_CHARS * 4],
        folded=folded,
        must=tuple(tuple(group) for group in must),
        must_not=tuple(must_not),
        date_from=date_from,
        date_to=date_to,
        dropped=tuple(dropped),
    )


def date_bound(text: object, *, end: bool) -> str:
    """A date control's value repaired to ``2024``, ``2024-03`` or ``2024-03-01`` (the query
    language's date syntax, normalised), or "" when it is not a date. ``end`` only decides
    validity (``2024-02-30`` is no day, either way)."""
    raw = fold_width(str(text or "")).strip()[:20]
    match = _DATE_SINGLE.match(raw)
    if not match or _parse_date(raw, end=end) is None:
        return ""
    parts = [int(p) for p in re.findall(r"\d+", raw)]
    return "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:3])])


def date_tokens(query: str) -> tuple[str, tuple[dt.date | None, dt.date | None] | None]:
    """The query without its date-range words (``2022..2023``, ``date:2024``…) and the range they
    asked for, so the search page can show a typed range as a removable chip."""
    kept, found = [], None
    for word in query.split():
        field_name, colon, value = word.partition(":")
        if colon and FIELD_ALIASES.get(field_name.lower()) == "date":
            parsed = _date_range(value)
        else:
            parsed = _date_range(word) if _DATE_RANGE.match(word) else None
        if parsed:
            found = parsed
        else:
            kept.append(word)
    return " ".join(kept), found
