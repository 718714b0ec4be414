"""What the pure pipeline produces for one page, before anything is written to the database."""

from dataclasses import dataclass, field

# Markdown-ish marks: heading levels 1–6 (``#``…``######``); bold lines (``**…**``) rank below them.
BOLD_MARK = 7


@dataclass
class Piece:
    """A block-to-be: one paragraph (or part of one) of the page, in reading order."""

    kind: str  # a BlockKind value; "title" while layout has not decided the line's role yet
    text: str  # what readers see: marks stripped, column breaks joined
    source_text: str  # exactly the source, lines line_start..line_end joined by "\n"
    line_start: int
    line_end: int
    after_image_gap: bool = False
    mark: int = 0  # markdown heading level, BOLD_MARK, or 0 for a plain line
    printed_lines: int = 1  # how many source lines the paragraph had (a banner is often two)
    joined_lines: list[int] = field(default_factory=list)
    flags: list[tuple[str, str]] = field(default_factory=list)  # (FlagCode, message)
    duplicate_of: int | None = None  # index into PageDraft.pieces
    hidden: bool = False
    article: int | None = None  # index into PageDraft.articles
    position: int = 0
    closes_item: bool = False  # a byline printed at the end of an item: （记者 张三）
    jump_page: int | None = None  # a continuation marker's other page (下转第4版 → 4)
    # Why the importer decided what it did about this piece (a new article, a subhead, a title
    # line's role): signal values and a one-line summary, shown next to the block in the editor.
    decision: dict = field(default_factory=dict)

    def flag(self, code: str, message: str) -> None:
        self.flags.append((code, message))

    @property
    def where(self) -> str:
        if self.line_start == self.line_end:
            return f"L{self.line_start}"
        return f"L{self.line_start}–{self.line_end}"


@dataclass
class CreditDraft:
    printed_name: str
    role: str  # a CreditRole value


@dataclass
class ArticleDraft:
    order: int
    kicker: str = ""
    headline: str = ""
    subtitle: str = ""
    column_label: str = ""
    byline: str = ""
    credits: list[CreditDraft] = field(default_factory=list)
    flags: list[tuple[str, str]] = field(default_factory=list)  # article-level (no block)
    continued_from: int | None = None  # 上接第N版: the article starts on page N
    continued_to: int | None = None  # 下转第N版: the article goes on on page N

    def flag(self, code: str, message: str) -> None:
        self.flags.append((code, message))


@dataclass
class PageDraft:
    pieces: list[Piece]
    articles: list[ArticleDraft]
    banner: str = ""
    markdown: bool = False

    def pieces_by_article(self) -> dict[int, list[Piece]]:
        """Every article's pieces in reading order, grouped in one pass over the page (so that a
        page of thousands of articles is not walked once per article)."""
        grouped: dict[int, list[Piece]] = {}
        for piece in self.pieces:
            if piece.article is not None:
                grouped.setdefault(piece.article, []).append(piece)
        for pieces in grouped.values():
            pieces.sort(key=lambda p: p.position)
        return grouped

