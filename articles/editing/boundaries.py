"""Article boundaries: split, merge, move a block, gather blocks into a new article, reorder.

An article is its blocks in ``position`` order, so every boundary correction reassigns blocks and
never copies text. An article left without blocks is deleted (its flags, readers' reports,
credits and tags move to the article that received its blocks) and the search index drops it.
All functions take model instances or ids, ``user`` and the page ``expected_version`` and return
the ``Revision`` written.
"""

from django.utils.translation import gettext as _

from articles.models import Block, BlockKind, RevisionAction

from .errors import InvalidOperation
from .frame import page_edit
from .structure import (
    article_blocks,
    get_article,
    get_block,
    insert_article,
    page_articles,
    remove_if_empty,
    require_article,
    set_article_order,
    set_blocks,
)

# move_block directions
UP, DOWN, PREVIOUS_ARTICLE, NEXT_ARTICLE = "up", "down", "previous_article", "next_article"
DIRECTIONS = (UP, DOWN, PREVIOUS_ARTICLE, NEXT_ARTICLE)


def _label(block: Block) -> str:
    return f"L{block.line_start}「{block.text[:12]}」"


def split_article(block, *, user, expected_version: int):
    """Split the block's article before ``block``: it and the blocks after it become a new article
    placed right after the old one."""
    page_id = get_block(block).page_id
    with page_edit(page_id, user=user, expected_version=expected_version, action=RevisionAction.SPLIT) as edit:
        block = get_block(block, page_id)
        article_id = require_article(block)
        blocks = article_blocks(article_id)
        index = [b.pk for b in blocks].index(block.pk)
        if index == 0:
            raise InvalidOperation(_("这是文章的第一个文本块，无须拆分"))
        articles = page_articles(page_id)
        new = insert_article(page_id, [a.pk for a in articles].index(article_id) + 1)
        set_blocks(new.pk, blocks[index:])
        edit.summary = _("在 %(block)s 处拆分文章") % {"block": _label(block)}
    return edit.revision


def merge_articles(article, direction: str = "next", *, user, expected_version: int):
    """Merge ``article`` with the previous or next article of the page (``direction``: "previous" or
    "next"). The earlier article keeps its id; the later one's blocks follow its own.

    The earlier article keeps its title group: the later one's title lines (kicker, headline,
    subtitle) become inner subheads (小标题) instead of being joined into the headline — the editor
    may make one of them the subtitle (副题) with one click. If the earlier article has no headline
    of its own, the later one's title group is kept as it is."""
    page_id = get_article(article).page_id
    with page_edit(page_id, user=user, expected_version=expected_version, action=RevisionAction.MERGE) as edit:
        article = get_article(article, page_id)
        articles = page_articles(page_id)
        index = [a.pk for a in articles].index(article.pk)
        other = index - 1 if direction == "previous" else index + 1
        if direction not in ("previous", "next") or not 0 <= other < len(articles):
            raise InvalidOperation(_("这篇文章没有可合并的%(side)s一篇") % {
                "side": _("前") if direction == "previous" else _("后")})
        keep, absorb = sorted((articles[index], articles[other]), key=lambda a: a.order)
        kept_blocks, absorbed_blocks = article_blocks(keep.pk), article_blocks(absorb.pk)
        demoted = _second_title_group(kept_blocks, absorbed_blocks)
        Block.objects.filter(pk__in=[b.pk for b in demoted]).update(kind=BlockKind.SUBHEAD)
        set_blocks(keep.pk, kept_blocks + absorbed_blocks)
        remove_if_empty(absorb.pk, keep.pk)
        set_article_order(page_articles(page_id))
        edit.summary = _("合并文章《%(a)s》与《%(b)s》") % {"a": keep, "b": absorb}
        if demoted:
            edit.summary += _("；后者的标题行 %(lines)s 改为小标题") % {
                "lines": "、".join(f"L{b.line_start}" for b in demoted)}
    return edit.revision


def _second_title_group(kept_blocks, absorbed_blocks) -> list:
    """The absorbed article's visible title lines, if the kept article has a headline of its own."""
    if not any(b.kind == BlockKind.HEADLINE and not b.hidden for b in kept_blocks):
        return []
    return [b for b in absorbed_blocks if b.kind in BlockKind.title_kinds() and not b.hidden]


def move_block(block, direction: str, *, user, expected_version: int):
    """Move a block one step: ``up``/``down`` within its article, or across the boundary to the
    ``previous_article`` (only its first block, which becomes that article's last) or the
    ``next_article`` (only its last block, which becomes that article's first)."""
    if direction not in DIRECTIONS:
        raise InvalidOperation(_("未知的移动方向：%(d)s") % {"d": direction})
    page_id = get_block(block).page_id
    with page_edit(page_id, user=user, expected_version=expected_version, action=RevisionAction.MOVE_BLOCK) as edit:
        block = get_block(block, page_id)
        article_id = require_article(block)
        blocks = article_blocks(article_id)
        index = [b.pk for b in blocks].index(block.pk)
        if direction in (UP, DOWN):
            other = index - 1 if direction == UP else index + 1
            if not 0 <= other < len(blocks):
                raise InvalidOperation(_("已经在文章的%(end)s") % {"end": _("开头") if direction == UP else _("末尾")})
            blocks[index], blocks[other] = blocks[other], blocks[index]
            set_blocks(article_id, blocks)
        else:
            _move_across(page_id, block, blocks, index, direction)
        edit.summary = _("移动 %(block)s（%(dir)s）") % {"block": _label(block), "dir": DIRECTION_LABELS[direction]}
    return edit.revision


DIRECTION_LABELS = {UP: "上移", DOWN: "下移", PREVIOUS_ARTICLE: "移到上一篇", NEXT_ARTICLE: "移到下一篇"}


