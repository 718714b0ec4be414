"""The search engine inside PostgreSQL (``SEARCH_ENGINE=postgresql``): same API, same query
language, same exact-string semantics as the Whoosh engine, and no index folder, no worker.

Why it exists: the Whoosh index is a folder on one machine that gunicorn and the index worker
share. With several web hosts and one PostgreSQL primary (docs/DEPLOY.md), the index belongs in the
database: every host reads the same documents (from a replica, if the router sends it there), and a
document is written in the same transaction as the change that causes it (``documents.reindex``,
called by ``indexing.schedule_reindex``): no lag, no drift, nothing to run beside gunicorn.

- ``schema``    the table's name (the table: migration ``0012_postgresql_search_documents``).
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

Rejected: ``pg_trgm`` (a trigram index cannot answer one- or two-character strings, which are
most Chinese words, and LIKE over them falls back to reading every row); RUM (ranked top-k from
the index; an extension to install on every server — Debian's ``postgresql-15-rum`` — for a gain
only on very common words, where the facets over the matching set cost as much as the ranking).
"""
