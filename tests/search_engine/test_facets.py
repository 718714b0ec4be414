"""Facet counts equal what the database says, with and without filters."""

import pytest

from articles.search.service import search
from articles.search.vocabulary import FACET_NAMES as FACETS

from .helpers import containing, db_facets

pytestmark = pytest.mark.django_db


def as_dict(pairs):
    return dict(pairs)


@pytest.mark.parametrize("q", ["", "劳模", "新就业形态 劳动者"])
def test_facet_counts_equal_database_counts(search_engine, q):
    from articles.models import Article

    results = search(q, browse=True, per_page=100)
    expected_ids = containing(*q.split()) if q else set(Article.objects.values_list("pk", flat=True))
    assert {h.article_id for h in results.hits} == expected_ids
    expected = db_facets(expected_ids)
    for name in FACETS:
        assert as_dict(results.facets[name]) == dict(expected[name]), name


def test_facets_are_sorted_by_count(search_engine):
    for pairs in search("", browse=True).facets.values():
        counts = [count for _, count in pairs]
        assert counts == sorted(counts, reverse=True)


def test_combined_filters_narrow_like_the_database(search_engine):
    from articles.models import Article, ArticleRegion

    city = search("", browse=True).facets["city"][0][0]
    in_city = set(ArticleRegion.objects.filter(rejected=False).filter(
        region__code=city).values_list("article_id", flat=True)) | set(ArticleRegion.objects.filter(
            rejected=False, region__parent__code=city).values_list("article_id", flat=True)) | set(
        ArticleRegion.objects.filter(rejected=False, region__parent__parent__code=city).values_list("article_id", flat=True))
    year_2024 = set(Article.objects.filter(page__issue__date__year=2024).values_list("pk", flat=True))
    results = search("", filters={"city": [city], "year": ["2024"]}, per_page=100)
    assert {h.article_id for h in results.hits} == in_city & year_2024
    assert results.total == len(in_city & year_2024) > 0
    # Several values of one facet are ORed.
    both_years = search("", filters={"year": ["2024", "2022"]}, per_page=100)
    assert both_years.total == Article.objects.filter(page__issue__date__year__in=[2022, 2024]).count()


def test_facet_values_are_region_codes_topic_and_person_slugs(search_engine):
    from articles.models import Person, Region, Topic

    facets = search("", browse=True).facets
    assert set(Region.objects.filter(code__in=[v for v, _ in facets["city"]]).values_list("level", flat=True)) == {"city"}
    assert set(Region.objects.filter(code__in=[v for v, _ in facets["county"]]).values_list("level", flat=True)) == {"county"}
    assert Topic.objects.filter(slug__in=[v for v, _ in facets["topic"]]).count() == len(facets["topic"])
    assert Person.objects.filter(slug__in=[v for v, _ in facets["person"]]).count() == len(facets["person"])


@pytest.mark.parametrize("q", ["", "工会"])
def test_choosing_a_facet_value_finds_exactly_its_count(search_engine, q):
    """Filters are answered from the same facet columns that count: every value of every facet,
    chosen as a filter, finds the number of articles its count promised."""
    counted = search(q, browse=True).facets
    for name in FACETS:
        for value, count in counted[name]:
            assert search(q, filters={name: [str(value)]}, browse=True, facets=False).total == count, (name, value)


def test_the_newspaper_facet_the_api_accepts_counts_like_the_database(search_engine):
    """``newspaper`` is a filter, not shown on the page, but ``search(facets=[...])`` counts it too."""
    from collections import Counter

    from articles.models import Article

    results = search("劳模", facets=["newspaper"], per_page=100)
    expected = Counter(Article.objects.filter(pk__in=containing("劳模")).values_list("page__issue__newspaper__name",
                                                                                    flat=True))
    assert results.total == sum(expected.values()) > 0
    assert dict(results.facets["newspaper"]) == dict(expected)
