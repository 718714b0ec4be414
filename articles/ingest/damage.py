"""Flags for damage the importer cannot repair: an editor decides.

* DUPLICATE — a paragraph printed twice (001 L126=L141): both kept; the later one points to the
  first (``duplicate_of``) and is hidden from readers.
* ORPHAN — a fragment that belongs elsewhere: it starts mid-sentence/mid-quote, or it is a tiny
  sentence standing right under a title where a lead should be (001 L118 “四梁八柱”。).
* TRUNCATED — a paragraph still unfinished after column-break repair: the article (or this part of
  it) stops mid-sentence.
* LOST_TEXT — a repaired break that reads as nonsense: the continuation is one short clause and
  the break does not fall inside a word (字体|加深入人心。 vs 工|作。), so text is probably missing.
* MISPLACED — a paragraph names places, none of them in its own title, and it is the lead (a 宁波
  lead under a 杭州临平 title) or its places are another article's (临平 text in the 宁波 story).
* MISSING_BYLINE — an article with neither byline nor photo credit.
"""

import re

from articles.models.choices import BlockKind, FlagCode
from articles.text.fold import fold

from .draft import PageDraft, Piece
from .cohesion import breaks_inside_word
from .places import PlaceNames
from .repair import Join
from .text_rules import is_finished, is_single_sentence, starts_mid_sentence

DUPLICATE_MIN_CHARS = 10
ORPHAN_MAX_CHARS = 15
LOST_TEXT_MAX_CHARS = 15
NEIGHBOURS = 10  # articles each side searched for the story misplaced text belongs to
_CLAUSE = re.compile(r"[，,；;：:、]")


def flag_damage(draft: PageDraft, joins: list[Join], gazetteer: PlaceNames) -> None:
    _flag_duplicates(draft.pieces)
    _flag_orphans(draft)
    _flag_truncation(draft.pieces)
    _flag_lost_text(joins)
    by_article = draft.pieces_by_article()
    for index, article in enumerate(draft.articles):
        pieces = by_article.get(index, [])
        if not any(p.kind in (BlockKind.BYLINE, BlockKind.CREDIT) for p in pieces):
            article.flag(FlagCode.MISSING_BYLINE, "未找到署名或图片署名")
    _flag_misplaced(draft, gazetteer, by_article)


def _flag_duplicates(pieces: list[Piece]) -> None:
    first_seen: dict[str, int] = {}
    for index, piece in enumerate(pieces):
        if piece.kind not in (BlockKind.BODY, BlockKind.SUBHEAD, BlockKind.CAPTION):
            continue
        key = "".join(fold(piece.text).split())
        if len(key) < DUPLICATE_MIN_CHARS:
            continue
        if key in first_seen:
            original = pieces[first_seen[key]]
            piece.duplicate_of = first_seen[key]
            piece.hidden = True
            piece.flag(FlagCode.DUPLICATE, f"{piece.where} 与 {original.where} 重复：两段都保留，此段不向读者显示")
        else:
            first_seen[key] = index


def _flag_orphans(draft: PageDraft) -> None:
    previous: Piece | None = None
    for piece in draft.pieces:
        if piece.kind == BlockKind.BODY and not piece.hidden:
            if starts_mid_sentence(piece.text):
                piece.flag(FlagCode.ORPHAN, f"{piece.where} 从句子中间开始：开头在别处")
            elif (
                previous is not None
                and previous.kind in BlockKind.title_kinds()
                and len(piece.text) <= ORPHAN_MAX_CHARS
                and is_single_sentence(piece.text)
            ):
                piece.flag(FlagCode.ORPHAN, f"{piece.where} 是孤立片段，位于本应是导语的位置")
        previous = piece


def _flag_truncation(pieces: list[Piece]) -> None:
    for piece in pieces:
        if piece.kind == BlockKind.BODY and not piece.hidden and not is_finished(piece.text):
            piece.flag(FlagCode.TRUNCATED, f"{piece.where} 在句中中断：…{piece.text[-12:]}")


def _flag_lost_text(joins: list[Join]) -> None:
    for join in joins:
        right = join.right.strip()
        if len(right) > LOST_TEXT_MAX_CHARS or _CLAUSE.search(right) or not is_single_sentence(right):
            continue
        if breaks_inside_word(join.left, right):
            continue
        join.piece.flag(
            FlagCode.LOST_TEXT,
            f"L{join.line}：“…{join.left[-8:]}|{right}” 读来像是跨栏处缺了文字",
        )


def _article_about(draft: PageDraft, gazetteer: PlaceNames, text: str, title_places: dict, exclude: int):
    """The other article nearby whose title names the places of ``text`` — the most specific match
    first (临平 text → the 临平 story, not another 杭州 one). Scrambled text comes from a story
    printed near it, so only ``NEIGHBOURS`` articles each side are compared: a page of thousands of
    articles is still checked in time linear in its length."""
    places, cities = gazetteer.places_in(text), gazetteer.cities_in(text)
    best, best_score = None, (0, 0)
    for index in range(max(0, exclude - NEIGHBOURS), min(len(draft.articles), exclude + NEIGHBOURS + 1)):
        if index == exclude:
            continue
        article = draft.articles[index]
        title = " ".join((article.kicker, article.headline, article.subtitle))
        score = (len(places & gazetteer.places_in(title)), len(cities & title_places[index]))
        if score > best_score:
            best, best_score = article, score
    return best


def _flag_misplaced(draft: PageDraft, gazetteer: PlaceNames, by_article: dict) -> None:
    """A paragraph naming places, none of them in its own title, is misplaced when it is the
    article's lead, or when its places are those of another article's title on the page."""
    title_places = {
        index: gazetteer.cities_in(" ".join((a.kicker, a.headline, a.subtitle)))
        for index, a in enumerate(draft.articles)
    }
    for index in range(len(draft.articles)):
        own = title_places[index]
        if not own:
            continue
        body = [p for p in by_article.get(index, []) if p.kind == BlockKind.BODY and not p.hidden
                and not any(code == FlagCode.ORPHAN for code, _ in p.flags)]
        for position, piece in enumerate(body):
            places = gazetteer.cities_in(piece.text)
            if not places or places & own:
                continue
            other = _article_about(draft, gazetteer, piece.text, title_places, exclude=index)
            if other is not None:
                piece.flag(FlagCode.MISPLACED, f"{piece.where} 写的是《{other.headline}》的地点，"
                                               "与本文标题不符：可能属于那篇")
            elif position == 0:
                piece.flag(FlagCode.MISPLACED, f"导语（{piece.where}）提到的地点与标题不符："
                                               "可能属于另一篇")
