"""Reading Whoosh posting lists into numpy arrays, a block at a time, and keeping the decoded
arrays of recently used terms: the only module that reads Whoosh's private *matcher* attributes
(``bulkwrite`` relies on its writer's, ``mapped_files`` on its ``BufferFile``'s).

Why: Whoosh steps through postings one at a time in Python (``matcher.next()``, ``id()``,
``weight()``), about a microsecond each; a word found in 95,000 articles costs a tenth of a second
before any set operation. Whoosh 2.7.4's on-disk matcher (``whoosh.codec.whoosh3.W3LeafMatcher``)
keeps each block of up to 128 postings as one pickled, zlib-compressed tuple (ids, weights,
values); reading that tuple and turning it into numpy arrays directly costs a few microseconds per
*block*.

Why a cache of decoded arrays (:class:`PostingCache`): even a block at a time, decompressing and
unpickling was ~40 % of a common query's CPU at 100,000 articles (a word in 95,000 articles is
~750 blocks per field; its character pair as many again, with positions). A segment never changes
once written (a deletion only marks documents, which the callers remove), so the arrays of one
(segment, field, term) can never be stale: they are kept per process, least recently used first
out, bounded by bytes (``SEARCH_POSTING_CACHE_MB``, default :data:`DEFAULT_BUDGET_MB`). A refresh
of the searcher drops the entries of segments that are gone (``store.get_searcher``). The first
search for a term still decodes it; ``bench_search`` reports those cold figures beside the
repeated ones.

Why block skipping (``within``): a search that needs a term only in a few documents (a filter,
the articles left after the whole-word matches) skips, without decompressing them, the blocks
whose id range holds none of those documents: the block header (read anyway to find the next
block) gives each block's last id.

The attributes used (``_read_data``, ``_data``, ``_byteids``, ``_read_weights``, ``_weights``,
``_next_block``, ``_maxid``) are Whoosh 2.7.4's; that is why ``Whoosh==2.7.4`` is pinned in
pyproject.toml and why the system check ``articles.search.E003`` (:func:`fast_path_problems`)
fails loudly if they are missing, instead of the search silently becoming a Python loop. A term
found in one document only is stored inline in the term info (a ``ListMatcher``): that one is read
posting by posting, which costs nothing.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

# What the fast path reads on whoosh.codec.whoosh3.W3LeafMatcher (checked by fast_path_problems).
MATCHER_METHODS = ("_read_data", "_read_weights", "_next_block", "is_active")
MATCHER_ATTRIBUTES = ("_data", "_byteids", "_weights", "_maxid")
WHOOSH_VERSION = (2, 7, 4)
DEFAULT_BUDGET_MB = 128
# Block skipping pays when the wanted documents are fewer than one per this many postings (about
# one per four blocks of 128); with more, nearly every block is read anyway, so the whole term is
# decoded once and cached instead.
SKIP_RATIO = 512

EMPTY_IDS = np.zeros(0, dtype=np.int64)
_EMPTY_WEIGHTS = np.zeros(0, dtype=np.float64)


class PostingCache:
    """Decoded posting arrays per (segment id, field, term, what), least recently used out first,
    at most ``budget`` bytes (see the module docstring for why it is never stale)."""

    def __init__(self, budget: int | None = None) -> None:
        self.budget = budget  # None: read from the settings on first use
        self.size = 0
        self._entries: OrderedDict[tuple, tuple[tuple, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, key: tuple, arrays: tuple) -> None:
        if self.budget is None:
            self.budget = _budget_bytes()
        for array in arrays:
            array.flags.writeable = False  # shared by every later search: nobody may change it
        nbytes = sum(a.nbytes for a in arrays)
        if nbytes > self.budget:
            return  # bigger than the whole cache: never kept
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= old[1]
            self._entries[key] = (arrays, nbytes)
            self.size += nbytes
            while self.size > self.budget:
                _, (_, freed) = self._entries.popitem(last=False)
                self.size -= freed

    def keep_only(self, live: set[str]) -> None:
        """Forget the entries of segments that are no longer in the index."""
        with self._lock:
            for key in [k for k in self._entries if k[0] not in live]:
                self.size -= self._entries.pop(key)[1]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.size = 0

    def __len__(self) -> int:
        return len(self._entries)


def _budget_bytes() -> int:
    from django.conf import settings

    return int(getattr(settings, "SEARCH_POSTING_CACHE_MB", DEFAULT_BUDGET_MB) * 1024 * 1024)


CACHE = PostingCache()


def _leaf_matcher(segreader, fieldname: str, text: str):
    matcher = segreader.postings(fieldname, text)
    while hasattr(matcher, "child"):  # a segment with deletions wraps it in a FilterMatcher;
        matcher = matcher.child  # deleted documents are removed by the caller
    return matcher


def _segment_blocks(segreader, fieldname: str, text: str, values: bool, within: np.ndarray | None = None):
    """(local ids, weights, values or None) per block of one term in one segment; with ``within``
    (sorted local ids), blocks whose id range holds none of them are skipped undecoded."""
    matcher = _leaf_matcher(segreader, fieldname, text)
    if hasattr(matcher, "_read_data"):
        previous_max = -1
        while matcher.is_active():
            block_max = matcher._maxid
            if within is not None:
                lo = np.searchsorted(within, previous_max, side="right")
                if lo == len(within):
                    return  # no wanted document after this point
                previous_max = block_max
                if within[lo] > block_max:
                    matcher._next_block()
                    continue
            matcher._read_data()
            raw_ids = np.asarray(matcher._data[0], dtype=np.int64)
            # Block ids are stored as deltas (whoosh.util.delta_decode): a cumulative sum.
            ids = raw_ids if matcher._byteids else np.cumsum(raw_ids)
            matcher._read_weights()
            weights = np.asarray(matcher._weights, dtype=np.float64)
            vals = _block_values(matcher) if values else None
            if vals is not None and len(vals) != len(ids):
                # whoosh drops empty values from a block: a format must never write one.
                raise ValueError(f"posting values of {fieldname}:{text!r} do not line up with the documents")
            yield ids, weights, vals
            matcher._next_block()
    else:  # an inline posting list (one document): read it the ordinary way
        ids, weights, vals = [], [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            if values:
                vals.append(matcher.value())
            matcher.next()
        yield (np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float64),
               tuple(vals) if values else None)


def _block_values(matcher) -> tuple:
    """The block's posting values: a tuple of bytes for a variable-size format (ours)."""
    data = matcher._data[2]
    return tuple(data) if data is not None else (b"",) * len(matcher._data[0])


