"""Optimistic locking on pages.

Every editing form carries the ``Page.version`` it was rendered with; an operation first claims
the page with ``claim_page(page_id, expected_version)``: a compare-and-swap UPDATE that bumps the
version only if it is still the expected one. Two editors saving the same page: the second one
matches no row and gets ``StaleVersion`` with both numbers, and nothing of theirs is written.
The UPDATE also takes SQLite's write lock at the start of the transaction (PostgreSQL: the row
lock), so the snapshot taken next cannot interleave with another editor's change.
"""

from django.db.models import F

from articles.models import Article, Page

from .errors import StaleVersion


def claim_page(page_id: int, expected_version: int) -> int:
    """Bump the page's version if it still is ``expected_version``; return the new version."""
    updated = Page.objects.filter(pk=page_id, version=expected_version).update(version=F("version") + 1)
    if not updated:
        current = Page.objects.filter(pk=page_id).values_list("version", flat=True).first()
        raise StaleVersion(expected_version, current if current is not None else expected_version)
    return expected_version + 1


def bump_articles(article_ids) -> None:
    """Bump ``Article.version`` of the touched articles (those that still exist)."""
    Article.objects.filter(pk__in=list(article_ids)).update(version=F("version") + 1)
