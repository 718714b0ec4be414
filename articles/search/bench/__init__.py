"""The search benchmark (``manage.py bench_search``): a synthetic corpus and timed runs."""
