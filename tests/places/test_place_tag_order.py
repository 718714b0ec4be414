"""An article's places come out in one order on every database: its main city (and county) first,
then by code — on the article page and in the search index, whose first city is the one a search
result shows first. (Without an explicit order SQLite and PostgreSQL return the tags in different
orders, and so did the search results.)"""

import pytest

from articles.models import Article, ArticleRegion, Region
from articles.search.indexes import ArticleIndex, indexable_articles
from articles.views.reading.queries import article_regions

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged_article():
    """An article about two cities whose main city has the larger code, each with a county; the
    other pair is tagged first, so that insertion order and code order both disagree with the rule."""
    article = Article.objects.order_by("pk").first()
    article.region_tags.all().delete()
    cities = list(Region.objects.filter(level="city").order_by("code")[:2])
    low, high = cities
    counties = {city: Region.objects.filter(parent=city, level="county").order_by("-code").first() for city in cities}
    for city, primary in ((low, False), (high, True)):
        for region in (counties[city], city):
            ArticleRegion.objects.create(article=article, region=region, is_primary=primary, mentions=1)
    return article, high, low, counties


def test_search_document_lists_the_main_city_and_county_first(tagged_article):
    article, main, other, counties = tagged_article
    index = ArticleIndex()
    for loaded in (Article.objects.get(pk=article.pk),                    # one article reindexed
                   indexable_articles().get(pk=article.pk)):              # a whole build, prefetched
        assert index.prepare_city(loaded) == [main.code, other.code]
        assert index.prepare_county(loaded) == [counties[main].code, counties[other].code]


def test_article_page_lists_the_main_places_first_then_by_code(tagged_article):
    article, main, other, counties = tagged_article
    shown = [tag.region for tag in article_regions(article)]
    assert shown == sorted([main, counties[main]], key=lambda r: r.code) + \
        sorted([other, counties[other]], key=lambda r: r.code)
