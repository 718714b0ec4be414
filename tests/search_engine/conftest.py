"""Fixtures of the search engine's tests.

``search_index`` (tests/conftest.py) is the seeded archive's index, shared and read-only.
``private_index`` is an empty index of one test's own, for tests that write (the queue, drift).
"""

from pathlib import Path

import pytest
from django.core.management import call_command


@pytest.fixture
def private_index(search_index, tmp_path, django_db_blocker) -> Path:
    """An index in this test's temp folder, built from the (seeded) database; restored after."""
    from django.conf import settings
    from haystack import connections

    from articles.search.store import reset_searcher

    previous = settings.HAYSTACK_CONNECTIONS["default"]["PATH"]
    path = tmp_path / "index"
    settings.HAYSTACK_CONNECTIONS["default"]["PATH"] = str(path)
    connections.reload("default")
    reset_searcher()
    call_command("build_index", verbosity=0)
    yield path
    settings.HAYSTACK_CONNECTIONS["default"]["PATH"] = previous
    connections.reload("default")
    reset_searcher()


@pytest.fixture
def empty_queue(db):
    """Forget the updates recorded while the session's archive was imported (rolled back after)."""
    from articles.models import PendingIndexUpdate

    PendingIndexUpdate.objects.all().delete()
