"""The page editor's actions: read one POSTed form, call one editing operation, report back.

Each action is a small function ``(request, page) -> Report`` registered in ``ACTIONS`` under the
value of the form's ``action`` button. Parsing and checking the form is done here (ids must be
blocks/articles of *this* page; numbers must be numbers); the operation itself — with its
transaction, optimistic locking, revision and reindex — is ``articles.editing``'s. An invalid form
or a refused operation becomes ``Report(ok=False)`` and nothing is changed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import editing
from articles.editing import metadata, review
from articles.models import Article, Block, BlockKind, Flag, FlagCode, Page

from .. import operations


@dataclass
class Report:
    ok: bool
    message: str
    anchor: str = ""


class BadForm(Exception):
    """The POSTed form is incomplete or names something not on this page."""


# --- reading the form -----------------------------------------------------------------------------

def _version(request) -> int:
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        raise BadForm(_("表单缺少版面版本号，请刷新页面后重做。")) from None


def _int(request, name: str) -> int:
    try:
        return int(request.POST[name])
    except (KeyError, ValueError):
        raise BadForm(_("表单不完整（缺少 %(name)s），请刷新页面后重做。") % {"name": name}) from None


def _block(request, page: Page, name: str = "block") -> Block:
    block = Block.objects.filter(page=page, pk=_int(request, name)).first()
    if block is None:
        raise BadForm(_("这个文本块不在本版面上，请刷新页面后重做。"))
    return block


def _article(request, page: Page) -> Article:
    article = Article.objects.filter(page=page, pk=_int(request, "article")).first()
    if article is None:
        raise BadForm(_("这篇文章已不在本版面上（可能已被合并），请刷新页面后重做。"))
    return article


def _block_at_line(page: Page, line: int, *, last: bool = False, other_than: Block | None = None) -> Block:
    """The block holding source line ``line``; when a printed paragraph was cut into two blocks
    (a byline and its lead share one line), the first — or with ``last`` the last — of them."""
    blocks = Block.objects.filter(page=page, line_start__lte=line, line_end__gte=line)
    if other_than is not None:
        blocks = blocks.exclude(pk=other_than.pk)
    block = blocks.order_by("-seq" if last else "seq").first()
    if block is None:
        raise BadForm(_("本版面第 %(line)s 行不属于任何文本块。") % {"line": line})
    return block


def _run(request, operation, success: str, anchor: str, **kwargs) -> Report:
    outcome = operations.run(request, operation, **kwargs)
    if not outcome.ok:
        return Report(False, outcome.error, anchor)
    if outcome.value is None:
        return Report(True, _("没有需要改动的内容。"), anchor)
    return Report(True, success, anchor)


def _guarded(action):
    """Turn a BadForm into a refusal message instead of an error page."""

    def wrapped(request, page):
        try:
            return action(request, page)
        except BadForm as problem:
            return Report(False, str(problem))

    wrapped.__name__ = action.__name__
    wrapped.__doc__ = action.__doc__
    return wrapped


# --- blocks -----------------------------------------------------------------------------------

def split(request, page):
    block = _block(request, page)
    return _run(request, editing.split_article, _("已从 L%(line)s 处拆分出一篇新文章。") % {"line": block.line_start},
                f"block-{block.pk}", block=block, expected_version=_version(request))


def _mover(direction, message):
    def move(request, page):
        block = _block(request, page)
        return _run(request, editing.move_block, message % {"line": block.line_start}, f"block-{block.pk}",
                    block=block, direction=direction, expected_version=_version(request))

    move.__name__ = f"move_{direction}"
    return move


def move_after(request, page):
    """Move a block right after the block holding a given source line (anywhere on the page)."""
    block = _block(request, page)
    after = _block_at_line(page, _int(request, "after_line"), last=True, other_than=block)
    return _run(request, editing.move_block_after,
                _("已把 L%(line)s 移到 L%(after)s 之后。") % {"line": block.line_start, "after": after.line_start},
                f"block-{block.pk}", block=block, after=after, expected_version=_version(request))


def set_kind(request, page):
    block = _block(request, page)
    kind = request.POST.get("kind", "")
    if kind not in BlockKind.values:
        raise BadForm(_("请选择一种文本块类型。"))
    return _run(request, editing.set_block_kind,
                _("L%(line)s 已改为“%(kind)s”。") % {"line": block.line_start, "kind": BlockKind(kind).label},
                f"block-{block.pk}", block=block, kind=kind, expected_version=_version(request))


def hide_duplicate(request, page):
    """Mark a block as a repeat of the block holding source line ``of_line``: kept, not shown."""
    block = _block(request, page)
    original = _block_at_line(page, _int(request, "of_line"), other_than=block)
    return _run(request, editing.mark_duplicate,
                _("L%(line)s 已标为 L%(of)s 的重复，不再向读者显示。") % {"line": block.line_start, "of": original.line_start},
                f"block-{block.pk}", block=block, of=original, expected_version=_version(request))


def unhide(request, page):
    block = _block(request, page)
    return _run(request, editing.unmark_duplicate, _("L%(line)s 已恢复显示。") % {"line": block.line_start},
                f"block-{block.pk}", block=block, expected_version=_version(request))


def join_previous(request, page):
    """Append the block's text to the previous visible block (a paragraph cut by a column break)."""
    block = _block(request, page)
    return _run(request, editing.join_with_previous,
                _("L%(line)s 已接到上一段末尾（原块保留但不显示）。") % {"line": block.line_start},
                f"block-{block.pk}", block=block, expected_version=_version(request))


