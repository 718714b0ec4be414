"""The facet sidebar: counts equal what the database says, filters combine and narrow, counties
sit under their city, and chips remove one filter each."""

import pytest
from django.urls import reverse

from articles.models import Article, Region
from articles.views.search.facets import DEFAULT_MAX_OPTIONS, MAX_OPTIONS

from .helpers import db_facet_counts, sidebar_counts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_engine")]


def all_result_ids(client, params) -> list[int]:
    """Ids of every result of a search, page by page, through the JSON view."""
    ids, page = [], 1
    while True:
        data = client.get(reverse("search_json"), {**params, "page": page}).json()
        ids += [result["id"] for result in data["results"]]
        if data["page"] >= data["num_pages"]:
            return ids
        page += 1


def assert_same_counts(shown, expected):
    """Every facet shows the right counts. Where a facet has more values than the sidebar keeps
    (persons, on a broad search), it shows the most frequent ones, each with the right count."""
    for facet in ("city", "county", "topic", "year", "person"):
        values, want = shown.get(facet, {}), +expected[facet]
        limit = MAX_OPTIONS.get(facet, DEFAULT_MAX_OPTIONS)
        assert len(values) == min(len(want), limit), facet
        assert all(want[value] == count for value, count in values.items()), facet
        if values:
            assert min(values.values()) >= sorted(want.values())[-len(values)], facet


def test_start_page_facet_counts_equal_database_counts(client):
    response = client.get(reverse("search"))
    shown = sidebar_counts(response.context["facet_groups"])
    expected = db_facet_counts(Article.objects.values_list("pk", flat=True))
    assert_same_counts(shown, expected)


@pytest.mark.parametrize("query", ["劳模工匠", "工会"])
def test_result_facet_counts_equal_database_counts(client, query):
    response = client.get(reverse("search"), {"q": query})
    ids = all_result_ids(client, {"q": query})
    assert len(ids) == response.context["total"] > 0
    assert_same_counts(sidebar_counts(response.context["facet_groups"]), db_facet_counts(ids))


def test_sidebar_shows_names_and_counties_under_their_city(client):
    response = client.get(reverse("search"), {"q": "工会"})
    city_group = next(g for g in response.context["facet_groups"] if g.param == "city")
    nested = [(city, county) for city in city_group.options for county in city.children]
    assert nested, "some county is shown under its city"
    for city, county in nested:
        region = Region.objects.get(code=county.value)
        assert region.parent.code == city.value
        assert county.label == region.name
    body = response.content.decode()
    first = city_group.options[0]
    assert f'{first.label}</span> <span class="facet-count">{first.count}</span>' in body


def test_two_facets_combined_narrow_the_results(client):
    query = {"q": "工会"}
    everything = client.get(reverse("search_json"), query).json()
    city = everything["facets"]["city"][0]["value"]
    by_city = client.get(reverse("search_json"), {**query, "city": city}).json()
    topic = by_city["facets"]["topic"][-1]["value"]
    by_both = client.get(reverse("search_json"), {**query, "city": city, "topic": topic}).json()
    assert everything["total"] > by_city["total"] >= by_both["total"] > 0
    ids = all_result_ids(client, {**query, "city": city, "topic": topic})
    counts = db_facet_counts(ids)
    assert counts["city"][city] == len(ids) and counts["topic"][topic] == len(ids)


def test_several_values_of_one_facet_widen_within_it(client):
    query = {"q": "工会"}
    cities = [row["value"] for row in client.get(reverse("search_json"), query).json()["facets"]["city"][:2]]
    one = client.get(reverse("search_json"), {**query, "city": cities[0]}).json()["total"]
    both = client.get(reverse("search_json"), {**query, "city": cities}).json()["total"]
    assert both > one


def test_chips_show_active_filters_and_each_removes_one(client):
    city = Region.objects.get(name="杭州市")
    response = client.get(reverse("search"), {"q": "工会", "city": city.code, "year": "2024"})
    chips = response.context["chips"]
    assert [(chip.param, chip.label) for chip in chips] == [("city", "杭州市"), ("year", "2024年")]
    body = response.content.decode()
    assert 'class="chip"' in body and "杭州市" in body
    city_chip = chips[0]
    assert city_chip.remove_url == reverse("search") + "?q=%E5%B7%A5%E4%BC%9A&year=2024"
    after = client.get(city_chip.remove_url)
    assert [chip.param for chip in after.context["chips"]] == ["year"]
    only_year = client.get(reverse("search_json"), {"q": "工会", "year": "2024"}).json()["total"]
    assert after.context["total"] == only_year > response.context["total"]


def test_unknown_facet_values_match_nothing_but_can_be_removed(client):
    response = client.get(reverse("search"), {"q": "工会", "year": "abc", "city": "nowhere"})
    assert response.status_code == 200
    assert response.context["total"] == 0
    assert {chip.label for chip in response.context["chips"]} == {"abc", "nowhere"}
    assert "没有找到" in response.content.decode()


def test_a_facet_alone_browses_its_articles(client):
    response = client.get(reverse("search"), {"year": "2023"})
    expected = Article.objects.filter(page__issue__date__year=2023).count()
    assert response.context["total"] == expected > 0


@pytest.fixture
def named_pages(search_index, tmp_path):
    """Two pages given names (版名) and an index of this test's own that knows them."""
    from django.core.management import call_command

    from articles.models import Page

    from .conftest import point_index_at

    first, second = Page.objects.order_by("pk")[:2]
    Page.objects.filter(pk=first.pk).update(name="工会")
    Page.objects.filter(pk=second.pk).update(name="要闻")
    point_index_at(tmp_path / "index")
    call_command("build_index", verbosity=0)
    yield {"工会": first, "要闻": second}
    point_index_at(search_index)


def test_page_name_facet_counts_and_filters(client, named_pages):
    response = client.get(reverse("search"), {"q": "工会"})
    group = next(g for g in response.context["facet_groups"] if g.param == "pagename")
    ids = all_result_ids(client, {"q": "工会"})
    for option in group.options:
        page = named_pages[option.value]
        assert option.count == Article.objects.filter(pk__in=ids, page=page).count() > 0
    option = group.options[0]
    narrowed = client.get(option.url)
    assert narrowed.context["total"] == option.count
    assert {item.article.page_id for item in narrowed.context["items"]} == {named_pages[option.value].pk}
    assert [chip.label for chip in narrowed.context["chips"]] == [option.value]
    assert f"第{named_pages[option.value].number}版 {option.value}" in narrowed.content.decode()
