"""Merging two Person rows that are one person (OCR variants 金钧胤/金钩胤, or a pen name).

The merge itself is enrichment's ``articles.enrich.aliases.merge_persons`` (credits move, the
dropped spelling and slug stay as an alias); this module wraps it as an editor's action: one
transaction, a Revision with before/after snapshots of both persons, their aliases and credits,
version bumps of the articles whose credits moved, reindex, and undo. A person merge belongs to no
page, so it takes no ``expected_version``; undo refuses while a later active revision involves
either person (undo that first).
"""

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from articles.models import Article, Person, PersonAlias, Revision, Source

from .errors import CannotUndo, InvalidOperation
from .permissions import require_editor
from .revisions import Action, _schedule_reindex
from .snapshots import persons_snapshot, restore


def merge_persons(keep: Person, drop: Person, *, kind: str = PersonAlias.Kind.OCR_VARIANT, user) -> Revision:
    """Fold ``drop`` into ``keep`` (see module docstring); returns the Revision."""
    from articles.enrich.aliases import merge_persons as merge  # noqa: PLC0415 (enrich owns the merge)

    require_editor(user)
    if keep.pk == drop.pk:
        raise InvalidOperation(_("不能把人物和自己合并"))
    with transaction.atomic():
        keep = Person.objects.get(pk=keep.pk)
        try:
            drop = Person.objects.get(pk=drop.pk)
        except Person.DoesNotExist:
            raise InvalidOperation(_("要合并的人物已不存在（可能已被合并）")) from None
        ids = [keep.pk, drop.pk]
        before = persons_snapshot(ids)
        article_ids = sorted({row["article_id"] for row in before["credits"]})
        merge(keep, drop, kind=kind, source=Source.EDITOR)
        after = persons_snapshot(ids)  # the kept person's aliases now include the dropped spelling
        Article.objects.filter(pk__in=article_ids).update(version=F("version") + 1)
        revision = Revision.objects.create(
            user=user, action=Action.MERGE_PERSONS, summary=_("合并人物：%(drop)s → %(keep)s") % {
                "drop": drop.name, "keep": keep.name},
            page=None, article_ids=article_ids, block_ids=[], before=before, after=after,
        )
        _schedule_reindex(article_ids)
    return revision


def _person_ids(revision: Revision) -> set[int]:
    return {row["id"] for row in revision.before.get("persons", [])}


def person_merge_blockers(revision: Revision):
    """Later active revisions that changed credits of the merged articles or merged these persons."""
    later = Revision.objects.filter(pk__gt=revision.pk, undoes__isnull=True, undone_by__isnull=True)
    person_ids = _person_ids(revision)
    blocking = [
        r.pk for r in later.only("pk", "page_id", "article_ids", "before")
        if (r.page_id is None and person_ids & _person_ids(r))
        or (r.page_id is not None and set(r.article_ids) & set(revision.article_ids)
            and r.action == Action.CREDITS)
    ]
    return Revision.objects.filter(pk__in=blocking).defer("before", "after")


def undo_person_merge(revision: Revision, *, user) -> Revision:
    """Split the persons again exactly as before the merge (the dropped row comes back with its id)."""
    require_editor(user)
    with transaction.atomic():
        revision = Revision.objects.select_for_update().get(pk=revision.pk)
        if revision.undoes_id is not None:
            raise CannotUndo(_("撤销操作本身不能再撤销"))
        if Revision.objects.filter(undoes=revision).exists():
            raise CannotUndo(_("这项修改已经撤销过了"))
        if person_merge_blockers(revision).exists():
            raise CannotUndo(_("此后这些人物或署名还有修改，请先撤销那些修改"))
        ids = _person_ids(revision)
        current = persons_snapshot(ids)
        restore(revision.before, revision.after)
        article_ids = list(revision.article_ids)
        Article.objects.filter(pk__in=article_ids).update(version=F("version") + 1)
        undone = Revision.objects.create(
            user=user, action=Action.UNDO, summary=_("撤销：%(s)s") % {"s": revision.summary}, page=None,
            article_ids=article_ids, block_ids=[], before=current, after=revision.before, undoes=revision,
        )
        _schedule_reindex(article_ids)
    return undone
