"""Undo: the rules for when a revision may be undone, and undoing it (page edits and person merges).

Policy (strict, newest first): a page revision can be undone only if every later revision on the
same page is itself an undo or already undone — restoring a page snapshot is exact only then. So
the admin offers "undo" on a page's newest active revision, and undoing several steps means undoing
them one by one, newest first. A person merge belongs to no page; it can be undone while no later
active revision merged either person again or edited credits of the articles whose credits moved.
Undo revisions cannot themselves be undone (no redo).

``undoable(revisions)`` answers "may these be undone?" for a whole history page with a fixed number
of queries (three at most), so the history pages do not run queries per row.
"""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from articles.models import Article, Credit, Page, Revision, RevisionAction

from .errors import CannotUndo
from .frame import page_edit, record_reindex
from .permissions import require_editor
from .snapshots import persons_snapshot, restore


def _active():
    """Revisions still in effect that could stand in the way: not undos, not undone."""
    return Revision.objects.filter(undoes__isnull=True, undone_by__isnull=True)


def blocking_revisions(revision: Revision):
    """Later revisions on the same page that must be undone before ``revision`` can be."""
    return _active().filter(page_id=revision.page_id, pk__gt=revision.pk).defer("before", "after").order_by("pk")


def _person_ids(persons_rows) -> set[int]:
    return {row["id"] for row in persons_rows or []}


def _person_merge_blocker_ids(merges: list[Revision]) -> dict[int, list[int]]:
    """For each person-merge revision, the later active revisions blocking its undo: one query,
    reading only the ``persons`` part of later merges' snapshots (not every page snapshot)."""
    if not merges:
        return {}
    first = min(revision.pk for revision in merges)
    later = list(
        _active().filter(pk__gt=first)
        .filter(action__in=[RevisionAction.MERGE_PERSONS, RevisionAction.CREDITS])
        .order_by("pk").values_list("pk", "page_id", "action", "article_ids", "before__persons")
    )
    blockers: dict[int, list[int]] = {}
    for merge in merges:
        persons, articles = _person_ids(merge.before.get("persons")), set(merge.article_ids)
        blockers[merge.pk] = [
            pk for pk, page_id, action, article_ids, later_persons in later
            if pk > merge.pk and (
                (page_id is None and action == RevisionAction.MERGE_PERSONS and persons & _person_ids(later_persons))
                or (page_id is not None and action == RevisionAction.CREDITS and articles & set(article_ids)))
        ]
    return blockers


def undoable(revisions) -> set[int]:
    """Ids of those of ``revisions`` that ``undo`` would accept now (for showing the button)."""
    revisions = list(revisions)
    candidates = [r for r in revisions if r.undoes_id is None]
    if not candidates:
        return set()
    undone = set(Revision.objects.filter(undoes__in=[r.pk for r in candidates]).values_list("undoes_id", flat=True))
    candidates = [r for r in candidates if r.pk not in undone]
    page_ids = {r.page_id for r in candidates if r.page_id is not None}
    newest = dict(_active().filter(page_id__in=page_ids).values("page_id").annotate(newest=Max("pk"))
                  .values_list("page_id", "newest")) if page_ids else {}
    merges = [r for r in candidates if r.page_id is None]
    if any("before" in r.get_deferred_fields() for r in merges):
        merges = list(Revision.objects.filter(pk__in=[r.pk for r in merges]).only("pk", "article_ids", "before"))
    blockers = _person_merge_blocker_ids(merges)
    return ({r.pk for r in candidates if r.page_id is not None and newest.get(r.page_id) == r.pk}
            | {pk for pk, later in blockers.items() if not later})


def can_undo(revision: Revision) -> bool:
    """True if ``undo(revision)`` would be accepted now."""
    return revision.pk in undoable([revision])


def undo(revision: Revision, *, user, expected_version: int | None = None) -> Revision:
    """Restore the page (or persons) exactly as before ``revision``; write a revision that undoes it.

    ``expected_version`` is the page version the editor saw (None: don't check, e.g. a script).
    Raises ``CannotUndo`` if the revision is an undo itself, was already undone, or later revisions
    still depend on it (undo those first, newest first).
    """
    require_editor(user)
    revision = Revision.objects.get(pk=revision.pk)
    if revision.page_id is None:
        return _undo_person_merge(revision, user=user)
    if expected_version is None:
        expected_version = Page.objects.values_list("version", flat=True).get(pk=revision.page_id)
    summary = _("撤销：%(action)s %(summary)s") % {"action": revision.get_action_display(), "summary": revision.summary}
    with page_edit(revision.page_id, user=user, expected_version=expected_version, action=RevisionAction.UNDO,
                   summary=summary) as edit:
        _check_not_undone(revision)
        later = list(blocking_revisions(revision)[:5])
        if later:
            names = "、".join(f"#{r.pk} {r.get_action_display()}" for r in later)
            raise CannotUndo(_("此后本版还有修改（%(names)s），请先从最新的开始撤销") % {"names": names})
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


def _check_not_undone(revision: Revision) -> None:
    if revision.undoes_id is not None:
        raise CannotUndo(_("撤销操作本身不能再撤销"))
    if Revision.objects.filter(undoes=revision).exists():
        raise CannotUndo(_("这项修改已经撤销过了"))


def _undo_person_merge(revision: Revision, *, user) -> Revision:
    """Split the persons again exactly as before the merge (the dropped row comes back with its id)."""
    with transaction.atomic():
        revision = Revision.objects.select_for_update().get(pk=revision.pk)
        _check_not_undone(revision)
        if _person_merge_blocker_ids([revision])[revision.pk]:
            raise CannotUndo(_("此后这些人物或署名还有修改，请先撤销那些修改"))
        current = persons_snapshot(_person_ids(revision.before.get("persons")))
        restore(revision.before, revision.after)
        article_ids = list(revision.article_ids)
        Article.objects.filter(pk__in=article_ids).update(version=F("version") + 1)
        undone = Revision.objects.create(
            user=user, action=RevisionAction.UNDO, summary=_("撤销：%(s)s") % {"s": revision.summary}, page=None,
            article_ids=article_ids, block_ids=[], before=current, after=revision.before, undoes=revision,
        )
        record_reindex(article_ids)
    return undone
