"""Writing the index: the only code that opens a whoosh writer.

Two callers: the index worker (``manage.py index_worker``, ``index_pending``) indexes the pending
updates recorded in ``articles.search.queue``, and ``manage.py build_index`` rebuilds everything.
Whoosh allows one writer at a time; a second ``writer()`` waits for the lock up to
``LOCK_TIMEOUT`` seconds and then raises ``whoosh.index.LockError`` (the worker tries again; the
pending rows stay in the database until a commit has covered them — nothing is dropped).

The database is read only *after* the writer lock is held, so if two writers ever ran, whoever
writes last has also read last: an older state can never overwrite a newer one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SkipDocument
from whoosh.filedb.filestore import FileStorage

from articles.models import IndexState

from . import bulkwrite, queue
from .analysis import get_segmenter
from .indexes import ArticleIndex, indexable_articles
from .store import document_id, get_backend, get_schema, index_path, open_index

log = logging.getLogger(__name__)

LOCK_TIMEOUT = 30.0  # seconds a writer waits for another writer to finish
CHUNK = 500  # articles loaded per query batch
# Pending articles indexed in one writer commit: everything editors changed meanwhile (each
# correction touches one to a few articles). Indexing costs ~80 ms of CPU per article (jieba), a
# commit ~40 ms: the bound keeps one commit under about two seconds, so that an import's page of
# 40 articles or a bulk re-enrichment cannot hold an editor's correction behind one long commit
# (measured: p95 3.5 s with batches of 50, see bench_index_lag); ``queue.claim`` says which rows
# a bounded batch takes.
BATCH = 20
BUILD_LEASE = dt.timedelta(hours=6)  # a full build's claim on the pending rows
# Reading, segmenting and indexing run in this many processes (``bulkwrite``, one segment per
# run of ids): the same CPU time as one process, so on the 2-core machines nearly half the wall time.
BUILD_PROCS = min(2, os.cpu_count() or 1)
MP_MIN_DOCS = 2000  # below this, starting the extra processes costs more than it saves


@dataclass
class WriteReport:
    updated: int = 0
    deleted: int = 0
    seconds: float = 0.0
    failed: dict[int, str] = field(default_factory=dict)


def _document(index: ArticleIndex, backend, article) -> dict | None:
    try:
        doc = index.full_prepare(article)
    except SkipDocument:
        return None
    doc = {key: backend._from_python(value) for key, value in doc.items()}
    doc.pop("boost", None)
    return doc


def documents(articles: Iterable) -> Iterable[dict]:
    """Whoosh documents (haystack's prepared data) for the given Article objects."""
    index, backend = ArticleIndex(), get_backend()
    for article in articles:
        doc = _document(index, backend, article)
        if doc is not None:
            yield doc


def _chunks(ids: list[int], size: int = CHUNK):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def index_pending(limit: int | None = BATCH, *, timeout: float = LOCK_TIMEOUT) -> WriteReport:
    """Index every pending article (up to ``limit``) in one writer commit; see ``queue``.

    Order matters: take the write lock, claim the rows, read the articles, commit, then delete the
    rows still claimed. An article that fails to become a document (bad data) keeps its old
    document and its row (with a back-off) instead of failing the whole batch. Raises whoosh
    LockError after ``timeout`` seconds if another writer (a full ``build_index``) holds the index.
    """
    started = time.perf_counter()
    report = WriteReport()
    writer = open_index().writer(timeout=timeout, delay=0.05)
    batch = queue.Claim(owner="")
    reading_from = timezone.now()
    try:
        batch = queue.claim(limit)
        if not batch:
            writer.cancel()
            return report
        report.failed = _write_articles(writer, batch.ids, report)
        writer.commit()
    except BaseException:
        if not writer.is_closed:
            with contextlib.suppress(Exception):  # a commit that failed half-way may refuse to cancel
                writer.cancel()
        if batch:
            queue.release(batch)  # nothing committed (or unsure): index them again
        raise
    queue.finish(batch, report.failed)
    IndexState.note(last_commit_at=timezone.now(), indexed_as_of=reading_from)
    report.seconds = time.perf_counter() - started
    return report


def apply_reindex(article_ids: Iterable[int], *, timeout: float = LOCK_TIMEOUT) -> WriteReport:
    """Bring the index in step with the database for these ids now, outside the queue (tests,
    one-off repairs): update the articles that exist, delete the documents of those that do not.
    Their pending rows, if any, stay for the worker (indexing twice is harmless)."""
    started = time.perf_counter()
    report = WriteReport()
    ids = sorted({int(i) for i in article_ids})
    if not ids:
        return report
    writer = open_index().writer(timeout=timeout, delay=0.05)
    try:
        report.failed = _write_articles(writer, ids, report)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    report.seconds = time.perf_counter() - started
    return report


def _write_articles(writer, ids: list[int], report: WriteReport) -> dict[int, str]:
    """Update the documents of the articles that exist, delete those of the ones that do not.
    Returns {article id: error} for articles that could not be made into a document."""
    index, backend = ArticleIndex(), get_backend()
    failed: dict[int, str] = {}
    seen: set[int] = set()
    for chunk in _chunks(ids):
        for article in indexable_articles().filter(pk__in=chunk):
            seen.add(article.pk)
            try:
                doc = _document(index, backend, article)
            except Exception as error:  # noqa: BLE001 — one bad article must not stop the batch
                log.exception("article %s could not be indexed", article.pk)
                failed[article.pk] = f"{type(error).__name__}: {error}"
                continue
            if doc is None:
                report.deleted += writer.delete_by_term(ID, document_id(article.pk))
            else:
                writer.update_document(**doc)
                report.updated += 1
    for missing in set(ids) - seen:
        report.deleted += writer.delete_by_term(ID, document_id(missing))
    return failed


def _schema_matches(ix) -> bool:
    wanted, found = get_schema(), ix.schema
    return sorted(wanted.names()) == sorted(found.names()) and all(
        type(wanted[name]) is type(found[name]) for name in wanted.names()
    )


def build_index(*, procs: int | None = None, segment_docs: int = bulkwrite.MAX_SEGMENT_DOCS,
                progress: Callable[[int, int], None] | None = None, timeout: float = 300.0) -> WriteReport:
    """Rebuild the whole index from the database, replacing what was there: segments of at most
    ``segment_docs`` articles written by ``procs`` processes (``bulkwrite``), committed at once.

    The writer holds the index lock for the whole build, so the queue's worker waits and then
    applies any edit made meanwhile: nothing is lost. Readers see the old index until commit.
    """
    started = time.perf_counter()
    path = index_path()
    storage = FileStorage(path)
    storage.create()
    from whoosh import index as whoosh_index

    if whoosh_index.exists_in(path):
        ix = storage.open_index()
        if not _schema_matches(ix):
            log.warning("index schema at %s differs from ArticleIndex: recreating it", path)
            ix = storage.create_index(get_schema())
        else:
            ix = storage.open_index(schema=get_schema())
    else:
        ix = open_index()
    writer = ix.writer(timeout=timeout)  # holds the lock; commits the workers' segments
    report = WriteReport()
    # Under the lock: claim every pending update first, then read the ids. An article changed
    # after the claim re-records its row (which this build then leaves for the worker); one
    # changed before is in what the build reads. Either way nothing is lost, nothing done twice.
    covered = queue.Claim(owner="")
    reading_from = timezone.now()
    try:
        covered = queue.claim(limit=None, lease=BUILD_LEASE)
        ids = list(indexable_articles().order_by("pk").values_list("pk", flat=True))
        procs = (BUILD_PROCS if len(ids) >= MP_MIN_DOCS else 1) if procs is None else procs
        get_segmenter()  # loaded once here, inherited by the worker processes
        report.updated = bulkwrite.build_segments(
            writer, ix, bulkwrite.chunk_ids(ids, procs, segment_docs), _document_batches, procs=procs,
            progress=(lambda done: progress(done, len(ids))) if progress else None)
    except BaseException:
        if not writer.is_closed:
            writer.cancel()
        if covered:
            queue.release(covered)
        raise
    report.deleted = queue.finish(covered)  # here: the pending updates the build made unnecessary
    IndexState.note(last_commit_at=timezone.now(), indexed_as_of=reading_from)
    report.seconds = time.perf_counter() - started
    return report


def _document_batches(ids: list[int]):
    """Whoosh documents of the given article ids, in id order, a batch of CHUNK at a time."""
    for chunk in _chunks(ids):
        yield list(documents(indexable_articles().filter(pk__in=chunk).order_by("pk")))


def indexed_versions() -> dict[int, tuple[str, int | None]]:
    """{article id: (updated ISO string, version)} of every document in the index."""
    ix = open_index()
    out: dict[int, tuple[str, int | None]] = {}
    with ix.searcher() as searcher:
        for fields in searcher.all_stored_fields():
            if fields.get(DJANGO_CT) == "articles.article":
                out[int(fields[DJANGO_ID])] = (fields.get("updated") or "", fields.get("version"))
    return out
