"""What each paragraph is, judged on its own: byline (+ lead), photo credit, caption, title-like
line or body. Whether a title-like line is a banner, column label, title or inner subhead depends
on its neighbours and is decided later by ``layout``."""

from articles.models.choices import BlockKind

from .bylines import parse_closing_credit, split_byline, split_trailing_byline
from .draft import Piece
from .paragraphs import Paragraph, join_printed_lines, strip_marks
from .text_rules import is_single_sentence, looks_like_title

TITLE = "title"  # provisional kind of a title-like line until layout decides
CAPTION_MAX_CHARS = 60


def classify(paragraphs: list[Paragraph]) -> list[Piece]:
    pieces: list[Piece] = []
    for index, paragraph in enumerate(paragraphs):
        pieces.extend(_classify_one(paragraph, is_last=index == len(paragraphs) - 1))
    return pieces


def _classify_one(paragraph: Paragraph, is_last: bool) -> list[Piece]:
    first_text, mark = strip_marks(paragraph.lines[0])
    source = "\n".join(paragraph.lines)
    common = dict(
        line_start=paragraph.line_start,
        line_end=paragraph.line_end,
        after_image_gap=paragraph.after_image_gap,
        printed_lines=len(paragraph.lines),
    )

    if not mark and len(paragraph.lines) == 1 and parse_closing_credit(paragraph.lines[0].strip()):
        return [Piece(kind=BlockKind.CREDIT, text=paragraph.lines[0].strip(), source_text=source, **common)]
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
    if looks_like_title(text) and not is_last:
        return [Piece(kind=TITLE, text=text, source_text=source, **common)]
    trailing = split_trailing_byline(paragraph.lines[-1])
    if trailing:
        body_last, byline = trailing
        body_lines = [*paragraph.lines[:-1], body_last]
        return [
            Piece(kind=BlockKind.BODY, text=join_printed_lines(body_lines), source_text="\n".join(body_lines), **common),
            Piece(kind=BlockKind.BYLINE, text=byline.text, source_text=byline.source,
                  **{**common, "line_start": paragraph.line_end, "after_image_gap": False}),
        ]
    return [Piece(kind=BlockKind.BODY, text=text, source_text=source, **common)]
