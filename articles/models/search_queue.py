"""The search index's queue, kept in the database beside the data it indexes.

``PendingIndexUpdate``: one row per article whose search document must be rewritten (or deleted).
It is written in the same transaction as the change itself (import, edit, delete), so a change
that committed always has its row, and a rolled-back one never does. Rows are coalesced: a second
change of the same article before the worker gets to it only refreshes the row.

The worker claims rows with a lease (``lease_owner``, ``lease_until``), indexes them in one writer
commit and deletes the rows it still owns. A change made while the row was claimed clears the
lease (see ``articles.search.queue.record``), so that row survives and is indexed again. Rows
claimed by a worker that died are taken up again when the lease expires (at once, if the dead
worker ran on the same host: its process id is in ``lease_owner``).

``IndexState``: one row of facts about the index for ``/readyz`` and ``manage.py status``.
"""

from django.db import models


class PendingIndexUpdate(models.Model):
    # Not a foreign key: a deleted article's row must outlive the article (its document is deleted).
    article_id = models.BigIntegerField(primary_key=True)
    queued_at = models.DateTimeField(db_index=True)  # time of the latest change not yet indexed
    lease_owner = models.CharField(max_length=120, blank=True, default="")
    lease_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)  # failed indexing attempts (bad data, not the lock)
    last_error = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = verbose_name_plural = "待更新的索引"

    def __str__(self) -> str:
        return f"article {self.article_id} queued {self.queued_at:%Y-%m-%d %H:%M:%S}"


class IndexState(models.Model):
    """A single row (pk 1): when the index was last written, reconciled and checked for drift."""

    last_commit_at = models.DateTimeField(null=True, blank=True)
    # When the writer of that commit began reading the database: changes before it are in the index.
    indexed_as_of = models.DateTimeField(null=True, blank=True)
    last_reconcile_at = models.DateTimeField(null=True, blank=True)
    last_drift_check_at = models.DateTimeField(null=True, blank=True)
    last_drift = models.JSONField(default=dict, blank=True)  # {"missing": n, "orphaned": n, "stale": n}
    worker_seen_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=120, blank=True, default="")

    class Meta:
        verbose_name = verbose_name_plural = "索引状态"

    @classmethod
    def load(cls) -> "IndexState":
        return cls.objects.get_or_create(pk=1)[0]

    @classmethod
    def note(cls, **fields) -> None:
        """Set some fields of the one row (created if missing) in one statement."""
        if not cls.objects.filter(pk=1).update(**fields):
            cls.objects.get_or_create(pk=1, defaults=fields)
