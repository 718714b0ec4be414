"""Matching and relevance ranking with numpy over whoosh's posting lists.

``matching_docs`` finds the documents of a query made of words (AND, OR, NOT, title:, person:)
by set operations on posting-list arrays, where whoosh would step through every posting in
Python; a query with a phrase (which needs positions) returns None and whoosh does it.
``rank`` orders the matching set by BM25F over the query's words.

Why not whoosh's collector: it scores every matching document one at a time in Python
(about 9 µs each here), so a common word in 100,000 articles costs most of a second, and its
block-quality skipping rarely helps because BM25 scores of a common word are all alike. The set
of matching documents is already known exactly (``service.search`` computes it for the count
and the facets), so ranking only has to add up, per query word, BM25F of that word's postings —
a few numpy operations per word.

The formula and its defaults are whoosh's own (``whoosh.scoring.BM25F``: B=0.75, K1=1.2,
idf = log(N / (df + 1)) + 1, field boosts already in the posting weights), so the order is the one
whoosh would give. Reading a posting list block by block uses the attributes of whoosh 2.7.4's
``W3LeafMatcher`` (``_read_data``/``_read_weights``/``_next_block``); Whoosh is pinned to 2.7.4
(see SEARCH_NOTES), and ``tests/search_engine/test_ranking.py`` checks the order against
whoosh's scorer.
"""

from __future__ import annotations

import math

import numpy as np

from .store import _lock, _state

B, K1 = 0.75, 1.2


