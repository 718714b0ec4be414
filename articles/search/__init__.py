"""Chinese full-text search: a haystack backend on Whoosh + jieba, the Article index and its queue.

Where things are (each module's docstring says why it is built that way):

- ``vocabulary`` the search vocabulary, once: facets/filters (URL parameter = engine name), sorts, limits.
- ``analysis``  jieba words with word-ordinal positions, the domain dictionary ``userdict.txt``.
- ``grams``     exact strings: folded character unigrams and bigrams with positions (``grams`` field).
- ``backend``   ``ChineseWhooshEngine``: haystack's Whoosh backend with that analyzer, typed facet
                columns, the ``grams`` field and CJK highlighting (settings: HAYSTACK_CONNECTIONS ENGINE).
- ``indexes``   ``ArticleIndex`` (re-exported by ``articles/search_indexes.py`` for haystack).
- ``query``     the reader's query language → ``ParsedQuery`` (never raises); ``clean_text``.
- ``aliases``   a person's other spellings added to a name typed in a query.
- ``service``   ``search()`` / ``more_like_this()``: the API the views call.
- ``ranking``   matching (numpy set operations) and BM25F ranking in two tiers.
- ``postings``  Whoosh posting blocks → numpy (the only reader of Whoosh's private attributes).
- ``highlight`` escaped HTML fragments with ``<mark>``.
- ``store``     the per-process cached searcher, per-segment array cache, facet columns.
- ``indexing``  ``schedule_reindex(ids)``: record index updates in the caller's transaction.
- ``queue``     the pending updates (``PendingIndexUpdate`` rows): record, claim with a lease, finish.
- ``writer``    the only code that writes the index (a batch of pending updates, or a full build).
- ``worker``    ``manage.py index_worker``: indexes pending updates, reconciles, checks for drift.
- ``signals``   haystack signal processor → ``schedule_reindex``.
- ``drift`` / ``checks``  ``manage.py check_index`` and the system checks ``articles.search.*``.
- ``engines``   which engine answers: ``SEARCH_ENGINE`` = whoosh (default) or postgresql.
- ``pg/``       the search engine inside PostgreSQL: documents written in each change's own
                transaction, the same query language and semantics (see ``pg/__init__.py``).
- ``evaluation`` exact-string recall/precision and judged queries (``manage.py evaluate_search``).
- ``edit_lag``  ``manage.py bench_index_lag``: edit-to-findable time with editors and an import running.

Running: ``manage.py build_index`` (full rebuild, one writer), ``manage.py index_worker`` (the one
index writer; ``scripts/serve.sh`` keeps it running), ``manage.py check_index [--fix]``; the benchmark
``manage.py bench_search`` lives in ``articles.bench``.
"""
