"""The pending index updates (``PendingIndexUpdate`` rows): record, claim, finish, release.

Every change to what an article's search document holds records the article here *in the same
transaction* (``record``), so an update can be lost neither by a crash between commit and queueing
nor by a worker that dies: the row stays until a writer commit has covered it.

A writer (the worker, or a full ``build_index``) holds the Whoosh write lock, then ``claim``s rows
(sets its own lease), reads the articles, commits the index, and ``finish``es: deletes the rows
that still carry its lease. A change committed after the claim re-records its row, which clears
the lease, so that row survives ``finish`` and is indexed again — the order of the steps is what
makes this safe, no clock comparison is involved.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import os
import socket
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Min, Q
from django.utils import timezone

from articles.models import Article, PendingIndexUpdate

log = logging.getLogger(__name__)

LEASE = dt.timedelta(seconds=120)  # longer than any batch takes; a dead worker's rows wait this long
RETRY_BACKOFF = dt.timedelta(seconds=5)  # an article that failed to index waits attempts × this
_claims = itertools.count(1)


def record(article_ids: Iterable[int], using: str = DEFAULT_DB_ALIAS) -> None:
    """Record (or refresh) a pending update for each article, in the caller's transaction.

    An existing row keeps its place but loses its lease: if a writer is indexing that article
    right now, it may have read the article before this change, so the row must survive.
    """
    ids = sorted({int(i) for i in article_ids if i is not None})
    if not ids:
        return
    _lock_articles_first(ids, using)
    now = timezone.now()
    rows = [PendingIndexUpdate(article_id=i, queued_at=now, lease_owner="", lease_until=None) for i in ids]
    # Sorted ids: two transactions recording overlapping sets lock the rows in the same order.
    PendingIndexUpdate.objects.using(using).bulk_create(
        rows, batch_size=500, update_conflicts=True, unique_fields=["article_id"],
        update_fields=["queued_at", "lease_owner", "lease_until"],
    )


def _lock_articles_first(ids: list[int], using: str) -> None:
    """Inside a transaction, lock the articles' rows (in id order) before their queue rows.

    Deleting an article records its update from the cascade (its blocks' deletes), *before* the
    article row itself is deleted; an edit of the same article holds the article row and then
    records. Without this each waited for the other — the delete on the edit's article row, the
    edit on the delete's uncommitted queue row (PostgreSQL: "deadlock detected", seen in
    tests/search_engine/test_concurrency.py). Taking the article row first gives every writer the
    same order: article, then queue. Rows already deleted are simply not locked. Skipped where
    there are no row locks (SQLite: one writer at a time anyway), so no query is spent there."""
    connection = connections[using]
    if connection.features.has_select_for_update and connection.in_atomic_block:
        list(Article.objects.using(using).select_for_update().filter(pk__in=ids).order_by("pk")
             .values_list("pk", flat=True))


def worker_name() -> str:
    """``host:pid`` of this process: lets a restarted worker see that a lease's owner is dead."""
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class Claim:
    owner: str
    ids: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.ids)


def _claimable(now: dt.datetime) -> Q:
    return Q(lease_owner="") | Q(lease_until__lt=now) | Q(lease_until__isnull=True)


def claim(limit: int | None = 200, lease: dt.timedelta = LEASE) -> Claim:
    """Lease up to ``limit`` pending rows (all of them with ``limit=None``).

    With a limit, half comes from the newest end and half from the oldest: when a backlog builds
    up (a bulk re-enrichment, an overloaded host), an editor's latest correction still goes into
    the next commit while the backlog keeps draining in order. Call it while holding the index's
    write lock, *before* reading the articles."""
    release_abandoned()
    now = timezone.now()
    owner = f"{worker_name()}:{next(_claims)}"
    with transaction.atomic():
        pending = PendingIndexUpdate.objects.filter(_claimable(now)).values_list("article_id", flat=True)
        if limit is None:
            ids = list(pending)
        else:
            newest = list(pending.order_by("-queued_at", "-article_id")[: limit // 2])
            oldest = pending.exclude(article_id__in=newest).order_by("queued_at", "article_id")
            ids = newest + list(oldest[: limit - len(newest)])
        if ids:
            for start in range(0, len(ids), 500):
                # The lease condition again: a concurrent claim that won a row keeps it.
                PendingIndexUpdate.objects.filter(_claimable(now), article_id__in=ids[start:start + 500]).update(
                    lease_owner=owner, lease_until=now + lease)
    claimed = list(PendingIndexUpdate.objects.filter(lease_owner=owner).values_list("article_id", flat=True))
    return Claim(owner=owner, ids=sorted(claimed))


def finish(done: Claim, failed: dict[int, str] | None = None) -> int:
    """After the index committed: delete the rows still leased by ``done`` (re-recorded ones lost
    the lease and stay). Articles that could not be indexed (``failed``: id → error) stay, leased
    for a growing back-off, so one bad article cannot hold up the others."""
    failed = failed or {}
    owned = PendingIndexUpdate.objects.filter(lease_owner=done.owner)
    for article_id, error in failed.items():
        row = owned.filter(article_id=article_id).first()
        if row is not None:
            row.attempts += 1
            row.last_error = error[:2000]
            row.lease_until = timezone.now() + RETRY_BACKOFF * row.attempts
            row.save(update_fields=["attempts", "last_error", "lease_until"])
    deleted, _ = owned.exclude(article_id__in=list(failed)).delete()
    return deleted


def release(done: Claim) -> None:
    """Give the rows back without indexing them (the writer failed before committing)."""
    PendingIndexUpdate.objects.filter(lease_owner=done.owner).update(lease_owner="", lease_until=None)


def release_abandoned() -> int:
    """Release at once the leases of workers on this host whose process has died (kill -9, OOM):
    no need to wait for the lease to expire. Leases of other hosts expire by themselves."""
    host = socket.gethostname()
    released = 0
    owners = (PendingIndexUpdate.objects.filter(lease_owner__startswith=f"{host}:", lease_until__gte=timezone.now())
              .values_list("lease_owner", flat=True).distinct())
    for owner in list(owners):
        pid = int(owner.split(":")[1])
        if pid != os.getpid() and not _alive(pid):
            released += PendingIndexUpdate.objects.filter(lease_owner=owner).update(lease_owner="", lease_until=None)
    if released:
        log.warning("took back %d pending index update(s) claimed by a worker that died", released)
    return released


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def waiting(now: dt.datetime | None = None) -> bool:
    """Is there a row a writer could claim now? (one cheap indexed query)"""
    return PendingIndexUpdate.objects.filter(_claimable(now or timezone.now())).exists()


@dataclass
class QueueFigures:
    depth: int
    oldest_seconds: float | None
    failing: int


def figures() -> QueueFigures:
    """Depth, age of the oldest pending update and the number of articles that failed to index."""
    now = timezone.now()
    stats = PendingIndexUpdate.objects.aggregate(oldest=Min("queued_at"))
    return QueueFigures(
        depth=PendingIndexUpdate.objects.count(),
        oldest_seconds=round((now - stats["oldest"]).total_seconds(), 3) if stats["oldest"] else None,
        failing=PendingIndexUpdate.objects.filter(attempts__gt=0).count(),
    )
