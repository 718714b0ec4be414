"""Index updates are recorded in the change's own transaction, coalesced per article, claimed with
a lease, and only forgotten once a writer commit has covered them."""

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Credit, PendingIndexUpdate
from articles.search import queue
from articles.search.indexing import schedule_reindex
from articles.search.service import search
from articles.search.writer import index_pending

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_queue")]


def pending() -> list[int]:
    return sorted(PendingIndexUpdate.objects.values_list("article_id", flat=True))


def test_updates_are_recorded_in_the_transaction_and_coalesced():
    with transaction.atomic():
        schedule_reindex([3, 1])
        schedule_reindex([2, 3])
        assert pending() == [1, 2, 3]  # visible inside the transaction already: it commits with it
    assert PendingIndexUpdate.objects.count() == 3  # one row per article, however often recorded


def test_a_rolled_back_change_records_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        schedule_reindex([7])
        raise RuntimeError
    schedule_reindex([8])
    assert pending() == [8]


def test_saves_and_deletes_are_recorded():
    article = Article.objects.filter(credits__isnull=False).first()
    article.headline = "改过的标题"
    article.save()
    Credit.objects.filter(article=article).first().delete()
    assert pending() == [article.pk]


def test_the_writer_updates_changed_and_deletes_vanished_articles_in_one_commit(private_index):
    changed, vanished = Article.objects.order_by("pk")[:2]
    assert not search("琉璃瓦").total and search(vanished.headline).total
    changed.headline = "琉璃瓦的故事"
    changed.save()
    vanished_id = vanished.pk
    vanished.delete()
    report = index_pending()
    assert (report.updated, report.deleted) == (1, 1)
    assert pending() == []
    assert [h.article_id for h in search("琉璃瓦").hits] == [changed.pk]
    assert vanished_id not in {h.article_id for h in search("", browse=True, per_page=100).hits}


def test_a_change_made_while_claimed_survives_the_finish():
    schedule_reindex([5, 6])
    batch = queue.claim()
    assert batch.ids == [5, 6]
    schedule_reindex([6])  # an editor changes article 6 after the writer read it
    assert queue.finish(batch) == 1
    assert pending() == [6] and queue.waiting()


def test_a_claimed_row_is_not_claimed_twice_until_its_lease_expires():
    schedule_reindex([5])
    first = queue.claim()
    assert first.ids == [5] and not queue.claim() and not queue.waiting()
    PendingIndexUpdate.objects.update(lease_owner="elsewhere:1:1", lease_until=timezone.now() - dt.timedelta(seconds=1))
    assert queue.claim().ids == [5]  # the other host's worker died: its lease ran out


def test_a_dead_worker_on_this_host_gives_its_rows_back_at_once():
    import subprocess

    gone = subprocess.Popen(["true"])
    gone.wait()
    schedule_reindex([5])
    PendingIndexUpdate.objects.update(lease_owner=f"{queue.worker_name().split(':')[0]}:{gone.pid}:1",
                                      lease_until=timezone.now() + dt.timedelta(hours=1))
    assert queue.claim().ids == [5]


def test_a_locked_index_leaves_the_updates_pending(private_index):
    from whoosh.index import LockError

    from articles.search.store import open_index

    schedule_reindex([1, 2])
    holder = open_index().writer()  # another writer (a full build) holds the lock
    try:
        with pytest.raises(LockError):
            index_pending(timeout=0.2)
    finally:
        holder.cancel()
    assert pending() == [1, 2] and queue.waiting()


def test_an_article_that_cannot_be_indexed_does_not_hold_up_the_others(private_index, monkeypatch):
    from articles.search import writer

    bad, good = Article.objects.order_by("pk")[:2]
    original = writer._document

    def failing(index, backend, article):
        if article.pk == bad.pk:
            raise ValueError("broken article")
        return original(index, backend, article)

    monkeypatch.setattr(writer, "_document", failing)
    good.headline = "琉璃瓦的故事"
    good.save()
    schedule_reindex([bad.pk])
    report = index_pending()
    assert report.updated == 1 and list(report.failed) == [bad.pk]
    row = PendingIndexUpdate.objects.get()
    assert row.article_id == bad.pk and row.attempts == 1 and "broken article" in row.last_error
    assert not queue.waiting()  # backing off
    assert [h.article_id for h in search("琉璃瓦").hits] == [good.pk]


def test_a_full_rebuild_clears_the_pending_updates_it_covers(private_index):
    from django.core.management import call_command

    article = Article.objects.order_by("pk").first()
    article.headline = "琉璃瓦的故事"
    article.save()
    assert pending() == [article.pk]

    call_command("build_index", verbosity=0)

    assert pending() == []  # the worker has nothing left to redo …
    assert [h.article_id for h in search("琉璃瓦").hits] == [article.pk]  # … and the change is searchable


def test_a_bounded_batch_takes_the_newest_and_the_oldest_updates():
    start = timezone.now() - dt.timedelta(minutes=10)
    for n in range(1, 11):
        schedule_reindex([n])
        PendingIndexUpdate.objects.filter(article_id=n).update(queued_at=start + dt.timedelta(seconds=n))
    assert queue.claim(limit=4).ids == [1, 2, 9, 10]  # an editor's latest change is not stuck behind a backlog
    assert queue.claim(limit=None).ids == [3, 4, 5, 6, 7, 8]
