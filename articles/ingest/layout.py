"""From title-like lines to articles: banner, column labels, title groups and inner subheads.

Consecutive title-like lines form a *run*. Whether a run opens a new article or is an inner
subhead of the article before is one documented decision over named signals (``boundary``); the
decision and its reasons are kept on the run's first block for the page editor.

Two more ways an article starts without a title run:

* text before the first title: the page starts in the middle of an article continued from another
  page (flagged ORPHAN; ``上接第N版`` records where it came from);
* a body paragraph right after an item's closing credit (…（王乾鹏 凌婷） / 通讯员X 摄) that is
  not a caption: the next untitled item of a 简讯 list.

Continuation markers (下转第N版 / 上接第N版) are kept as ``jump`` blocks of their article, never
titles, and set the article's ``continued_to`` / ``continued_from`` page.

Banner: at the top of the page, unmarked lines before the first marked title (markdown pages), or
the first block of a plain page's first run when that run has more lines than a title group holds
(4+, or 3+ without a —— subtitle) or starts with a block printed over two lines; or a banner
already known from another page. Column labels: unmarked lines before a marked headline, or a
label already known in the archive, or a genre label (短评, 简讯 …) at the front of a title group.
"""

import re

from articles.models.choices import BlockKind, FlagCode

from .boundary import GENRE_LABEL, SIDEBAR_LABEL, PageContext, decide, measure
from .draft import ArticleDraft, Piece
from .paragraphs import join_printed_lines, strip_marks
from .places import PlaceNames
from .roles import JUMP_BACK, TITLE
from .titles import assign_title_roles


def _normalise(text: str) -> str:
    return "".join(text.split())


def lay_out(
    pieces: list[Piece],
    places: PlaceNames,
    known_banners: set[str] = frozenset(),
    known_labels: set[str] = frozenset(),
) -> tuple[list[ArticleDraft], str]:
    """Decide every title-like piece's role and assign every piece to an article (or none: the
    banner). Returns the articles and the banner text."""
    banners = {_normalise(b) for b in known_banners}
    labels = {_normalise(label) for label in known_labels}
    heading_marks = [p.mark for p in pieces if p.mark and p.kind == TITLE]
    context = PageContext(pieces, places, labels, min(heading_marks) if heading_marks else None)

    articles: list[ArticleDraft] = []
    banner = ""
    seen_title = False
    article_start: int | None = None  # index of the current article's first piece
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        if piece.kind != TITLE:
            if not articles:
                articles.append(ArticleDraft(order=1))
                article_start = index
                piece.decision = {**piece.decision, "boundary": "continued",
                                  "summary": "版面从文章中间开始：接续其他版面"}
                articles[-1].flag(FlagCode.ORPHAN, f"首个标题之前的文字（{piece.where}）："
                                                   "可能接续其他版面")
            elif _opens_untitled_item(pieces, index):
                articles.append(ArticleDraft(order=len(articles) + 1))
                article_start = index
                piece.decision = {**piece.decision, "boundary": "new_article",
                                  "summary": "新文章（无标题）：前一条以署名结束"}
            piece.article = len(articles) - 1
            if piece.kind == BlockKind.JUMP:
                _record_jump(piece, articles[-1])
            index += 1
            continue

        end = index
        while end < len(pieces) and pieces[end].kind == TITLE:
            end += 1
        run = pieces[index:end]
        if not seen_title and article_start is None:
            run, banner_piece = _split_banner(run, banners, labels)
            if banner_piece is not None:
                banner_piece.kind = BlockKind.BANNER
                banner_piece.text = join_printed_lines(
                    [strip_marks(line)[0] for line in banner_piece.source_text.splitlines()], " "
                )
                banner = banner_piece.text
            index = end - len(run)
        if not run:
            index = end
            continue
        decision = decide(measure(context, index, end, article_start, first_title=not seen_title))
        run[0].decision = decision.as_json()
        if decision.opens_article:
            article = ArticleDraft(order=len(articles) + 1)
            articles.append(article)
            article_start = index
            _assign_title_group(run, article, places, labels)
            for piece_in_run in run:
                piece_in_run.article = len(articles) - 1
        else:
            run[0].kind = BlockKind.SUBHEAD
            run[0].article = len(articles) - 1
        seen_title = True
        index = end
    return articles, banner


