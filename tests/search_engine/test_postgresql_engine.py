"""The PostgreSQL engine's own promises (its search behaviour is the shared suite, ``search_engine``):
a change is findable inside the very transaction that makes it, a rolled-back change leaves the
documents as they were, deleted articles take their document with them, no queue row and no
worker are involved; ``check_index``, ``status`` and the system check know the engine."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from articles.editing import correct_text, merge_articles
from articles.models import Article, Block, PendingIndexUpdate
from articles.search.service import search
from tests.editing_ops.helpers import articles_of, build_page

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql",
                                   reason="the PostgreSQL search engine needs a PostgreSQL test database")

# Strings no seed article contains (checked below), written for these tests.
PAGE = [[("headline", "钱塘江畔试新桥"), ("body", "桥面铺装工人连夜赶工")],
        [("headline", "海宁潮边话安全"), ("body", "观潮护栏加固完毕")]]


@pytest.fixture
def postgresql_engine(db, postgresql_search_documents, settings):
    settings.SEARCH_ENGINE = "postgresql"


def indexed_page():
    """A new page, its articles indexed as the importer does (``schedule_reindex`` in its transaction)."""
    from articles.search.indexing import schedule_reindex

    page = build_page(PAGE)
    schedule_reindex([article.pk for article in articles_of(page)])
    return page


def edit(page, old: str, new: str, editor, version: int) -> None:
    correct_text(Block.objects.get(page=page, text=old), new, user=editor, expected_version=version)


def found(q: str) -> set[int]:
    """The articles matching ``q`` itself (not a relaxed form of it)."""
    results = search(q, per_page=100)
    return set() if results.relaxed else {hit.article_id for hit in results.hits}


def document_ids() -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT article_id FROM articles_search_document")
        return {row[0] for row in cursor.fetchall()}


@on_postgresql
def test_an_edit_is_findable_inside_its_own_transaction_and_queues_nothing(postgresql_engine, editor):
    page = indexed_page()
    first, second = articles_of(page)
    assert found("钱塘江畔") == {first.pk}
    assert not found("赶工抢修")
    queued = PendingIndexUpdate.objects.count()
    edit(page, "桥面铺装工人连夜赶工", "桥面铺装工人连夜赶工抢修", editor, 1)
    assert found("赶工抢修") == {first.pk}
    assert found('"夜赶工抢"') == {first.pk}  # across jieba's words
    assert PendingIndexUpdate.objects.count() == queued


@on_postgresql
def test_a_rolled_back_edit_leaves_the_documents_as_they_were(postgresql_engine, editor):
    page = indexed_page()
    first, _second = articles_of(page)
    with pytest.raises(RuntimeError), transaction.atomic():
        edit(page, "桥面铺装工人连夜赶工", "桥面改写一遍", editor, 1)
        assert found("桥面改写") == {first.pk}
        raise RuntimeError("the editor's request failed after the edit")
    assert not found("桥面改写")
    assert found("连夜赶工") == {first.pk}


@on_postgresql
def test_a_merge_removes_the_absorbed_articles_document(postgresql_engine, editor):
    page = indexed_page()
    first, second = articles_of(page)
    edit(page, "观潮护栏加固完毕", "观潮护栏全部加固完毕", editor, 1)
    merge_articles(first, "next", user=editor, expected_version=2)
    kept = set(Article.objects.filter(page=page).values_list("pk", flat=True))
    assert len(kept) == 1
    assert found("全部加固") == kept
    assert {first.pk, second.pk} - kept - document_ids() == {first.pk, second.pk} - kept


@on_postgresql
def test_deleting_an_article_deletes_its_document(postgresql_engine):
    article = Article.objects.filter(pk__in=document_ids()).order_by("pk").first()
    article.delete()
    assert article.pk not in document_ids()


@on_postgresql
def test_check_index_finds_and_fixes_a_missing_document(postgresql_engine, capsys):
    article_id = min(document_ids())
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM articles_search_document WHERE article_id = %s", [article_id])
    with pytest.raises(CommandError):
        call_command("check_index", "--fix")
    assert article_id in document_ids()
    call_command("check_index")  # no drift: returns normally
    assert "No drift" in capsys.readouterr().out


@on_postgresql
def test_status_reports_documents_and_no_worker(postgresql_engine):
    from articles.health import readiness

    report = readiness()
    assert report["ready"]
    assert report["index"]["engine"] == "postgresql"
    assert report["index"]["documents"] == Article.objects.count()
    assert "worker" not in report and not report["warnings"]


def test_the_system_check_refuses_the_postgresql_engine_on_another_database(settings):
    from articles.search.checks import check_search

    settings.SEARCH_ENGINE = "no-such-engine"
    assert [p.id for p in check_search()].count("articles.search.E004") == 1
    settings.SEARCH_ENGINE = "postgresql"
    problems = [p for p in check_search() if p.id == "articles.search.E004"]
    if connection.vendor == "postgresql":
        assert not problems
    else:
        assert len(problems) == 1 and "PostgreSQL" in problems[0].msg


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("index-admin", password=None))
    return client


@on_postgresql
def test_an_admin_form_writes_the_documents_in_its_own_transaction(postgresql_engine, superuser_client):
    # The test runs inside one transaction that never commits: a document written only after the
    # commit would never be seen here.
    from django.urls import reverse

    page = indexed_page()
    banner = "钱江两岸新桥通车特刊"
    assert not found(f'"{banner}"')
    response = superuser_client.post(reverse("admin:articles_page_change", args=[page.pk]),
                                     {"name": page.name or "要闻", "banner": banner})
    assert response.status_code == 302
    assert found(f'"{banner}"') == {article.pk for article in articles_of(page)}


@on_postgresql
def test_deleting_selected_articles_in_the_admin_deletes_their_documents(postgresql_engine, superuser_client):
    from django.urls import reverse

    page = indexed_page()
    ids = [article.pk for article in articles_of(page)]
    response = superuser_client.post(reverse("admin:articles_article_changelist"),
                                     {"action": "delete_selected", "_selected_action": ids, "post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk__in=ids).exists()
    assert not set(ids) & document_ids()


@on_postgresql
def test_a_transaction_that_has_written_never_reads_a_remembered_result(postgresql_engine, settings):
    settings.PG_SEARCH_CACHE_ENTRIES = 16
    from articles.search.pg import cache

    cache.clear()
    assert not found("钱塘江畔")  # remembered for this snapshot
    page = indexed_page()  # this transaction now has an xid and sees its own documents
    assert found("钱塘江畔") == {articles_of(page)[0].pk}


@on_postgresql
def test_a_remembered_result_is_replaced_as_soon_as_another_transaction_commits(postgresql_engine, settings):
    """Another connection edits a seed article's headline and commits; the very next search here
    finds it (the snapshot moved), although the same query was answered from the cache just before.
    The other connection puts the headline back (and commits) at the end."""
    import threading

    from articles.search.indexing import schedule_reindex
    from articles.search.pg import cache

    settings.PG_SEARCH_CACHE_ENTRIES = 16
    cache.clear()
    article = Article.objects.filter(pk__in=document_ids()).order_by("pk").first()
    token = "湖心亭夜读会"  # no seed article has it (asserted first)

    def set_headline(headline):
        def run():
            try:
                with transaction.atomic():
                    Article.objects.filter(pk=article.pk).update(headline=headline)
                    schedule_reindex([article.pk])
            finally:
                connection.close()
        thread = threading.Thread(target=run)
        thread.start()
        thread.join(timeout=60)

    assert not found(token)
    assert not found(token)  # asked again: answered from the cache
    assert cache._entries
    try:
        set_headline(article.headline + token)
        assert found(token) == {article.pk}
    finally:
        set_headline(article.headline)
    assert not found(token)


@pytest.mark.slow
@on_postgresql
def test_a_build_by_two_processes_writes_what_one_process_writes(tmp_path):
    """``build_index`` on this engine computes the rows in worker processes; the documents must be
    the very ones a build in one process writes, every article's once."""
    import subprocess
    import sys
    from contextlib import closing
    from pathlib import Path

    from live_site import synthetic_archive
    from unionarchive.scratch_database import connect, scratch_database

    def documents(url) -> tuple[int, str]:
        with closing(connect(url)) as db:
            return db.execute("SELECT count(*), md5(string_agg(concat_ws('|', article_id, words, grams, exact,"
                              " facet_keys, headline, body), '#' ORDER BY article_id))"
                              " FROM articles_search_document").fetchone()

    def build(env, procs: int) -> None:
        done = subprocess.run([sys.executable, "manage.py", "build_index", "--procs", str(procs)],
                              cwd=Path(__file__).resolve().parents[2], env={**env, "SEARCH_ENGINE": "postgresql"},
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]

    with scratch_database(tmp_path) as url:
        env = synthetic_archive(tmp_path, 120, database_url=url)
        build(env, 1)
        one = documents(url)
        build(env, 2)
        with closing(connect(url)) as db:
            articles = db.execute("SELECT count(*) FROM articles_article").fetchone()[0]
        assert one[0] == articles > 0
        assert documents(url) == one


@on_postgresql
def test_a_filtered_search_scores_every_strong_match_when_the_filter_leaves_few(postgresql_engine, monkeypatch):
    """Past ``RANK_ALL`` strong matches only title matches are scored (the rest newest first); that
    count is taken among the filtered results, so a word common in the whole archive is ranked by
    its score within a city that has few articles with it."""
    from articles.search.pg import service as pg_service

    word = "工会"
    everywhere = search(word, per_page=1)
    cities = sorted(everywhere.facets["city"], key=lambda item: item[1])
    city, count = next((value, n) for value, n in cities if 1 < n < everywhere.total)
    monkeypatch.setattr(pg_service, "RANK_ALL", count)  # more strong matches than this overall, not in the city
    assert search(word, per_page=everywhere.total).hits[-1].score == 0.0  # unscored: past RANK_ALL overall
    in_city = search(word, filters={"city": [city]}, per_page=count)
    assert in_city.total == count
    body_only = [hit for hit in in_city.hits if word not in hit.headline + hit.subtitle + hit.kicker]
    assert any(hit.score > 0 for hit in body_only)  # before: 0.0, newest first (RANK_ALL counted over all)
    assert [hit.score for hit in in_city.hits] == sorted((hit.score for hit in in_city.hits), reverse=True)