def column_label(request, page):
    """Make a block (usually one left outside every article) the chosen article's 栏目."""
    block = _block(request, page)
    article = _article(request, page)
    return _run(request, editing.set_column_label,
                _("“%(text)s”已设为《%(article)s》的栏目。") % {"text": block.text[:20], "article": article},
                f"article-{article.pk}", article=article, block=block, expected_version=_version(request))


def edit_text(request, page):
    block = _block(request, page)
    return _run(request, editing.correct_text, _("L%(line)s 的文字已保存（原文保留在历史中）。") % {"line": block.line_start},
                f"block-{block.pk}", block=block, text=request.POST.get("text", ""),
                expected_version=_version(request))


def gather(request, page):
    ids = []
    for value in request.POST.getlist("blocks"):
        try:
            ids.append(int(value))
        except ValueError:
            raise BadForm(_("勾选的文本块无效，请刷新页面后重做。")) from None
    if not ids:
        raise BadForm(_("请先勾选要组成新文章的文本块。"))
    blocks = {b.pk: b for b in Block.objects.filter(page=page, pk__in=ids).select_related("article")}
    if len(blocks) != len(set(ids)):
        raise BadForm(_("勾选的文本块不全在本版面上，请刷新页面后重做。"))
    # Reading order of the page: the order in which the editor sees them.
    ordered = sorted(blocks.values(), key=lambda b: _editor_order(b))
    return _run(request, editing.gather_blocks,
                _("已用 %(n)s 个文本块组成一篇新文章。") % {"n": len(ordered)},
                f"block-{ordered[0].pk}", blocks=ordered, expected_version=_version(request))


def _editor_order(block: Block):
    article_order = block.article.order if block.article_id else -1
    return (article_order, block.position, block.seq)


# --- articles ---------------------------------------------------------------------------------

def _merger(direction):
    def merge(request, page):
        article = _article(request, page)
        return _run(request, editing.merge_articles, _("已合并文章。"), f"article-{article.pk}",
                    article=article, direction=direction, expected_version=_version(request))

    merge.__name__ = f"merge_{direction}"
    return merge


def _article_mover(step):
    def move(request, page):
        article = _article(request, page)
        ids = list(Article.objects.filter(page=page).order_by("order", "pk").values_list("pk", flat=True))
        index = ids.index(article.pk)
        other = index + step
        if not 0 <= other < len(ids):
            return Report(False, _("这篇文章已经在本版的%(end)s。") % {"end": _("最前") if step < 0 else _("最后")},
                          f"article-{article.pk}")
        ids[index], ids[other] = ids[other], ids[index]
        return _run(request, editing.reorder_articles, _("已调整文章顺序。"), f"article-{article.pk}",
                    page=page, article_ids=ids, expected_version=_version(request))

    move.__name__ = "article_up" if step < 0 else "article_down"
    return move


