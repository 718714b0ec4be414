"""Small helpers the operations share: reading a page's articles and an article's blocks in order,
renumbering them, making room for a new article, and removing an article that was emptied.

They run inside ``page_edit`` (one transaction) and write with ``update()`` so that only the rows
that really change are written.
"""

from django.utils.translation import gettext as _

from articles.models import Article, Block

from .errors import InvalidOperation
from .snapshots import move_dependents


def get_block(block, page_id: int | None = None) -> Block:
    """Re-read a block inside the transaction (the caller's instance may be stale)."""
    pk = getattr(block, "pk", block)
    try:
        found = Block.objects.get(pk=pk)
    except Block.DoesNotExist:
        raise InvalidOperation(_("找不到文本块 #%(pk)s") % {"pk": pk}) from None
    if page_id is not None and found.page_id != page_id:
        raise InvalidOperation(_("文本块 #%(pk)s 不在这个版面上") % {"pk": pk})
    return found


def get_article(article, page_id: int | None = None) -> Article:
    pk = getattr(article, "pk", article)
    try:
        found = Article.objects.get(pk=pk)
    except Article.DoesNotExist:
        raise InvalidOperation(_("找不到文章 #%(pk)s（可能已被合并）") % {"pk": pk}) from None
    if page_id is not None and found.page_id != page_id:
        raise InvalidOperation(_("文章 #%(pk)s 不在这个版面上") % {"pk": pk})
    return found


def page_articles(page_id: int) -> list[Article]:
    return list(Article.objects.filter(page_id=page_id).order_by("order", "pk"))


def article_blocks(article_id: int) -> list[Block]:
    return list(Block.objects.filter(article_id=article_id).order_by("position", "seq"))


def require_article(block: Block) -> int:
    if block.article_id is None:
        raise InvalidOperation(_("这个文本块（%(kind)s）不属于任何文章") % {"kind": block.get_kind_display()})
    return block.article_id


def set_blocks(article_id: int, blocks: list[Block]) -> None:
    """Make ``blocks`` the article's blocks, in this order (positions 1…n)."""
    for position, block in enumerate(blocks, start=1):
        if block.article_id != article_id or block.position != position:
            Block.objects.filter(pk=block.pk).update(article_id=article_id, position=position)
            block.article_id, block.position = article_id, position


def set_article_order(articles: list[Article]) -> None:
    """Make ``articles`` the page's articles in this order (order 1…n), writing only changes."""
    for order, article in enumerate(articles, start=1):
        if article.order != order:
            Article.objects.filter(pk=article.pk).update(order=order)
            article.order = order


def insert_article(page_id: int, index: int) -> Article:
    """Create an empty article at ``index`` (0-based) among the page's articles."""
    articles = page_articles(page_id)
    new = Article.objects.create(page_id=page_id, order=index + 1)
    articles.insert(index, new)
    set_article_order(articles)
    return new


def remove_if_empty(article_id: int, heir_id: int | None) -> bool:
    """Delete an article that has no blocks left; what hung on it moves to ``heir_id``."""
    if Block.objects.filter(article_id=article_id).exists():
        return False
    if heir_id is not None:
        move_dependents(article_id, heir_id)
    Article.objects.filter(pk=article_id).delete()
    return True
