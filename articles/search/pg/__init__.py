"""The search engine inside PostgreSQL (``SEARCH_ENGINE=postgresql``): same API, same query
language, same exact-string semantics as the Whoosh engine, and no index folder, no worker.

Why it exists: the Whoosh index is a folder on one machine that gunicorn and the index worker
share. With several web hosts and one PostgreSQL primary (docs/DEPLOY.md), the index belongs in the
database: every host reads the same documents (from a replica, if the router sends it there), and a
document is written in the same transaction as the change that causes it (``documents.reindex``,
called by ``indexing.schedule_reindex``): no lag, no drift, nothing to run beside gunicorn.

- ``schema``    the table's name (the table: migration ``0015_postgresql_search_documents``).
- ``documents`` a document per article, from ``ArticleIndex`` (the Whoosh side's one definition of
                what is searchable); ``reindex`` in the caller's transaction, ``rebuild``.
- ``matching``  ParsedQuery → SQL: the matching and "strong" rules of ``ranking.clause_match``.
- ``service``   ``search`` (count, facets, page in one statement), ``more_like_this_hits``.
- ``backend``   the haystack backend, so ``SearchQuerySet()`` works on this engine too.

Index structures (table ``articles_search_document``, one row per article) and why — see
"Measured" below for the figures:

- ``words tsvector`` + GIN: jieba index-mode words, title words weight A, others D, one position
  per occurrence (for ``ts_rank``'s term frequency). The 'simple' configuration is never involved:
  the vector is written from our own tokens (``::tsvector`` input), the query from our own words.
- ``grams tsvector`` + GIN: every character and neighbouring pair of characters of each compacted
  searchable part, *without positions* (PostgreSQL keeps 256 positions per lexeme at most and none
  beyond 16,383, so positions could not prove an exact match). A string's covering pairs give
  candidates; strings of three characters or more are rechecked with ``strpos`` on ``exact``.
- ``exact``/``title_exact text``: the compacted parts, one per line (no match across parts).
- facet columns (``city``/``county``/``topics``/``persons`` text[], ``year``, ``page_name``,
  ``newspaper``) and the stored fields of a result line, so one row answers a hit.

How the SQL is shaped (``matching``, ``service``), each choice measured with EXPLAIN ANALYZE on a
30,000-article synthetic corpus (``articles.bench.corpus``), 工会 matching 28,510 of them, on the 2
shared cores of the development machine at load 8–18 (absolute figures are several times a quiet
server's; compare the pairs):

- A query is a union/intersection of *arms*, each answered by one GIN index. Testing ``words``
  row by row means decompressing its ~3.6 KB vector (~12 µs a row): the strong set of 工会 took
  582 ms as a row test, 28 ms through the index.
- Sequential scans are off for searches: for a condition matching most rows the planner reads the
  whole table and tests ``grams`` on each row — 641 ms against 43 ms through the GIN index.
- Scoring (``ts_rank``) decompresses ``words`` too: 522 ms for all 28,510 documents. So once more
  than ``service.RANK_ALL`` (3,000) documents match strongly, only those with a query term in the
  title lines are scored; the other strong matches follow newest first. The matching set, counts
  and facets stay exact; only the order inside a very common word's body-only matches changes.
- Facets: every facet's values of the matching rows in one pass and one grouping (147 ms against
  200 ms for one grouping per facet). The rows of a one-term query come from a bitmap scan of its
  GIN index; other queries fetch the ids of their set through the primary key
  (``matching.matching_condition``).
- Together: search("工会") with facets 1,440 ms → 293 ms, "模工" (quoted) 1,344 → 139 ms at 30,000.
  Side by side with the Whoosh engine: ``manage.py bench_search`` with a PostgreSQL DATABASE_URL.

Where it stands (docs/DEPLOY.md, "Measured"): at 10,000 articles the /search/ page is within
0.97–1.4× of the Whoosh engine's; at 100,000 a word found in most articles costs ~0.5 s of server
CPU (5–7 µs per matching article: the facet rows and the strong set are visited row by row), far
from Whoosh's numpy columns. Selective queries and strings stay fast.

Not chosen: ``pg_trgm`` (tried on 5,000 of those documents' ``exact`` text in the C.UTF-8
database: it does extract trigrams of Chinese characters, and ``LIKE '%体检车%'`` used its GIN index
— 0.5 ms — but ``LIKE '%工会%'`` read every row: a trigram index cannot serve strings of one or two
characters, which are most Chinese words; the character and pair lexemes of ``grams`` serve every
length); RUM (Debian's
``postgresql-15-rum``: ranked top-k from positions kept in the index, the fix for the bounded
scoring above; an extension every server and the test clusters would have to install — the next
step if relevance order for very common words matters more than that).
"""
