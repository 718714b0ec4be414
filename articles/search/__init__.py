"""Chinese full-text search: a haystack backend on Whoosh + jieba, the Article index and its queue.

Where things are (each module's docstring says why it is built that way):

- ``analysis``  jieba words with word-ordinal positions, the domain dictionary ``userdict.txt``.
- ``backend``   ``ChineseWhooshEngine``: haystack's Whoosh backend with that analyzer, typed facet
                columns and CJK highlighting (settings: HAYSTACK_CONNECTIONS ENGINE).
- ``indexes``   ``ArticleIndex`` (re-exported by ``articles/search_indexes.py`` for haystack).
- ``query``     the reader's query language → ``ParsedQuery`` (never raises).
- ``service``   ``search()`` / ``more_like_this()``: the API the views call.
- ``highlight`` escaped HTML fragments with ``<mark>``.
- ``store``     the per-process cached searcher and in-memory facet columns.
- ``indexing``  ``schedule_reindex(ids)``: queue index updates on commit (everyone calls this).
- ``tasks`` / ``writer``  the queue's task and the only code that writes the index.
- ``signals``   haystack signal processor → ``schedule_reindex``.
- ``drift`` / ``checks``  ``manage.py check_index`` and the system checks ``articles.search.*``.

Running: ``manage.py build_index`` (full rebuild, one writer), ``manage.py db_worker --queue-name
default,search`` (the one index writer), ``manage.py check_index [--fix]``; the benchmark
``manage.py bench_search`` lives in ``articles.bench``.
"""
