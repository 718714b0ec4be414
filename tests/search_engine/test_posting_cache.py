"""Decoded posting arrays are kept per (segment, field, term) between searches: an edited or deleted
article is never found through them, the cache stays within its byte budget, and every way of
reading postings (cached, cold, skipping blocks) finds the same articles."""

import pytest

from articles.search import grams, postings
from articles.search.service import matching_article_ids
from articles.search.store import get_searcher

from .helpers import containing

pytestmark = pytest.mark.django_db


def found_ids(query: str) -> set[int]:
    """Every article the search finds (all pages)."""
    return matching_article_ids(query)[0]


def test_an_edited_article_is_found_by_its_new_words_only(private_index):
    """The old segment's cached postings still list the article's old document; it is marked deleted
    there and must not come back, and the new words are found at once."""
    from articles.models import Article, BlockKind
    from articles.search.writer import apply_reindex

    article = Article.objects.filter(headline__contains="劳模").first()
    assert article.pk in found_ids("劳模") and article.pk in found_ids('"劳模"')  # now cached
    assert len(postings.CACHE) > 0

    article.headline = "澄江渡口摆渡人"
    article.kicker = article.subtitle = ""
    article.save()
    article.blocks.filter(kind=BlockKind.BODY).update(text="摆渡人守着澄江渡口二十年。")
    apply_reindex([article.pk])

    for query in ("劳模", '"劳模"'):
        assert found_ids(query) == containing("劳模"), query  # the database's answer, after the edit
    assert article.pk in found_ids("澄江渡口")
    assert found_ids('"江渡口摆"') == containing("江渡口摆") == {article.pk}


def test_a_deleted_article_is_not_found_through_cached_postings(private_index):
    from articles.models import Article
    from articles.search.writer import apply_reindex

    article = Article.objects.filter(headline__contains="劳模").first()
    assert article.pk in found_ids("劳模") and article.pk in found_ids('"劳模"')
    pk = article.pk
    article.delete()
    apply_reindex([pk])
    assert found_ids("劳模") == found_ids('"劳模"') == containing("劳模")
    assert pk not in found_ids("劳模")


def test_the_cache_stays_within_its_budget_and_answers_the_same(search_index):
    queries = ["劳模", "工会", '"技能提升"', "职工 服务", '"模工"', "title:工会"]
    postings.CACHE.clear()
    expected = {q: found_ids(q) for q in queries}
    assert postings.CACHE.size > 0
    budget = postings.CACHE.budget
    try:
        postings.CACHE.clear()
        postings.CACHE.budget = 20_000  # a few small terms at most
        for query in queries:
            assert found_ids(query) == expected[query], query
            assert postings.CACHE.size <= 20_000
    finally:
        postings.CACHE.budget = budget
        postings.CACHE.clear()


def test_cached_arrays_cannot_be_changed_by_a_caller(search_index):
    searcher = get_searcher()
    postings.postings(searcher, "text", "工会")
    segreader, _ = next(iter(searcher.reader().leaf_readers()))
    ids, weights = postings.segment_postings(segreader, segreader.segment().segment_id(), "text", "工会")
    with pytest.raises(ValueError):
        weights[0] = 99.0


def test_reading_only_the_blocks_of_a_few_documents_finds_the_same(search_index, monkeypatch):
    """Block skipping (a title-only check among a few articles, cache cold) finds exactly what the
    whole posting list finds."""
    searcher = get_searcher()
    for string in ("工会", "劳模工匠", "职工"):
        everything = grams.string_docs(searcher, string)
        expected_title = grams.string_docs(searcher, string, title_only=True)
        some = everything[::3]
        postings.CACHE.clear()
        monkeypatch.setattr(postings, "SKIP_RATIO", 10**9)  # always skip blocks when cold
        skipped = grams.string_docs(searcher, string, within=some, title_only=True)
        monkeypatch.undo()
        assert skipped.tolist() == [d for d in expected_title.tolist() if d in set(some.tolist())], string
