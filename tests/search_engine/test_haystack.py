"""haystack's own tools keep working on our engine: rebuild_index, SearchQuerySet, highlight()."""

import pytest
from django.core.management import call_command
from haystack.query import SearchQuerySet

from articles.search.service import search
from articles.search.store import reset_searcher

from .helpers import containing

pytestmark = pytest.mark.django_db


def test_rebuild_index_builds_the_same_searchable_index(private_index):
    call_command("rebuild_index", interactive=False, verbosity=0)
    reset_searcher()
    assert {h.article_id for h in search("快递小哥", per_page=100).hits} == containing("快递小哥")


def test_search_query_set_finds_chinese_words_and_highlights_them(search_index):
    results = SearchQuerySet().auto_query("工资集体协商").highlight()
    assert {int(r.pk) for r in results} == containing("工资集体协商")
    fragments = results[0].highlighted["text"]
    assert fragments and all("<mark>工资集体协商</mark>" in f for f in fragments[:1])


def test_search_query_set_facets_are_typed_columns(search_index):
    counts = SearchQuerySet().auto_query("劳模").facet("year").facet_counts()["fields"]["year"]
    assert sum(count for _, count in counts) == len(containing("劳模"))


def test_search_query_set_more_like_this(search_index):
    from articles.models import Article

    article = Article.objects.get(subtitle="桐庐县为劳模工匠打造幸福之家")
    similar = SearchQuerySet().more_like_this(article)[:3]
    assert similar and article.pk not in {int(r.pk) for r in similar}
