"""A full index build without Whoosh's per-posting Python: postings grouped per term in memory and
written a block at a time, segments written in parallel processes.

Why: an article has ~1,050 postings (~770 in ``grams``, ~240 jieba words). Whoosh's
``SegmentWriter`` sends each one through a posting pool that pickles it into a sorted run on disk
and back (``PostingPool``, ``externalsort``), a heap merge, and ``FieldWriter.add_postings``,
which looks up the document's field length on disk and type-checks it (``W3PostingsWriter
.add_posting``): ~10 µs per posting, two thirds of the build's CPU (measured with cProfile on a
3,000-article build: pickle dump/load, the sort and merge, ``doc_field_length`` and ``add_posting``
were the top entries). Documents are added in document-number order, so each term's postings
arrive already sorted. Here a document's postings in a field go into flat columns (term number,
document, weight, value: :class:`FieldPostings`) with one C-level ``map`` per document and field —
no Python call per posting — and at the segment's end one stable numpy argsort groups them per
term, each written as whole blocks of 128 (:func:`write_terms`) — the same bytes Whoosh writes, as
``tests/search_engine/test_bulk_write.py`` checks posting by posting. (The first version appended
each posting to per-term arrays through a Python function: ~1.3 ms an article; the columns take
~0.3 ms, measured on 3,000 synthetic articles.) The jieba text fields skip whoosh's token objects
(:func:`field_postings` counts :func:`~articles.search.analysis.segment`'s words, as
``Frequency.word_values`` does).

``bench_search`` (build CPU over all processes; one run each, the machine shared, load beside):
10,000 articles — before 85.3 CPU-s (117 docs/CPU-s, 95 MB; load 2.5–7.6) beside tantivy 41.6
(240) and stock Whoosh 175 (57); now 61.6 CPU-s (162 docs/CPU-s, 95 MB; load 3.2–4.1) beside
tantivy 26.8 (373; it reads and prepares articles through the same ``indexes`` code, which got
faster too) and stock Whoosh 165 (61, 118 MB). 100,000 articles (4 segments, 914 MB — the same
bytes, so the same size) — before 725 CPU-s (138 docs/CPU-s; load 5–20); now 667.6 CPU-s
(149.8 docs/CPU-s, 721 s wall; load 2.7–3.6; largest worker 1.1 GB) beside tantivy 251 (399) in
the same run; under load 8–15 the same build took 765.8 CPU-s (131). The goal of
150 is met at 10,000 articles and missed by a hair at 100,000 (why an article costs ~10 % more
there — bigger pools per segment, or the load — was not measured).

Where an article's CPU goes now (one process, 2,000–3,000 synthetic articles, load 7–10, so ±20 %):
reading and preparing 0.4 ms (was 0.8: ``indexes._loaded`` built a queryset for nothing ~ten
times per article), jieba 1.6–1.7 ms, our word loop around it ~0.4 ms, the ``grams`` field 0.7 ms,
pooling ~0.3 ms, stored fields 0.1 ms, writing blocks ~1.1 ms (a pickle and a zlib call per block:
the format's own cost).

Whoosh's own multi-process writer (``procs=``) reads and prepares every document in the parent and
pickles it to its workers; :func:`build_segments` instead gives each worker process a range of
article ids: it reads the database, segments with jieba and writes its own segment, and the parent
only commits the list of segments. A segment holds at most ``MAX_SEGMENT_DOCS`` articles, which
bounds each worker's memory (~20 bytes a posting in the columns, small values shared; twice that
for a moment while a field is sorted at the segment's end): a worker's peak RSS (Django and
jieba's dictionary included) was 432 MB for 5,000 articles and 1.4 GB for 25,000. Two processes
cost the CPU of one (10,000 articles, load 4–5: 66.2 CPU-s in two segments by two processes,
67.0 in one segment by one process) in 70 % of its wall time.

Segments: every query walks each segment, so fewer are cheaper to search — but by little. On
10,000 articles (``bench_search --reuse``, 10 runs per query, load ~7), one segment against three
(two of 5,000 and a small one of edits): engine CPU medians with facets 16.1 vs 16.3 ms (one word),
26.9 vs 26.9 (two words), 23.0 vs 23.8 (phrase), 8.1 vs 7.9 (2 characters), 16.4 vs 17.3 (6
characters), 22.2 vs 23.2 (filtered): within the noise, at most ~5 %. The cost of a query is its
postings, not its segments. A merge after the build would rewrite every block (their ids are
delta-coded from each segment's first document, inside pickled and compressed blocks: the block
writing again, ~1 ms an article, ~+15 % build CPU), and one segment per process would double or
quadruple a worker's peak memory at 100,000 articles; neither pays for a few per cent, so a
segment stays bounded by ``MAX_SEGMENT_DOCS`` (4 segments at 100,000 articles with 2 processes).

Whoosh internals used (pinned ``Whoosh==2.7.4``; system check ``articles.search.E003`` lists them
via :func:`internals_problems`): ``SegmentWriter.pool`` / ``_flush_segment`` / ``_finalize_segment``
/ ``_merge_segments`` / ``_close_segment`` / ``_commit_toc`` / ``_finish`` / ``newsegment``, and the
block buffer of ``W3PostingsWriter`` (``_ids``, ``_weights``, ``_values``, ``_maxweight``,
``_minlength``, ``_maxlength``, ``_write_block``, ``_blocklimit``).
"""

