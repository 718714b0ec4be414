"""Keeping the search index in step with the database: ``schedule_reindex(article_ids)``.

Call it with the ids of articles you created, changed or deleted, inside the transaction that
changes them (the importer, enrichment and the editors' tools do; the haystack signal processor
does for single saves and deletes, through ``defer_reindex``). It never blocks on the Whoosh index:

- Whoosh engine (default): it records a pending update per article (``articles.search.queue.record``)
  in that same transaction, so the update commits or rolls back with the change itself — a crash
  can never leave a committed change that the index worker does not know about. Many calls for the
  same article coalesce into one row.
- PostgreSQL engine (``SEARCH_ENGINE=postgresql``): it rewrites the articles' search documents at
  once, in that same transaction (``articles.search.pg.documents.reindex``): no queue, no worker.

``defer_reindex`` is for the signal processor, which hears every single save: on the PostgreSQL
engine, inside a transaction, it only notes the ids, and the transaction's own ``schedule_reindex``
(every writer calls it last) writes them with its own. The admin's generic forms, which save one
row and call no writer, call ``write_deferred`` at the end of their transaction
(``articles.admin.indexed``); any other transaction that never calls either (a shell session) has
them written right after its commit, and ``check_index`` finds what a crash in between lost.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, connections, transaction

from . import queue
from .engines import uses_postgresql

_deferred = threading.local()


def schedule_reindex(article_ids: Iterable[int], using: str = DEFAULT_DB_ALIAS) -> None:
    """Record an index update of these articles in the current transaction (or at once outside one)."""
    if uses_postgresql():
        from .pg.documents import reindex  # noqa: PLC0415 (it imports the index definition)

        reindex([*_take_deferred(using), *article_ids], using)
    else:
        queue.record(article_ids, using=using)


def defer_reindex(article_ids: Iterable[int], using: str = DEFAULT_DB_ALIAS) -> None:
    """``schedule_reindex`` for one save among many (see the module docstring)."""
    ids = [i for i in article_ids if i is not None]
    if not ids:
        return
    if not uses_postgresql() or not connections[using].in_atomic_block:
        schedule_reindex(ids, using)
        return
    _pending(using).update(ids)
    transaction.on_commit(lambda: _write_leftovers(using), using=using)


def write_deferred(using: str = DEFAULT_DB_ALIAS) -> None:
    """Write the documents of what single saves noted so far, in the current transaction (PostgreSQL
    engine; on the Whoosh engine every save is queued at once, so there is nothing to do)."""
    if uses_postgresql() and _pending(using):
        schedule_reindex([], using)


def _pending(using: str) -> set[int]:
    if not hasattr(_deferred, "ids"):
        _deferred.ids = {}
    return _deferred.ids.setdefault(using, set())


def _take_deferred(using: str) -> list[int]:
    pending = _pending(using)
    ids = list(pending)
    pending.clear()
    return ids


def _write_leftovers(using: str) -> None:
    if _pending(using):
        with transaction.atomic(using=using):
            schedule_reindex([], using)
