"""Fixtures of the search pages' tests.

The seeded archive's index is the shared session fixture ``search_index`` (tests/conftest.py).
Tests that need a missing or broken index point the connection elsewhere with ``point_index_at``
and point it back at ``search_index`` afterwards.
"""

from django.conf import settings
from django.core.cache import cache
from haystack import connections

from articles.search.store import reset_searcher


def point_index_at(path) -> None:
    settings.HAYSTACK_CONNECTIONS["default"]["PATH"] = str(path)
    connections.reload("default")
    reset_searcher()
    cache.clear()  # the empty state caches example-query counts per index
