"""Exact strings: every article whose searchable text contains a folded string, and no other.

jieba cuts 流动体检车开进 into 流动/体检/车开进, so a word index cannot find 体检车 or 车 there,
whatever the query is cut into. Besides the jieba words (which stay the ranking backbone, BM25F),
the index therefore has a second field, ``grams``: the folded characters of every searchable part
of the article (title lines, column label, page banner, byline, captions, body blocks), as

- **unigrams** (each character once per article; positions only where it stands in the title
  lines, usually none): a one-character string is answered by one posting list;
- **bigrams with character positions**: a string of two characters is one posting list; a longer
  string s is found where its bigrams s[0:2], s[2:4], … (and the last one, s[-2:]) stand at
  offsets p, p+2, …, p+len(s)-2 of one article. Positions are read block by block with numpy
  (``postings.value_postings``, kept decoded per segment in the posting cache) and compared as
  sorted (document, position) keys, so a string costs a few numpy operations over its bigrams'
  positions, never Whoosh's Python phrase matcher. A two-character string is its bigram's posting
  list: no positions are read at all.

Positions are character offsets in the part's text after folding (full/half width,
traditional → simplified, ASCII case) with whitespace removed (print lines flattened into spaces
do not break a string). Between two parts the position jumps by ``PART_GAP``, so no match crosses
from one title line or paragraph to the next; title lines come first and the other parts start at
``BODY_START``, so a match position also says whether the string is in the title group.
The match is exact by construction: positions say where every character pair stands, so a
verified chain of bigrams *is* the string (100 % precision, 100 % recall, no stored text read).

Why this design and not one of the others:

- *cut_for_search at query time* (more sub-words) still cannot find 车 inside 车开进: the index
  never had it. Recall is capped by the index-time cut, whatever the query does.
- *Candidates from bigram postings verified on stored text*: exact, but verification reads and
  unpickles each candidate's stored body (tens of microseconds each); a common string such as
  工会工作 has tens of thousands of candidates at 100,000 articles, so seconds per query.
- *Trigrams* (SQLite FTS5 trigram): cannot answer one- or two-character strings from the index,
  which are most Chinese words; measured in SEARCH_NOTES.
- *Unigram positions as well*: twice the postings of bigrams for no gain, since a string of
  two characters or more is covered by bigrams and one character needs no position.
- *Unigram positions instead of bigrams* (fewer postings, a cheaper build): see the cost below.

The jieba field ``text`` keeps only frequencies (no positions): quoted strings are answered here,
and BM25 needs no positions. Ranking (``service``) puts articles where the string is whole
jieba words, or in the title, above those that contain it only across word boundaries.

Cost: an article has ~770 gram postings (~280 characters, ~490 bigrams) besides ~240 word
postings, so the gram field is three quarters of the index's postings. Whoosh's own writer spends
~10 µs of Python on each posting (a pickled sort run on disk, a heap merge, a field-length lookup
per posting): 66 articles per CPU-second on 3,000 synthetic articles in one process (load 4),
two thirds of it in that writer. The full build therefore goes through
``bulkwrite`` (postings appended to per-term arrays, written a block at a time, the same bytes):
127 articles per CPU-second on the same corpus (load 11-17), 7.9 ms per article — 0.8 ms
reading the database and preparing, 3.6 ms analysis (jieba ~3 ms, grams 0.5 ms), ~2.2 ms pooling
and stored fields, 1.3 ms writing blocks; the index is 29 MB against 31. What is left is mostly
jieba, which any engine over these words pays (tantivy's build in ``bench_search`` spends most
of its time in the same preparation). Unigrams *with* positions instead of bigrams would remove
~490 postings per article (~1 ms) but turn every common two-character string into a positions
join at query time; with the bulk writer that trade is no longer worth it.
The build's current figures (10,000 and 100,000 articles, beside tantivy and stock Whoosh) and
where an article's CPU goes now are in ``bulkwrite``'s docstring, the one place they are kept.

The posting value of a bigram is its positions as little-endian uint32 *deltas* (``GramFormat``):
a block of them decodes with one ``np.frombuffer`` and a cumulative sum, and Whoosh's zlib
compression of blocks squeezes the zero high bytes.
"""