def segments_with(searcher, fieldname: str, text: str):
    """(segment reader, segment id, document number offset) of the segments that hold the term."""
    for segreader, offset in searcher.reader().leaf_readers():
        segment = segreader.segment()
        if segment is not None and (fieldname, text) in segreader:
            yield segreader, segment.segment_id(), offset


def _read_whole_term(segreader, segment_id: str, fieldname: str, text: str, values=None):
    """Decode every block of a term in one segment and cache its (ids, weights) and, with
    ``values=(kind, decode)``, its decoded values too: both come from the same blocks, so a term
    whose documents and positions are both needed (a bigram) is decompressed and unpickled once."""
    parts = list(_segment_blocks(segreader, fieldname, text, values is not None))
    ids = np.concatenate([p[0] for p in parts]) if parts else EMPTY_IDS
    weights = np.concatenate([p[1] for p in parts]) if parts else _EMPTY_WEIGHTS
    CACHE.put((segment_id, fieldname, text, "postings"), (ids, weights))
    if values is None:
        return (ids, weights), None
    kind, decode = values
    decoded = [decode(p[0], p[2]) for p in parts]
    found = (ids, np.concatenate([d[0] for d in decoded]) if decoded else EMPTY_IDS,
             np.concatenate([d[1] for d in decoded]) if decoded else EMPTY_IDS)
    CACHE.put((segment_id, fieldname, text, kind), found)
    return (ids, weights), found


def segment_postings(segreader, segment_id: str, fieldname: str, text: str, values=None):
    """(local document numbers, weights) of one term in one segment (cached). ``values=(kind,
    decode)``: when the term must be read, decode its values for :func:`value_postings` as well
    (see :func:`_read_whole_term`)."""
    found = CACHE.get((segment_id, fieldname, text, "postings"))
    if found is None:
        if values is not None and CACHE.get((segment_id, fieldname, text, values[0])) is not None:
            values = None  # its values are cached already: read only the documents
        found, _ = _read_whole_term(segreader, segment_id, fieldname, text, values)
    return found


def postings(searcher, fieldname: str, text: str, values=None) -> tuple[np.ndarray, np.ndarray]:
    """(global document numbers, weights) of one term, sorted by document (``values``: see
    :func:`segment_postings`)."""
    ids_parts, weight_parts = [], []
    for segreader, segment_id, offset in segments_with(searcher, fieldname, text):
        ids, weights = segment_postings(segreader, segment_id, fieldname, text, values)
        ids_parts.append(ids + offset)
        weight_parts.append(weights)
    if not ids_parts:
        return EMPTY_IDS, _EMPTY_WEIGHTS
    if len(ids_parts) == 1:
        return ids_parts[0], weight_parts[0]
    return np.concatenate(ids_parts), np.concatenate(weight_parts)


