"""Index updates go through the durable queue: batched per transaction, applied by the task,
never lost when the index is locked."""

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from articles.models import Article, Credit
from articles.search.indexing import schedule_reindex
from articles.search.service import search
from articles.search.tasks import SEARCH_QUEUE, reindex_articles

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_queue")]


def queued_ids() -> list[list[int]]:
    return [r.args_kwargs["args"][0] for r in DBTaskResult.objects.filter(queue_name=SEARCH_QUEUE).order_by("enqueued_at")]


def test_one_task_per_transaction_on_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        schedule_reindex([3, 1])
        schedule_reindex([2, 3])
        assert queued_ids() == []  # nothing before commit
    assert len(callbacks) == 1
    assert queued_ids() == [[1, 2, 3]]


def test_rolled_back_savepoint_queues_nothing_and_later_calls_still_queue(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            schedule_reindex([7])
            raise RuntimeError
        schedule_reindex([8])
    assert queued_ids() == [[8]]


def test_saves_and_deletes_are_routed_through_the_queue(django_capture_on_commit_callbacks):
    article = Article.objects.filter(credits__isnull=False).first()
    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "改过的标题"
        article.save()
        Credit.objects.filter(article=article).first().delete()
    assert queued_ids() == [[article.pk]]


def test_the_task_updates_changed_and_deletes_vanished_articles(private_index):
    changed, vanished = Article.objects.order_by("pk")[:2]
    assert not search("琉璃瓦").total and search(vanished.headline).total
    changed.headline = "琉璃瓦的故事"
    changed.save()
    vanished_id = vanished.pk
    vanished.delete()
    result = reindex_articles.call([changed.pk, vanished_id])
    assert result == {"updated": 1, "deleted": 1, "seconds": result["seconds"]}
    assert [h.article_id for h in search("琉璃瓦").hits] == [changed.pk]
    assert vanished_id not in {h.article_id for h in search("", browse=True, per_page=100).hits}


def test_a_locked_index_requeues_instead_of_dropping(private_index, monkeypatch):
    from articles.search import writer
    from articles.search.store import open_index

    monkeypatch.setattr(writer, "LOCK_TIMEOUT", 0.2)
    holder = open_index().writer()  # another writer holds the lock
    try:
        assert reindex_articles.call([1, 2]) == {"requeued": 2}
    finally:
        holder.cancel()
    retry = DBTaskResult.objects.get(queue_name=SEARCH_QUEUE)
    assert retry.args_kwargs == {"args": [[1, 2]], "kwargs": {"attempt": 1}} and retry.run_after is not None


def test_a_full_rebuild_drops_the_queued_updates_it_already_covers(private_index, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    article = Article.objects.order_by("pk").first()
    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "琉璃瓦的故事"
        article.save()
    assert queued_ids() == [[article.pk]]

    call_command("build_index", verbosity=0)

    assert queued_ids() == []  # the worker has nothing left to redo …
    assert [h.article_id for h in search("琉璃瓦").hits] == [article.pk]  # … and the change is searchable
