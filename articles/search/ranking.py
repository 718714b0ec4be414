"""Matching and relevance ranking with numpy over whoosh's posting lists.

``matching`` finds the documents of a query (AND of OR-groups, NOT, title:, person:, plain
terms and exact strings) by set operations on posting-list arrays (``postings``, ``grams``),
where whoosh would step through every posting in Python. It also returns, per document, whether
every term matched *strongly* — as whole jieba words, or inside the title lines — and ``rank``
puts those documents first: an article that contains a string only across word boundaries
(流动体检|车开进) is found, but after the articles that have the words.

``rank`` orders by BM25F over the query's words within those two tiers. Why not whoosh's
collector: it scores every matching document one at a time in Python (about 9 µs each here), so
a common word in 100,000 articles costs most of a second. The set of matching documents is
already known exactly (``service.search`` computes it for the count and the facets), so ranking
only has to add up, per query word, BM25F of that word's postings — a few numpy operations.

The formula and its defaults are whoosh's own (``whoosh.scoring.BM25F``: B=0.75, K1=1.2,
idf = log(N / (df + 1)) + 1, field boosts already in the posting weights), so within a tier the
order is the one whoosh would give (``tests/search_engine/test_ranking.py`` checks it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from . import grams, postings
from .store import leaves, per_document

B, K1 = 0.75, 1.2
# Score every posting of a word when the candidates are at least 1/SCATTER_RATIO of them (linear,
# no search); below that, binary-search the candidates' postings (a filtered search).
SCATTER_RATIO = 16


@dataclass
class Match:
    """The matching documents (sorted) and those of them that matched every term strongly;
    ``alternatives``: the documents of each clause of the query's OR groups (see
    :func:`clauses_matched`), kept from the matching so that ranking need not match them again."""

    docs: np.ndarray
    strong: np.ndarray
    alternatives: tuple[np.ndarray, ...] = ()


def _postings(searcher, fieldname: str, word: str, memo: dict | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(global document numbers, weights) of one term. ``memo`` (one per search) keeps them for the
    ranking after the matching."""
    if memo is not None and (fieldname, word) in memo:
        return memo[(fieldname, word)]
    result = postings.postings(searcher, fieldname, word)
    if memo is not None:
        memo[(fieldname, word)] = result
    return result


def _lengths(searcher, fieldname: str) -> np.ndarray:
    """Each document's length in ``fieldname`` (whoosh's stored field lengths), cached per segment:
    a refreshed searcher rebuilds only the new segments' lengths."""
    def build(segreader):
        return np.array([segreader.doc_field_length(d, fieldname, 0) or 0
                         for d in range(segreader.doc_count_all())], dtype=np.float64)

    return per_document(searcher, ("length", fieldname), build)


def rank(searcher, words_by_field: dict[str, list[str]], boosts: dict[str, float], docnums: np.ndarray,
         limit: int, memo: dict | None = None, strong: np.ndarray | None = None,
         coordination: np.ndarray | None = None) -> list[tuple[int, float]]:
    """The ``limit`` best (document number, score) of ``docnums``: those matching more clauses of
    the query's OR groups first (``coordination``, one count per document of ``docnums``; see
    ``clauses_matched``), then documents in ``strong``, then by BM25F, best first (ties: lower number).

    ``words_by_field``: the positive query words to score in each field, e.g. {"text": [...],
    "title": [...]}; ``boosts``: extra weight per field (on top of the index's field boosts).
    """
    count = searcher.doc_count_all()
    candidates = docnums
    candidate_scores = np.zeros(len(candidates), dtype=np.float64)
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
            boost = boosts.get(fieldname, 1.0)
            if len(candidates) * SCATTER_RATIO >= len(ids):  # most postings are candidates: score them all
                norm = K1 * ((1 - B) + B * lengths[ids] / average)
                scores = np.zeros(count, dtype=np.float64)
                scores[ids] = boost * idf * weights * (K1 + 1) / (weights + norm)
                candidate_scores += scores[candidates]
            else:  # a few candidates (a filter): score only their postings, found by binary search
                at = np.minimum(np.searchsorted(ids, candidates), len(ids) - 1)
                present = ids[at] == candidates
                weight = weights[at[present]]
                norm = K1 * ((1 - B) + B * lengths[candidates[present]] / average)
                candidate_scores[present] += boost * idf * weight * (K1 + 1) / (weight + norm)
    tier = np.zeros(len(candidates), dtype=np.int32)
    if strong is not None and len(strong):
        tier += postings.members(candidates, strong)
    if coordination is not None:
        tier += 2 * coordination.astype(np.int32)  # one more clause outranks being strong
    if limit < len(candidates):
        # The best ``limit`` by (tier, score): a tier outweighs any score.
        combined = tier * (candidate_scores.max(initial=0.0) + 1.0) + candidate_scores
        keep = np.argpartition(-combined, limit - 1)[:limit]
        candidates, candidate_scores, tier = candidates[keep], candidate_scores[keep], tier[keep]
    order = np.lexsort((candidates, -candidate_scores, -tier))
    return [(int(candidates[i]), float(candidate_scores[i])) for i in order]


