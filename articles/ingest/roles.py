"""What each paragraph is, judged on its own: byline (+ lead), author line (■ / 文/), closing
credit (通讯员X 摄, （王乾鹏 凌婷）), continuation marker (下转第4版), caption, title-like line or body. Whether a title-like line is a banner, column label, title or inner subhead depends
on its neighbours and is decided later by ``layout``."""

import re

from articles.models.choices import BlockKind

from .bylines import parse_closing_credit, split_byline, split_trailing_byline, split_trailing_credit
from .draft import Piece
from .jumps import BACK, Jump, split_leading_marker, split_trailing_marker, whole_marker
from .paragraphs import Paragraph, join_printed_lines, strip_marks
from .text_rules import has_sentence_end, is_finished, is_single_sentence, looks_like_title

TITLE = "title"  # provisional kind of a title-like line until layout decides
JUMP_BACK = BACK
CAPTION_MAX_CHARS = 60


# A title may carry one comma (共富路上,别让工坊“散了场”); such a line is a title, not a body
# fragment cut by a column break, when it is short, unfinished, follows a finished paragraph (or
# nothing) and is followed by a byline, an author line or another title line.
COMMA_TITLE_MAX_CHARS = 32
# List items of a 简讯 / 工会动态 list (★近日，… / 1.余杭区…) are running text even when a column
# break leaves them short and unpunctuated.
_LIST_ITEM = re.compile(r"^(?:[★☆●◆▲]|\d{1,2}[.．、](?!\d))")
LIST_ITEM_MIN_CHARS = 16


def classify(paragraphs: list[Paragraph]) -> list[Piece]:
    pieces: list[Piece] = []
    for index, paragraph in enumerate(paragraphs):
        pieces.extend(_classify_one(paragraph, is_last=index == len(paragraphs) - 1))
    _titles_with_a_comma(pieces)
    return pieces


def _titles_with_a_comma(pieces: list[Piece]) -> None:
    for index, piece in enumerate(pieces[:-1]):
        following = pieces[index + 1]
        previous = pieces[index - 1] if index else None
        if (
            piece.kind == BlockKind.BODY
            and piece.printed_lines == 1
            and len(piece.text) <= COMMA_TITLE_MAX_CHARS
            and not is_finished(piece.text)
            and not has_sentence_end(piece.text)
            and (following.kind in (BlockKind.BYLINE, TITLE) and not following.after_image_gap)
            and (previous is None or previous.kind != BlockKind.BODY or is_finished(previous.text))
            and not _LIST_ITEM.match(piece.text)
        ):
            piece.kind = TITLE


def _classify_one(paragraph: Paragraph, is_last: bool) -> list[Piece]:
    first_text, mark = strip_marks(paragraph.lines[0])
    source = "\n".join(paragraph.lines)
    common = dict(
        line_start=paragraph.line_start,
        line_end=paragraph.line_end,
        after_image_gap=paragraph.after_image_gap,
        printed_lines=len(paragraph.lines),
    )

    if not mark and len(paragraph.lines) == 1:
        jump = whole_marker(paragraph.lines[0])
        if jump:
            return [_jump_piece(jump, source, common)]
        if parse_closing_credit(paragraph.lines[0].strip()):
            return [Piece(kind=BlockKind.CREDIT, text=paragraph.lines[0].strip(), source_text=source, **common)]
    if not mark:
        leading = split_leading_marker(paragraph.lines[0])
        if leading:
            jump, rest = leading
            first_line = {**common, "line_end": paragraph.line_start}
            rest_paragraph = Paragraph([rest, *paragraph.lines[1:]], paragraph.line_start, 0, False)
            return [_jump_piece(jump, jump.source, first_line), *_classify_one(rest_paragraph, is_last)]
        trailing_jump = split_trailing_marker(paragraph.lines[-1])
        if trailing_jump:
            text_part, jump = trailing_jump
            rest_paragraph = Paragraph([*paragraph.lines[:-1], text_part], paragraph.line_start,
                                       paragraph.blank_lines_before, paragraph.is_first)
            pieces = _classify_one(rest_paragraph, is_last=False)
            return [*pieces, _jump_piece(jump, jump.source, {**common, "line_start": paragraph.line_end,
                                                              "after_image_gap": False})]
    byline = None if mark else split_byline(paragraph.lines[0])
    if byline:
        pieces = [Piece(kind=BlockKind.BYLINE, text=byline.text, source_text=byline.source,
                        **{**common, "line_end": paragraph.line_start})]
        rest_lines = [byline.rest, *paragraph.lines[1:]]
        if any(line.strip() for line in rest_lines):
            pieces.append(Piece(kind=BlockKind.BODY, text=join_printed_lines(rest_lines),
                                source_text="\n".join(rest_lines), **{**common, "after_image_gap": False}))
        return pieces

    if mark:
        # The mark is on the first line; further printed lines of the same title follow it.
        text = join_printed_lines([first_text, *paragraph.lines[1:]])
        return [Piece(kind=TITLE, text=text, source_text=source, mark=mark, **common)]

    text = join_printed_lines(paragraph.lines)
    if paragraph.after_image_gap and len(text) <= CAPTION_MAX_CHARS and is_single_sentence(text):
        return [Piece(kind=BlockKind.CAPTION, text=text, source_text=source, **common)]
    # A page cannot end with a title: a short unpunctuated last paragraph is a cut-off body text.
    list_item = _LIST_ITEM.match(text) and len(text) >= LIST_ITEM_MIN_CHARS
    if looks_like_title(text) and not is_last and not list_item:
        return [Piece(kind=TITLE, text=text, source_text=source, **common)]
    trailing = split_trailing_byline(paragraph.lines[-1])
    credit = None if trailing else split_trailing_credit(paragraph.lines[-1])
    if trailing or credit:
        body_last, byline = trailing or credit
        body_lines = [*paragraph.lines[:-1], body_last]
        kind = BlockKind.BYLINE if trailing else BlockKind.CREDIT
        return [
            Piece(kind=BlockKind.BODY, text=join_printed_lines(body_lines), source_text="\n".join(body_lines), **common),
            Piece(kind=kind, text=byline.text, source_text=byline.source, closes_item=True,
                  **{**common, "line_start": paragraph.line_end, "after_image_gap": False}),
        ]
    return [Piece(kind=BlockKind.BODY, text=text, source_text=source, **common)]


def _jump_piece(jump: Jump, source: str, common: dict) -> Piece:
    return Piece(kind=BlockKind.JUMP, text=source.strip(), source_text=source, jump_page=jump.page,
                 decision={"direction": jump.direction, "summary": f"转版提示：{'上接' if jump.direction == BACK else '下转'}第{jump.page}版"},
                 **common)