from __future__ import annotations

import re
import struct
from collections import defaultdict

import numpy as np
from whoosh.analysis import IDTokenizer
from whoosh.fields import FieldType
from whoosh.formats import Format

from . import postings
from .analysis import fold_keep_length

FIELD = "grams"
PART_BREAK = "\u2029"  # between two separately searchable parts of the field's value
TITLE_END = "\u2028"  # after the title lines: the parts after it start at BODY_START
PART_GAP = 2
NO_TITLE = b"\x00"  # a unigram's posting value when the character is not in the title lines
BODY_START = 1 << 16
_ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}
_SPACE = re.compile(r"\s+")
_ASCII_UPPER = re.compile("[A-Z]")


def fold_exact(text: str) -> str:
    """Fold one character for one (width, traditional → simplified, ASCII case): offsets into the
    result are offsets into ``text`` (the highlighter relies on it)."""
    folded = fold_keep_length(text or "")
    # str.translate looks up every character of a Chinese text in the table (~25 µs for an
    # article's body, ~40 % of highlighting a page); most texts have no capital letter at all.
    return folded.translate(_ASCII_LOWER) if _ASCII_UPPER.search(folded) else folded


def compact(text: str) -> str:
    """The form strings are matched in: folded, whitespace removed."""
    return _SPACE.sub("", fold_exact(text))


def field_value(title_parts, other_parts) -> str:
    """The ``grams`` field's value for an article: its title lines, then every other part."""
    clean = lambda parts: PART_BREAK.join(p.replace(PART_BREAK, " ").replace(TITLE_END, " ")  # noqa: E731
                                          for p in parts if p and p.strip())
    return clean(title_parts) + TITLE_END + clean(other_parts)


def parts_with_starts(value: str):
    """(start position, compacted part) of every part of a field value."""
    title, _, rest = value.partition(TITLE_END)
    for section, position in ((title, 0), (rest, BODY_START)):
        for part in section.split(PART_BREAK):
            text = compact(part)
            if text:
                yield position, text
                position += len(text) + PART_GAP


def gram_terms(value: str) -> tuple[dict[str, int], dict[str, list[int]], dict[str, list[int]]]:
    """({character: count}, {character: positions in the title lines}, {bigram: sorted positions})
    of a field value."""
    chars: dict[str, int] = defaultdict(int)
    titled: dict[str, list[int]] = defaultdict(list)
    pairs: dict[str, list[int]] = defaultdict(list)
    for start, text in parts_with_starts(value):
        for i, ch in enumerate(text):
            chars[ch] += 1
            if start < BODY_START:
                titled[ch].append(start + i)
        for i in range(len(text) - 1):
            pairs[text[i : i + 2]].append(start + i)
    return chars, titled, pairs


_ONE_POSITION = struct.Struct("<I").pack


def encode_positions(positions: list[int]) -> bytes:
    if len(positions) == 1:  # most bigrams stand once in an article
        return _ONE_POSITION(positions[0])
    if not positions:
        return b""
    deltas = [positions[0]] + [b - a for a, b in zip(positions, positions[1:])]
    return struct.pack(f"<{len(deltas)}I", *deltas)


