"""Sorting by date and paging through results."""

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_engine")]

QUERY = "工会"  # found in most seed articles: more than one page of 20


def dates(response):
    return [item.date for item in response.context["items"]]


def test_newest_and_oldest_order_results_by_date(client):
    newest = client.get(reverse("search"), {"q": QUERY, "sort": "newest"})
    oldest = client.get(reverse("search"), {"q": QUERY, "sort": "oldest"})
    assert dates(newest) == sorted(dates(newest), reverse=True)
    assert dates(oldest) == sorted(dates(oldest))
    assert dates(newest)[0] > dates(oldest)[0]


def test_sort_links_keep_the_search_and_mark_the_current_sort(client):
    response = client.get(reverse("search"), {"q": QUERY, "year": "2024", "sort": "oldest", "page": "2"})
    links = {link["label"]: link for link in response.context["sort_links"]}
    assert links["最早"]["current"] and not links["最新"]["current"]
    assert links["最新"]["url"] == reverse("search") + "?q=%E5%B7%A5%E4%BC%9A&year=2024&sort=newest"
    assert links["相关度"]["url"] == reverse("search") + "?q=%E5%B7%A5%E4%BC%9A&year=2024"


def test_pages_split_the_results_without_overlap(client):
    first = client.get(reverse("search"), {"q": QUERY})
    total = first.context["total"]
    pagination = first.context["pagination"]
    assert total > 20 and pagination.num_pages == -(-total // 20)
    seen = [item.article.pk for item in first.context["items"]]
    assert len(seen) == 20
    second = client.get(pagination.next_url)
    assert second.context["pagination"].page == 2
    assert second.context["pagination"].first_index == 21
    seen += [item.article.pk for item in second.context["items"]]
    assert len(seen) == len(set(seen)) == min(total, 40)
    body = second.content.decode()
    assert 'rel="prev"' in body and 'aria-current="page">2<' in body


@pytest.mark.parametrize("page", ["-1", "0", "abc", ""])
def test_bad_page_numbers_show_the_first_page(client, page):
    response = client.get(reverse("search"), {"q": QUERY, "page": page})
    assert response.context["pagination"].page == 1
    assert len(response.context["items"]) == 20


def test_a_page_past_the_end_shows_the_last_page_and_its_canonical_url(client):
    response = client.get(reverse("search"), {"q": QUERY, "page": "500"})
    last = response.context["pagination"].num_pages
    assert response.context["pagination"].page == last
    assert response.context["items"]
    assert f'rel="canonical" href="http://testserver/search/?q=%E5%B7%A5%E4%BC%9A&amp;page={last}"' in (
        response.content.decode())
