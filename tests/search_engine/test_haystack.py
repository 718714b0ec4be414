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


@pytest.mark.parametrize("string", ["流动体检车", "体检车", "刻字"])
def test_search_query_set_exact_strings_cross_word_boundaries(search_index, string):
    """haystack's Exact and quoted auto_query find every article containing the string, also where
    jieba cuts across it (体检|车开进), like the site's own quoted search."""
    from haystack.inputs import Exact

    expected = containing(string)
    assert expected, f"a seed article contains {string}"
    assert {int(r.pk) for r in SearchQuerySet().filter(content=Exact(string))} == expected
    assert {int(r.pk) for r in SearchQuerySet().auto_query(f'"{string}"')} == expected
    assert {int(r.pk) for r in SearchQuerySet().auto_query(f'"{string}"')} == {
        h.article_id for h in search(f'"{string}"', per_page=100).hits}


def test_search_query_set_exact_string_combines_with_words_and_title(search_index):
    from haystack.inputs import Exact

    assert {int(r.pk) for r in SearchQuerySet().filter(content=Exact("体检车")).filter(content="余姚")} == \
        containing("体检车", "余姚")
    from articles.models import Article

    titled = {pk for pk, *lines in Article.objects.values_list("pk", "kicker", "headline", "subtitle")
              if any("劳模工匠" in "".join((line or "").split()) for line in lines)}
    assert titled and {int(r.pk) for r in SearchQuerySet().filter(title=Exact("劳模工匠"))} == titled
