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


# The Whoosh backend answers quoted strings through the site's search only (its text field keeps no
# positions, so haystack's own phrase query is refused there); the PostgreSQL backend translates it.
@pytest.mark.parametrize("search_engine", ["postgresql"], indirect=True)
def test_search_query_set_exact_string_across_words(haystack_engine):
    exact = SearchQuerySet().filter(content=Exact("体检车"))
    assert {int(r.pk) for r in exact} == containing("体检车")
    assert SearchQuerySet().filter(content=Exact("体检车")).exclude(content="余姚").count() == len(
        containing("体检车") - containing("余姚"))
