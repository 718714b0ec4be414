"""Does this run of title-like lines open a new article, or is it an inner subhead of the one
before? Named signals, measured on the page, and one decision over them.

Inner subheads look exactly like headlines (SEEDS.md), so the lines themselves decide little; what
surrounds them does. ``measure`` reads the signals, ``decide`` weighs them. Every decision keeps
its signal values and a one-line reason in Chinese for the page editor (“新文章：前有摄影署名；与上
文词汇重合 0.06”), so an editor sees why, and the weights below can be tuned against the
development set (``manage.py evaluate_segmentation``).

The decision, in order:

1. **Certain openers** — any one opens an article: the first title on the page; two or more title
   lines (a title group: label/kicker + headline, headline + subtitle); the page's headline mark;
   a known column label; a byline, author line (■ / 文/), 编者按, caption or image gap right after
   the title; a closing credit or an item's bracketed author right before it (the story before has
   ended); a lead opening right after it (日前, 近日, 本报讯 …).
   A genre label (简讯, 工会动态, 短评 …) or a sidebar label (相关链接, 记者手记 …) opens one too:
   a list of items or a sidebar is an item of its own on the printed page.
2. **Certain subheads** — numbered points (一、 / （二） / 3. / 第一本账：) stay inside the article.
3. **Evidence** otherwise, added up (``OPENING_SCORE`` or more opens an article):
   * lexical cohesion (``cohesion``) of the text after the title with the article so far:
     below ``LOW_COHESION`` +2 (new people, places, words), above ``HIGH_COHESION`` −2; not
     measured when either side has fewer than ``MIN_COHESION_WORDS`` words;
   * the title names a place or organisation the article so far has not: +1, or +2 when the title
     opens with it (the news form 北仑区举办…; subheads rarely start with a new place);
   * the text after the title is a short item closed by a credit (photo news, 简讯): +2;
   * the article so far already has inner subheads: −1 (subheads come in series);
   * the article's title announces a long report (a subtitle ——…见闻 / 侧记 / 纪实, or 记…): −2;
   * the article so far is short (under ``SHORT_ARTICLE_CHARS``, one paragraph): +1 — a report
     long enough to need subheads has more than a lead before its first one.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from articles.models.choices import BlockKind

from .cohesion import WINDOW_PIECES, PageVocabulary
from .draft import Piece
from .places import PlaceNames
from .text_rules import ORGANISATION_ENDINGS

LOW_COHESION = 0.10
HIGH_COHESION = 0.22
SHORT_ARTICLE_CHARS = 260
MIN_COHESION_WORDS = 10  # fewer content words on either side: too little text to compare
SHORT_ITEM_PIECES = 3
OPENING_SCORE = 2
LOOK_BACK = 200

# What a news lead opens with (the paragraph right after a headline); subheads are followed by
# running text instead.
LEAD_OPENING = re.compile(
    r"^(?:本报讯|日前|近日|近期|[今昨]天|[今昨]日|[前昨今]晚|今年以来|去年以来|入[夏冬秋春]以来"
    r"|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})日|[上中下]旬|初|底|份)[，,]"
    r"|记者(?:从|近日|日前)|[“\"]?[^，,。]{0,12}[，,]记者)"
)
EDITORS_NOTE = re.compile(r"^[【\[]?\s*编者按")
NUMBERED_POINT = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]"
    r"|第[一二三四五六七八九十]+\S{0,4}?[，,、：:\s])"
)
# A title line announcing a long report, which usually has inner subheads.
FEATURE_TITLE = re.compile(r"^(?:——|记)|(?:见闻|侧记|纪实|纪事|手记|故事|探访|调查)$")
# A sidebar printed beside a story (相关链接, 记者手记 …): its own item in the paper's layout.
SIDEBAR_LABEL = re.compile(r"^[【\[]?(?:相关链接|链接|延伸阅读|记者手记|背景链接|小贴士|知识链接|新闻链接)[】\]]?$")
# Column labels of a genre, printed over a title (短评 / 安全生产容不得半点松懈): never a headline.
GENRE_LABEL = re.compile(
    r"^[【\[]?(?:短评|简讯|快评|时评|微评|评论|言论|图片新闻|新闻速递|一线传真|工会动态|基层动态|本报短评|工评|[\u4e00-\u9fff]{1,3}快评)[】\]]?$"
)
ORGANISATION = re.compile(rf"[\u4e00-\u9fff]{{2,10}}?(?:{ORGANISATION_ENDINGS})")


@dataclass
class BoundarySignals:
    """What the page says around one run of title lines (values kept for the editor and tuning)."""

    first_title: bool = False
    title_lines: int = 1
    headline_mark: bool = False
    known_label: bool = False
    next_kind: str = ""  # byline, caption, credit, body, jump, "" (end of page)
    next_after_image_gap: bool = False
    next_opens_like_lead: bool = False
    next_is_editors_note: bool = False
    after_closing_credit: bool = False
    numbered_point: bool = False
    sidebar_label: bool = False
    genre_label: bool = False
    cohesion: float | None = None
    new_name_in_title: str = ""
    title_text: str = ""
    short_item_follows: bool = False
    subheads_so_far: int = 0
    feature_title: str = ""  # the article's title announces a long report (——…见闻, 记…)
    article_chars: int = 0
    article_paragraphs: int = 0


@dataclass
class Decision:
    opens_article: bool
    reasons: list[str]
    score: int | None = None  # the evidence sum, when no certain signal decided
    signals: dict = field(default_factory=dict)

    @property
    def summary(self) -> str:
        head = "新文章" if self.opens_article else "小标题（文内）"
        return f"{head}：{'；'.join(self.reasons)}" if self.reasons else head

    def as_json(self) -> dict:
        return {"boundary": "new_article" if self.opens_article else "subhead", "summary": self.summary,
                "reasons": self.reasons, "score": self.score, "signals": self.signals}


def decide(s: BoundarySignals) -> Decision:
    """The one decision: certain openers, then certain subheads, then the weighed evidence."""
    certain = _certain_openers(s)
    signals = asdict(s)
    if certain:
        return Decision(True, certain, signals=signals)
    if s.numbered_point:
        return Decision(False, ["编号小标题（一、/（二）/3.）"], signals=signals)
    score, reasons = 0, []
    if s.cohesion is not None:
        if s.cohesion < LOW_COHESION:
            score += 2
            reasons.append(f"与上文词汇重合 {s.cohesion:.2f}（低）")
        elif s.cohesion > HIGH_COHESION:
            score -= 2
            reasons.append(f"与上文词汇重合 {s.cohesion:.2f}（高）")
        else:
            reasons.append(f"与上文词汇重合 {s.cohesion:.2f}")
    if s.new_name_in_title:
        # A title that opens with a new place is the news form "X地 did Y"; subheads rarely do.
        leads_with_it = title_starts_with(s, s.new_name_in_title)
        score += 2 if leads_with_it else 1
        reasons.append(f"标题{'以' if leads_with_it else '出现'}上文未有的“{s.new_name_in_title}”{'开头' if leads_with_it else ''}")
    if s.short_item_follows:
        score += 2
        reasons.append("其后为以署名结束的短稿")
    if s.subheads_so_far:
        score -= 1
        reasons.append(f"上文已有 {s.subheads_so_far} 个小标题")
    if s.feature_title:
        score -= 2
        reasons.append(f"上文是通讯（“{s.feature_title}”），常有小标题")
    if s.article_paragraphs <= 1 and s.article_chars < SHORT_ARTICLE_CHARS:
        score += 1
        reasons.append(f"上文仅 {s.article_chars} 字")
    return Decision(score >= OPENING_SCORE, reasons, score=score, signals=signals)


def title_starts_with(s: BoundarySignals, name: str) -> bool:
    return s.title_text.lstrip("“\"《 ").startswith(name)


def _certain_openers(s: BoundarySignals) -> list[str]:
    reasons = []
    if s.first_title:
        reasons.append("版面第一个标题")
    if s.title_lines >= 2:
        reasons.append(f"{s.title_lines} 行标题组")
    if s.headline_mark:
        reasons.append("主标题标记")
    if s.known_label:
        reasons.append("已知栏目名")
    if s.genre_label:
        reasons.append("体裁栏目（简讯/短评等）")
    if s.sidebar_label:
        reasons.append("边栏（相关链接等）")
    if s.next_kind == BlockKind.BYLINE:
        reasons.append("后接署名")
    if s.next_kind == BlockKind.CAPTION:
        reasons.append("后接图片说明")
    if s.next_after_image_gap:
        reasons.append("后有图片空位")
    if s.next_is_editors_note:
        reasons.append("后接编者按")
    if s.next_kind == "":
        reasons.append("位于版面末尾")
    if s.after_closing_credit:
        reasons.append("前有署名（上一篇已结束）")
    if s.next_opens_like_lead:
        reasons.append("后接导语（日前/近日…）")
    return reasons


class PageContext:
    """What ``measure`` needs to know about the whole page, computed once."""

    def __init__(self, pieces: list[Piece], places: PlaceNames, labels: set[str], headline_mark: int | None):
        self.pieces = pieces
        self.places = places
        self.labels = labels
        self.headline_mark = headline_mark
        self.vocabulary = PageVocabulary([_words_text(p) for p in pieces])


def measure(ctx: PageContext, start: int, end: int, article_start: int | None, first_title: bool) -> BoundarySignals:
    """Signals for the title run ``pieces[start:end]``; the current article began at ``article_start``."""
    pieces = ctx.pieces
    run = pieces[start:end]
    following = pieces[end] if end < len(pieces) else None
    preceding = pieces[start - 1] if start else None
    title_text = " ".join(p.text for p in run)
    s = BoundarySignals(first_title=first_title, title_lines=len(run), title_text=title_text)
    s.headline_mark = any(p.mark and p.mark <= (ctx.headline_mark or 0) for p in run)
    s.known_label = _normalise(run[0].text) in ctx.labels
    s.next_kind = following.kind if following is not None else ""
    if following is not None:
        s.next_after_image_gap = following.after_image_gap
        if following.kind == BlockKind.BODY:
            s.next_opens_like_lead = bool(LEAD_OPENING.match(following.text))
            s.next_is_editors_note = bool(EDITORS_NOTE.match(following.text))
    s.after_closing_credit = preceding is not None and _closes_item(preceding)
    s.numbered_point = bool(NUMBERED_POINT.match(run[0].text))
    s.sidebar_label = bool(SIDEBAR_LABEL.match(_normalise(run[0].text)))
    s.genre_label = bool(GENRE_LABEL.match(_normalise(run[0].text)))

    # The article so far, at most LOOK_BACK pieces (no report has more paragraphs; the bound keeps a
    # page of any size linear).
    first = max(article_start if article_start is not None else start, start - LOOK_BACK)
    before = [i for i in range(first, start) if pieces[i].kind in _TEXT_KINDS and not pieces[i].hidden]
    body_before = [i for i in before if pieces[i].kind == BlockKind.BODY]
    s.article_chars = sum(len(pieces[i].text) for i in body_before)
    s.article_paragraphs = len(body_before)
    s.subheads_so_far = sum(1 for i in before if pieces[i].kind == BlockKind.SUBHEAD)
    s.feature_title = next((pieces[i].text for i in before if pieces[i].kind in BlockKind.title_kinds()
                            and FEATURE_TITLE.search(pieces[i].text)), "")

    after = []
    index = end
    while index < len(pieces) and len(after) < WINDOW_PIECES and pieces[index].kind != "title":
        if pieces[index].kind in _TEXT_KINDS:
            after.append(index)
        index += 1
    words_before = ctx.vocabulary.window(before[-WINDOW_PIECES:])
    words_after = ctx.vocabulary.window([*range(start, end), *after])
    if min(sum(words_before.values()), sum(words_after.values())) >= MIN_COHESION_WORDS:
        s.cohesion = round(ctx.vocabulary.similarity(words_before, words_after), 3)
    s.short_item_follows = _short_item_follows(pieces, end)
    before_text = "".join(pieces[i].text for i in before)
    if before_text:
        s.new_name_in_title = _new_name(title_text, before_text, ctx.places)
    return s


_TEXT_KINDS = (BlockKind.BODY, BlockKind.SUBHEAD, BlockKind.CAPTION, BlockKind.KICKER, BlockKind.HEADLINE,
               BlockKind.SUBTITLE, "title")


def _words_text(piece: Piece) -> str:
    return piece.text if piece.kind in _TEXT_KINDS else ""


def _closes_item(piece: Piece) -> bool:
    """A closing photo credit, or an author credit closing an item (…。（王乾鹏 凌婷））."""
    return piece.kind == BlockKind.CREDIT or (piece.kind == BlockKind.BYLINE and piece.closes_item)


def _short_item_follows(pieces: list[Piece], end: int) -> bool:
    """Title, one to ``SHORT_ITEM_PIECES`` paragraphs, then a closing credit: a short item."""
    index, paragraphs = end, 0
    while index < len(pieces) and paragraphs <= SHORT_ITEM_PIECES:
        piece = pieces[index]
        if _closes_item(piece):
            return paragraphs >= 1
        if piece.kind != BlockKind.BODY:
            return False
        paragraphs += 1
        index += 1
    return False


def _new_name(title: str, before: str, places: PlaceNames) -> str:
    """A place or organisation the title names and the article so far does not."""
    for name in places.names_in(title):
        if name not in before:
            return name
    for match in ORGANISATION.finditer(title):
        if match.group(0) not in before:
            return match.group(0)
    return ""


def _normalise(text: str) -> str:
    return "".join(text.split())