from __future__ import annotations

import contextlib
import gc
import math
import multiprocessing
from array import array

from collections import Counter

import numpy as np
from whoosh.formats import Frequency
from whoosh.system import pack_uint
from whoosh.writing import SegmentWriter

from .analysis import ChineseTokenizer, segment

MAX_SEGMENT_DOCS = 25_000
WRITER_METHODS = ("_flush_segment", "_finalize_segment", "_merge_segments", "_close_segment", "_commit_toc",
                  "_finish")
POSTINGS_WRITER_ATTRIBUTES = ("_ids", "_weights", "_values", "_maxweight", "_minlength", "_maxlength",
                              "_blocklimit")


class TermIds(dict):
    """{term: its number in one field of one segment}, numbering new terms as they come, so that a
    document's terms become numbers with one C-level ``map`` (no Python call per posting)."""

    def __missing__(self, text: bytes) -> int:
        number = self[text] = len(self)
        return number


class FieldPostings:
    """Every posting of one field of one segment, in arrival (document) order, as flat columns:
    term number, document, weight, value. Grouped per term only once, at the segment's end
    (:meth:`grouped`): a stable sort keeps each term's postings in document order."""

    def __init__(self) -> None:
        self.term_ids = TermIds()
        self.terms, self.docs, self.weights = array("I"), array("I"), array("f")
        self.values: list[bytes] = []

    def extend(self, docnum: int, texts, weights, values, shared: dict) -> None:
        """One document's postings in this field (parallel sequences)."""
        self.terms.extend(map(self.term_ids.__getitem__, texts))
        self.docs.extend(array("I", (docnum,)) * len(texts))
        self.weights.extend(weights)
        # One object per distinct value (most values repeat): the pool's memory is ~20 bytes a posting.
        self.values.extend(map(shared.setdefault, values, values))

    def grouped(self):
        """(term, documents, weights, values) per term in term order, each list in document order;
        the columns are emptied as they are read."""
        terms = np.frombuffer(self.terms, dtype=np.uint32)
        order = np.argsort(terms, kind="stable")
        ends = np.cumsum(np.bincount(terms, minlength=len(self.term_ids))).tolist()
        del terms
        # Each column is dropped as soon as its sorted copy exists: the peak stays near two copies.
        docs = np.frombuffer(self.docs, dtype=np.uint32)[order]
        self.docs = array("I")
        weights = np.frombuffer(self.weights, dtype=np.float32)[order]
        self.weights = array("f")
        values = np.array(self.values, dtype=object)
        self.terms, self.values = array("I"), []
        values = values[order]
        del order
        for text in sorted(self.term_ids):
            number = self.term_ids[text]
            start, end = (ends[number - 1] if number else 0), ends[number]
            # Python ints and floats, like the arrays whoosh's add_posting fills (pickled in blocks).
            yield text, docs[start:end].tolist(), weights[start:end].tolist(), values[start:end].tolist()
        self.term_ids.clear()


class TermPool:
    """Postings of one segment, per field (:class:`FieldPostings`). Takes the place of whoosh's
    ``PostingPool`` (``add``, ``fieldnames``, ``cleanup``)."""

    def __init__(self) -> None:
        self.fields: dict[str, FieldPostings] = {}
        self.shared: dict[bytes, bytes] = {}

    @property
    def fieldnames(self) -> set[str]:
        return set(self.fields)

    def field(self, fieldname: str) -> FieldPostings:
        found = self.fields.get(fieldname)
        if found is None:
            found = self.fields[fieldname] = FieldPostings()
        return found

    def add(self, item) -> None:
        """One posting (whoosh's pool interface: merging a segment in ``add_reader``)."""
        fieldname, text, docnum, weight, value = item
        self.field(fieldname).extend(docnum, (text,), (weight,), (value,), self.shared)

    def cleanup(self) -> None:
        self.fields.clear()
        self.shared.clear()


