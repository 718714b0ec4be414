"""The search form repairs any query string and gives every search one canonical, shareable URL."""

from django.http import QueryDict

from articles.forms.search import search_params_from
from articles.search.vocabulary import MAX_PAGE as MAX_PAGE_NUMBER, MAX_QUERY_CHARS as MAX_QUERY_LENGTH


def params(query_string: str):
    return search_params_from(QueryDict(query_string))


def test_canonical_url_orders_parameters_and_values_and_drops_defaults():
    messy = params("page=1&sort=relevance&year=2024&city=b&q=%E5%8A%B3%E6%A8%A1&city=a&city=a&topic=")
    tidy = params("q=%E5%8A%B3%E6%A8%A1&city=a&city=b&year=2024")
    assert messy == tidy
    assert messy.querystring() == "?q=%E5%8A%B3%E6%A8%A1&city=a&city=b&year=2024"


def test_unknown_sort_becomes_relevance_and_known_sorts_are_kept():
    assert params("q=x&sort=foo").sort == "relevance"
    assert params("q=x&sort=newest").querystring() == "?q=x&sort=newest"
    assert params("q=x&sort=oldest").sort == "oldest"


def test_bad_page_numbers_become_page_one_and_huge_ones_are_capped():
    for bad in ("-1", "0", "abc", "", "1.5", "%EF%BC%93", "%00"):  # %EF%BC%93 is a full-width 3
        assert params(f"q=x&page={bad}").page == 1, bad
    assert params("q=x&page=7").page == 7
    assert params("q=x&page=" + "9" * 5000).page == MAX_PAGE_NUMBER


def test_control_characters_are_removed_and_long_queries_cut():
    assert params("q=%E5%8A%B3%00%E6%A8%A1%0A%E5%B7%A5%E5%8C%A0").q == "劳 模 工匠"
    assert params("q=%E2%80%8B%E5%8A%B3%E6%A8%A1").q == "劳模"  # a zero-width space is dropped
    assert len(params("q=" + "x" * 5000).q) == MAX_QUERY_LENGTH


def test_changing_a_search_resets_the_page():
    search = params("q=x&city=a&page=3")
    assert search.with_filter("year", "2024").page == 1
    assert search.without_filter("city", "a").querystring() == "?q=x"
    assert search.with_sort("newest").querystring() == "?q=x&city=a&sort=newest"
