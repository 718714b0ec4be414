"""An edit and a delete of the same article at the same moment never deadlock on the index queue
(PostgreSQL, where writers really run side by side).

Deleting an article records its queue row from the cascade, before the article row itself goes;
an edit holds the article row and then records the same queue row. Each used to wait for the
other ("deadlock detected", seen in test_concurrency.py about one run in four under load);
``queue.record`` now takes the article rows first, so both finish."""

from __future__ import annotations

import os
import threading
import time

import pytest
from django.db import OperationalError, connections, transaction

from articles.models import Article, Block, PendingIndexUpdate
from articles.search.queue import record
from unionarchive.scratch_database import is_postgres

pytestmark = [
    pytest.mark.skipif(not is_postgres(os.environ.get("DATABASE_URL")),
                       reason="PostgreSQL only: runs in the PostgreSQL pass of scripts/test.sh"),
    pytest.mark.django_db(transaction=True),
]


def test_an_edit_and_a_delete_of_one_article_both_finish(settings):
    settings.SEARCH_ENGINE = "whoosh"  # the queue is the Whoosh engine's
    article = Article.objects.filter(blocks__isnull=False).order_by("pk").first()
    assert Block.objects.filter(article=article).exists()
    PendingIndexUpdate.objects.all().delete()
    errors: list[Exception] = []

    def delete_it():
        try:
            with transaction.atomic():
                Article.objects.get(pk=article.pk).delete()  # its blocks' deletes record it first
        except OperationalError as error:
            errors.append(error)
        finally:
            connections.close_all()

    try:
        with transaction.atomic():
            Article.objects.filter(pk=article.pk).update(headline=article.headline + "（改）")  # holds the row
            deleter = threading.Thread(target=delete_it)
            deleter.start()
            time.sleep(1.5)  # the delete has recorded (old order) or waits for the article row (new)
            record([article.pk])
    except OperationalError as error:
        errors.append(error)
    deleter.join(timeout=30)
    assert not deleter.is_alive()
    assert not errors, errors
    assert not Article.objects.filter(pk=article.pk).exists()
    assert PendingIndexUpdate.objects.filter(article_id=article.pk).exists()
