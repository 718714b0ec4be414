"""Opening the Whoosh index, one cached searcher per process, and facet columns in memory.

Why cached: opening a searcher reads every segment's term and column files; haystack opens a new
one per request. Here each process keeps one searcher and only ``refresh()``es it when the
index's generation on disk has changed (a cheap directory check), which reuses the readers of
unchanged segments. Facet values are loaded from the sortable columns once per segment (segments
never change once written; deleted documents simply never match) into numpy arrays, so counting
them for 100,000 matching articles is a vectorised ``bincount`` rather than a Python loop.
"""

from __future__ import annotations

import threading
import time
from functools import lru_cache

import numpy as np
from django.conf import settings
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

# Facet name (URL parameter, filter key) → index field name. Values: Region.code for city and
# county, Topic.slug, Person.slug, the year as an int, the page name and newspaper name as printed.
FACET_FIELDS = {
    "city": "city",
    "county": "county",
    "topic": "topics",
    "year": "year",
    "person": "persons",
    "page_name": "page_name",
    "newspaper": "newspaper",
}
MULTIVALUED = {"city", "county", "topics", "persons"}
OPEN_RETRIES = 6

_lock = threading.RLock()
_state: dict = {"searcher": None, "path": None, "columns": {}, "values": {}}


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
        searcher = _state["searcher"]
        path = index_path()
        if searcher is None or _state["path"] != path:
            if searcher is not None:
                searcher.close()
            searcher = _retry(lambda: open_index().searcher())
            _state.update(searcher=searcher, path=path, columns={}, values={})
        elif not _retry(searcher.up_to_date):
            searcher = _retry(searcher.refresh)
            _state["searcher"] = searcher
            live = {segreader.segment().segment_id() for segreader, _ in searcher.reader().leaf_readers()
                    if segreader.segment() is not None}
            _state["columns"] = {key: value for key, value in _state["columns"].items()
                                 if key[0] in live or (key[0] == "sort" and key[1] in live)}
        return searcher


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
        if _state["searcher"] is not None:
            _state["searcher"].close()
        _state.update(searcher=None, path=None, columns={}, values={})


class FacetColumn:
    """One facet field over every document of a searcher, as two parallel numpy arrays of
    (document number, value number) pairs — a list field has one pair per value — so counting
    the values of the matching documents is one vectorised ``bincount``, not a Python loop."""

    def __init__(self, values: list, doc_ids: np.ndarray, value_ids: np.ndarray, doc_count: int):
        self.values, self.doc_ids, self.value_ids, self.doc_count = values, doc_ids, value_ids, doc_count

    def count(self, matching: np.ndarray) -> list[tuple[object, int]]:
        """(value, documents) for the documents where the boolean ``matching`` is set, most first."""
        counts = np.bincount(self.value_ids[matching[self.doc_ids]], minlength=len(self.values))
        pairs = [(self.values[i], int(counts[i])) for i in np.flatnonzero(counts)]
        return sorted(pairs, key=lambda item: (-item[1], str(item[0])))


def _segment_pairs(segreader, fieldname: str) -> tuple[np.ndarray, np.ndarray]:
    """(local document numbers, value numbers) of one segment, read from its sortable column once
    (segments never change once written; a deleted document simply never matches)."""
    key = (segreader.segment().segment_id(), fieldname)
    cache = _state["columns"]
    if key not in cache:
        interned = _state["values"].setdefault(fieldname, {})
        docs: list[int] = []
        ids: list[int] = []
        if segreader.has_column(fieldname):
            for docnum, value in enumerate(segreader.column_reader(fieldname, translate=True)):
                if value in (None, "", b""):
                    continue
                for item in (value.split(",") if fieldname in MULTIVALUED else (value,)):
                    if item != "":
                        docs.append(docnum)
                        ids.append(interned.setdefault(item, len(interned)))
        cache[key] = (np.array(docs, dtype=np.int64), np.array(ids, dtype=np.int64))
    return cache[key]


def facet_column(searcher, fieldname: str) -> FacetColumn:
    """The :class:`FacetColumn` of ``fieldname`` for this searcher (cached per set of segments)."""
    with _lock:
        # An empty index has one reader with no segment: it has no values either.
        leaves = [(r, offset) for r, offset in searcher.reader().leaf_readers() if r.segment() is not None]
        key = (tuple(segreader.segment().segment_id() for segreader, _ in leaves), fieldname)
        column = _state["columns"].get(key)
        if column is None:
            docs, ids = [], []
            for segreader, offset in leaves:
                seg_docs, seg_ids = _segment_pairs(segreader, fieldname)
                docs.append(seg_docs + offset)
                ids.append(seg_ids)
            interned = _state["values"].setdefault(fieldname, {})
            values = [None] * len(interned)
            for value, number in interned.items():
                values[number] = value
            column = FacetColumn(values, np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64),
                                 np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64),
                                 searcher.reader().doc_count_all())
            _state["columns"] = {k: v for k, v in _state["columns"].items()
                                 if not (isinstance(k[0], tuple) and k[1] == fieldname)}
            _state["columns"][key] = column
        return column


def sort_keys(searcher, fieldname: str = "date") -> np.ndarray:
    """The raw sortable column of ``fieldname`` (e.g. the date as whoosh's sortable integer) for
    every document number, so that sorting the matching documents by date is one numpy argsort
    instead of a second pass of whoosh's Python sorting collector."""
    with _lock:
        leaves = [(r, offset) for r, offset in searcher.reader().leaf_readers() if r.segment() is not None]
        key = ("sort", tuple(segreader.segment().segment_id() for segreader, _ in leaves), fieldname)
        keys = _state["columns"].get(key)
        if keys is None:
            parts = []
            for segreader, _offset in leaves:
                seg_key = ("sort", segreader.segment().segment_id(), fieldname)
                if seg_key not in _state["columns"]:
                    values = (list(segreader.column_reader(fieldname, translate=False))
                              if segreader.has_column(fieldname) else [0] * segreader.doc_count_all())
                    _state["columns"][seg_key] = np.array(values, dtype=np.int64)
                parts.append(_state["columns"][seg_key])
            keys = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
            _state["columns"] = {k: v for k, v in _state["columns"].items()
                                 if not (k[0] == "sort" and isinstance(k[1], tuple) and k[2] == fieldname)}
            _state["columns"][key] = keys
        return keys


def matching_mask(searcher, docnums: np.ndarray) -> np.ndarray:
    """A boolean array over the searcher's document numbers, set for ``docnums`` (an array)."""
    mask = np.zeros(searcher.reader().doc_count_all(), dtype=bool)
    mask[docnums] = True
    return mask


@lru_cache(maxsize=1)
def article_ct() -> str:
    """haystack's ``django_ct`` value for Article documents (e.g. 'articles.article')."""
    return "articles.article"


def document_id(article_id: int) -> str:
    """haystack's unique document id for an article, e.g. 'articles.article.42'."""
    return f"{article_ct()}.{int(article_id)}"
