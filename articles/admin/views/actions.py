"""The page editor's actions: validate one POSTed form, call one editing operation, report back.

Each action is a small function ``(request, page, data) -> Report`` registered in ``ACTIONS`` under
the value of the form's ``action`` button, with the Django form that validates its fields
(``forms.py``: ids must be blocks/articles/flags of *this* page, numbers must be numbers). The
operation itself — with its transaction, optimistic locking, revision and reindex — is
``articles.editing``'s. An invalid form or a refused operation becomes ``Report(ok=False)`` and
nothing is changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import editing
from articles.editing import metadata, review
from articles.models import Article, BlockKind, FlagCode, Revision

from .. import operations
from . import forms


@dataclass
class Report:
    ok: bool
    message: str
    anchor: str = ""
    revision: Revision | None = None  # the revision written (None: refused or nothing to change)


@dataclass
class PageAction:
    form: type[forms.VersionForm]
    run: Callable[..., Report]


ACTIONS: dict[str, PageAction] = {}


def action(name: str, form: type[forms.VersionForm], registry: dict[str, PageAction] = ACTIONS):
    """Register ``function(request, target, data)`` as the action ``name``, its fields checked by ``form``."""
    def register(function):
        registry[name] = PageAction(form, function)
        return function
    return register


def perform(request, target, name: str, registry: dict[str, PageAction] = ACTIONS) -> Report:
    """Run the action ``name`` of ``registry`` on ``target`` (a page; an article for the tags page)
    with the POSTed form: a form error or a refusal is a Report, never a 500."""
    entry = registry.get(name)
    if entry is None:
        return Report(False, _("未知的操作，什么也没有改。"))
    form = entry.form(target, request.POST)
    if not form.is_valid():
        return Report(False, form.first_error())
    return entry.run(request, target, form.cleaned_data)


def run_operation(request, operation, success: str, anchor: str, data: dict, **kwargs) -> Report:
    outcome = operations.run(request, operation, expected_version=data["version"], **kwargs)
    if not outcome.ok:
        return Report(False, outcome.error, anchor)
    if outcome.value is None:
        return Report(True, _("没有需要改动的内容。"), anchor)
    return Report(True, success, anchor, revision=outcome.value)


# --- blocks ---------------------------------------------------------------------------------------

@action("split", forms.BlockForm)
def split(request, page, data):
    block = data["block"]
    return run_operation(request, editing.split_article, _("已从 L%(line)s 处拆分出一篇新文章。") % {"line": block.line_start},
                f"block-{block.pk}", data, block=block)


def _mover(name, direction, message):
    @action(name, forms.BlockForm)
    def move(request, page, data):
        block = data["block"]
        return run_operation(request, editing.move_block, message % {"line": block.line_start}, f"block-{block.pk}", data,
                    block=block, direction=direction)

    return move


_mover("move_up", editing.UP, gettext_lazy("L%(line)s 已上移。"))
_mover("move_down", editing.DOWN, gettext_lazy("L%(line)s 已下移。"))
_mover("move_to_previous", editing.PREVIOUS_ARTICLE, gettext_lazy("L%(line)s 已移到上一篇文章的末尾。"))
_mover("move_to_next", editing.NEXT_ARTICLE, gettext_lazy("L%(line)s 已移到下一篇文章的开头。"))


@action("move_after", forms.MoveAfterForm)
def move_after(request, page, data):
    """Move a block right after the block holding a given source line (anywhere on the page)."""
    block, after = data["block"], data["after"]
    return run_operation(request, editing.move_block_after,
                _("已把 L%(line)s 移到 L%(after)s 之后。") % {"line": block.line_start, "after": after.line_start},
                f"block-{block.pk}", data, block=block, after=after)


@action("set_kind", forms.SetKindForm)
def set_kind(request, page, data):
    block, kind = data["block"], data["kind"]
    return run_operation(request, editing.set_block_kind,
                _("L%(line)s 已改为“%(kind)s”。") % {"line": block.line_start, "kind": BlockKind(kind).label},
                f"block-{block.pk}", data, block=block, kind=kind)


@action("make_subtitle", forms.BlockForm)
def make_subtitle(request, page, data):
    """One click for a line a merge turned into a subhead (小标题) that is really the subtitle (副题)."""
    block = data["block"]
    return run_operation(request, editing.set_block_kind,
                         _("L%(line)s 已改为“%(kind)s”。") % {"line": block.line_start, "kind": BlockKind.SUBTITLE.label},
                         f"block-{block.pk}", data, block=block, kind=BlockKind.SUBTITLE)


@action("hide_duplicate", forms.DuplicateForm)
def hide_duplicate(request, page, data):
    """Mark a block as a repeat of the block holding source line ``of_line``: kept, not shown."""
    block, original = data["block"], data["of"]
    return run_operation(request, editing.mark_duplicate,
                _("L%(line)s 已标为 L%(of)s 的重复，不再向读者显示。") % {"line": block.line_start, "of": original.line_start},
                f"block-{block.pk}", data, block=block, of=original)


@action("unhide", forms.BlockForm)
def unhide(request, page, data):
    block = data["block"]
    return run_operation(request, editing.unmark_duplicate, _("L%(line)s 已恢复显示。") % {"line": block.line_start},
                f"block-{block.pk}", data, block=block)


@action("join_previous", forms.BlockForm)
def join_previous(request, page, data):
    """Append the block's text to the previous visible block (a paragraph cut by a column break)."""
    block = data["block"]
    return run_operation(request, editing.join_with_previous,
                _("L%(line)s 已接到上一段末尾（原块保留但不显示）。") % {"line": block.line_start},
                f"block-{block.pk}", data, block=block)


