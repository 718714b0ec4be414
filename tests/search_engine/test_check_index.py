"""``manage.py check_index`` finds every kind of drift, exits non-zero, and ``--fix`` queues repairs."""

import io

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, PendingIndexUpdate
from articles.search.store import document_id, open_index

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_queue")]


def run(*args):
    out = io.StringIO()
    try:
        call_command("check_index", *args, stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue()
    return 0, out.getvalue()


def test_no_drift_after_a_build(private_index):
    code, out = run()
    assert code == 0 and "No drift." in out


def test_reports_missing_orphaned_and_stale_and_fix_queues_them(private_index):
    first, second, third = Article.objects.order_by("pk")[:3]
    writer = open_index().writer()
    writer.delete_by_term("id", document_id(first.pk))  # in the database, not in the index
    writer.commit()
    second_id = second.pk
    second.delete()  # in the index, not in the database
    third.headline += "（更正）"
    third.save()  # changed since it was indexed
    code, out = run()
    assert code == 1
    assert f"1 in the database but not in the index: {first.pk}" in out
    assert f"1 in the index but not in the database: {second_id}" in out
    assert f"1 stale in the index (changed since indexed): {third.pk}" in out
    code, out = run("--fix")
    assert code == 1 and "Queued 3" in out
    assert sorted(PendingIndexUpdate.objects.values_list("article_id", flat=True)) == sorted(
        [first.pk, second_id, third.pk])
