"""From title-like lines to articles: banner, column labels, title groups and inner subheads.

Consecutive title-like lines form a *run*. A run opens a new article when what surrounds it says
so — not by its marks alone, since inner subheads look exactly like headlines:

* it is the first run on the page (the page banner, if any, is split off it);
* it has two or more lines (label + headline, kicker + headline …); a subhead is one line;
* it carries the page's headline mark (the highest-ranking ``#`` level used on the page);
* it is followed by a byline, a caption or an image gap; or it is a known column label;
* it comes right after a closing photo credit (which ends the story before it), or the text after
  it opens like a news lead (日前, 近日 …) — inner subheads are followed by running text.

Otherwise it is a one-line run followed by body text: an inner subhead of the current article.

Banner: at the top of the page, unmarked lines before the first marked title (markdown pages), or
the first block of a plain page's first run when that run has more lines than a title group holds
(3+) or starts with a block printed over two lines; or a banner already known from another page.
Column labels: unmarked lines before a marked headline, or a label already known in the archive.
"""

import re

from articles.models.choices import BlockKind, FlagCode

from .draft import ArticleDraft, Piece
from .paragraphs import join_printed_lines, strip_marks
from .places import Gazetteer
from .roles import TITLE
from .titles import assign_title_roles

_ARTICLE_OPENERS = (BlockKind.BYLINE, BlockKind.CAPTION)
_LEAD_OPENING = re.compile(r"^(?:日前|近日|本报讯|[今昨]天|[今昨]日)[,，]")


def _normalise(text: str) -> str:
    return "".join(text.split())


def lay_out(
    pieces: list[Piece],
    gazetteer: Gazetteer,
    known_banners: set[str] = frozenset(),
    known_labels: set[str] = frozenset(),
) -> tuple[list[ArticleDraft], str]:
    """Decide every title-like piece's role and assign every piece to an article (or none: the
    banner). Returns the articles and the banner text."""
    banners = {_normalise(b) for b in known_banners}
    labels = {_normalise(label) for label in known_labels}
    heading_marks = [p.mark for p in pieces if p.mark and p.kind == TITLE]
    headline_mark = min(heading_marks) if heading_marks else None

    articles: list[ArticleDraft] = []
    banner = ""
    seen_content = False
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        if piece.kind != TITLE:
            if not articles:
                articles.append(ArticleDraft(order=1))
                articles[-1].flag(FlagCode.ORPHAN, f"首个标题之前的文字（{piece.where}）："
                                                   "可能接续其他版面")
            piece.article = len(articles) - 1
            seen_content = True
            index += 1
            continue

        end = index
        while end < len(pieces) and pieces[end].kind == TITLE:
            end += 1
        run = pieces[index:end]
        following = pieces[end] if end < len(pieces) else None
        preceding = pieces[index - 1] if index else None

        if not seen_content:
            run, banner_piece = _split_banner(run, banners)
            if banner_piece is not None:
                banner_piece.kind = BlockKind.BANNER
                banner_piece.text = join_printed_lines(
                    [strip_marks(line)[0] for line in banner_piece.source_text.splitlines()], " "
                )
                banner = banner_piece.text
        opens_article = (
            not seen_content
            or len(run) >= 2
            or any(p.mark and p.mark <= (headline_mark or 0) for p in run)
            or following is None
            or following.kind in _ARTICLE_OPENERS
            or following.after_image_gap
            or _normalise(run[0].text) in labels
            or (preceding is not None and preceding.kind == BlockKind.CREDIT)
            or (following.kind == BlockKind.BODY and _LEAD_OPENING.match(following.text))
        )
        if opens_article and run:
            article = ArticleDraft(order=len(articles) + 1)
            articles.append(article)
            _assign_title_group(run, article, gazetteer, labels)
            for piece_in_run in run:
                piece_in_run.article = len(articles) - 1
        elif run:
            run[0].kind = BlockKind.SUBHEAD
            if not articles:
                articles.append(ArticleDraft(order=1))
            run[0].article = len(articles) - 1
        seen_content = seen_content or bool(run)
        index = end
    return articles, banner


def _split_banner(run: list[Piece], banners: set[str]) -> tuple[list[Piece], Piece | None]:
    if len(run) < 2:
        return run, None
    first = run[0]
    if _normalise(join_printed_lines(first.source_text.splitlines(), " ")) in banners or _normalise(first.text) in banners:
        return run[1:], first
    if any(p.mark for p in run):
        return (run[1:], first) if not first.mark else (run, None)
    if len(run) >= 3 or first.printed_lines >= 2:
        return run[1:], first
    return run, None


def _assign_title_group(run: list[Piece], article: ArticleDraft, gazetteer: Gazetteer, labels: set[str]) -> None:
    group = list(run)
    # Column labels: known ones anywhere at the front; on markdown pages, unmarked lines before
    # the first marked title.
    while len(group) > 1 and _normalise(group[0].text) in labels:
        group.pop(0).kind = BlockKind.COLUMN_LABEL
    if any(p.mark for p in group):
        while len(group) > 1 and not group[0].mark:
            group.pop(0).kind = BlockKind.COLUMN_LABEL
    label_pieces = [p for p in run if p.kind == BlockKind.COLUMN_LABEL]
    article.column_label = " ".join(p.text for p in label_pieces)
    if assign_title_roles(group, gazetteer):
        article.flag(FlagCode.AMBIGUOUS_TITLE, "哪一行是主题为推测（按版面顺序）："
                     + " / ".join(p.text for p in group))
    article.kicker = " ".join(p.text for p in group if p.kind == BlockKind.KICKER)
    article.headline = " ".join(p.text for p in group if p.kind == BlockKind.HEADLINE)
    article.subtitle = " ".join(p.text for p in group if p.kind == BlockKind.SUBTITLE)