class BulkSegmentWriter(SegmentWriter):
    """Whoosh's segment writer with :class:`TermPool` as its pool and :func:`write_terms` at the
    end. Documents must be added in order (``add_document``, ``add_reader`` do)."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self.pool = TermPool()

    def add_document(self, **fields):
        """Whoosh's ``SegmentWriter.add_document`` for our schema (no spelling or vector fields),
        with a document's postings in a field added to the pool at once (:func:`field_postings`):
        whoosh hands the pool one tuple per posting."""
        self._check_state()
        perdocwriter, schema, docnum = self.perdocwriter, self.schema, self.docnum
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        for fieldname in fieldnames:
            value = fields.get(fieldname)
            if value is None:
                continue
            field = schema[fieldname]
            if field.separate_spelling() or field.vector:
                raise NotImplementedError(f"{fieldname}: spelling and vector fields are not written by BulkSegmentWriter")
            length = 0
            if field.indexed:
                texts, freqs, weights, values = field_postings(field, value)
                if texts:
                    boost = self._field_boost(fields, fieldname, docboost)
                    if boost != 1.0:
                        weights = [weight * boost for weight in weights]
                    self.pool.field(fieldname).extend(docnum, texts, weights, values, self.pool.shared)
                    if field.scorable:
                        length = sum(freqs)
            stored = fields.get(f"_stored_{fieldname}", value)
            perdocwriter.add_field(fieldname, field, stored if field.stored else None, length)
            if field.column_type and stored is not None:
                perdocwriter.add_column_value(fieldname, field.column_type, field.to_column_value(stored))
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self):
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        try:
            write_terms(self.fieldwriter, self.schema, lengths, self.pool, self.docnum)
        finally:
            self.fieldwriter.close()
            if lengths:
                lengths.close()


_FREQUENCY_VALUES = [pack_uint(freq) for freq in range(256)]


def field_postings(field, value) -> tuple[tuple, tuple, tuple, tuple]:
    """(terms, frequencies, weights, values) of one field value, as parallel tuples: what whoosh's
    ``field.index(value)`` yields. For our jieba text fields (``Frequency`` format over
    :class:`ChineseTokenizer`) counted straight from :func:`segment`'s words, which is what
    ``Frequency.word_values`` does through a token object and two dicts per word."""
    if type(field.format) is Frequency and type(field.analyzer) is ChineseTokenizer and isinstance(value, str):
        counts = Counter([word.text for word in segment(value, for_index=True)])
        boost = field.format.field_boost
        freqs = tuple(counts.values())
        return (tuple(text.encode("utf8") for text in counts), freqs, tuple(float(f) * boost for f in freqs),
                tuple(_FREQUENCY_VALUES[f] if f < 256 else pack_uint(f) for f in freqs))
    postings = list(field.index(value))
    return tuple(zip(*postings)) if postings else ((), (), (), ())


def _field_lengths(lengths, fieldname: str, doc_count: int) -> np.ndarray | None:
    """Each document's length in ``fieldname`` as whoosh stores it (0: none), or None."""
    if lengths is None:
        return None
    return np.array([lengths.doc_field_length(d, fieldname) or 0 for d in range(doc_count)], dtype=np.int64)


def write_terms(fieldwriter, schema, lengths, pool: TermPool, doc_count: int) -> None:
    """Write every term of ``pool`` in (field, term) order, a whole block at a time, with the block
    statistics whoosh's ``add_posting`` would have gathered (max weight, min/max field length)."""
    for fieldname in sorted(pool.fields):
        postings = pool.fields.pop(fieldname)
        fieldwriter.start_field(fieldname, schema[fieldname])
        field_lengths = _field_lengths(lengths, fieldname, doc_count) if schema[fieldname].scorable else None
        for text, docs, weights, values in postings.grouped():
            _write_term(fieldwriter, text, docs, weights, values, field_lengths)
        fieldwriter.finish_field()


def _write_term(fieldwriter, text: bytes, docs: list, weights: list, values: list, field_lengths) -> None:
    """One term's postings as whole blocks of the postings writer's size; the last block is left to
    ``finish_term``, which writes it (or inlines a short list) as ``add_posting`` would have."""
    fieldwriter.start_term(text)
    writer = fieldwriter._postwriter
    size = writer._blocklimit
    count = len(docs)
    for start in range(0, count, size):
        end = min(count, start + size)
        block_weights = weights[start:end]
        writer._ids = docs[start:end]
        writer._weights = block_weights
        # Like W3PostingsWriter.add_posting: a block keeps only its non-empty values.
        writer._values = [value for value in values[start:end] if value]
        writer._maxweight = max(0, max(block_weights))
        writer._minlength, writer._maxlength = None, 0
        if field_lengths is not None:
            block_lengths = field_lengths[docs[start:end]]
            block_lengths = block_lengths[block_lengths > 0]
            if len(block_lengths):
                writer._minlength, writer._maxlength = int(block_lengths.min()), int(block_lengths.max())
        if end < count:
            writer._write_block()
    fieldwriter.finish_term()


