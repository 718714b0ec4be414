"""Readers' problem reports: stored, flagged for editors, countable per client for rate limits."""

import pytest

from articles.editing import InvalidOperation, hash_client, recent_report_count, report_problem
from articles.models import Flag, FlagCode, ProblemReport

from .helpers import articles_of


def test_a_report_lands_in_the_editors_queue(make_page):
    article = articles_of(make_page([[("headline", "甲")]]))[0]
    client = hash_client("203.0.113.9")
    report = report_problem(article, "  第三段“李德顺”写成了“李德|顺”  ", contact="reader@example.org", client_hash=client)
    assert report.message == "第三段“李德顺”写成了“李德|顺”" and report.status == "open"
    flag = Flag.objects.get(article=article, code=FlagCode.READER_REPORT)
    assert f"#{report.pk}" in flag.message and flag.resolved_at is None


def test_bad_reports_are_refused_and_nothing_is_stored(make_page):
    article = articles_of(make_page([[("headline", "甲")]]))[0]
    for message, contact in (("", ""), ("   ", ""), ("长" * 2001, ""), ("好", "x" * 201)):
        with pytest.raises(InvalidOperation):
            report_problem(article, message, contact)
    assert not ProblemReport.objects.filter(article=article).exists()


def test_recent_reports_are_counted_per_client_without_storing_the_address(make_page):
    article = articles_of(make_page([[("headline", "甲")]]))[0]
    one, other = hash_client("198.51.100.1"), hash_client("198.51.100.2")
    assert one != other and "198.51.100.1" not in one and len(one) == 64
    for _ in range(3):
        report_problem(article, "有错", client_hash=one)
    report_problem(article, "有错", client_hash=other)
    assert recent_report_count(one) == 3 and recent_report_count(other) == 1
    ProblemReport.objects.filter(client_hash=one).update(created_at="2000-01-01T00:00:00Z")
    assert recent_report_count(one, minutes=10) == 0
    assert recent_report_count("") == 0
