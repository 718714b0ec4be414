"""Re-running enrichment refreshes automatic place tags and never touches an editor's choice."""

import pytest
from django.core.management import call_command

from articles.enrich.places_gold import find_article, load_gold
from articles.enrich.regions import enrich_regions
from articles.models import Article, ArticleRegion, Region
from articles.models.choices import Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def deqing_article():
    entry = next(e for e in load_gold() if e["title"] == "德清工会推动审计服务")
    return find_article(entry)


def tags(article):
    return {(t.region.name, t.source, t.rejected, t.is_primary)
            for t in ArticleRegion.objects.filter(article=article).select_related("region")}


def test_rerun_is_idempotent(deqing_article):
    before = tags(deqing_article)
    enrich_regions(Article.objects.filter(pk=deqing_article.pk))
    enrich_regions(Article.objects.filter(pk=deqing_article.pk))
    assert tags(deqing_article) == before
    assert ("德清县", Source.AUTOMATIC, False, True) in before


def test_editor_choices_survive_rerun(deqing_article):
    anji = Region.objects.get(name="安吉县")
    deqing = Region.objects.get(name="德清县")
    # An editor adds 安吉县 as the main county and rejects the automatic 德清县.
    ArticleRegion.objects.create(article=deqing_article, region=anji, source=Source.EDITOR, is_primary=True)
    ArticleRegion.objects.filter(article=deqing_article, region=deqing).update(rejected=True)

    call_command("enrich", "--only", "regions", "--article", str(deqing_article.pk), verbosity=0)

    after = {t.region.name: t for t in ArticleRegion.objects.filter(article=deqing_article).select_related("region")}
    assert after["安吉县"].source == Source.EDITOR and after["安吉县"].is_primary
    assert after["德清县"].rejected  # still rejected, not re-added
    assert ArticleRegion.objects.filter(article=deqing_article, region=deqing).count() == 1
    assert after["湖州市"].source == Source.AUTOMATIC  # automatic tags are refreshed
    # The editor's main county stands: no automatic tag claims to be the main county.
    assert not ArticleRegion.objects.filter(article=deqing_article, source=Source.AUTOMATIC, rejected=False,
                                            region__level="county", is_primary=True).exists()


def test_stale_automatic_tags_are_replaced(deqing_article):
    wrong = Region.objects.get(name="三门县")
    ArticleRegion.objects.create(article=deqing_article, region=wrong, source=Source.AUTOMATIC)
    enrich_regions(Article.objects.filter(pk=deqing_article.pk))
    assert not ArticleRegion.objects.filter(article=deqing_article, region=wrong).exists()


def test_an_editors_county_is_rolled_up_to_its_city(deqing_article):
    """An editor adds 安吉县 to an article that names no place of 湖州 but 德清: after a rerun
    the city is there once; and when the editor rejects 德清县, 湖州市 stays only through 安吉县."""
    deqing = Region.objects.get(name="德清县")
    anji = Region.objects.get(name="安吉县")
    ArticleRegion.objects.filter(article=deqing_article, region=deqing).update(rejected=True)
    enrich_regions(Article.objects.filter(pk=deqing_article.pk))
    assert not ArticleRegion.objects.filter(article=deqing_article, region__name="湖州市", rejected=False).exists()

    ArticleRegion.objects.create(article=deqing_article, region=anji, source=Source.EDITOR)
    enrich_regions(Article.objects.filter(pk=deqing_article.pk))
    city = ArticleRegion.objects.get(article=deqing_article, region__name="湖州市")
    assert city.source == Source.AUTOMATIC and not city.rejected and "安吉县" in city.evidence
