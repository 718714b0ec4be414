"""/search/: the search page with its facet sidebar, filter chips, sort links and pagination.

GET only, so that every search has a URL a reader can share; the form repairs any input (see
articles/forms/search.py), and the engine adapter turns a missing index into a notice, so nothing a
reader types gives a server error. Everything echoed back goes through the template's escaping.
"""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles.forms.search import SearchParams, search_params_from
from articles.search.vocabulary import SORTS
from articles.views.search.engine import PER_PAGE, run_search
from articles.views.search.facets import build_chips, build_sidebar, collect_labels, trim_facets
from articles.views.search.paging import paginate
from articles.views.search.results import result_items
from articles.views.search.suggestions import example_links, unquoted_link, word_links


def sort_links(params: SearchParams, path: str) -> list[dict]:
    return [
        {"label": label, "url": path + params.with_sort(value).querystring(), "current": params.sort == value}
        for value, label in SORTS
    ]


def search_context(request, params: SearchParams) -> dict:
    """Everything the page shows for one search, in a fixed number of database queries."""
    path = reverse("search")
    if params.is_blank:
        # The start page: no results list, but the facets of the whole archive as ways in.
        outcome = run_search(params, per_page=1, browse=True)
        outcome.hits = []
    else:
        outcome = run_search(params, per_page=PER_PAGE)
    params = params.with_page(outcome.page) if outcome.page != params.page else params
    facets = trim_facets(outcome.facets, params)
    labels = collect_labels(facets, params, outcome.hits)
    items = result_items(outcome.hits, labels)
    context = {
        "params": params,
        "query": params.q,  # base.html's header box shows it
        "unavailable": outcome.unavailable,
        "total": outcome.total,
        "items": items,
        "pagination": paginate(params, outcome.total, outcome.per_page, path),
        "facet_groups": build_sidebar(facets, params, labels, path),
        "chips": build_chips(params, labels, path),
        "clear_filters_url": path + params.without_filters().querystring(),
        "sort_links": sort_links(params, path),
        "canonical_url": request.build_absolute_uri(path + params.querystring()),
        "feed_url": reverse("search_feed") + params.with_page(1).querystring(),
        "json_url": reverse("search_json") + params.querystring(),
        "aliases": outcome.aliases,
        "relaxed": outcome.relaxed,
        "relaxed_terms": outcome.terms if outcome.relaxed else [],
        "examples": [],
        "word_links": [],
        "unquoted_link": None,
    }
    if not outcome.unavailable and not items:
        context["examples"] = example_links()
        context["word_links"] = word_links(params) if params.q else []
        context["unquoted_link"] = unquoted_link(params) if params.q else None
    return context


@require_safe
def search_page(request):
    params = search_params_from(request.GET)
    return render(request, "search/search.html", search_context(request, params))
