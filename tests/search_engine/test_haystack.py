"""haystack's own tools keep working on our engine: rebuild_index, SearchQuerySet, highlight()."""

import pytest
from django.core.management import call_command
from haystack.query import SearchQuerySet

from articles.search.service import search
from articles.search.store import reset_searcher

from haystack.inputs import Exact

from .helpers import containing, tagged_with_city

pytestmark = pytest.mark.django_db


@pytest.fixture
def haystack_engine(search_engine):
    """haystack's connection to the engine under test (its own backend on PostgreSQL)."""
    from django.conf import settings
    from haystack import connections

    whoosh = settings.HAYSTACK_CONNECTIONS["default"]
    if search_engine == "postgresql":
        # In place: haystack's connection handler holds this very dict.
        settings.HAYSTACK_CONNECTIONS["default"] = {"ENGINE": "articles.search.pg.backend.PostgresSearchEngine"}
        connections.reload("default")
    yield search_engine
    settings.HAYSTACK_CONNECTIONS["default"] = whoosh
    connections.reload("default")


def test_rebuild_index_builds_the_same_searchable_index(private_index):
    call_command("rebuild_index", interactive=False, verbosity=0)
    reset_searcher()
    assert {h.article_id for h in search("快递小哥", per_page=100).hits} == containing("快递小哥")


def test_search_query_set_finds_chinese_words_and_highlights_them(haystack_engine):
    results = SearchQuerySet().auto_query("工资集体协商").highlight()
    assert {int(r.pk) for r in results} == containing("工资集体协商")
    fragments = results[0].highlighted["text"]
    assert fragments and all("<mark>工资集体协商</mark>" in f for f in fragments[:1])


def test_search_query_set_facets_are_typed_columns(haystack_engine):
    counts = SearchQuerySet().auto_query("劳模").facet("year").facet_counts()["fields"]["year"]
    assert sum(count for _, count in counts) == len(containing("劳模"))


def test_search_query_set_more_like_this(haystack_engine):
    from articles.models import Article

    article = Article.objects.get(subtitle="桐庐县为劳模工匠打造幸福之家")
    similar = SearchQuerySet().more_like_this(article)[:3]
    assert similar and article.pk not in {int(r.pk) for r in similar}


def test_search_query_set_narrows_by_a_facet_and_counts(haystack_engine):
    from articles.models import ArticleRegion

    city = ArticleRegion.objects.filter(region__level="city", rejected=False).values_list("region__code", flat=True)[0]
    narrowed = SearchQuerySet().auto_query("工会").filter(city=city)
    assert narrowed.count() == len(containing("工会") & tagged_with_city(city))
    assert {int(r.pk) for r in narrowed} == containing("工会") & tagged_with_city(city)


@pytest.mark.parametrize("string", ["流动体检车", "体检车", "刻字"])
def test_search_query_set_exact_strings_cross_word_boundaries(haystack_engine, string):
    """haystack's Exact and quoted auto_query find every article containing the string, also where
    jieba cuts across it (体检|车开进), like the site's own quoted search — on both engines."""
    expected = containing(string)
    assert expected, f"a seed article contains {string}"
    assert {int(r.pk) for r in SearchQuerySet().filter(content=Exact(string))} == expected
    assert {int(r.pk) for r in SearchQuerySet().auto_query(f'"{string}"')} == expected
    assert {int(r.pk) for r in SearchQuerySet().auto_query(f'"{string}"')} == {
        h.article_id for h in search(f'"{string}"', per_page=100).hits}


def test_search_query_set_exact_string_combines_with_words_and_title(haystack_engine):
    from articles.models import Article

    assert {int(r.pk) for r in SearchQuerySet().filter(content=Exact("体检车")).filter(content="余姚")} == \
        containing("体检车", "余姚")
    assert SearchQuerySet().filter(content=Exact("体检车")).exclude(content="余姚").count() == len(
        containing("体检车") - containing("余姚"))
    titled = {pk for pk, *lines in Article.objects.values_list("pk", "kicker", "headline", "subtitle")
              if any("劳模工匠" in "".join((line or "").split()) for line in lines)}
    assert titled and {int(r.pk) for r in SearchQuerySet().filter(title=Exact("劳模工匠"))} == titled
