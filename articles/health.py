"""What an operator (or a load balancer) needs to know: is the site alive, and is it ready?

``liveness()`` answers without touching anything (the process runs and Django answers).
``readiness()`` checks the database (one query) and the search index (opened and counted), and
reports the index queue: pending updates, the age of the oldest, articles that fail to index,
when the worker was last seen and what the last drift check found. The site is *ready* when the
database and the index answer; a lagging queue or worker is reported as a warning, not as
unreadiness (searches still work, just on a slightly older index). With the PostgreSQL search
engine there is no queue and no worker: the index is the search documents table.

Served as JSON at ``/healthz`` and ``/readyz`` (never cached) and printed by ``manage.py status``.
"""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

QUEUE_LAG_WARNING = 60.0  # seconds the oldest pending update may wait before it is a warning
WORKER_SILENCE_WARNING = 60.0  # seconds without a worker heartbeat before it is a warning
DRIFT_CHECK_WARNING = 3 * 3600.0  # seconds since the last drift check before it is a warning


def liveness() -> dict:
    return {"status": "ok"}


def _seconds_since(moment) -> float | None:
    return round((timezone.now() - moment).total_seconds(), 1) if moment else None


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 — reported, not raised: that is the point of the check
        return {"ok": False, "error": f"{type(error).__name__}: {error}"[:300]}
    return {"ok": True, "vendor": connection.vendor}


def _index() -> dict:
    from articles.search.engines import uses_postgresql
    from articles.search.store import open_index

    if uses_postgresql():
        return _postgresql_documents()
    try:
        ix = open_index(create_if_missing=False)
        documents = ix.doc_count()
    except Exception as error:  # noqa: BLE001
        return {"ok": False, "error": f"{type(error).__name__}: {error}"[:300]}
    return {"ok": True, "documents": documents}


def _postgresql_documents() -> dict:
    """The PostgreSQL engine's index is a table: ready when it answers. Nothing waits in a queue
    and no worker runs; an empty table beside articles means ``build_index`` was never run."""
    from articles.models import Article
    from articles.search.pg.documents import document_count

    try:
        documents = document_count()
    except Exception as error:  # noqa: BLE001
        return {"ok": False, "engine": "postgresql", "error": f"{type(error).__name__}: {error}"[:300]}
    report = {"ok": True, "engine": "postgresql", "documents": documents}
    if not documents and Article.objects.exists():
        report["warning"] = "no search documents: run manage.py build_index"
    return report


def _queue_and_worker() -> tuple[dict, dict, dict, list[str]]:
    from articles.models import IndexState
    from articles.search import queue

    figures = queue.figures()
    state = IndexState.objects.filter(pk=1).first() or IndexState()
    queue_info = {"pending": figures.depth, "oldest_pending_seconds": figures.oldest_seconds,
                  "failing": figures.failing,
                  "last_commit_seconds_ago": _seconds_since(state.last_commit_at)}
    worker = {"name": state.worker, "last_seen_seconds_ago": _seconds_since(state.worker_seen_at)}
    drift = {"last_check_seconds_ago": _seconds_since(state.last_drift_check_at),
             "last_check_at": state.last_drift_check_at.isoformat() if state.last_drift_check_at else None,
             "found": state.last_drift or None}
    warnings = []
    if state.last_drift.get("indexed") == 0 and state.last_drift.get("in_database"):
        warnings.append("the search index was empty at the last drift check (being rebuilt?)")
    if (figures.oldest_seconds or 0) > QUEUE_LAG_WARNING:
        warnings.append(f"the oldest pending index update has waited {figures.oldest_seconds:.0f} s")
    if figures.failing:
        warnings.append(f"{figures.failing} article(s) failed to index (see PendingIndexUpdate.last_error)")
    silence = worker["last_seen_seconds_ago"]
    if silence is None or silence > WORKER_SILENCE_WARNING:
        warnings.append("the index worker has not been seen " + ("yet" if silence is None else f"for {silence:.0f} s"))
    since_drift = drift["last_check_seconds_ago"]
    if since_drift is None or since_drift > DRIFT_CHECK_WARNING:
        warnings.append("no recent drift check")
    elif any((state.last_drift or {}).get(kind) for kind in ("missing", "orphaned", "stale")):
        warnings.append("the last drift check found differences (queued for repair)")
    return queue_info, worker, drift, warnings


def readiness() -> dict:
    database = _database()
    index = _index()
    report = {"ready": database["ok"] and index["ok"], "database": database, "index": index}
    if database["ok"] and index.get("engine") == "postgresql":
        report["warnings"] = [index["warning"]] if "warning" in index else []
    elif database["ok"]:
        report["queue"], report["worker"], report["drift"], report["warnings"] = _queue_and_worker()
    else:
        report["warnings"] = ["the database does not answer: queue figures unknown"]
    report["status"] = "ready" if report["ready"] else "not ready"
    return report