def chunk_ids(ids: list[int], procs: int, most: int = MAX_SEGMENT_DOCS) -> list[list[int]]:
    """``ids`` split into a multiple of ``procs`` near-equal runs of at most ``most``: the workers
    finish together, and no segment (one per run) outgrows the pool's memory bound."""
    if not ids:
        return []
    rounds = math.ceil(len(ids) / (procs * most))
    parts = max(1, min(len(ids), procs * rounds))
    size, longer = divmod(len(ids), parts)  # the first ``longer`` runs take one id more
    runs, start = [], 0
    for part in range(parts):
        end = start + size + (part < longer)
        runs.append(ids[start:end])
        start = end
    return runs


_JOB: dict = {}  # what every worker of build_segments needs (set before the fork, not pickled)


def _write_segment(ids: list[int]):
    """One segment of the given articles (in a worker process, or this one); returns (segment or
    None, documents written). A worker's own database connection ends with its process."""
    ix, document_batches = _JOB["ix"], _JOB["document_batches"]

    # Like whoosh's own sub-writers: no lock (the parent's writer holds it), and no _finish(),
    # which would delete the temporary folder every writer of this index shares.
    writer = BulkSegmentWriter(ix, _lk=False)
    added = 0
    try:
        for docs in document_batches(ids):
            for doc in docs:
                writer.add_document(**doc)
                added += 1
        if added:
            segment = writer._finalize_segment()
        else:
            segment = None
            writer._close_segment()
    except BaseException:
        with contextlib.suppress(Exception):
            writer._close_segment()
        raise
    return segment, added


def build_segments(writer, ix, id_chunks: list[list[int]], document_batches, *, procs: int,
                   progress=None) -> int:
    """Write one segment per chunk of ids (``procs`` processes at a time, or in this process when
    ``procs`` is 1) and commit them as the whole index, replacing what was there. ``writer`` is the
    locked ``SegmentWriter`` of ``ix`` that owns the commit; ``document_batches(ids)`` yields lists of
    whoosh documents. Returns the number of documents written."""
    from django.db import connections

    from whoosh.writing import CLEAR

    _JOB.update(ix=ix, document_batches=document_batches)
    segments, written = [], 0
    # Worker processes read the database on their own connections, so they see only committed
    # rows: inside a transaction (a test's), the build stays in this process.
    if procs > 1 and len(id_chunks) > 1 and not any(c.in_atomic_block for c in connections.all()):
        connections.close_all()  # a forked child must open its own database connection
        # gc.freeze in each worker: the objects it inherits (Django, jieba's dictionary) are never
        # scanned by its garbage collector again; the worker ends with its segment anyway.
        with multiprocessing.get_context("fork").Pool(procs, initializer=gc.freeze, maxtasksperchild=1) as pool:
            for segment, added in pool.imap(_write_segment, id_chunks):
                segments.append(segment)
                written += added
                if progress:
                    progress(written)
            pool.close()
            pool.join()  # the children's CPU counts in RUSAGE_CHILDREN once they are waited for
    else:
        for chunk in id_chunks:
            segment, added = _write_segment(chunk)
            segments.append(segment)
            written += added
            if progress:
                progress(written)
    kept = writer._merge_segments(CLEAR, None, None)  # CLEAR: the old segments are dropped
    writer._close_segment()
    writer._commit_toc(kept + [s for s in segments if s is not None])
    writer._finish()
    return written


def internals_problems() -> list[str]:
    """What :class:`BulkSegmentWriter` needs from whoosh and cannot find ([] when all is well)."""
    import inspect

    from whoosh.codec import whoosh3

    problems = [f"SegmentWriter.{name}() is missing" for name in WRITER_METHODS
                if not callable(getattr(SegmentWriter, name, None))]
    init = inspect.getsource(SegmentWriter.__init__)
    problems += [f"SegmentWriter no longer sets self.{name}" for name in ("pool", "newsegment", "fieldwriter")
                 if f"self.{name}" not in init]
    postings_writer = getattr(whoosh3, "W3PostingsWriter", None)
    if postings_writer is None:
        return problems + ["whoosh.codec.whoosh3.W3PostingsWriter is gone"]
    source = inspect.getsource(postings_writer)
    problems += [f"W3PostingsWriter no longer uses self.{name}" for name in POSTINGS_WRITER_ATTRIBUTES
                 if f"self.{name}" not in source]
    if not callable(getattr(postings_writer, "_write_block", None)):
        problems.append("W3PostingsWriter._write_block() is missing")
    field_writer = inspect.getsource(whoosh3.W3FieldWriter)
    if "self._postwriter" not in field_writer:
        problems.append("W3FieldWriter no longer keeps self._postwriter")
    return problems
