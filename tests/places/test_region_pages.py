"""/regions/ and /regions/<slug>/: what a reader sees, and a fixed number of queries."""

import re

import pytest
from django.urls import reverse

from articles.models import Article, ArticleRegion, Region
from articles.models.choices import Source

pytestmark = pytest.mark.django_db


def test_region_list_shows_every_city_on_the_map_and_in_the_list(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(reverse("region_list"))
    assert response.status_code == 200
    html = response.content.decode()
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert len(re.findall(r"<path d=\"M", svg)) == 11
    hangzhou = Region.objects.get(code="330100")
    count = ArticleRegion.objects.filter(region=hangzhou, rejected=False).count()
    assert count >= 5
    # Each map link is named by what it shows (city and count), not by an aria-label that could differ.
    assert re.search(rf'<a href="/regions/hangzhou/">\s*<path [^>]*/>\s*<text [^>]*>杭州 <tspan [^>]*>{count} 篇</tspan>', svg)
    for name in ("杭州市", "宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市", "金华市", "衢州市", "舟山市", "台州市", "丽水市"):
        assert name in html
    assert "全省性报道" in html  # the 省国防工会 article


def test_city_page_lists_counties_articles_topics_people_and_years(client):
    response = client.get("/regions/huzhou/")
    assert response.status_code == 200
    html = response.content.decode()
    for county in ("吴兴", "德清", "长兴", "南浔", "安吉"):
        assert f'href="/regions/{Region.objects.get(short_name=county, level="county").slug}/"' in html
    assert "德清工会推动审计服务" in html and "湖州吴兴工会塑造人才培育新生态" in html
    assert "历年报道数" in html and "2024" in html
    assert "专题" in html and "人物" in html
    # newest first
    dates = [d for d in re.findall(r"(\d{4})年(\d{1,2})月(\d{1,2})日", html)]
    as_numbers = [tuple(map(int, d)) for d in dates]
    assert as_numbers == sorted(as_numbers, reverse=True)


def test_county_page_has_breadcrumbs_to_its_city(client):
    html = client.get("/regions/deqing/").content.decode()
    assert "德清县" in html and 'href="/regions/huzhou/"' in html
    assert "德清工会推动审计服务" in html
    assert "?county=330521" in html  # link into search, filtered by the county


def test_town_page(client):
    html = client.get("/regions/gaohongzhen/").content.decode()
    assert "高虹镇" in html and 'href="/regions/linan/"' in html and "节能灯" in html


def test_unknown_region_is_404_and_junk_page_numbers_are_harmless(client):
    assert client.get("/regions/no-such-place/").status_code == 404
    assert client.get("/regions/huzhou/?page=999").status_code == 200
    assert client.get("/regions/huzhou/?page=%3Cscript%3E").status_code == 200


def test_queries_do_not_grow_with_the_number_of_articles(client, django_assert_max_num_queries):
    """Add 60 articles in 湖州: the city page still costs the same few queries, and paginates."""
    huzhou, deqing = Region.objects.get(code="330500"), Region.objects.get(code="330521")
    model = Article.objects.filter(region_tags__region=deqing).first()
    new = Article.objects.bulk_create(
        Article(page=model.page, order=100 + i, headline=f"湖州测试文章{i}") for i in range(60))
    ArticleRegion.objects.bulk_create(
        [ArticleRegion(article=a, region=r, source=Source.AUTOMATIC) for a in new for r in (huzhou, deqing)])
    with django_assert_max_num_queries(11):
        response = client.get("/regions/huzhou/")
    html = response.content.decode()
    assert 'rel="next"' in html and "第 1 / " in html
    with django_assert_max_num_queries(11):
        assert client.get("/regions/huzhou/?page=2").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get("/regions/").status_code == 200


def test_large_region_plan_lists_the_same_articles_in_the_same_order(monkeypatch):
    """Large regions walk issues newest first instead of joining every tagged article: both plans
    must give the same pages, and topics/people fall back to a labelled sample of the newest."""
    from articles.views import region_queries

    region = Region.objects.get(code="330100")  # 杭州
    total = region_queries.tagged(region).count()
    join_plan = [region_queries.newest_article_ids(region, total, 3, offset) for offset in range(0, total, 3)]
    monkeypatch.setattr(region_queries, "BIG_REGION", 1)
    walk_plan = [region_queries.newest_article_ids(region, total, 3, offset) for offset in range(0, total, 3)]
    assert walk_plan == join_plan and sum(map(len, walk_plan)) == total

    monkeypatch.setattr(region_queries, "SAMPLE", 2)
    topics, people, sampled = region_queries.top_topics_and_people(region, total, 10)
    assert sampled and sum(t["count"] for t in topics) >= 1
    assert all(t["count"] <= 2 for t in topics)


def test_city_side_list_groups_districts_county_cities_and_counties(client):
    """Hangzhou has districts, one county-level city and counties: each group under its heading, in
    the official code order, never mixed."""
    city = Region.objects.get(name="杭州市")
    html = client.get(city.get_absolute_url()).content.decode()
    aside = html[html.index('<aside class="region-aside">'):]
    positions = {c.short_name: aside.index(f">{c.short_name}</a>") for c in Region.objects.filter(parent=city)}
    headings = [aside.index(f'<h3 class="region-group">{label}</h3>') for label in ("市辖区", "县级市", "县")]
    assert headings == sorted(headings)
    for child in Region.objects.filter(parent=city):
        group = {"区": 0, "市": 1, "县": 2}[child.name[-1]]
        assert headings[group] < positions[child.short_name]
        assert group == 2 or positions[child.short_name] < headings[group + 1]


def test_city_side_list_is_in_official_code_order_within_each_group(client):
    """Within 市辖区, 县级市 and 县 the counties follow their GB/T 2260 codes, whatever order the
    database returns them in (checked on every city)."""
    for city in Region.objects.filter(level="city"):
        aside = client.get(city.get_absolute_url()).content.decode()
        aside = aside[aside.index('<section aria-labelledby="region-children-title">'):]
        listed = re.findall(r'<li><a href="/regions/([^/]+)/">', aside[:aside.index("</section>")])
        counties = {c.slug: c for c in Region.objects.filter(parent=city)}
        assert sorted(listed) == sorted(counties), city.name  # every current county, once
        expected = sorted(counties.values(), key=lambda c: ({"区": 0, "市": 1, "县": 2}.get(c.name[-1], 3), c.code))
        assert listed == [c.slug for c in expected], city.name


def test_city_page_draws_its_counties_and_lists_the_ones_the_map_cannot(client, django_assert_max_num_queries):
    """Hangzhou's base map predates 临平区 and 钱塘区 (2021): every county with an outline is a
    link on the map to its page, the two new districts are named under the map, and all thirteen
    are in the list beside it."""
    city = Region.objects.get(code="330100")
    with django_assert_max_num_queries(11):
        html = client.get(city.get_absolute_url()).content.decode()
    figure = html[html.index('<figure class="region-map">'):html.index("</figure>")]
    on_map = re.findall(r'<a href="/regions/([^/]+)/">\s*<path d="M', figure)
    counties = {c.slug: c for c in Region.objects.filter(parent=city)}
    assert set(on_map) <= set(counties) and len(on_map) == len(set(on_map))
    undrawn = {counties[slug].name for slug in set(counties) - set(on_map)}
    assert undrawn == {"临平区", "钱塘区"}
    for name in undrawn:
        assert f"{name}（2021 年设立）未单独绘出" in figure
    gongshu = re.search(r'<a href="/regions/gongshu/">\s*<path d="([^"]+)"', figure).group(1)
    assert gongshu.count("M") >= 2  # 下城区's outline drawn as part of 拱墅区, which took it in (2021)
    assert "linan" in on_map  # 临安市's outline is today's 临安区


def test_county_and_province_pages_have_no_county_map(client):
    for slug in ("deqing", "zhejiang"):
        assert 'id="county-map-title"' not in client.get(f"/regions/{slug}/").content.decode()
