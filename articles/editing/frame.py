"""The frame every editing operation runs in: ``page_edit``.

``page_edit`` is the one place that makes an operation safe; an operation only changes rows
inside it::

    with page_edit(page, user=user, expected_version=v, action=RevisionAction.SPLIT, summary="…") as edit:
        …change blocks / articles…
    return edit.revision

It (1) checks that the user is an editor, (2) opens ONE transaction, (3) claims the page version
(optimistic locking → ``StaleVersion``), (4) snapshots the page, lets the operation run, then
(5) finds what changed by comparing snapshots — so no operation can forget to record something —
(6) re-derives the touched articles' title/byline/slug (``refresh_article_fields``), re-runs the
article-local enrichment (places, topics) where blocks changed, marks them corrected and bumps
their versions, (7) writes a ``Revision`` with the before/after snapshots and, for each article
the edit deleted whose text went into another, a redirect from its old id (``redirects.py``; an
undo drops the redirects of the revision it undoes), and (8) after commit, queues a search-index
update for the touched articles (deleted ones included, so the index drops them). An exception
anywhere rolls everything back.

Undo (``undo.py``) runs in the same frame; history queries are ``history.py``'s.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from articles.models import Article, ArticleStatus, Flag, Page, Person, Revision

from .errors import InvalidOperation
from .fields import refresh_article_fields
from .locking import bump_articles, claim_page
from .permissions import require_editor
from .redirects import record_redirects
from .snapshots import page_snapshot, rows


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
    record_redirects(revision)
    record_reindex(sorted(set(revision.article_ids) | edit.reindex_ids))
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


def record_reindex(article_ids) -> None:
    """Record the articles' index update in the edit's own transaction (it rolls back with it, and
    a crash after the commit cannot lose it: the index worker finds the row)."""
    from articles.search.indexing import schedule_reindex  # noqa: PLC0415 (the search app owns it)

    schedule_reindex(list(article_ids))
