"""One page's text → a ``PageDraft``: blocks with roles and flags, grouped into articles.

Pure Python, no database: read → paragraphs → roles → column-break repair → layout (titles,
subheads, articles) → damage flags → credits. Nothing is dropped: every non-blank source line ends up
in some piece's ``source_text`` (a byline and its lead share a line and concatenate back to it).
"""

from articles.models.choices import BlockKind, FlagCode

from .bylines import credits_of_lines, unique_credits
from .damage import flag_damage
from .draft import CreditDraft, PageDraft
from .layout import lay_out
from .paragraphs import source_lines, split_paragraphs
from .places import PlaceNames
from .repair import repair_column_breaks
from .roles import classify


def parse_page(
    text: str,
    places: PlaceNames | None = None,
    known_banners: set[str] = frozenset(),
    known_labels: set[str] = frozenset(),
) -> PageDraft:
    places = places or PlaceNames()
    lines = source_lines(text)
    pieces = classify(split_paragraphs(lines))
    pieces, joins = repair_column_breaks(pieces, lines)
    articles, banner = lay_out(pieces, places, known_banners, known_labels)
    draft = PageDraft(pieces=pieces, articles=articles, banner=banner, markdown=any(p.mark for p in pieces))
    # Each article's pieces in reading order; damage flags look at an article's first/last pieces.
    for article_pieces in draft.pieces_by_article().values():
        for position, piece in enumerate(article_pieces):
            piece.position = position
    flag_damage(draft, joins, places)
    _collect_credits(draft)
    return draft


def _collect_credits(draft: PageDraft) -> None:
    """Each article's byline (its byline and credit lines joined) and credits; a byline line with
    no name read from it is flagged for an editor."""
    by_article = draft.pieces_by_article()
    for index, article in enumerate(draft.articles):
        read = credits_of_lines((piece.kind, piece.text) for piece in by_article.get(index, []))
        for _kind, text, found in read:
            if not found and text != "本报讯":
                article.flag(FlagCode.UNPARSED_BYLINE, f"署名中未读出人名：{text}")
        article.credits += [CreditDraft(printed_name=name, role=role) for name, role in unique_credits(read)]
        article.byline = " ".join(text for _kind, text, _found in read)
