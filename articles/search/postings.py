"""Reading Whoosh posting lists into numpy arrays, a block at a time: the only module that touches
Whoosh's private attributes.

Why: Whoosh steps through postings one at a time in Python (``matcher.next()``, ``id()``,
``weight()``), about a microsecond each; a word found in 95,000 articles costs a tenth of a second
before any set operation. Whoosh 2.7.4's on-disk matcher (``whoosh.codec.whoosh3.W3LeafMatcher``)
keeps each block of up to 128 postings as one pickled tuple (ids, weights, values); reading that
tuple and turning it into numpy arrays directly costs a few microseconds per *block*.

The attributes used (``_read_data``, ``_data``, ``_byteids``, ``_read_weights``, ``_weights``,
``_next_block``) are Whoosh 2.7.4's; that is why ``Whoosh==2.7.4`` is pinned in pyproject.toml and
why the system check ``articles.search.E003`` (:func:`fast_path_problems`) fails loudly if they are
missing, instead of the search silently becoming a Python loop. A term found in one document only
is stored inline in the term info (a ``ListMatcher``): that one is read posting by posting, which
costs nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

# What the fast path reads on whoosh.codec.whoosh3.W3LeafMatcher (checked by fast_path_problems).
MATCHER_METHODS = ("_read_data", "_read_weights", "_next_block", "is_active")
MATCHER_ATTRIBUTES = ("_data", "_byteids", "_weights")
WHOOSH_VERSION = (2, 7, 4)

EMPTY_IDS = np.zeros(0, dtype=np.int64)


def _leaf_matcher(segreader, fieldname: str, text: str):
    matcher = segreader.postings(fieldname, text)
    while hasattr(matcher, "child"):  # a segment with deletions wraps it in a FilterMatcher;
        matcher = matcher.child  # deleted documents are removed by the caller
    return matcher


def blocks(searcher, fieldname: str, text: str, *, values: bool = False) -> Iterator[tuple]:
    """(global document numbers, weights, values or None) per posting block of one term, across
    the searcher's segments, in document order. ``values`` (a tuple of bytes, one per posting) is
    read only when asked for."""
    for segreader, offset in searcher.reader().leaf_readers():
        if segreader.segment() is None or (fieldname, text) not in segreader:
            continue
        matcher = _leaf_matcher(segreader, fieldname, text)
        if hasattr(matcher, "_read_data"):
            while matcher.is_active():
                matcher._read_data()
                raw_ids = np.asarray(matcher._data[0], dtype=np.int64)
                # Block ids are stored as deltas (whoosh.util.delta_decode): a cumulative sum.
                ids = (raw_ids if matcher._byteids else np.cumsum(raw_ids)) + offset
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
            yield (np.asarray(ids, dtype=np.int64) + offset, np.asarray(weights, dtype=np.float64),
                   tuple(vals) if values else None)


def _block_values(matcher) -> tuple:
    """The block's posting values: a tuple of bytes for a variable-size format (ours)."""
    data = matcher._data[2]
    return tuple(data) if data is not None else (b"",) * len(matcher._data[0])


def postings(searcher, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
    """(global document numbers, weights) of one term, sorted by document."""
    ids_parts, weight_parts = [], []
    for ids, weights, _ in blocks(searcher, fieldname, text):
        ids_parts.append(ids)
        weight_parts.append(weights)
    if not ids_parts:
        return EMPTY_IDS, np.zeros(0)
    return np.concatenate(ids_parts), np.concatenate(weight_parts)


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
