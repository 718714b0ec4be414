"""The search API never raises for anything a reader can send; a missing index is reported."""

import pytest

from articles.search.service import SearchResults, SearchUnavailable, search

from .test_query import BROKEN

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("q", BROKEN)
def test_broken_queries_give_results_or_an_empty_state(search_engine, q):
    results = search(q)
    assert isinstance(results, SearchResults)
    assert results.total >= 0 and len(results.hits) <= results.per_page


@pytest.mark.parametrize("kwargs", [
    {"filters": {"year": ["abcd", "20245", None, "2024"], "city": "<script>", "nonsense": ["x"]}},
    {"filters": {"city": [""] * 50, "topic": 42}},
    {"sort": "'; DROP TABLE"},
    {"page": "-1"}, {"page": "9" * 40}, {"page": None}, {"per_page": "0"}, {"per_page": 10 ** 9},
])
def test_broken_parameters_are_cleaned(search_engine, kwargs):
    results = search("劳模", **kwargs)
    assert results.sort in {"relevance", "newest", "oldest"} and 1 <= results.per_page <= 100
    assert results.page >= 1


def test_a_page_past_the_end_gives_the_last_page(search_engine):
    results = search("劳模", page=999, per_page=5)
    assert results.page == results.num_pages and results.hits


def test_empty_query_without_filters_is_an_empty_state_not_everything(search_engine):
    results = search("")
    assert results.total == 0 and results.parsed_query.is_empty


def test_missing_index_raises_search_unavailable(search_index, settings, tmp_path):
    from articles.search.store import reset_searcher

    target = tmp_path / "file-not-folder"
    target.write_text("x")
    settings.HAYSTACK_CONNECTIONS = {"default": {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": str(target)}}
    reset_searcher()
    try:
        with pytest.raises(SearchUnavailable):
            search("劳模")
    finally:
        reset_searcher()


def test_an_index_not_built_yet_answers_empty(search_index, settings, tmp_path):
    from articles.search.store import facet_column, get_searcher, reset_searcher

    settings.HAYSTACK_CONNECTIONS = {"default": {**settings.HAYSTACK_CONNECTIONS["default"],
                                                 "PATH": str(tmp_path / "not_built_yet")}}
    reset_searcher()
    try:
        results = search("劳模", filters={"city": ["330100"]})
        assert results.total == 0 and all(pairs == [] for pairs in results.facets.values())
        assert search("", browse=True).total == 0
        assert facet_column(get_searcher(), "city").values == []
    finally:
        reset_searcher()
