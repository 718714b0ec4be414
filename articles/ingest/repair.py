"""Column-break repair: a paragraph cut by a column break continues in the next paragraph.

In print a paragraph runs on into the next column; the flattened text shows it as two paragraphs
with a blank line between, often splitting a word or a name (表|彰, 李德|顺), sometimes three
ways (003 L83/85/87). An unfinished paragraph (see ``text_rules.is_finished``) is joined to the next
body paragraph, never across a title, label, subhead, byline, caption, credit or image gap.

One more guard: the continuation must not close a quote the first part never opened (会”平台…
after 构筑起“新型带徒制”工作的); such a piece continues some *other* paragraph, so joining would make
nonsense — both parts are left alone and flagged by ``damage`` (truncated / orphan) instead.
"""

from dataclasses import dataclass

from articles.models.choices import BlockKind, FlagCode

from .cohesion import breaks_inside_word
from .draft import Piece
from .roles import TITLE
from .text_rules import is_finished, starts_inside_quote, unmatched_opening_quotes


_NO_TITLE_STARTS = tuple("的了着地得之而并且及和与或、，,")


@dataclass
class Join:
    """One repaired break, kept so that ``damage`` can judge whether text was lost there."""

    piece: Piece  # the merged piece
    left: str  # text before the break
    right: str  # text of the continuation
    line: int  # first line of the continuation


def repair_column_breaks(pieces: list[Piece], lines: list[str]) -> tuple[list[Piece], list[Join]]:
    _unmask_fragments(pieces)
    out: list[Piece] = []
    joins: list[Join] = []
    for piece in pieces:
        previous = out[-1] if out else None
        if previous is not None and _continues(previous, piece):
            left = previous.text
            between = lines[previous.line_end : piece.line_start - 1]  # the blank lines, verbatim
            previous.source_text = "\n".join([previous.source_text, *between, piece.source_text])
            previous.text = previous.text + piece.text
            previous.line_end = piece.line_end
            previous.joined_lines.append(piece.line_start)
            previous.joined_lines.extend(piece.joined_lines)
            previous.printed_lines += piece.printed_lines
            previous.flag(
                FlagCode.JOINED_ACROSS_BREAK,
                f"L{piece.line_start} 与上一段拼接（跨栏断行）",
            )
            joins.append(Join(piece=previous, left=left, right=piece.text, line=piece.line_start))
            continue
        out.append(piece)
    return out, joins


def _unmask_fragments(pieces: list[Piece]) -> None:
    """A short piece of a paragraph cut off on both sides by column breaks looks like a title
    (…发放慰问|金和慰问物资|2300余万元。). It is body text when the paragraph before is unfinished,
    body text follows, and the break falls inside a word or the piece starts with a particle no
    title starts with (的, 了 …)."""
    for index in range(1, len(pieces) - 1):
        previous, piece, following = pieces[index - 1], pieces[index], pieces[index + 1]
        if (
            piece.kind == TITLE and not piece.mark and piece.printed_lines == 1
            and previous.kind == BlockKind.BODY and not is_finished(previous.text)
            and following.kind == BlockKind.BODY and not following.after_image_gap and not piece.after_image_gap
            and (piece.text.startswith(_NO_TITLE_STARTS) or breaks_inside_word(previous.text, piece.text))
        ):
            piece.kind = BlockKind.BODY


def _continues(previous: Piece, piece: Piece) -> bool:
    return (
        previous.kind == BlockKind.BODY
        and piece.kind == BlockKind.BODY
        and not piece.after_image_gap
        and not is_finished(previous.text)
        and not (starts_inside_quote(piece.text) and unmatched_opening_quotes(previous.text) == 0)
    )
