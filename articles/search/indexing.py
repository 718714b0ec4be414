"""Keeping the search index in step with the database: ``schedule_reindex(article_ids)``.

Call it with the ids of articles you created, changed or deleted, inside the transaction that
changes them (the importer, enrichment and the editors' tools do; the haystack signal processor
does for single saves and deletes). It never touches the index and never blocks on it: it records
a pending update per article (``articles.search.queue.record``) in that same transaction, so the
update commits or rolls back with the change itself — a crash can never leave a committed change
that the index worker does not know about. Many calls for the same article coalesce into one row.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS

from . import queue


def schedule_reindex(article_ids: Iterable[int], using: str = DEFAULT_DB_ALIAS) -> None:
    """Record an index update of these articles in the current transaction (or at once outside one)."""
    queue.record(article_ids, using=using)