def clauses_matched(found: Match, docnums: np.ndarray) -> np.ndarray | None:
    """For each of ``docnums`` (sorted), how many clauses of the query's OR groups it matches; None
    when no group has two clauses. Coordination, as classic Lucene scoring has it: an article with
    two of the terms of ``工会 OR 劳模`` — or of a relaxed "any term" search — comes before one with
    a single term, however often that one term occurs or stands in its title."""
    if not found.alternatives:
        return None
    counts = np.zeros(len(docnums), dtype=np.int32)
    for docs in found.alternatives:
        counts += postings.members(docnums, docs)
    return counts


def _deleted_docs(searcher) -> np.ndarray:
    """Document numbers of the searcher's deleted documents (sorted)."""
    parts = []
    for segreader, offset in leaves(searcher):
        segment = segreader.segment()
        if segment.has_deletions():
            parts.append(np.asarray(sorted(segment.deleted_docs()), dtype=np.int64) + offset)
    return np.concatenate(parts) if parts else postings.EMPTY_IDS


def _live_docs(searcher) -> np.ndarray:
    """Document numbers of the searcher that are not deleted."""
    everything = np.arange(searcher.reader().doc_count_all(), dtype=np.int64)
    return postings.difference(everything, _deleted_docs(searcher))


def _term_docs(searcher, fieldname: str, word: str, memo: dict | None) -> np.ndarray:
    return _postings(searcher, fieldname, word, memo)[0]  # sorted, unique: postings are in order


def _words_docs(searcher, fieldname: str, words, memo) -> np.ndarray:
    docs = None
    for word in words:
        found = _term_docs(searcher, fieldname, word, memo)
        docs = found if docs is None else postings.intersect(docs, found)
    return postings.EMPTY_IDS if docs is None else docs


def clause_match(searcher, clause, memo: dict | None = None) -> Match:
    """The documents of one clause, and those where it matched strongly (whole words or title).

    - person: credited under that name or slug (always strong).
    - plain words: all jieba words, or the characters contiguously (checked only in the articles
      that lack a word).
    - quoted: the exact string; strong where the article also has all its words, or it is in the
      title lines.
    """
    if clause.field == "person":
        name = clause.words[0]
        docs = postings.union(_term_docs(searcher, "person_names", name, memo), _term_docs(searcher, "persons", name, memo))
        return Match(docs, docs)
    title_only = clause.field == "title"
    fieldname = "title" if title_only else "text"
    worded = _words_docs(searcher, fieldname, clause.words, memo)
    if clause.kind == "phrase":
        exact = grams.string_docs(searcher, clause.string, memo, title_only=title_only)
        strong = postings.intersect(exact, worded)
        if not title_only:
            rest = postings.difference(exact, strong)
            strong = postings.union(strong, grams.string_docs(searcher, clause.string, memo, within=rest, title_only=True))
        return Match(exact, strong)
    # Articles with all the words are found already: only the others need the characters checked.
    others = grams.string_docs(searcher, clause.string, memo, exclude=worded, title_only=title_only)
    strong = worded
    if len(others) and not title_only:
        strong = postings.union(worded, grams.string_docs(searcher, clause.string, memo, within=others, title_only=True))
    return Match(postings.union(worded, others), strong)


def _unless(docs: np.ndarray, excluded: np.ndarray) -> np.ndarray:
    return postings.difference(docs, excluded) if len(excluded) else docs


def matching(searcher, parsed, memo: dict | None = None) -> Match:
    """The live documents matching ``parsed`` (sorted) and those matching every group strongly."""
    result = strong = None
    alternatives = []
    for group in parsed.must:
        union = union_strong = None
        for clause in group:
            found = clause_match(searcher, clause, memo)
            if len(group) > 1:
                alternatives.append(found.docs)
            union = found.docs if union is None else postings.union(union, found.docs)
            union_strong = found.strong if union_strong is None else postings.union(union_strong, found.strong)
        if result is None:
            result, strong = union, union_strong
        else:
            result = postings.intersect(result, union)
            strong = postings.intersect(strong, union_strong)
    if result is None:  # only exclusions: start from every live document
        result = _live_docs(searcher)
        strong = result
    else:
        result = _unless(result, _deleted_docs(searcher))
    for clause in parsed.must_not:
        result = _unless(result, clause_match(searcher, clause, memo).docs)
    strong = postings.intersect(strong, result)
    return Match(result, strong, tuple(alternatives))
