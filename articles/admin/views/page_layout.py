"""What the page editor shows: a page's blocks grouped into its articles, in reading order.

Built with a fixed number of queries whatever the page's size (page, articles, blocks, open flags,
credits), then grouped in Python; the template only walks the result.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from articles.models import Article, Block, BlockKind, Flag, FlagCode, Page


_WHITESPACE = re.compile(r"\s+")


@dataclass
class SourceLine:
    number: int
    text: str


@dataclass
class BlockRow:
    block: Block
    source_lines: list[SourceLine]
    flags: list[Flag]
    is_first: bool = False
    is_last: bool = False
    # The source line of the block this one most likely repeats (prefills "mark as duplicate").
    duplicate_guess_line: int | None = None

    # Source lines shown beside the text: only where the text differs from them (a join, a
    # correction, a line shared by two blocks), and never a line already shown for an earlier block.
    shown_source: list[SourceLine] = field(default_factory=list)

    @property
    def text_differs_from_source(self) -> bool:
        """Whitespace aside (line breaks and the spaces OCR puts between CJK characters)."""
        return _WHITESPACE.sub("", self.block.text) != _WHITESPACE.sub("", "".join(l.text for l in self.source_lines))

    @property
    def line_label(self) -> str:
        start, end = self.block.line_start, self.block.line_end
        return f"L{start}" if start == end else f"L{start}–L{end}"


TITLE_CANDIDATE_MAX_LENGTH = 60  # longer blocks are paragraphs, never title lines


@dataclass
class ArticleGroup:
    article: Article | None  # None: blocks that belong to no article (banner, column labels, strays)
    rows: list[BlockRow] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    has_previous: bool = False
    has_next: bool = False

    @property
    def title_candidates(self) -> list[BlockRow]:
        """Short visible blocks: the lines an editor may pick as kicker, headline or subtitle."""
        return [row for row in self.rows
                if not row.block.hidden and len(row.block.text) <= TITLE_CANDIDATE_MAX_LENGTH]


@dataclass
class PageLayout:
    page: Page
    groups: list[ArticleGroup]
    page_flags: list[Flag]
    block_kinds: list[tuple[str, str]]
    flag_codes: list[tuple[str, str]]

    @property
    def block_count(self) -> int:
        return sum(len(group.rows) for group in self.groups)


def _source_lines(all_lines: list[str], block: Block) -> list[SourceLine]:
    """The non-blank source lines of a block, numbered as in the source file (1-based)."""
    return [
        SourceLine(number, all_lines[number - 1])
        for number in range(block.line_start, min(block.line_end, len(all_lines)) + 1)
        if all_lines[number - 1].strip()
    ]


def _choose_source_lines(groups: list[ArticleGroup]) -> None:
    """Set each row's ``shown_source`` (see ``BlockRow``), walking the page in display order."""
    shown: set[int] = set()
    for group in groups:
        for row in group.rows:
            if row.text_differs_from_source:
                row.shown_source = [line for line in row.source_lines if line.number not in shown]
            shown.update(line.number for line in row.source_lines)


def build_page_layout(page: Page) -> PageLayout:
    all_lines = page.source_lines()
    articles = list(
        Article.objects.filter(page=page).order_by("order", "pk").prefetch_related("credits__person")
    )
    blocks = list(Block.objects.filter(page=page).select_related("duplicate_of").order_by("seq"))
    flags_by_block: dict[int, list[Flag]] = defaultdict(list)
    flags_by_article: dict[int, list[Flag]] = defaultdict(list)
    page_flags: list[Flag] = []
    for flag in Flag.objects.filter(page=page, resolved_at__isnull=True).order_by("created_at", "pk"):
        if flag.block_id:
            flags_by_block[flag.block_id].append(flag)
        elif flag.article_id:
            flags_by_article[flag.article_id].append(flag)
        else:
            page_flags.append(flag)

    first_line_of_text: dict[str, int] = {}
    for block in blocks:  # in reading order: the first occurrence is the one to keep
        first_line_of_text.setdefault(block.text.strip(), block.line_start)

    rows_by_article: dict[int | None, list[BlockRow]] = defaultdict(list)
    for block in sorted(blocks, key=lambda b: (b.position, b.seq)):
        guess = block.duplicate_of.line_start if block.duplicate_of_id else first_line_of_text.get(block.text.strip())
        rows_by_article[block.article_id].append(BlockRow(
            block, _source_lines(all_lines, block), flags_by_block.get(block.pk, []),
            duplicate_guess_line=guess if guess != block.line_start else None,
        ))

    groups: list[ArticleGroup] = []
    if rows_by_article.get(None):
        stray = sorted(rows_by_article[None], key=lambda row: row.block.seq)
        groups.append(ArticleGroup(article=None, rows=stray))
    for index, article in enumerate(articles):
        groups.append(ArticleGroup(
            article=article,
            rows=rows_by_article.get(article.pk, []),
            flags=flags_by_article.get(article.pk, []),
            has_previous=index > 0,
            has_next=index < len(articles) - 1,
        ))
    for group in groups:
        if group.rows and group.article is not None:
            group.rows[0].is_first = True
            group.rows[-1].is_last = True
    _choose_source_lines(groups)
    return PageLayout(page=page, groups=groups, page_flags=page_flags, block_kinds=list(BlockKind.choices),
                      flag_codes=list(FlagCode.choices))
