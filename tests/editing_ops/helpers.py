"""Helpers shared by the editing tests: build small pages, read them back."""

import datetime
import itertools

from articles.editing.fields import refresh_article_fields
from articles.models import Article, Block, Issue, Newspaper, Page

_counter = itertools.count(1)


def build_page(articles, *, date=datetime.date(1999, 1, 1), number=None, estimated=True):
    """Create a page whose articles hold the given blocks: ``articles`` is a list of lists of
    (kind, text). Blocks get consecutive seq/line numbers in that order. Returns the Page."""
    n = next(_counter)
    paper, _ = Newspaper.objects.get_or_create(name="浙江工人日报", defaults={"slug": "zjgrb"})
    issue, _ = Issue.objects.get_or_create(newspaper=paper, date=date, defaults={"date_is_estimated": estimated})
    # bulk_create sends no signals, so building a page queues no index update: the tests of the
    # reindex queue then see only what the editing operations queue.
    (page,) = Page.objects.bulk_create([Page(
        issue=issue, number=number or 90 + n, number_is_estimated=estimated, source_name=f"test-{n}.txt",
        sha256="0" * 64, raw_text="",
    )])
    articles_rows = Article.objects.bulk_create(
        [Article(page=page, order=order) for order in range(1, len(articles) + 1)])
    seq = itertools.count(1)
    block_rows = []
    for article, blocks in zip(articles_rows, articles):
        for position, (kind, text) in enumerate(blocks, start=1):
            line = next(seq)
            block_rows.append(Block(
                page=page, seq=line, article=article, position=position, kind=kind, text=text,
                source_text=text, line_start=line * 2 - 1, line_end=line * 2 - 1,
            ))
    Block.objects.bulk_create(block_rows)
    for article in articles_rows:
        refresh_article_fields(article)
    return page


def texts(article) -> list[str]:
    """The article's visible text as a reader sees it, block by block."""
    return [b.text for b in article.blocks.order_by("position", "seq") if not b.hidden]


def articles_of(page) -> list[Article]:
    return list(Article.objects.filter(page=page).order_by("order"))


def version(page) -> int:
    return Page.objects.values_list("version", flat=True).get(pk=page.pk)


def snapshot_diff(now: dict, then: dict) -> list:
    """Rows that differ between two page snapshots, as (table, id, {column: (now, then)}) — a
    readable assertion failure instead of two walls of JSON."""
    out = []
    for key in sorted(now.keys() | then.keys()):
        rows_now = {row["id"]: row for row in now.get(key, [])}
        rows_then = {row["id"]: row for row in then.get(key, [])}
        for pk in sorted(rows_now.keys() | rows_then.keys()):
            a, b = rows_now.get(pk), rows_then.get(pk)
            if a == b:
                continue
            if a is None or b is None:
                out.append((key, pk, a, b))
            else:
                out.append((key, pk, {k: (a.get(k), b.get(k)) for k in a.keys() | b.keys() if a.get(k) != b.get(k)}))
    return out