@action("column_label", forms.ColumnLabelForm)
def column_label(request, page, data):
    """Make a block (usually one left outside every article) the chosen article's 栏目."""
    block, article = data["block"], data["article"]
    return run_operation(request, editing.set_column_label,
                _("“%(text)s”已设为《%(article)s》的栏目。") % {"text": block.text[:20], "article": article},
                f"article-{article.pk}", data, article=article, block=block)


@action("edit_text", forms.EditTextForm)
def edit_text(request, page, data):
    block = data["block"]
    return run_operation(request, editing.correct_text, _("L%(line)s 的文字已保存（原文保留在历史中）。") % {"line": block.line_start},
                f"block-{block.pk}", data, block=block, text=data["text"])


@action("gather", forms.GatherForm)
def gather(request, page, data):
    # Reading order of the page: the order in which the editor sees them.
    ordered = sorted(data["blocks"], key=_editor_order)
    return run_operation(request, editing.gather_blocks, _("已用 %(n)s 个文本块组成一篇新文章。") % {"n": len(ordered)},
                f"block-{ordered[0].pk}", data, blocks=ordered)


@action("move_ticked_after", forms.MoveTickedForm)
def move_ticked_after(request, page, data):
    """Move the ticked blocks, in reading order, after one block (anywhere on the page)."""
    ordered, after = sorted(data["blocks"], key=_editor_order), data["after"]
    lines = "、".join(f"L{b.line_start}" for b in ordered)
    return run_operation(request, editing.move_blocks_after,
                         _("已把 %(lines)s 移到 L%(after)s 之后。") % {"lines": lines, "after": after.line_start},
                         f"block-{ordered[0].pk}", data, blocks=ordered, after=after)


def _editor_order(block):
    article_order = block.article.order if block.article_id else -1
    return (article_order, block.position, block.seq)


# --- articles -------------------------------------------------------------------------------------

def _merger(direction):
    @action(f"merge_{direction}", forms.ArticleForm)
    def merge(request, page, data):
        article = data["article"]
        report = run_operation(request, editing.merge_articles, _("已合并文章。"), f"article-{article.pk}", data,
                               article=article, direction=direction)
        if report.revision is not None:
            report.message = _("已%(summary)s。") % {"summary": report.revision.summary}
            kept = Article.objects.filter(pk__in=report.revision.article_ids).values_list("pk", flat=True).first()
            report.anchor = f"article-{kept}" if kept else ""
        return report

    return merge


_merger("previous")
_merger("next")


def _article_mover(name, step):
    @action(name, forms.ArticleForm)
    def move(request, page, data):
        article = data["article"]
        ids = list(Article.objects.filter(page=page).order_by("order", "pk").values_list("pk", flat=True))
        index = ids.index(article.pk)
        other = index + step
        if not 0 <= other < len(ids):
            return Report(False, _("这篇文章已经在本版的%(end)s。") % {"end": _("最前") if step < 0 else _("最后")},
                          f"article-{article.pk}")
        ids[index], ids[other] = ids[other], ids[index]
        return run_operation(request, editing.reorder_articles, _("已调整文章顺序。"), f"article-{article.pk}", data,
                    page=page, article_ids=ids)

    return move


_article_mover("article_up", -1)
_article_mover("article_down", +1)


@action("set_titles", forms.SetTitlesForm)
def set_titles(request, page, data):
    """The title group from per-block role selects named ``title_role_<block id>``."""
    article, roles = data["article"], data["roles"]
    return run_operation(request, editing.set_title_lines, _("标题已更新。"), f"article-{article.pk}", data,
                article=article, kicker=roles["kicker"] or None, headline=roles["headline"] or None,
                subtitle=roles["subtitle"] or None)


@action("mark_reviewed", forms.ArticleForm)
def mark_reviewed(request, page, data):
    article = data["article"]
    return run_operation(request, review.mark_reviewed, _("《%(article)s》已标记为已审核。") % {"article": article},
                f"article-{article.pk}", data, article=article)


@action("add_flag", forms.AddFlagForm)
def add_flag(request, page, data):
    """Raise a flag on an article by hand (e.g. "missing lead" after repairing a scrambled page)."""
    article, code = data["article"], data["code"]
    return run_operation(request, review.add_flag, _("已给《%(article)s》添加标记“%(flag)s”。") % {
        "article": article, "flag": FlagCode(code).label}, f"article-{article.pk}", data,
        article=article, code=code, message=data["message"].strip())


# --- page -----------------------------------------------------------------------------------------

@action("set_date", forms.SetDateForm)
def set_date(request, page, data):
    """Confirm the real publication date of the page's issue."""
    date = data["date"]
    return run_operation(request, metadata.set_issue_date, _("出版日期已确认为 %(date)s。") % {"date": date.isoformat()},
                "page-meta", data, page=page, date=date)


@action("set_number", forms.SetNumberForm)
def set_number(request, page, data):
    """Confirm the page number (版次)."""
    number = data["number"]
    return run_operation(request, metadata.set_page_number, _("版次已确认为第 %(n)s 版。") % {"n": number},
                "page-meta", data, page=page, number=number)


@action("resolve_flag", forms.ResolveFlagForm)
def resolve_flag(request, page, data):
    flag = data["flag"]
    anchor = f"block-{flag.block_id}" if flag.block_id else (f"article-{flag.article_id}" if flag.article_id else "")
    return run_operation(request, review.resolve_flag, _("标记“%(flag)s”已处理。") % {"flag": flag.get_code_display()},
                anchor, data, flag=flag)
