"""Opening the Whoosh index, one cached searcher per process, and facet columns in memory.

Why cached: opening a searcher reads every segment's term and column files; haystack opens a new
one per request. Here each process keeps one searcher and only ``refresh()``es it when the
index's generation on disk has changed (a cheap directory check), which reuses the readers of
unchanged segments. Arrays derived from segments — facet values from the sortable columns, BM25
field lengths, date sort keys — live in one :class:`SegmentCache` keyed by segment id (segments
never change once written; deleted documents simply never match), so a refresh after a commit
builds only the new segment's arrays, and counting facets for 100,000 matching articles is a
vectorised ``bincount`` rather than a Python loop. The same facet columns answer the filters
(``FacetColumn.docs_with``), so a chosen facet value finds exactly the count it showed. Decoded
posting lists are cached beside them, per segment too (``postings.CACHE``), and forgotten with
their segment.
"""

from __future__ import annotations

import threading
import time
from functools import cached_property, lru_cache

import numpy as np
from django.conf import settings

from . import mapped_files, postings
from .vocabulary import MULTIVALUED_FIELDS
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

mapped_files.install()  # segment files read in place from their mmap, not copied into every reader

OPEN_RETRIES = 6


class SegmentCache:
    """Arrays computed from index segments (facet columns, BM25 field lengths, sort keys), kept
    for as long as their segment is live.

    Segments never change once written (a deletion only marks documents, and deleted documents
    never match), so a per-segment array stays right until a merge drops the segment. After a
    searcher refresh, :meth:`keep_only` forgets the arrays of vanished segments and keeps the
    others, so an index commit costs only the new segment's arrays. ``combined`` holds the
    concatenation over one searcher's segments (one per key: a new set of segments replaces it).
    """

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._segments: dict[str, dict[tuple, object]] = {}
        self._combined: dict[tuple, tuple[tuple[str, ...], object]] = {}
        self.interned: dict[str, dict[str, int]] = {}  # facet field → {value: number}, never shrinks

    def per_segment(self, segment_id: str, key: tuple, build):
        with self.lock:
            arrays = self._segments.setdefault(segment_id, {})
            if key not in arrays:
                arrays[key] = build()
            return arrays[key]

    def cached(self, segment_id: str, key: tuple):
        """The array already built for this segment and key, or None."""
        return self._segments.get(segment_id, {}).get(key)

    def combined(self, segment_ids: tuple[str, ...], key: tuple, build):
        with self.lock:
            found = self._combined.get(key)
            if found is None or found[0] != segment_ids:
                found = (segment_ids, build())
                self._combined[key] = found
            return found[1]

    def keep_only(self, live: set[str]) -> None:
        postings.CACHE.keep_only(live)
        with self.lock:
            self._segments = {sid: arrays for sid, arrays in self._segments.items() if sid in live}
            self._combined = {key: value for key, value in self._combined.items() if set(value[0]) <= live}

    def clear(self) -> None:
        postings.CACHE.clear()
        with self.lock:
            self._segments.clear()
            self._combined.clear()
            self.interned.clear()


class _SearcherState:
    def __init__(self) -> None:
        self.searcher = None
        self.path: str | None = None


_lock = threading.RLock()
_current = _SearcherState()
CACHE = SegmentCache()


def get_backend():
    """The haystack backend of the default connection (our ChineseWhooshBackend), set up."""
    from haystack import connections

    backend = connections["default"].get_backend()
    if not backend.setup_complete:
        backend.setup()
    return backend


def index_path() -> str:
    return settings.HAYSTACK_CONNECTIONS["default"]["PATH"]


def get_schema():
    return get_backend().schema


def open_index(create_if_missing: bool = True):
    """The whoosh index at the configured PATH, created empty with our schema if missing.

    A writer's commit deletes the previous table of contents: opening at that very moment finds
    the name of a file that has just gone. That is retried a few times, never reported.
    """
    for attempt in range(OPEN_RETRIES):
        try:
            return _open_index(create_if_missing)
        except FileNotFoundError:
            if attempt == OPEN_RETRIES - 1:
                raise
            time.sleep(0.02 * (attempt + 1))