def value_postings(searcher, fieldname: str, text: str, kind: str, decode, within: np.ndarray | None = None,
                   segments=None):
    """Per segment holding the term: (document number offset, local document numbers, per-posting
    counts, the flat decoded values of all postings in order). ``decode(ids, values)`` turns a
    block's local ids and posting values into (counts, flat values); ``kind`` names that decoding
    in the cache key. The whole term's arrays are cached; when they are not cached yet and only
    a few documents ``within`` (sorted, global; see :data:`SKIP_RATIO`) are wanted, only the
    blocks that can hold them are decoded (and nothing is cached: the next search may want other
    documents). The caller still filters the arrays to ``within``. ``segments``: only these
    (segment reader, segment id, offset) of :func:`segments_with`."""
    for segreader, segment_id, offset in segments or segments_with(searcher, fieldname, text):
        key = (segment_id, fieldname, text, kind)
        found = CACHE.get(key)
        if found is None:
            local_within = None
            if within is not None:
                local_within = within[(within >= offset) & (within < offset + segreader.doc_count_all())] - offset
                if not len(local_within):
                    continue
                if len(local_within) * SKIP_RATIO > segreader.doc_frequency(fieldname, text):
                    local_within = None  # most blocks would be read anyway: read them all, and keep them
            if local_within is None:
                _, found = _read_whole_term(segreader, segment_id, fieldname, text, (kind, decode))
            else:
                parts = []
                for ids, _weights, values in _segment_blocks(segreader, fieldname, text, True, local_within):
                    counts, flat = decode(ids, values)
                    parts.append((ids, counts, flat))
                if not parts:
                    continue
                found = tuple(np.concatenate([p[i] for p in parts]) for i in range(3))
                if _whole_term(segreader, fieldname, text, len(found[0])):
                    CACHE.put(key, found)
        yield (offset, *found)


def _whole_term(segreader, fieldname: str, text: str, decoded: int) -> bool:
    """Did a block-skipping read happen to decode every posting of the term (so it may be cached)?"""
    return decoded == segreader.doc_frequency(fieldname, text)


# Set operations on sorted document numbers. Why bitmaps: document numbers are small, dense
# integers (below the searcher's document count), so marking one array in a boolean array and
# reading the other through it is linear and cache-friendly, where np.union1d / np.intersect1d
# sort the concatenation again (~10 ms for a union of 95,000 documents, ~0.1 ms here).

def bitmap(docs: np.ndarray, size: int) -> np.ndarray:
    """A boolean array of ``size`` entries, set at ``docs``."""
    mask = np.zeros(size, dtype=bool)
    mask[docs] = True
    return mask


def union(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Sorted document numbers in ``a`` or ``b`` (both sorted, without repeats)."""
    if not len(a):
        return b
    if not len(b):
        return a
    mask = bitmap(a, max(a[-1], b[-1]) + 1)
    mask[b] = True
    return np.flatnonzero(mask)


def intersect(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Sorted document numbers in both ``a`` and ``b`` (both sorted, without repeats)."""
    if not len(a) or not len(b):
        return EMPTY_IDS
    if len(a) > len(b):
        a, b = b, a
    return a[bitmap(b, max(a[-1], b[-1]) + 1)[a]]


def difference(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Sorted document numbers in ``a`` and not in ``b`` (both sorted, without repeats)."""
    if not len(a) or not len(b):
        return a
    return a[~bitmap(b, max(a[-1], b[-1]) + 1)[a]]


def sorted_unique(a: np.ndarray) -> np.ndarray:
    """The values of a sorted array, each once (``np.unique`` sorts again: ~5 ms for 500,000 keys)."""
    if len(a) < 2:
        return a
    keep = np.empty(len(a), dtype=bool)
    keep[0] = True
    np.not_equal(a[1:], a[:-1], out=keep[1:])
    return a[keep]


def members(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """A boolean per value: is it in ``sorted_set``? (binary search: cheap for a short block
    against a long set, where ``np.isin`` would sort the long set again for every block)."""
    if not len(sorted_set):
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(sorted_set, values)
    at[at == len(sorted_set)] = len(sorted_set) - 1
    return sorted_set[at] == values


def fast_path_problems() -> list[str]:
    """What is missing for the numpy fast path in the installed Whoosh ([] when all is well)."""
    import whoosh
    from whoosh.codec import whoosh3

    problems = []
    if tuple(whoosh.__version__[:3]) != WHOOSH_VERSION:
        problems.append(f"Whoosh {whoosh.versionstring()} is installed; the fast path is written for "
                        f"{'.'.join(map(str, WHOOSH_VERSION))}")
    matcher = getattr(whoosh3, "W3LeafMatcher", None)
    if matcher is None:
        return problems + ["whoosh.codec.whoosh3.W3LeafMatcher is gone"]
    for name in MATCHER_METHODS:
        if not callable(getattr(matcher, name, None)):
            problems.append(f"W3LeafMatcher.{name}() is missing")
    source = _init_source(matcher)
    for name in MATCHER_ATTRIBUTES:
        if f"self.{name}" not in source:
            problems.append(f"W3LeafMatcher no longer sets self.{name}")
    return problems


def _init_source(matcher_class) -> str:
    import inspect

    try:
        return inspect.getsource(matcher_class)
    except (OSError, TypeError):
        return ""
