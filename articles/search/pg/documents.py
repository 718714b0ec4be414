"""Writing the PostgreSQL engine's search documents: in the caller's transaction, from the same
``ArticleIndex`` that feeds the Whoosh index (one rule for what is searchable).

``reindex(ids)`` rewrites (or deletes) the documents of these articles *now*, inside the current
transaction: the document commits or rolls back with the change that caused it. ``rebuild()``
rewrites every document (``manage.py build_index``); ``indexed_versions()`` feeds ``check_index``.

A row (see the table in ``articles.search.pg``):

- ``words``: the jieba index-mode words (``analysis.segment(for_index=True)``, the tokens Whoosh
  indexes) of the title group with weight A and of the column label and body with weight D, one
  position per occurrence, so ``ts_rank`` sees term frequencies. Positions are only counts here
  (PostgreSQL keeps at most 256 per lexeme and none beyond 16,383): exactness never relies on them.
- ``grams``: every character and character pair of each compacted searchable part (the ``grams``
  field's parts, ``grams.parts_with_starts``), without positions: candidates for exact strings.
- ``exact`` / ``title_exact``: the compacted parts (all of them / the title lines), one per line:
  the recheck ``strpos`` reads, and a line break never matches, so no string runs across parts.
"""

from __future__ import annotations

import functools
import gc
import multiprocessing
import time
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections

from articles.search import grams
from articles.search.analysis import get_segmenter, segment
from articles.search.bulkwrite import chunk_ids
from articles.search.indexes import ArticleIndex, indexable_articles

from .schema import TABLE

MAX_POSITION = 16383  # PostgreSQL's largest tsvector position
MAX_LEXEME_CHARS = 200  # a lexeme may have 2 KB; no real word comes near
CHUNK = 500

COLUMNS = ("article_id", "words", "grams", "exact", "title_exact", "date", "year", "page_name", "newspaper",
           "city", "county", "topics", "persons", "person_names", "slug", "kicker", "headline", "subtitle",
           "body", "page_number", "updated", "version")
_PLACEHOLDERS = ", ".join("%s::tsvector" if c == "words" else "array_to_tsvector(%s::text[])" if c == "grams"
                          else "%s" for c in COLUMNS)
UPSERT_SQL = (f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ({_PLACEHOLDERS}) "
              f"ON CONFLICT (article_id) DO UPDATE SET "
              + ", ".join(f"{c} = EXCLUDED.{c}" for c in COLUMNS[1:]))


def quote_lexeme(text: str) -> str:
    """A lexeme as tsvector/tsquery input: quoted, its quotes doubled and backslashes escaped."""
    return "'" + text[:MAX_LEXEME_CHARS].replace("\\", "\\\\").replace("'", "''") + "'"


def words_vector(title: str, rest: str) -> str:
    """The ``words`` tsvector as input text: title words weight A, the others weight D."""
    positions: dict[str, list[str]] = {}
    position = 0
    for text, weight in ((title, "A"), (rest, "")):
        for word in segment(text, for_index=True):
            position = min(position + 1, MAX_POSITION)
            found = positions.setdefault(word.text, [])
            if len(found) < 256:
                found.append(f"{position}{weight}")
    return " ".join(f"{quote_lexeme(word)}:{','.join(p)}" for word, p in positions.items())


def exact_parts(value: str) -> tuple[list[str], list[str]]:
    """(every compacted part, the title lines' parts) of a ``grams`` field value."""
    every, titled = [], []
    for start, text in grams.parts_with_starts(value):
        every.append(text)
        if start < grams.BODY_START:
            titled.append(text)
    return every, titled


def gram_lexemes(parts: Iterable[str]) -> list[str]:
    """Each character and each pair of neighbouring characters within a part, once."""
    found: dict[str, None] = {}
    for text in parts:
        for i, ch in enumerate(text):
            found[ch] = None
            if i + 1 < len(text):
                found[text[i : i + 2]] = None
    return list(found)


def row(index: ArticleIndex, article) -> tuple:
    """The document row of one article (loaded through ``indexable_articles``)."""
    prepared = index.full_prepare(article)
    title, rest = index.word_texts(article)
    every, titled = exact_parts(prepared.get("grams") or "")
    values = {
        "article_id": article.pk,
        "words": words_vector(title, rest),
        "grams": gram_lexemes(every),
        "exact": "\n".join(every),
        "title_exact": "\n".join(titled),
        "city": prepared.get("city") or [],
        "county": prepared.get("county") or [],
        "topics": prepared.get("topics") or [],
        "persons": prepared.get("persons") or [],
        "person_names": prepared.get("person_names") or [],
        "page_number": prepared.get("page_number"),
        "version": prepared.get("version"),
        "year": prepared.get("year"),
        "date": prepared.get("date"),
    }
    return tuple(values[c] if c in values else (prepared.get(c) or "") for c in COLUMNS)


