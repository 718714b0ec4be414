"""A real Whoosh index on disk, built once per test session (per xdist worker, in its own tmp
folder) from the seeded test database, for the search pages' tests.

(If the engine's tests grow a shared ``search_index`` fixture in tests/conftest.py, this one can go.)
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from haystack import connections

from articles.search.store import reset_searcher
from articles.search.writer import build_index


def point_index_at(path) -> None:
    settings.HAYSTACK_CONNECTIONS["default"]["PATH"] = str(path)
    connections.reload("default")
    reset_searcher()
    cache.clear()  # the empty state caches example-query counts


@pytest.fixture(scope="session")
def search_index(django_db_setup, django_db_blocker, tmp_path_factory):
    original = settings.HAYSTACK_CONNECTIONS["default"]["PATH"]
    path = tmp_path_factory.mktemp("search_pages_index")
    point_index_at(path)
    with django_db_blocker.unblock():
        build_index()
    reset_searcher()
    yield path
    point_index_at(original)
