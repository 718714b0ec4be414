"""Fixtures of the operations tests (health, caching, deployment settings, crash and fuzz tests)."""

import pytest


@pytest.fixture
def empty_queue(db):
    """Forget the index updates recorded while the session's archive was imported (rolled back after)."""
    from articles.models import PendingIndexUpdate

    PendingIndexUpdate.objects.all().delete()