def rows_of(chunk: list[int], using: str = DEFAULT_DB_ALIAS) -> list[tuple]:
    """The document rows of these articles (those that exist), as the database shows them."""
    index = ArticleIndex()
    return [row(index, article) for article in indexable_articles().using(using).filter(pk__in=chunk)]


def write_rows(chunk: list[int], rows: list[tuple], using: str = DEFAULT_DB_ALIAS) -> int:
    """Upsert ``rows``, the documents of ``chunk``'s articles, and delete the documents of the
    articles of ``chunk`` that have none (deleted articles)."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE article_id = ANY(%s) AND NOT article_id = ANY(%s)",
                       [chunk, [r[0] for r in rows]])
        if rows:
            cursor.executemany(UPSERT_SQL, rows)
    return len(rows)


def reindex(article_ids: Iterable[int], using: str = DEFAULT_DB_ALIAS) -> int:
    """Rewrite the documents of these articles from the database as this transaction sees it;
    delete those of articles that no longer exist. Returns the number of documents written."""
    ids = sorted({int(i) for i in article_ids if i is not None})
    return sum(write_rows(chunk, rows_of(chunk, using), using) for chunk in chunk_ids(ids, 1, CHUNK))


@dataclass
class BuildReport:
    updated: int = 0
    deleted: int = 0
    seconds: float = 0.0


def rebuild(using: str = DEFAULT_DB_ALIAS, progress=None, procs: int | None = None) -> BuildReport:
    """Every article's document, written afresh in one transaction (readers see the old documents
    until it commits), then ANALYZE so the planner knows the new table.

    The rows are computed by ``procs`` processes (jieba's cut is most of the work, and Python runs
    it on one core per process) and written by this one, in its transaction: 100,000 documents in
    252 s on 2 cores (397 docs/s; 68 in one process). Workers read the articles on their own
    connections, i.e. what is committed — so inside an outer transaction (a test's) the rows are
    computed here. The ids are read after the DELETE: an article committed before it is rewritten
    here, one committed after it keeps the document its own transaction wrote."""
    from django.db import transaction

    from articles.models import Article
    from articles.search.writer import BUILD_PROCS, MP_MIN_DOCS

    started = time.perf_counter()
    report = BuildReport()
    if procs is None:
        procs = BUILD_PROCS if Article.objects.using(using).count() >= MP_MIN_DOCS else 1
    with _row_computer(procs, using) as compute:
        with transaction.atomic(using=using):
            with connections[using].cursor() as cursor:
                cursor.execute(f"DELETE FROM {TABLE}")
                removed = cursor.rowcount
            ids = list(Article.objects.using(using).order_by("pk").values_list("pk", flat=True))
            report.deleted = max(0, removed - len(ids))
            for chunk, rows in compute(chunk_ids(ids, procs, CHUNK)):  # near-equal runs, a multiple of procs
                report.updated += write_rows(chunk, rows, using)
                if progress:
                    progress(report.updated, len(ids))
    with connections[using].cursor() as cursor:
        cursor.execute(f"ANALYZE {TABLE}")
    report.seconds = time.perf_counter() - started
    return report


def _chunk_rows(chunk: list[int], using: str) -> tuple[list[int], list[tuple]]:
    return chunk, rows_of(chunk, using)


@contextmanager
def _row_computer(procs: int, using: str):
    """A function from chunks of ids to (chunk, rows) pairs in order: a pool of ``procs`` forked
    processes, or this process when one is asked for or a transaction is open here."""
    if procs <= 1 or connections[using].in_atomic_block:
        yield lambda id_chunks: (_chunk_rows(chunk, using) for chunk in id_chunks)
        return
    get_segmenter()  # loaded once here, inherited by the workers
    connections.close_all()  # a forked child must open its own database connection
    with multiprocessing.get_context("fork").Pool(procs, initializer=gc.freeze) as pool:
        yield lambda id_chunks: pool.imap(functools.partial(_chunk_rows, using=using), id_chunks)
        pool.close()
        pool.join()  # the children's CPU counts in RUSAGE_CHILDREN once they are waited for


def indexed_versions(using: str = DEFAULT_DB_ALIAS) -> dict[int, tuple[str, int | None]]:
    """{article id: (updated ISO string, version)} of every document (for ``check_index``)."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT article_id, updated, version FROM {TABLE}")
        return {int(pk): (updated or "", version) for pk, updated, version in cursor.fetchall()}


def document_count(using: str = DEFAULT_DB_ALIAS) -> int:
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {TABLE}")
        return int(cursor.fetchone()[0])
