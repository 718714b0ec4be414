"""The queue's task: the worker (``manage.py db_worker --queue-name search``) runs it.

Tasks live in the database (django-tasks with django_tasks_db), so a change queued by any web
process, the importer or the admin survives restarts until the worker has applied it. The
worker is the only process that writes the index in normal operation.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task
from whoosh.index import LockError

from .writer import apply_reindex

log = logging.getLogger(__name__)

SEARCH_QUEUE = "search"
RETRY_DELAY = dt.timedelta(seconds=2)
MAX_ATTEMPTS = 30


@task(queue_name=SEARCH_QUEUE)
def reindex_articles(article_ids: list[int], attempt: int = 0) -> dict:
    """Update the documents of these articles (delete those no longer in the database).

    If another writer (a full ``build_index``) holds the index past the lock timeout, or the index
    files could not be read for a moment, the same ids are queued again a little later instead of
    failing: an update is not dropped. After ``MAX_ATTEMPTS`` the task fails for good and
    ``check_index`` will show the drift.
    """
    try:
        report = apply_reindex(article_ids)
    except (LockError, OSError) as error:
        if attempt + 1 >= MAX_ATTEMPTS:
            raise
        log.warning("search index not writable now (%s); re-queueing %d article(s)", error, len(article_ids))
        retry = reindex_articles
        if retry.get_backend().supports_defer:
            retry = retry.using(run_after=timezone.now() + RETRY_DELAY * (attempt + 1))
        retry.enqueue(list(article_ids), attempt=attempt + 1)
        return {"requeued": len(article_ids)}
    return {"updated": report.updated, "deleted": report.deleted, "seconds": round(report.seconds, 3)}


def drop_superseded_updates(before: dt.datetime) -> int:
    """Delete the queued (not yet started) updates enqueued before ``before``: a full rebuild that
    started at ``before`` read every change they point to, so running them would only redo work
    (after an import, dozens of them). Tasks enqueued later, running or failed ones are kept."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    deleted, _ = DBTaskResult.objects.filter(
        queue_name=SEARCH_QUEUE,
        task_path=reindex_articles.module_path,
        status=TaskResultStatus.READY,
        enqueued_at__lt=before,
    ).delete()
    return deleted
