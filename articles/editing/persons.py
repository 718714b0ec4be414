"""Merging two Person rows that are one person (OCR variants 金钧胤/金钩胤, or a pen name).

The merge itself is enrichment's ``articles.enrich.aliases.merge_persons`` (credits move, the
dropped spelling and slug stay as an alias); this module wraps it as an editor's action: one
transaction, a Revision with before/after snapshots of both persons, their aliases and credits,
version bumps of the articles whose credits moved, reindex, and undo. A person merge belongs to no
page, so it takes no ``expected_version``; its undo rules are ``undo.py``'s.
"""

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from articles.models import Article, Person, PersonAlias, Revision, RevisionAction, Source

from .errors import InvalidOperation
from .permissions import require_editor
from .frame import record_reindex
from .snapshots import persons_snapshot


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
            user=user, action=RevisionAction.MERGE_PERSONS, summary=_("合并人物：%(drop)s → %(keep)s") % {
                "drop": drop.name, "keep": keep.name},
            page=None, article_ids=article_ids, block_ids=[], before=before, after=after,
        )
        record_reindex(article_ids)
    return revision
