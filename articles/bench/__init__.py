"""Benchmarks on synthetic archives: the corpus every bench command builds (``corpus``) and
``manage.py bench_search`` — ``queries`` (what is asked), ``measure`` (clocks), ``ours``,
``reference`` (tantivy) and ``stock`` (haystack's Whoosh backend), ``runner`` and ``report``."""