class GramFormat(Format):
    """Postings of the ``grams`` field: a bigram's value is its positions, a unigram's its
    positions in the title lines (usually none: the one byte ``NO_TITLE``)."""

    def word_values(self, value, analyzer, **kwargs):
        chars, titled, pairs = gram_terms(value)
        for ch, count in chars.items():
            # Never an empty value: whoosh 2.7.4 drops empty values from a block (W3PostingsWriter
            # .add_posting), which would misalign the block's values with its ids.
            yield ch, count, float(count), encode_positions(titled[ch]) if ch in titled else NO_TITLE
        for pair, positions in pairs.items():
            yield pair, len(positions), float(len(positions)), encode_positions(positions)

    def decode_frequency(self, valuestring):
        return len(valuestring) // 4

    def decode_weight(self, valuestring):
        return float(len(valuestring) // 4)

    def decode_positions(self, valuestring):
        return np.cumsum(np.frombuffer(valuestring, dtype="<u4")).tolist()

    def supports(self, name):
        return name in ("frequency", "weight", "positions")


class GramField(FieldType):
    """The ``grams`` field: indexed, never stored, never scored by whoosh (see the module docstring).

    ``scorable=True`` all the same, so that whoosh writes a length column for it: when a field has
    none, whoosh 2.7.4's posting writer checks the disk for that column once per *posting*
    (``W3PerDocReader._cached_reader`` caches only readers it found): ~10 % of the build's CPU
    (the commit before this docstring said 3×: that was the profiler's figure, not a plain run's).
    """

    def __init__(self):
        super().__init__(GramFormat(), IDTokenizer(), scorable=True, stored=False)


def _position_keys(ids: np.ndarray, values: tuple) -> tuple[np.ndarray, np.ndarray]:
    """(positions per posting, keys local document × 2^32 + position) of one block of a bigram."""
    counts = np.fromiter(map(len, values), dtype=np.int64, count=len(values)) >> 2
    deltas = np.frombuffer(b"".join(values), dtype="<u4").astype(np.int64)
    total = np.cumsum(deltas)
    firsts = np.cumsum(counts) - counts
    positions = total - np.repeat(total[firsts] - deltas[firsts], counts)
    return counts, (np.repeat(ids, counts) << 32) + positions


def _positions(searcher, bigram: str, within: np.ndarray | None) -> np.ndarray:
    """Sorted keys document × 2^32 + position of one bigram (only in documents ``within``)."""
    parts = []
    wanted = None if within is None else postings.bitmap(within, searcher.doc_count_all())
    for offset, ids, counts, keys in postings.value_postings(searcher, FIELD, bigram, "positions", _position_keys,
                                                               within):
        if wanted is not None:
            keys = keys[np.repeat(wanted[ids + offset], counts)]
        parts.append(keys + (offset << 32) if offset else keys)
    return np.concatenate(parts) if parts else postings.EMPTY_IDS


def _title_positions(searcher, bigram: str, within: np.ndarray | None) -> np.ndarray:
    """Like :func:`_positions`, only the positions in the title lines: a few per article, kept
    apart in the posting cache so that a title check (the strong tier) never walks the body's."""
    parts = []
    wanted = None if within is None else postings.bitmap(within, searcher.doc_count_all())
    for segreader, segment_id, offset in postings.segments_with(searcher, FIELD, bigram):
        key = (segment_id, FIELD, bigram, "title positions")
        keys = postings.CACHE.get(key)
        if keys is None:
            keys = np.concatenate([part[3] for part in postings.value_postings(
                searcher, FIELD, bigram, "positions", _position_keys, segments=[(segreader, segment_id, offset)])]
                or [postings.EMPTY_IDS])
            keys = keys[(keys & 0xFFFFFFFF) < BODY_START]
            postings.CACHE.put(key, (keys,))
        else:
            keys = keys[0]
        if offset:
            keys = keys + (offset << 32)
        if wanted is not None:
            keys = keys[wanted[keys >> 32]]
        parts.append(keys)
    return np.concatenate(parts) if parts else postings.EMPTY_IDS


def _docs(searcher, term: str, memo: dict | None, positions_too: bool = False) -> np.ndarray:
    """The documents of a gram. ``positions_too``: the caller will need the bigram's positions in
    most of them (a quoted string: see :func:`string_docs`), so they are decoded from the same
    blocks in the same pass instead of a second read."""
    key = ("docs", term)
    if memo is None or key not in memo:
        ids = postings.postings(searcher, FIELD, term, ("positions", _position_keys) if positions_too else None)[0]
        if memo is None:
            return ids
        memo[key] = ids
    return memo[key]


def string_docs(searcher, string: str, memo: dict | None = None, *, within: np.ndarray | None = None,
                exclude: np.ndarray | None = None, title_only: bool = False) -> np.ndarray:
    """Sorted document numbers (deleted ones included) whose text contains ``string`` (already
    :func:`compact`); only among the documents ``within`` and not in ``exclude`` if given (the
    positions of the others are never decoded); ``title_only``: in the title lines."""
    if not string:
        return postings.EMPTY_IDS
    if len(string) == 1:
        docs = _docs(searcher, string, memo)
        if within is not None:
            docs = postings.intersect(docs, within)
        if exclude is not None and len(exclude):
            docs = postings.difference(docs, exclude)
        return _titled(searcher, string, docs) if title_only else docs
    offsets = list(range(0, len(string) - 1, 2))
    if offsets[-1] != len(string) - 2:
        offsets.append(len(string) - 2)
    bigrams = [(i, string[i : i + 2]) for i in offsets]
    candidates = within
    # A quoted string's bigrams: positions are needed for the chain (three characters or more) or
    # for the title tier of the articles that lack the words (``ranking.clause_match``), mostly
    # many of them. A plain word's (``exclude``) are checked only in the few articles without the
    # word, where skipping blocks is cheaper.
    chained = exclude is None and within is None
    for _, bigram in sorted(bigrams, key=lambda item: len(_docs(searcher, item[1], memo, chained))):
        found = _docs(searcher, bigram, memo)
        candidates = found if candidates is None else postings.intersect(candidates, found)
        if not len(candidates):
            return postings.EMPTY_IDS
    if exclude is not None and len(exclude):
        candidates = postings.difference(candidates, exclude)
        if not len(candidates):
            return postings.EMPTY_IDS
    if len(bigrams) == 1 and not title_only:
        return candidates
    starts = None
    restricted = True
    for i, bigram in bigrams:
        # Restricting a bigram's positions to the candidates costs a pass over all of them: worth
        # it only when the candidates are a small part of the bigram's documents; otherwise the
        # chain itself drops the others, and the result is restricted once at the end.
        few = len(candidates) * 2 < len(_docs(searcher, bigram, memo))
        restricted = restricted and few
        read = _title_positions if title_only else _positions
        keys = read(searcher, bigram, candidates if few else None) - i
        starts = keys if starts is None else _sorted_intersection(starts, keys)
        if not len(starts):
            return postings.EMPTY_IDS
    if title_only:
        starts = starts[(starts & 0xFFFFFFFF) < BODY_START]
    docs = postings.sorted_unique(starts >> 32)
    return docs if restricted else postings.intersect(docs, candidates)


def _sorted_intersection(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Elements of sorted ``a`` that are in sorted ``b`` (neither repeats a value): binary search
    when one is much shorter, else one stable sort of both (timsort merges the two sorted runs)."""
    if not len(a) or not len(b):
        return postings.EMPTY_IDS
    if len(a) * 16 < len(b):
        return a[postings.members(a, b)]
    if len(b) * 16 < len(a):
        return b[postings.members(b, a)]
    joined = np.concatenate((a, b))
    joined.sort(kind="stable")
    same = joined[1:] == joined[:-1]
    return joined[1:][same]


def _title_flags(ids: np.ndarray, values: tuple) -> tuple[np.ndarray, np.ndarray]:
    """(1 where the character stands in the title lines else 0, nothing) per posting of a block of
    a unigram: its value holds positions only then (else the one byte ``NO_TITLE``)."""
    return (np.fromiter(map(len, values), dtype=np.int64, count=len(values)) >= 4).astype(np.int64), postings.EMPTY_IDS


def _titled(searcher, char: str, docs: np.ndarray) -> np.ndarray:
    """Of ``docs``, those whose title lines contain the character (its posting value holds positions)."""
    parts = [ids[flags > 0] + offset
             for offset, ids, flags, _ in postings.value_postings(searcher, FIELD, char, "titled", _title_flags, docs)]
    titled = np.concatenate(parts) if parts else postings.EMPTY_IDS
    return postings.intersect(titled, docs)
