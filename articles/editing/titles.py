"""Title lines: which of an article's short lines is the kicker (引题), headline (主题), subtitle (副题),
and which is the column label (栏目) printed above them.

Print order is kept (which line is the kicker cannot always be told from text alone), so setting
the title group only changes block kinds; ``refresh_article_fields`` then re-derives the
article's kicker/headline/subtitle/slug. A line printed over two lines may be given as two blocks.
"""

from django.utils.translation import gettext as _

from articles.models import Block, BlockKind, RevisionAction

from .errors import InvalidOperation
from .frame import page_edit
from .structure import article_blocks, get_article, get_block, set_blocks


def _as_list(value) -> list[int]:
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        return [getattr(v, "pk", v) for v in value]
    return [getattr(value, "pk", value)]


def set_title_lines(article, *, kicker=None, headline=None, subtitle=None, user, expected_version: int):
    """Make the article's title group exactly these blocks (each argument: a block, a list of
    blocks, or None). Blocks of the article that had a title kind and are not named become inner
    subheads (the likeliest alternative for a short line; the editor can change the kind again)."""
    wanted = {}
    for kind, value in ((BlockKind.KICKER, kicker), (BlockKind.HEADLINE, headline), (BlockKind.SUBTITLE, subtitle)):
        for pk in _as_list(value):
            if pk in wanted:
                raise InvalidOperation(_("同一行不能同时是两种标题"))
            wanted[pk] = kind
    if not any(kind == BlockKind.HEADLINE for kind in wanted.values()):
        raise InvalidOperation(_("请指定主题（主标题）"))
    page_id = get_article(article).page_id
    with page_edit(page_id, user=user, expected_version=expected_version, action=RevisionAction.SET_TITLE) as edit:
        article = get_article(article, page_id)
        blocks = {b.pk: b for b in article_blocks(article.pk)}
        strangers = set(wanted) - set(blocks)
        if strangers:
            raise InvalidOperation(_("标题行必须是这篇文章自己的文本块"))
        for block in blocks.values():
            kind = wanted.get(block.pk)
            if kind is None and block.kind in BlockKind.title_kinds():
                kind = BlockKind.SUBHEAD
            if kind is not None and kind != block.kind:
                Block.objects.filter(pk=block.pk).update(kind=kind)
        edit.summary = _("设定标题：%(headline)s") % {
            "headline": " ".join(blocks[pk].text[:20] for pk, k in wanted.items() if k == BlockKind.HEADLINE)}
    return edit.revision


def set_column_label(article, block, *, user, expected_version: int):
    """Make ``block`` the article's column label (栏目, e.g. 工会“小灵通”): a block of the article,
    or a loose block of the page (left outside every article), which is then put first in the
    article. Any other label block of the article becomes a kicker, its likeliest other reading."""
    page_id = get_article(article).page_id
    with page_edit(page_id, user=user, expected_version=expected_version, action=RevisionAction.SET_COLUMN_LABEL) as edit:
        article = get_article(article, page_id)
        block = get_block(block, page_id)
        blocks = article_blocks(article.pk)
        if block.article_id is None:
            blocks.insert(0, block)
            set_blocks(article.pk, blocks)
        elif block.article_id != article.pk:
            raise InvalidOperation(_("栏目必须是这篇文章的文本块，或不属于任何文章的文本块"))
        for other in blocks:
            if other.pk != block.pk and other.kind == BlockKind.COLUMN_LABEL:
                Block.objects.filter(pk=other.pk).update(kind=BlockKind.KICKER)
        Block.objects.filter(pk=block.pk).update(kind=BlockKind.COLUMN_LABEL)
        edit.summary = _("栏目设为“%(label)s”") % {"label": block.text[:30]}
    return edit.revision
