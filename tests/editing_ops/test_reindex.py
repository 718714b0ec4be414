"""Every editing action records a search-index update of the articles it touched, deleted ones
included, in the edit's own transaction (PendingIndexUpdate rows): a refused edit records none."""

from articles.editing import correct_text, merge_articles, split_article
from articles.editing.errors import StaleVersion
from articles.models import Block, PendingIndexUpdate

from .helpers import articles_of


def queued_ids() -> set[int]:
    return set(PendingIndexUpdate.objects.values_list("article_id", flat=True))


PAGE = [[("headline", "甲"), ("body", "甲一")], [("headline", "乙"), ("body", "乙一")], [("headline", "丙")]]


def test_an_edit_records_its_articles(make_page, editor):
    page = make_page(PAGE)
    first, second, third = articles_of(page)
    already = queued_ids()
    correct_text(Block.objects.get(page=page, text="乙一"), "乙一改", user=editor, expected_version=1)
    assert queued_ids() - already == {second.pk}


def test_a_merge_records_the_deleted_article_so_the_index_drops_it(make_page, editor):
    page = make_page(PAGE)
    first, second, third = articles_of(page)
    merge_articles(first, "next", user=editor, expected_version=1)
    assert {first.pk, second.pk} <= queued_ids()
    assert third.pk not in queued_ids()


def test_a_refused_edit_records_nothing(make_page, editor):
    page = make_page(PAGE)
    already = queued_ids()
    try:
        split_article(Block.objects.get(page=page, text="甲一"), user=editor, expected_version=7)
    except StaleVersion:
        pass
    assert queued_ids() == already
