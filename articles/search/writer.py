"""Writing the index: the only code that opens a whoosh writer.

Two callers: the queue's task (``reindex_articles`` in the one worker process) applies small
batches of changes, and ``manage.py build_index`` rebuilds everything. Whoosh allows one writer at
a time; a second ``writer()`` waits for the lock up to ``LOCK_TIMEOUT`` seconds and then raises
``whoosh.index.LockError`` (the task re-queues itself then — nothing is dropped).

The database is read only *after* the writer lock is held, so if two writers ever ran, whoever
writes last has also read last: an older state can never overwrite a newer one.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SkipDocument
from whoosh import writing
from whoosh.filedb.filestore import FileStorage

from .indexes import ArticleIndex, indexable_articles
from .store import document_id, get_backend, get_schema, index_path, open_index

log = logging.getLogger(__name__)

LOCK_TIMEOUT = 30.0  # seconds a writer waits for another writer to finish
CHUNK = 500  # articles loaded per query batch
BUILD_LIMITMB = 256  # whoosh's in-memory posting buffer for a full build (per process)
# Segmenting and indexing run in this many processes (whoosh's MpWriter, one segment each): the
# same CPU time as one process, so on the 2-core machines nearly half the wall time.
BUILD_PROCS = min(2, os.cpu_count() or 1)
MP_MIN_DOCS = 2000  # below this, starting the extra processes costs more than it saves


@dataclass
class WriteReport:
    updated: int = 0
    deleted: int = 0
    seconds: float = 0.0


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


def apply_reindex(article_ids: Iterable[int], *, timeout: float | None = None) -> WriteReport:
    """Bring the index in step with the database for these ids: update the articles that exist,
    delete the documents of those that do not. Raises whoosh LockError after ``timeout``
    seconds (default ``LOCK_TIMEOUT``) if another writer holds the index."""
    started = time.perf_counter()
    ids = sorted({int(i) for i in article_ids})
    report = WriteReport()
    if not ids:
        return report
    ix = open_index()
    writer = ix.writer(timeout=LOCK_TIMEOUT if timeout is None else timeout, delay=0.05)
    try:
        seen: set[int] = set()
        for chunk in _chunks(ids):
            articles = list(indexable_articles().filter(pk__in=chunk))
            for doc in documents(articles):
                writer.update_document(**doc)
                report.updated += 1
            seen.update(a.pk for a in articles)
        for missing in set(ids) - seen:
            report.deleted += writer.delete_by_term(ID, document_id(missing))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    report.seconds = time.perf_counter() - started
    return report


def _schema_matches(ix) -> bool:
    wanted, found = get_schema(), ix.schema
    return sorted(wanted.names()) == sorted(found.names()) and all(
        type(wanted[name]) is type(found[name]) for name in wanted.names()
    )


def build_index(*, batch: int = CHUNK, limitmb: int = BUILD_LIMITMB, procs: int | None = None,
                progress: Callable[[int, int], None] | None = None, timeout: float = 300.0) -> WriteReport:
    """Rebuild the whole index from the database with one writer, replacing what was there.

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
    # The list of ids may be read before the lock: an article added meanwhile is queued for the
    # worker, which waits for this build; the articles themselves are read under the lock.
    ids = list(indexable_articles().order_by("pk").values_list("pk", flat=True))
    procs = (BUILD_PROCS if len(ids) >= MP_MIN_DOCS else 1) if procs is None else procs
    kwargs = {"limitmb": limitmb, "timeout": timeout}
    if procs > 1:
        kwargs.update(procs=procs, multisegment=True)
    writer = ix.writer(**kwargs)
    report = WriteReport()
    try:
        for chunk in _chunks(ids, batch):
            for doc in documents(indexable_articles().filter(pk__in=chunk).order_by("pk")):
                writer.add_document(**doc)
                report.updated += 1
            if progress:
                progress(report.updated, len(ids))
    except BaseException:
        writer.cancel()
        raise
    writer.commit(mergetype=writing.CLEAR)
    report.seconds = time.perf_counter() - started
    return report


def indexed_versions() -> dict[int, tuple[str, int | None]]:
    """{article id: (updated ISO string, version)} of every document in the index."""
    ix = open_index()
    out: dict[int, tuple[str, int | None]] = {}
    with ix.searcher() as searcher:
        for fields in searcher.all_stored_fields():
            if fields.get(DJANGO_CT) == "articles.article":
                out[int(fields[DJANGO_ID])] = (fields.get("updated") or "", fields.get("version"))
    return out