def _opens_untitled_item(pieces: list[Piece], index: int) -> bool:
    """A body paragraph right after an item's closing credit starts the next item (简讯 lists);
    a caption or an image gap after a photo credit belongs to the photo story."""
    piece, previous = pieces[index], pieces[index - 1] if index else None
    return (
        piece.kind == BlockKind.BODY
        and previous is not None
        and (previous.kind == BlockKind.CREDIT or (previous.kind == BlockKind.BYLINE and previous.closes_item))
        and not piece.after_image_gap
    )


def _record_jump(piece: Piece, article: ArticleDraft) -> None:
    if piece.jump_page is None:
        return
    if piece.decision.get("direction") == JUMP_BACK:
        article.continued_from = piece.jump_page
    else:
        article.continued_to = piece.jump_page


LABEL_MAX_CHARS = 5
_NOT_LETTERS = re.compile(r"[\s“”\"'‘’「」『』《》()（）·、，,.。!！?？:：—-]")


def _bare(text: str) -> str:
    return _NOT_LETTERS.sub("", text)


def _looks_like_label(line: Piece, following: Piece) -> bool:
    """A column label over a title (维权在线, 以案说法, 工声快评, 简讯): a genre word, or a line of
    at most ``LABEL_MAX_CHARS`` characters with no inner space — unless the line under it is a
    subtitle of its own (——…, 记…: 追光者 / 记全国五一劳动奖章获得者…)."""
    text = line.text.strip()
    if following.text.lstrip().startswith(("——", "—", "记")) or SIDEBAR_LABEL.match(_normalise(text)):
        return False
    return bool(GENRE_LABEL.match(_normalise(text))) or (len(_bare(text)) <= LABEL_MAX_CHARS and " " not in text)


def _split_banner(run: list[Piece], banners: set[str], labels: set[str]) -> tuple[list[Piece], Piece | None]:
    if len(run) < 2:
        return run, None
    first = run[0]
    if _normalise(first.text) in labels:
        return run, None  # a column label known from the archive, not a page banner
    if _normalise(join_printed_lines(first.source_text.splitlines(), " ")) in banners or _normalise(first.text) in banners:
        return run[1:], first
    if any(p.mark for p in run):
        return (run[1:], first) if not first.mark else (run, None)
    if _looks_like_label(first, run[1]) or "·" in first.text:
        return run[1:], first  # 一线传真 / 工会“小灵通” / 浙江工人日报·基层一线 over the first title
    three_line_group = len(run) == 3 and run[2].text.lstrip().startswith(("——", "—"))
    if (len(run) >= 3 and not three_line_group) or first.printed_lines >= 2:
        return run[1:], first
    return run, None


def _assign_title_group(run: list[Piece], article: ArticleDraft, places: PlaceNames, labels: set[str]) -> None:
    group = list(run)
    # Column labels: known ones anywhere at the front; on markdown pages, unmarked lines before
    # the first marked title.
    while len(group) > 1 and (_normalise(group[0].text) in labels or _looks_like_label(group[0], group[1])
                              or len(group) > 3):
        group.pop(0).kind = BlockKind.COLUMN_LABEL
    if any(p.mark for p in group):
        while len(group) > 1 and not group[0].mark and len(_bare(group[0].text)) <= LABEL_MAX_CHARS:
            group.pop(0).kind = BlockKind.COLUMN_LABEL
    label_pieces = [p for p in run if p.kind == BlockKind.COLUMN_LABEL]
    article.column_label = " ".join(p.text for p in label_pieces)
    if assign_title_roles(group, places):
        article.flag(FlagCode.AMBIGUOUS_TITLE, "哪一行是主题为推测：" + " / ".join(p.text for p in group))
    article.kicker = " ".join(p.text for p in group if p.kind == BlockKind.KICKER)
    article.headline = " ".join(p.text for p in group if p.kind == BlockKind.HEADLINE)
    article.subtitle = " ".join(p.text for p in group if p.kind == BlockKind.SUBTITLE)
