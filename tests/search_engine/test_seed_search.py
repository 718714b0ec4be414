"""Searching the five seed pages: the right articles, and only those."""

import pytest

from articles.search.service import search

from .helpers import containing, headlines

pytestmark = pytest.mark.django_db


def ids(q, **kwargs):
    return {hit.article_id for hit in search(q, per_page=100, **kwargs).hits}


@pytest.mark.parametrize("q, needles, expected_headline", [
    ("工资集体协商", ["工资集体协商"], "让技术工人遇见美好未来"),
    ("快递小哥", ["快递小哥"], "杭州市西湖区总工会架起“技能阶梯” 让能工巧匠“破土冒尖”"),
    ('"劳模工匠"', ["劳模工匠"], "桐庐县为劳模工匠打造幸福之家"),
    ("新就业形态 劳动者", ["新就业形态", "劳动者"], "浦江工会做实做细新就业形态劳动者服务工作"),
    ("勞模", ["劳模"], "湖州成立首批5家劳模工匠创新工作室联盟"),
])
def test_finds_exactly_the_articles_that_contain_the_words(search_engine, q, needles, expected_headline):
    found = ids(q)
    assert found == containing(*needles)
    assert expected_headline in headlines(found)
    assert "松阳茶王争霸" not in headlines(found)  # a story about a tea contest mentions none of them


def test_phrase_is_narrower_than_the_same_words_anded(search_engine):
    phrase, anded = ids('"技能提升"'), ids("技能 提升")
    assert phrase == containing("技能提升")
    assert anded == containing("技能", "提升")
    assert phrase < anded


def test_exclusion_and_or(search_engine):
    assert ids("劳模 -工匠") == containing("劳模") - containing("工匠")
    assert ids("快递小哥 OR 工资集体协商") == containing("快递小哥") | containing("工资集体协商")


def test_title_prefix_searches_only_titles(search_engine):
    found = ids("标题:工匠")
    assert found and all("工匠" in h for h in headlines(found)) or all(
        "工匠" in " ".join(t) for t in _titles(found))


def _titles(found):
    from articles.models import Article

    return Article.objects.filter(pk__in=found).values_list("kicker", "headline", "subtitle")


def test_person_prefix_finds_credited_articles(search_engine):
    from articles.models import Credit, CreditStatus

    credit = Credit.objects.filter(status=CreditStatus.PUBLISHED).select_related("person").first()
    expected = set(Credit.objects.filter(person=credit.person, status=CreditStatus.PUBLISHED)
                   .values_list("article_id", flat=True))
    assert ids(f"person:{credit.person.name}") == expected
    assert ids(f"作者:{credit.person.slug}") == expected


def test_date_range_and_sorting(search_engine):
    from articles.models import Article

    in_2024 = set(Article.objects.filter(page__issue__date__year=2024).values_list("pk", flat=True))
    assert ids("劳模 2024..2024") == containing("劳模") & in_2024
    newest = [h.date for h in search("劳模", sort="newest", per_page=100).hits]
    oldest = [h.date for h in search("劳模", sort="oldest", per_page=100).hits]
    assert newest == sorted(newest, reverse=True) and oldest == sorted(oldest) and newest[0] > oldest[0]


def test_title_matches_rank_first(search_engine):
    hits = search("快递", per_page=100).hits
    in_title = [i for i, h in enumerate(hits) if "快递" in h.headline + h.kicker + h.subtitle]
    assert in_title and in_title == list(range(len(in_title)))


def test_hits_carry_stored_fields_and_pages(search_engine):
    results = search("劳模", per_page=5, page=2)
    assert results.total == len(containing("劳模")) and results.page == 2 and len(results.hits) == 5
    first_page = {h.article_id for h in search("劳模", per_page=5).hits}
    assert not first_page & {h.article_id for h in results.hits}
    hit = results.hits[0]
    assert hit.headline and hit.date and hit.year == hit.date.year and hit.fragments


def test_more_like_this(search_engine):
    from articles.search.service import more_like_this

    from articles.models import Article

    article = Article.objects.get(subtitle="桐庐县为劳模工匠打造幸福之家")
    similar = more_like_this(article.pk, limit=3)
    assert similar and article.pk not in similar
