"""Comparing the index with the database: ``manage.py check_index`` and the worker's reconciling.

Stale means the document's stored ``updated``/``version`` differ from the article's. Changes
that do not touch the Article row (a new place tag, a renamed person) do not change those
fields: they are covered by the queue, and a full ``build_index`` resets everything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from articles.models import Article, IndexState

from . import queue
from .engines import uses_postgresql
from .pg.documents import indexed_versions as pg_indexed_versions
from .store import open_index
from .writer import indexed_versions


@dataclass
class Drift:
    missing: set[int] = field(default_factory=set)
    orphaned: set[int] = field(default_factory=set)
    stale: set[int] = field(default_factory=set)
    indexed: int = 0
    in_database: int = 0

    def __bool__(self) -> bool:
        return bool(self.missing or self.orphaned or self.stale)

    @property
    def all_ids(self) -> set[int]:
        return self.missing | self.orphaned | self.stale


def find_drift() -> Drift:
    indexed = pg_indexed_versions() if uses_postgresql() else indexed_versions()
    database = {
        pk: (updated.isoformat() if updated else "", version)
        for pk, updated, version in Article.objects.values_list("pk", "updated_at", "version").iterator()
    }
    return Drift(
        missing=set(database) - set(indexed),
        orphaned=set(indexed) - set(database),
        stale={pk for pk in set(database) & set(indexed) if database[pk] != indexed[pk]},
        indexed=len(indexed),
        in_database=len(database),
    )


# Clocks of the hosts that write articles and the index may differ by this much.
RECONCILE_MARGIN = dt.timedelta(seconds=5)


def index_committed_at() -> dt.datetime | None:
    """When the index on disk was last committed (its table of contents' time), or None if empty."""
    ix = open_index()
    if ix.doc_count_all() == 0:
        return None
    toc = f"_{ix.indexname}_{ix.latest_generation()}.toc"
    return dt.datetime.fromtimestamp(ix.storage.file_modified(toc), tz=dt.timezone.utc)


def reconcile_recent() -> int:
    """Record a pending update for every article changed since the index's last commit: what a
    worker does on start, cheaply, before the full ``check_and_repair``. Catches changes made by
    code that bypassed ``schedule_reindex`` and an index restored from a backup (its files are
    older). "Since" is when the last commit's writer began reading, if that is earlier."""
    committed = index_committed_at()
    articles = Article.objects.all()
    if committed is not None:
        state = IndexState.objects.filter(pk=1).first()
        if state and state.indexed_as_of:
            committed = min(committed, state.indexed_as_of)
        articles = articles.filter(updated_at__gte=committed - RECONCILE_MARGIN)
    ids = list(articles.values_list("pk", flat=True))
    queue.record(ids)
    IndexState.note(last_reconcile_at=timezone.now())
    return len(ids)


def check_and_repair() -> Drift:
    """Compare the whole index with the database, record updates for every drifting article and
    keep the figures for ``/readyz`` (an edit in flight may count as stale: it is indexed anyway)."""
    drift = find_drift()
    queue.record(drift.all_ids)
    IndexState.note(last_drift_check_at=timezone.now(), last_drift={
        "missing": len(drift.missing), "orphaned": len(drift.orphaned), "stale": len(drift.stale),
        "indexed": drift.indexed, "in_database": drift.in_database})
    return drift
