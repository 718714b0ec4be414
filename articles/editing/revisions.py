"""The frame every editing operation runs in, undo, and the history of pages and articles.

``page_edit`` is the one place that makes an operation safe; an operation only changes rows
inside it::

    with page_edit(page, user=user, expected_version=v, action=Action.SPLIT, summary="…") as edit:
        …change blocks / articles…
    return edit.revision

It (1) checks that the user is an editor, (2) opens ONE transaction, (3) claims the page version
(optimistic locking → ``StaleVersion``), (4) snapshots the page, lets the operation run, then
(5) finds what changed by comparing snapshots — so no operation can forget to record something —
(6) re-derives the touched articles' title/byline/slug (``refresh_article_fields``), re-runs the
article-local enrichment (places, topics) where blocks changed, marks them corrected and bumps
their versions, (7) writes a ``Revision`` with the before/after snapshots, and
(8) after commit, queues a search-index update for the touched articles (deleted ones included, so
the index drops them). An exception anywhere rolls everything back.

Undo policy (strict, per page, newest first): a revision can be undone only if every later revision
on the same page is itself an undo or already undone. Restoring a page snapshot is exact only
then; the admin therefore offers "undo" on the newest active revision, and undoing several steps
means undoing them one by one, newest first. Undo revisions cannot themselves be undone (no redo).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max, Q
from django.utils.translation import gettext as _

from articles.models import Article, ArticleStatus, Credit, Flag, Page, Person, Revision

from .errors import CannotUndo, InvalidOperation
from .fields import refresh_article_fields
from .locking import bump_articles, claim_page
from .permissions import require_editor
from .snapshots import TABLES_BY_KEY, page_snapshot, restore, rows


class Action:
    """Revision.action values (stable strings; the admin translates them with ``ACTION_LABELS``)."""

    SPLIT = "split"
    MERGE = "merge"
    MOVE_BLOCK = "move_block"
    GATHER = "gather"
    SET_KIND = "set_kind"
    SET_TITLE = "set_title"
    SET_COLUMN_LABEL = "set_column_label"
    MARK_DUPLICATE = "mark_duplicate"
    UNMARK_DUPLICATE = "unmark_duplicate"
    CORRECT_TEXT = "correct_text"
    JOIN = "join"
    REORDER_ARTICLES = "reorder_articles"
    SET_ISSUE_DATE = "set_issue_date"
    SET_PAGE_NUMBER = "set_page_number"
    CREDITS = "credits"
    REGIONS = "regions"
    TOPICS = "topics"
    MERGE_PERSONS = "merge_persons"
    REVIEW = "review"
    RESOLVE_FLAG = "resolve_flag"
    FLAG = "flag"
    UNDO = "undo"


ACTION_LABELS = {
    Action.SPLIT: "拆分文章",
    Action.MERGE: "合并文章",
    Action.MOVE_BLOCK: "移动文本块",
    Action.GATHER: "组成新文章",
    Action.SET_KIND: "更改类型",
    Action.SET_TITLE: "设定标题",
    Action.SET_COLUMN_LABEL: "设定栏目",
    Action.MARK_DUPLICATE: "标为重复",
    Action.UNMARK_DUPLICATE: "取消重复",
    Action.CORRECT_TEXT: "校正文本",
    Action.JOIN: "接续上段",
    Action.REORDER_ARTICLES: "调整文章顺序",
    Action.SET_ISSUE_DATE: "设定出版日期",
    Action.SET_PAGE_NUMBER: "设定版次",
    Action.CREDITS: "编辑署名与人物",
    Action.REGIONS: "编辑地区",
    Action.TOPICS: "编辑专题",
    Action.MERGE_PERSONS: "合并人物",
    Action.REVIEW: "标为已审核",
    Action.RESOLVE_FLAG: "处理待查标记",
    Action.FLAG: "添加待查标记",
    Action.UNDO: "撤销",
}


@dataclass
class PageEdit:
    """Handed to the operation inside ``page_edit``; ``revision`` is set when the edit is saved."""

    page: Page
    user: object
    action: str
    summary: str = ""
    # False for actions whose status change is their point (mark reviewed) or that restore it (undo).
    mark_corrected: bool = True
    undoes: Revision | None = None
    extra_article_ids: set[int] = field(default_factory=set)
    reindex_ids: set[int] = field(default_factory=set)
    revision: Revision | None = None
    # Persons with a higher id were created during this edit (a new name in a credit or byline).
    last_person_id: int = 0

    def touch(self, *article_ids: int) -> None:
        """Name articles as touched even if none of their rows changed (rarely needed)."""
        self.extra_article_ids.update(article_ids)

    def reindex(self, *article_ids: int) -> None:
        """Reindex these articles too without counting them as corrected (a page's date changed)."""
        self.reindex_ids.update(article_ids)


def changed_ids(before: dict, after: dict, key: str, ignore: tuple[str, ...] = ()) -> set[int]:
    """Ids of the rows of table ``key`` that were created, deleted or changed (``ignore``: columns
    whose change alone does not count)."""
    def strip(row):
        return None if row is None else {k: v for k, v in row.items() if k not in ignore}

    old = {row["id"]: row for row in before.get(key, [])}
    new = {row["id"]: row for row in after.get(key, [])}
    return {pk for pk in old.keys() | new.keys() if strip(old.get(pk)) != strip(new.get(pk))}


def touched_article_ids(before: dict, after: dict) -> set[int]:
    """Articles whose own row, blocks, credits, tags, flags or reports changed (deleted ones too).

    An article whose only change is its ``order`` on the page (shifted to make room for a new one)
    is not touched: its text did not change, so it stays as it was (status, index entry).
    """
    ids = changed_ids(before, after, "articles", ignore=("order",))
    for key in ("blocks", "credits", "region_tags", "topic_tags", "flags", "reports"):
        changed = changed_ids(before, after, key)
        for snapshot in (before, after):
            ids.update(row["article_id"] for row in snapshot.get(key, [])
                       if row["id"] in changed and row.get("article_id"))
    return ids


@contextmanager
def page_edit(page, *, user, expected_version: int | None, action: str, summary: str = ""):
    """Run one editing operation on ``page`` (instance or id) safely; see the module docstring."""
    require_editor(user)
    page_id = getattr(page, "pk", page)
    with transaction.atomic():
        if expected_version is None:
            raise InvalidOperation(_("缺少版面版本号，请刷新后重做"))
        claim_page(page_id, expected_version)
        before = page_snapshot(page_id)
        edit = PageEdit(page=Page.objects.select_related("issue").get(pk=page_id), user=user,
                        action=action, summary=summary,
                        last_person_id=Person.objects.aggregate(m=Max("pk"))["m"] or 0)
        yield edit
        edit.revision = _save(edit, before)


def _save(edit: PageEdit, before: dict) -> Revision | None:
    page_id = edit.page.pk
    _flags_follow_blocks(page_id)
    middle = page_snapshot(page_id)
    touched = touched_article_ids(before, middle) | edit.extra_article_ids
    if edit.undoes is None:  # an undo puts back exact snapshots: nothing to re-derive
        for article in Article.objects.filter(pk__in=touched):
            refresh_article_fields(article)
        if changed_ids(before, middle, "blocks"):
            _re_enrich(touched)
    if edit.mark_corrected:
        Article.objects.filter(pk__in=touched).exclude(status=ArticleStatus.CORRECTED).update(
            status=ArticleStatus.CORRECTED
        )
    after = page_snapshot(page_id)
    new_persons = Person.objects.filter(pk__gt=edit.last_person_id, credits__article__page_id=page_id).distinct()
    if edit.undoes is None and new_persons.exists():
        after["persons"] = rows("persons", new_persons)  # so that undo removes them again
    if after == before and edit.undoes is None:
        # Nothing changed: give the version back so the editor's form stays valid.
        Page.objects.filter(pk=page_id).update(version=edit.page.version - 1)
        return None
    bump_articles(touched)
    revision = Revision.objects.create(
        user=edit.user if getattr(edit.user, "pk", None) else None,
        action=edit.action,
        summary=edit.summary[:300],
        page_id=page_id,
        article_ids=sorted(touched_article_ids(before, after) | touched),
        block_ids=sorted(changed_ids(before, after, "blocks")),
        before=before,
        after=after,
        undoes=edit.undoes,
    )
    _schedule_reindex(sorted(set(revision.article_ids) | edit.reindex_ids))
    return revision


# Enrichment steps re-run on articles whose blocks changed, so that places and topics follow the
# text (the 宁波 story gathered from two articles gets 宁波 back). Only the article-local steps:
# the persons step also merges Person rows archive-wide, which a page revision could not undo;
# ``manage.py enrich`` brings mentions up to date. Editors' tags and rejections are never touched.
REENRICH_STEPS = ("regions", "topics")


def _re_enrich(article_ids) -> None:
    from articles.enrich import enrich_articles  # noqa: PLC0415 (the enrich app owns the steps)

    ids = list(Article.objects.filter(pk__in=list(article_ids)).values_list("pk", flat=True))
    if ids:
        enrich_articles(ids, only=REENRICH_STEPS)


def _flags_follow_blocks(page_id: int) -> None:
    """A flag about a block (an orphan, a duplicate) belongs to whichever article holds the block now."""
    stale = Flag.objects.filter(page_id=page_id, block__isnull=False).exclude(
        article_id=F("block__article_id")).values_list("pk", "block__article_id")
    for flag_id, article_id in list(stale):
        if article_id is not None:
            Flag.objects.filter(pk=flag_id).update(article_id=article_id)


def _schedule_reindex(article_ids) -> None:
    """Record the articles' index update in the edit's own transaction (it rolls back with it)."""
    from articles.search.indexing import schedule_reindex  # noqa: PLC0415 (the search app owns it)

    schedule_reindex(list(article_ids))


# --- undo -------------------------------------------------------------------------------------

def blocking_revisions(revision: Revision):
    """Later revisions on the same page that must be undone before ``revision`` can be."""
    return (
        Revision.objects.filter(page_id=revision.page_id, pk__gt=revision.pk, undoes__isnull=True,
                                undone_by__isnull=True)
        .defer("before", "after")
        .order_by("pk")
    )


def can_undo(revision: Revision) -> bool:
    """True if ``undo(revision)`` would be accepted now (for showing or hiding the button)."""
    if revision.undoes_id is not None or revision.undone_by.exists():
        return False
    if revision.page_id is None:
        from .persons import person_merge_blockers  # noqa: PLC0415

        return not person_merge_blockers(revision).exists()
    return not blocking_revisions(revision).exists()


def undo(revision: Revision, *, user, expected_version: int | None = None) -> Revision:
    """Restore the page (or persons) exactly as before ``revision``; write a revision that undoes it.

    ``expected_version`` is the page version the editor saw (None: don't check, e.g. a script).
    Raises ``CannotUndo`` if the revision is an undo itself, was already undone, or later revisions
    on the same page are still in effect (undo those first, newest first).
    """
    require_editor(user)
    revision = Revision.objects.get(pk=revision.pk)
    if revision.page_id is None:
        from .persons import undo_person_merge  # noqa: PLC0415

        return undo_person_merge(revision, user=user)
    if expected_version is None:
        expected_version = Page.objects.values_list("version", flat=True).get(pk=revision.page_id)
    summary = _("撤销：%(action)s %(summary)s") % {
        "action": ACTION_LABELS.get(revision.action, revision.action), "summary": revision.summary}
    with page_edit(revision.page_id, user=user, expected_version=expected_version, action=Action.UNDO,
                   summary=summary) as edit:
        _check_undoable(revision)
        edit.mark_corrected = False
        edit.undoes = revision
        try:
            restore(revision.before, revision.after)
            # SQLite checks foreign keys only at commit: check the table at risk (a credit whose
            # person a later merge removed) now, so that a conflict is a refusal, not a 500.
            connection.check_constraints(table_names=[Credit._meta.db_table])
        except IntegrityError as error:  # e.g. another page has since taken this page's old number
            raise CannotUndo(_("无法撤销：恢复后的数据与现有数据冲突（%(error)s）") % {"error": error}) from error
        edit.touch(*revision.article_ids)
    return edit.revision


def _check_undoable(revision: Revision) -> None:
    if revision.undoes_id is not None:
        raise CannotUndo(_("撤销操作本身不能再撤销"))
    if Revision.objects.filter(undoes=revision).exists():
        raise CannotUndo(_("这项修改已经撤销过了"))
    later = list(blocking_revisions(revision)[:5])
    if later:
        names = "、".join(f"#{r.pk} {ACTION_LABELS.get(r.action, r.action)}" for r in later)
        raise CannotUndo(_("此后本版还有修改（%(names)s），请先从最新的开始撤销") % {"names": names})


# --- history ----------------------------------------------------------------------------------

def page_history(page):
    """Revisions of a page, newest first (snapshots deferred: lists don't need them)."""
    page_id = getattr(page, "pk", page)
    return Revision.objects.filter(page_id=page_id).select_related("user").defer("before", "after")


def article_history(article) -> list[Revision]:
    """Revisions that touched an article, newest first (its page's revisions naming it, and person
    merges that moved its credits). Works for deleted articles too if given an id and page id."""
    article_id = getattr(article, "pk", article)
    page_id = getattr(article, "page_id", None)
    candidates = Revision.objects.select_related("user").defer("before", "after")
    if page_id is not None:
        candidates = candidates.filter(Q(page_id=page_id) | Q(page_id__isnull=True))
    return [revision for revision in candidates.order_by("-created_at", "-id") if article_id in revision.article_ids]


FIELD_LABELS = {
    "text": "文本", "kind": "类型", "article_id": "所属文章", "position": "文内顺序", "hidden": "不显示",
    "duplicate_of_id": "重复于", "order": "版内顺序", "kicker": "引题", "headline": "主题", "subtitle": "副题",
    "column_label": "栏目", "byline": "署名", "status": "状态", "issue_id": "所属期", "number": "版次",
    "number_is_estimated": "版次为估计", "date": "出版日期", "date_is_estimated": "日期为估计",
    "person_id": "人物", "role": "角色", "rejected": "已否决", "resolved_at": "处理时间", "is_primary": "主专题",
}
TABLE_LABELS = {
    "issues": "期", "pages": "版面", "articles": "文章", "blocks": "文本块", "credits": "署名", "flags": "待查标记",
    "region_tags": "地区", "topic_tags": "专题", "reports": "读者报告", "persons": "人物", "aliases": "别名",
}


def describe_changes(revision: Revision) -> list[tuple[str, object, object]]:
    """Readable rows (what, before, after) for a revision's history page, e.g.
    ("文本块 #12 文本", "旧…", "新…"); a created row shows before=None, a deleted one after=None."""
    lines = []
    for key, table in TABLES_BY_KEY.items():
        old = {row["id"]: row for row in revision.before.get(key, [])}
        new = {row["id"]: row for row in revision.after.get(key, [])}
        label = TABLE_LABELS.get(key, key)
        for pk in sorted(old.keys() | new.keys()):
            a, b = old.get(pk), new.get(pk)
            if a == b:
                continue
            if a is None or b is None:
                lines.append((f"{label} #{pk}", _summarise(a), _summarise(b)))
                continue
            for name in table.fields:
                if a.get(name) != b.get(name):
                    lines.append((f"{label} #{pk} {FIELD_LABELS.get(name, name)}", a.get(name), b.get(name)))
    return lines


def _summarise(row: dict | None) -> str | None:
    if row is None:
        return None
    for name in ("headline", "text", "name", "role", "code"):
        if row.get(name):
            return str(row[name])[:60]
    return f"#{row['id']}"