def _open_index(create_if_missing: bool):
    path = index_path()
    storage = FileStorage(path)
    schema = get_schema()
    if whoosh_index.exists_in(path):
        return storage.open_index(schema=schema)
    if not create_if_missing:
        raise whoosh_index.EmptyIndexError(path)
    storage.create()
    return storage.create_index(schema)


def get_searcher():
    """This process's searcher, refreshed if the index changed on disk since the last call."""
    with _lock:
        searcher = _current.searcher
        path = index_path()
        if searcher is None or _current.path != path:
            if searcher is not None:
                searcher.close()
            CACHE.clear()
            searcher = _retry(lambda: open_index().searcher())
            _current.searcher, _current.path = searcher, path
        elif not _retry(searcher.up_to_date):
            searcher = _retry(searcher.refresh)
            _current.searcher = searcher
            CACHE.keep_only(set(segment_ids(searcher)))
        return searcher


def leaves(searcher) -> list[tuple[object, int]]:
    """(segment reader, document number offset) of every segment (an empty index has none)."""
    return [(r, offset) for r, offset in searcher.reader().leaf_readers() if r.segment() is not None]


def segment_ids(searcher) -> tuple[str, ...]:
    return tuple(segreader.segment().segment_id() for segreader, _ in leaves(searcher))


def per_document(searcher, key: tuple, build_segment) -> np.ndarray:
    """An array over every document number of the searcher, built per segment with
    ``build_segment(segreader)`` (cached in :data:`CACHE` while the segment lives)."""
    def combine():
        parts = [CACHE.per_segment(segreader.segment().segment_id(), key, lambda: build_segment(segreader))
                 for segreader, _ in leaves(searcher)]
        return np.concatenate(parts) if parts else np.zeros(0)

    return CACHE.combined(segment_ids(searcher), key, combine)


def _retry(operation):
    """Run a read operation again if a concurrent commit removed a file it was about to open."""
    for attempt in range(OPEN_RETRIES):
        try:
            return operation()
        except FileNotFoundError:
            if attempt == OPEN_RETRIES - 1:
                raise
            time.sleep(0.02 * (attempt + 1))


def reset_searcher() -> None:
    """Forget the cached searcher (tests that switch index folders; after a full rebuild)."""
    with _lock:
        if _current.searcher is not None:
            _current.searcher.close()
        _current.searcher, _current.path = None, None
        CACHE.clear()


class FacetColumn:
    """One facet field over every document of a searcher, as two parallel numpy arrays of
    (document number, value number) pairs — a list field has one pair per value — so counting
    the values of the matching documents is one vectorised ``bincount``, not a Python loop."""

    def __init__(self, field: str, values: list, doc_ids: np.ndarray, value_ids: np.ndarray, doc_count: int):
        self.field, self.values, self.doc_ids, self.value_ids, self.doc_count = field, values, doc_ids, value_ids, doc_count

    def count(self, docnums: np.ndarray) -> list[tuple[object, int]]:
        """(value, documents) for the documents ``docnums`` (sorted), most first.

        Only the pairs of the given documents are read (``_starts`` says where each document's pairs
        are); when more than half the documents match, the other half's counts are taken from the
        totals instead, so a common word costs no more than a rare one."""
        if 2 * len(docnums) > self.doc_count:
            others = np.flatnonzero(~postings.bitmap(docnums, self.doc_count))
            counts = self._totals - self._counts_of(others)
        else:
            counts = self._counts_of(docnums)
        present = np.flatnonzero(counts)
        # Most first, ties by the value as text — sorted in numpy (a person facet has thousands).
        order = present[np.lexsort((self._text_rank[present], -counts[present]))]
        values = self.values
        return list(zip([values[i] for i in order.tolist()], counts[order].tolist()))

    def _counts_of(self, docnums: np.ndarray) -> np.ndarray:
        """Documents per value number among ``docnums``: their pairs gathered as ranges."""
        first, last = self._starts[docnums], self._starts[docnums + 1]
        lengths = last - first
        total = int(lengths.sum())
        if not total:
            return np.zeros(len(self.values), dtype=np.int64)
        begins = np.cumsum(lengths) - lengths  # where each document's run starts in the gathered list
        pairs = np.arange(total, dtype=np.int64) + np.repeat(first - begins, lengths)
        return np.bincount(self.value_ids[pairs], minlength=len(self.values))

    @cached_property
    def _starts(self) -> np.ndarray:
        """Where each document number's pairs begin (doc_ids ascend), plus the end: N + 1 entries."""
        return np.searchsorted(self.doc_ids, np.arange(self.doc_count + 1, dtype=np.int64))

    @cached_property
    def _totals(self) -> np.ndarray:
        return np.bincount(self.value_ids, minlength=len(self.values))

    def docs_with(self, values) -> np.ndarray:
        """Sorted document numbers having any of ``values`` (in the column's own type: int for
        a year)."""
        interned = CACHE.interned.get(self.field, {})
        wanted = [interned[v] for v in values if v in interned]
        if not wanted:
            return np.zeros(0, dtype=np.int64)
        # doc_ids ascend (segments in order, a document's values side by side): no sort needed.
        chosen = np.zeros(len(self.values), dtype=bool)
        chosen[wanted] = True
        return postings.sorted_unique(self.doc_ids[chosen[self.value_ids]])

    @cached_property
    def _text_rank(self) -> np.ndarray:
        """Each value number's place among the values ordered as text (the tie-break)."""
        rank = np.empty(len(self.values), dtype=np.int64)
        rank[sorted(range(len(self.values)), key=lambda i: str(self.values[i]))] = np.arange(len(self.values))
        return rank