def set_titles(request, page):
    """The title group from per-block role selects named ``title_role_<block id>``."""
    article = _article(request, page)
    roles: dict[str, list[int]] = {"kicker": [], "headline": [], "subtitle": []}
    for block in Block.objects.filter(article=article).order_by("position", "seq"):
        role = request.POST.get(f"title_role_{block.pk}", "")
        if role in roles:
            roles[role].append(block.pk)
    return _run(request, editing.set_title_lines, _("标题已更新。"), f"article-{article.pk}",
                article=article, kicker=roles["kicker"] or None, headline=roles["headline"] or None,
                subtitle=roles["subtitle"] or None, expected_version=_version(request))


# --- page -------------------------------------------------------------------------------------

def set_date(request, page):
    """Confirm the real publication date of the page's issue."""
    try:
        date = datetime.date.fromisoformat(request.POST.get("date", ""))
    except ValueError:
        raise BadForm(_("请填写有效的出版日期（年-月-日）。")) from None
    return _run(request, metadata.set_issue_date, _("出版日期已确认为 %(date)s。") % {"date": date.isoformat()},
                "page-meta", page=page, date=date, expected_version=_version(request))


def set_number(request, page):
    """Confirm the page number (版次)."""
    number = _int(request, "number")
    return _run(request, metadata.set_page_number, _("版次已确认为第 %(n)s 版。") % {"n": number},
                "page-meta", page=page, number=number, expected_version=_version(request))


def mark_reviewed(request, page):
    article = _article(request, page)
    return _run(request, review.mark_reviewed, _("《%(article)s》已标记为已审核。") % {"article": article},
                f"article-{article.pk}", article=article, expected_version=_version(request))


def add_flag(request, page):
    """Raise a flag on an article by hand (e.g. "missing lead" after repairing a scrambled page)."""
    article = _article(request, page)
    code = request.POST.get("code", "")
    if code not in FlagCode.values:
        raise BadForm(_("请选择一种标记。"))
    return _run(request, review.add_flag, _("已给《%(article)s》添加标记“%(flag)s”。") % {
        "article": article, "flag": FlagCode(code).label}, f"article-{article.pk}",
        article=article, code=code, message=request.POST.get("message", "").strip()[:500],
        expected_version=_version(request))


def resolve_flag(request, page):
    flag = Flag.objects.filter(page=page, pk=_int(request, "flag")).first()
    if flag is None:
        raise BadForm(_("这个标记已不在本版面上，请刷新页面后重做。"))
    anchor = f"block-{flag.block_id}" if flag.block_id else (f"article-{flag.article_id}" if flag.article_id else "")
    return _run(request, review.resolve_flag, _("标记“%(flag)s”已处理。") % {"flag": flag.get_code_display()},
                anchor, flag=flag, expected_version=_version(request))


ACTIONS = {
    name: _guarded(function)
    for name, function in {
        "split": split,
        "move_up": _mover(editing.UP, gettext_lazy("L%(line)s 已上移。")),
        "move_down": _mover(editing.DOWN, gettext_lazy("L%(line)s 已下移。")),
        "move_to_previous": _mover(editing.PREVIOUS_ARTICLE, gettext_lazy("L%(line)s 已移到上一篇文章的末尾。")),
        "move_to_next": _mover(editing.NEXT_ARTICLE, gettext_lazy("L%(line)s 已移到下一篇文章的开头。")),
        "move_after": move_after,
        "set_kind": set_kind,
        "hide_duplicate": hide_duplicate,
        "unhide": unhide,
        "edit_text": edit_text,
        "join_previous": join_previous,
        "column_label": column_label,
        "gather": gather,
        "merge_previous": _merger("previous"),
        "merge_next": _merger("next"),
        "article_up": _article_mover(-1),
        "article_down": _article_mover(+1),
        "set_titles": set_titles,
        "set_date": set_date,
        "set_number": set_number,
        "mark_reviewed": mark_reviewed,
        "add_flag": add_flag,
        "resolve_flag": resolve_flag,
    }.items()
}