def _move_across(page_id, block, blocks, index, direction):
    articles = page_articles(page_id)
    a_index = [a.pk for a in articles].index(block.article_id)
    if direction == PREVIOUS_ARTICLE:
        if index != 0:
            raise InvalidOperation(_("只有文章的第一个文本块可以移到上一篇"))
        if a_index == 0:
            raise InvalidOperation(_("这是本版第一篇文章，没有上一篇"))
        target = articles[a_index - 1]
        set_blocks(target.pk, article_blocks(target.pk) + [block])
    else:
        if index != len(blocks) - 1:
            raise InvalidOperation(_("只有文章的最后一个文本块可以移到下一篇"))
        if a_index == len(articles) - 1:
            raise InvalidOperation(_("这是本版最后一篇文章，没有下一篇"))
        target = articles[a_index + 1]
        set_blocks(target.pk, [block] + article_blocks(target.pk))
    set_blocks(articles[a_index].pk, [b for b in blocks if b.pk != block.pk])
    if remove_if_empty(articles[a_index].pk, target.pk):
        set_article_order(page_articles(page_id))


def _chosen_ids(blocks) -> list[int]:
    """Ids of the blocks an editor chose (instances or ids): at least one, none twice."""
    pks = [getattr(b, "pk", b) for b in blocks]
    if not pks:
        raise InvalidOperation(_("请先选择文本块"))
    if len(set(pks)) != len(pks):
        raise InvalidOperation(_("同一个文本块选了两次"))
    return pks


def move_block_after(block, after, *, user, expected_version: int):
    """Move ``block`` to just after the block ``after`` (see ``move_blocks_after``)."""
    return move_blocks_after([block], after, user=user, expected_version=expected_version)


def move_blocks_after(blocks, after, *, user, expected_version: int):
    """Move ``blocks`` (in the order given) to just after the block ``after``, in that block's
    article, from anywhere on the page (loose blocks that belong to no article too). Saves an
    editor a long series of up/down moves: a paragraph pair printed in the wrong column moves in
    one step. Articles left empty are removed."""
    pks = _chosen_ids(blocks)
    page_id = get_block(pks[0]).page_id
    with page_edit(page_id, user=user, expected_version=expected_version, action=RevisionAction.MOVE_BLOCK) as edit:
        moving = [get_block(pk, page_id) for pk in pks]
        after = get_block(after, page_id)
        if after.pk in pks:
            raise InvalidOperation(_("不能把文本块移到它自己之后"))
        target_id = require_article(after)
        # None: a loose block (e.g. a label the importer left outside every article)
        sources = list(dict.fromkeys(b.article_id for b in moving if b.article_id is not None))
        for source_id in sources:
            if source_id != target_id:
                set_blocks(source_id, [b for b in article_blocks(source_id) if b.pk not in pks])
        target = [b for b in article_blocks(target_id) if b.pk not in pks]
        index = [b.pk for b in target].index(after.pk) + 1
        set_blocks(target_id, target[:index] + moving + target[index:])
        emptied = [source_id for source_id in sources if source_id != target_id and remove_if_empty(source_id, target_id)]
        if emptied:
            set_article_order(page_articles(page_id))
        edit.summary = _("把 %(block)s 移到 %(after)s 之后") % {
            "block": "、".join(_label(b) for b in moving), "after": _label(after)}
    return edit.revision


def gather_blocks(blocks, *, position: int | None = None, user, expected_version: int):
    """Make a new article of the chosen blocks, in the order given (they may come from several
    articles of the page). ``position`` is the new article's 0-based place among the page's
    articles after emptied ones are removed; None puts it where the first chosen block's article is.
    Articles left empty are removed (what hung on them moves to the new article)."""
    pks = _chosen_ids(blocks)
    page_id = get_block(pks[0]).page_id
    with page_edit(page_id, user=user, expected_version=expected_version, action=RevisionAction.GATHER) as edit:
        chosen = [get_block(pk, page_id) for pk in pks]
        sources = []  # the chosen blocks' articles; loose blocks (no article) may be gathered too
        for block in chosen:
            if block.article_id is not None and block.article_id not in sources:
                sources.append(block.article_id)
        articles = page_articles(page_id)
        first_index = [a.pk for a in articles].index(sources[0]) if sources else len(articles)
        new = insert_article(page_id, first_index)
        for source in sources:
            set_blocks(source, [b for b in article_blocks(source) if b.pk not in pks])
        set_blocks(new.pk, chosen)
        for source in sources:
            remove_if_empty(source, new.pk)
        remaining = [a for a in page_articles(page_id) if a.pk != new.pk]
        index = first_index if position is None else max(0, min(position, len(remaining)))
        remaining.insert(min(index, len(remaining)), new)
        set_article_order(remaining)
        edit.summary = _("用 %(n)s 个文本块组成新文章（自 %(block)s 起）") % {"n": len(chosen), "block": _label(chosen[0])}
    return edit.revision


def reorder_articles(page, article_ids, *, user, expected_version: int):
    """Put the page's articles in the order given (all of the page's article ids, each once).
    Only the order changes, so the articles keep their status and need no reindex."""
    page_id = getattr(page, "pk", page)
    with page_edit(page_id, user=user, expected_version=expected_version, action=RevisionAction.REORDER_ARTICLES) as edit:
        articles = {a.pk: a for a in page_articles(page_id)}
        wanted = [int(pk) for pk in article_ids]
        if sorted(wanted) != sorted(articles):
            raise InvalidOperation(_("新顺序必须恰好包含本版的每一篇文章各一次"))
        set_article_order([articles[pk] for pk in wanted])
        edit.summary = _("调整本版文章顺序")
    return edit.revision