def _segment_pairs(segreader, fieldname: str) -> tuple[np.ndarray, np.ndarray]:
    """(local document numbers, value numbers) of one segment, read from its sortable column."""
    interned = CACHE.interned.setdefault(fieldname, {})
    docs: list[int] = []
    ids: list[int] = []
    if segreader.has_column(fieldname):
        for docnum, value in enumerate(segreader.column_reader(fieldname, translate=True)):
            if value in (None, "", b""):
                continue
            for item in (value.split(",") if fieldname in MULTIVALUED_FIELDS else (value,)):
                if item != "":
                    docs.append(docnum)
                    ids.append(interned.setdefault(item, len(interned)))
    return np.array(docs, dtype=np.int64), np.array(ids, dtype=np.int64)


def facet_column(searcher, fieldname: str) -> FacetColumn:
    """The :class:`FacetColumn` of ``fieldname`` for this searcher (per-segment pairs cached)."""
    def combine():
        docs, ids = [], []
        for segreader, offset in leaves(searcher):
            seg_docs, seg_ids = CACHE.per_segment(segreader.segment().segment_id(), ("facet", fieldname),
                                                  lambda: _segment_pairs(segreader, fieldname))
            docs.append(seg_docs + offset)
            ids.append(seg_ids)
        interned = CACHE.interned.setdefault(fieldname, {})
        values = [None] * len(interned)
        for value, number in interned.items():
            values[number] = value
        return FacetColumn(fieldname, values, np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64),
                           np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64),
                           searcher.reader().doc_count_all())

    return CACHE.combined(segment_ids(searcher), ("facet", fieldname), combine)


def sort_keys(searcher, fieldname: str = "date") -> np.ndarray:
    """The raw sortable column of ``fieldname`` (e.g. the date as whoosh's sortable integer) for
    every document number, so that sorting the matching documents by date is one numpy argsort
    instead of a second pass of whoosh's Python sorting collector."""
    def build(segreader):
        values = (list(segreader.column_reader(fieldname, translate=False))
                  if segreader.has_column(fieldname) else [0] * segreader.doc_count_all())
        return np.array(values, dtype=np.int64)

    keys = per_document(searcher, ("sort", fieldname), build)
    return keys.astype(np.int64, copy=False)




@lru_cache(maxsize=1)
def article_ct() -> str:
    """haystack's ``django_ct`` value for Article documents (e.g. 'articles.article')."""
    return "articles.article"


def document_id(article_id: int) -> str:
    """haystack's unique document id for an article, e.g. 'articles.article.42'."""
    return f"{article_ct()}.{int(article_id)}"
