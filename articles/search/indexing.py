"""Keeping the search index in step with the database: ``schedule_reindex(article_ids)``.

Call it with the ids of articles you created, changed or deleted (the importer, enrichment and
the editors' tools do; the haystack signal processor does for single saves and deletes). It never
touches the index and never blocks: when the current transaction commits, the ids are queued as
one durable task (``articles.search.tasks.reindex_articles``) for the single index worker. If the
transaction rolls back, nothing is queued. Many calls in one transaction become one task (in
chunks of ``TASK_CHUNK`` ids). Outside a transaction the task is queued at once.

If queueing itself fails (the database is unavailable after commit), the error is logged and
``manage.py check_index --fix`` repairs the drift later.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, transaction

log = logging.getLogger(__name__)

TASK_CHUNK = 1000


class _PendingReindex:
    """The ids gathered in one transaction; registered once with ``transaction.on_commit``."""

    def __init__(self) -> None:
        self.ids: set[int] = set()

    def __call__(self) -> None:
        ids, self.ids = sorted(self.ids), set()
        enqueue_reindex(ids)


def enqueue_reindex(article_ids: Iterable[int]) -> None:
    """Queue the ids now (no transaction handling): one task per ``TASK_CHUNK`` ids."""
    from .tasks import reindex_articles

    ids = sorted({int(i) for i in article_ids})
    for start in range(0, len(ids), TASK_CHUNK):
        reindex_articles.enqueue(ids[start : start + TASK_CHUNK])


def _pending_for(connection) -> _PendingReindex | None:
    """The batch already registered in the current transaction, if any.

    Django keeps on-commit callbacks in ``connection.run_on_commit`` and discards those of a
    rolled-back savepoint, so looking there (rather than remembering our own flag) can never
    leave ids attached to a callback that will not run.
    """
    for _savepoints, func, *_rest in connection.run_on_commit:
        if isinstance(func, _PendingReindex):
            return func
    return None


def schedule_reindex(article_ids: Iterable[int], using: str = DEFAULT_DB_ALIAS) -> None:
    """Queue an index update of these articles for when the current transaction commits."""
    ids = {int(i) for i in article_ids if i is not None}
    if not ids:
        return
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        _enqueue_safely(ids)
        return
    pending = _pending_for(connection)
    if pending is None:
        pending = _PendingReindex()
        # robust: an error while queueing is logged by Django and never fails the commit.
        transaction.on_commit(pending, using=using, robust=True)
    pending.ids |= ids


def _enqueue_safely(ids: set[int]) -> None:
    try:
        enqueue_reindex(ids)
    except Exception:  # noqa: BLE001 — a failed enqueue must not fail the caller's request
        log.exception("could not queue a search index update for %d article(s); run check_index --fix", len(ids))
