"""Every editing action queues a search-index update of the articles it touched, deleted ones
included, through the search app's durable queue (django-tasks rows), once the transaction commits."""

from django_tasks_db.models import DBTaskResult

from articles.editing import correct_text, merge_articles, split_article
from articles.editing.errors import StaleVersion
from articles.models import Block

from .helpers import articles_of


def queued_ids() -> set[int]:
    ids = set()
    for row in DBTaskResult.objects.filter(task_path__endswith="reindex_articles"):
        for arg in row.args_kwargs.get("args", []):
            ids.update(arg)
    return ids


PAGE = [[("headline", "甲"), ("body", "甲一")], [("headline", "乙"), ("body", "乙一")], [("headline", "丙")]]


def test_an_edit_queues_its_articles_after_commit(make_page, editor, django_capture_on_commit_callbacks):
    page = make_page(PAGE)
    first, second, third = articles_of(page)
    already = queued_ids()
    with django_capture_on_commit_callbacks(execute=True):
        correct_text(Block.objects.get(page=page, text="乙一"), "乙一改", user=editor, expected_version=1)
    assert queued_ids() - already == {second.pk}


def test_a_merge_queues_the_deleted_article_so_the_index_drops_it(make_page, editor, django_capture_on_commit_callbacks):
    page = make_page(PAGE)
    first, second, third = articles_of(page)
    with django_capture_on_commit_callbacks(execute=True):
        merge_articles(first, "next", user=editor, expected_version=1)
    assert {first.pk, second.pk} <= queued_ids()
    assert third.pk not in queued_ids()


def test_a_refused_edit_queues_nothing(make_page, editor, django_capture_on_commit_callbacks):
    page = make_page(PAGE)
    already = queued_ids()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            split_article(Block.objects.get(page=page, text="甲一"), user=editor, expected_version=7)
        except StaleVersion:
            pass
    assert callbacks == [] and queued_ids() == already