def _postings(searcher, fieldname: str, word: str, memo: dict | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(global document numbers, weights) of one term across the searcher's segments.
    ``memo`` (one per search) keeps them for the ranking after the matching."""
    if memo is not None and (fieldname, word) in memo:
        return memo[(fieldname, word)]
    result = _read_postings(searcher, fieldname, word)
    if memo is not None:
        memo[(fieldname, word)] = result
    return result


def _read_postings(searcher, fieldname: str, word: str) -> tuple[np.ndarray, np.ndarray]:
    ids_parts, weight_parts = [], []
    for segreader, offset in searcher.reader().leaf_readers():
        if segreader.segment() is None or (fieldname, word) not in segreader:
            continue
        matcher = segreader.postings(fieldname, word)
        while hasattr(matcher, "child"):  # a segment with deletions wraps it in a FilterMatcher;
            matcher = matcher.child  # deleted documents are never in ``docnums`` anyway
        if hasattr(matcher, "_read_data"):  # whoosh 2.7.4's on-disk postings: a block at a time
            while matcher.is_active():
                matcher._read_data()
                raw_ids = np.asarray(matcher._data[0], dtype=np.int64)
                # Block ids are stored as deltas (whoosh.util.delta_decode): a cumulative sum.
                ids_parts.append((raw_ids if matcher._byteids else np.cumsum(raw_ids)) + offset)
                matcher._read_weights()
                weight_parts.append(np.asarray(matcher._weights, dtype=np.float64))
                matcher._next_block()
        else:  # any other matcher: one posting at a time
            ids, weights = [], []
            while matcher.is_active():
                ids.append(matcher.id())
                weights.append(matcher.weight())
                matcher.next()
            ids_parts.append(np.asarray(ids, dtype=np.int64) + offset)
            weight_parts.append(np.asarray(weights, dtype=np.float64))
    if not ids_parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return np.concatenate(ids_parts), np.concatenate(weight_parts)


def _lengths(searcher, fieldname: str) -> np.ndarray:
    """Each document's length in ``fieldname`` (whoosh's stored field lengths), cached per segment."""
    with _lock:
        parts = []
        for segreader, _offset in searcher.reader().leaf_readers():
            if segreader.segment() is None:
                continue
            key = ("len", segreader.segment().segment_id(), fieldname)
            if key not in _state["columns"]:
                _state["columns"][key] = np.array(
                    [segreader.doc_field_length(d, fieldname, 0) or 0 for d in range(segreader.doc_count_all())],
                    dtype=np.float64)
            parts.append(_state["columns"][key])
        return np.concatenate(parts) if parts else np.zeros(0)


def rank(searcher, words_by_field: dict[str, list[str]], boosts: dict[str, float], docnums: np.ndarray,
         limit: int, memo: dict | None = None) -> list[tuple[int, float]]:
    """The ``limit`` best (document number, score) of ``docnums``, best first (ties: lower number).

    ``words_by_field``: the positive query words to score in each field, e.g. {"text": [...],
    "title": [...]}; ``boosts``: extra weight per field (on top of the index's field boosts).
    """
    count = searcher.doc_count_all()
    scores = np.zeros(count, dtype=np.float64)
    reader = searcher.reader()
    for fieldname, words in words_by_field.items():
        if not words:
            continue
        lengths = _lengths(searcher, fieldname)
        # whoosh divides by all documents, deleted ones included (Searcher.avg_field_length).
        average = (reader.field_length(fieldname) / max(1, count)) or 1.0
        for word in dict.fromkeys(words):
            ids, weights = _postings(searcher, fieldname, word, memo)
            if not len(ids):
                continue
            idf = math.log(count / (len(ids) + 1)) + 1
            norm = K1 * ((1 - B) + B * lengths[ids] / average)
            scores[ids] += boosts.get(fieldname, 1.0) * idf * weights * (K1 + 1) / (weights + norm)
    candidates = docnums
    candidate_scores = scores[candidates]
    if limit < len(candidates):
        keep = np.argpartition(-candidate_scores, limit - 1)[:limit]
        candidates, candidate_scores = candidates[keep], candidate_scores[keep]
    order = np.lexsort((candidates, -candidate_scores))
    return [(int(candidates[i]), float(candidate_scores[i])) for i in order]


def _deleted_docs(searcher) -> np.ndarray:
    """Document numbers of the searcher's deleted documents (sorted)."""
    parts = []
    for segreader, offset in searcher.reader().leaf_readers():
        segment = segreader.segment()
        if segment is not None and segment.has_deletions():
            parts.append(np.asarray(sorted(segment.deleted_docs()), dtype=np.int64) + offset)
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def _live_docs(searcher) -> np.ndarray:
    """Document numbers of the searcher that are not deleted."""
    everything = np.arange(searcher.reader().doc_count_all(), dtype=np.int64)
    return np.setdiff1d(everything, _deleted_docs(searcher), assume_unique=True)


def _term_docs(searcher, fieldname: str, word: str, memo: dict | None) -> np.ndarray:
    return _postings(searcher, fieldname, word, memo)[0]  # sorted, unique: postings are in order


def _clause_docs(searcher, clause, memo: dict | None = None) -> np.ndarray | None:
    if clause.kind == "phrase":
        return None
    if clause.field == "person":
        name = clause.words[0]
        return np.union1d(_term_docs(searcher, "person_names", name, memo), _term_docs(searcher, "persons", name, memo))
    fieldname = "title" if clause.field == "title" else "text"
    docs = None
    for word in clause.words:
        found = _term_docs(searcher, fieldname, word, memo)
        docs = found if docs is None else np.intersect1d(docs, found, assume_unique=True)
    return docs


def matching_docs(searcher, parsed, memo: dict | None = None) -> np.ndarray | None:
    """The live documents matching the words of ``parsed`` (a sorted array), or None if it has
    a phrase."""
    result = None
    for group in parsed.must:
        union = None
        for clause in group:
            docs = _clause_docs(searcher, clause, memo)
            if docs is None:
                return None
            union = docs if union is None else np.union1d(union, docs)
        result = union if result is None else np.intersect1d(result, union, assume_unique=True)
    if result is None:  # only exclusions: start from every live document
        result = _live_docs(searcher)
    else:
        result = np.setdiff1d(result, _deleted_docs(searcher), assume_unique=True)
    for clause in parsed.must_not:
        docs = _clause_docs(searcher, clause, memo)
        if docs is None:
            return None
        result = np.setdiff1d(result, docs, assume_unique=True)
    return result
