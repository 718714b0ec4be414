"""Which revisions a page's or an article's history shows, newest first (the admin's history pages).

Both queries defer the snapshots (``before``/``after``, the whole page each): a history page loads
them only for the rows it shows, in one query.
"""

from __future__ import annotations

from django.db.models import Q

from articles.models import Revision


def _listing():
    return Revision.objects.select_related("user", "undoes").order_by("-created_at", "-id")


def page_history(page, limit: int | None = None):
    """Revisions of a page, newest first."""
    revisions = _listing().filter(page_id=getattr(page, "pk", page))
    return revisions[:limit] if limit else revisions


def article_history(article, limit: int | None = None):
    """Revisions that touched an article, newest first: its page's revisions naming it, and person
    merges that moved its credits. ``article`` may be a deleted one's id if ``page_id`` is given.

    A JSON "contains" lookup is not portable to SQLite, so the revisions naming the article are
    picked from a light list (ids and article ids only), then loaded in one query."""
    article_id = getattr(article, "pk", article)
    page_id = getattr(article, "page_id", None)
    candidates = Revision.objects.all() if page_id is None else Revision.objects.filter(
        Q(page_id=page_id) | Q(page_id__isnull=True))
    ids = [pk for pk, article_ids in candidates.order_by("-created_at", "-id").values_list("pk", "article_ids")
           if article_id in article_ids]
    return _listing().filter(pk__in=ids[:limit] if limit else ids)
