"""Writing one parsed page (a ``PageDraft``) to the database: articles, blocks, flags, credits.

Called by the loader inside the page's transaction; bulk inserts keep it to a handful of queries.
"""

from collections import Counter

from articles.enrich.aliases import PersonDirectory
from articles.models import Article, Block, Credit, Flag, Page
from articles.text.slugs import pinyin_slug

from .draft import PageDraft


def write_draft(page: Page, draft: PageDraft) -> tuple[list[int], Counter]:
    """Blocks, articles, credits and flags of one parsed page. Returns article ids, flag counts."""
    articles = Article.objects.bulk_create([
        Article(page=page, order=a.order, kicker=a.kicker[:300], headline=a.headline[:300],
                subtitle=a.subtitle[:300], column_label=a.column_label[:100], byline=a.byline[:300],
                continued_from=a.continued_from, continued_to=a.continued_to,
                slug=pinyin_slug(a.headline or a.kicker or a.subtitle or f"article-{a.order}"))
        for a in draft.articles
    ])
    blocks = Block.objects.bulk_create([
        Block(page=page, seq=seq, article=articles[p.article] if p.article is not None else None,
              position=p.position, kind=p.kind, text=p.text, source_text=p.source_text,
              line_start=p.line_start, line_end=p.line_end, joined_lines=p.joined_lines,
              after_image_gap=p.after_image_gap, hidden=p.hidden, decision=p.decision)
        for seq, p in enumerate(draft.pieces, start=1)
    ])
    duplicates = []
    for piece, block in zip(draft.pieces, blocks):
        if piece.duplicate_of is not None:
            block.duplicate_of = blocks[piece.duplicate_of]
            duplicates.append(block)
    Block.objects.bulk_update(duplicates, ["duplicate_of"])

    flags: list[Flag] = []
    for article, row in zip(draft.articles, articles):
        flags += [Flag(code=code, page=page, article=row, message=message) for code, message in article.flags]
    for piece, block in zip(draft.pieces, blocks):
        flags += [Flag(code=code, page=page, article=block.article, block=block, message=message)
                  for code, message in piece.flags]
    Flag.objects.bulk_create(flags)

    credits = []
    people = PersonDirectory()
    for article, row in zip(draft.articles, articles):
        for order, credit in enumerate(article.credits):
            credits.append(Credit(article=row, person=people.get(credit.printed_name), role=credit.role,
                                  printed_name=credit.printed_name, order=order))
    Credit.objects.bulk_create(credits)
    return [a.pk for a in articles], Counter(f.code for f in flags)
