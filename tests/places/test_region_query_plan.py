"""The large-region query walks issues newest first on SQLite (region_queries.py): SQLite plans
without statistics, so the written join order is the plan at any archive size — a plain JOIN there
scanned every article (700 ms for the largest city page at 100,000 articles, against ~150 ms).
PostgreSQL plans from statistics, so its plan is measured by ``manage.py bench_regions`` instead."""

import pytest
from django.db import connection

from articles.models import Region
from articles.views.region_queries import _NEWEST_BY_DATE

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan; PostgreSQL's depends on statistics")
def test_sqlite_walks_issues_by_date_then_pages_then_articles():
    region = Region.objects.get(code="330100")
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + _NEWEST_BY_DATE, [region.id, 20, 0])
        steps = [row[-1] for row in cursor.fetchall()]
    tables = [step.split()[1] for step in steps if step.startswith(("SCAN", "SEARCH"))]
    assert tables[:3] == ["i", "p", "a"], steps
    assert "USING COVERING INDEX" in steps[0] and "date" in steps[0], steps
