"""/search.json?q=…: the same search as /search/, as JSON for scripts and other sites.

Same parameters, same repairs, same page clamping as the HTML page. ``<``, ``>`` and ``&`` are
written as \\u escapes, so even a client that wrongly drops the JSON into HTML cannot be made to run
a script echoed from the query.
"""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles.forms.search import search_params_from
from articles.search.vocabulary import FACET_NAMES
from articles.views.search.engine import PER_PAGE, run_search
from articles.views.search.facets import collect_labels, trim_facets
from articles.views.search.paging import last_page
from articles.views.search.results import ResultItem, result_items

_HTML_SENSITIVE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def _result(item: ResultItem, absolute) -> dict:
    page = item.article.page
    return {
        "id": item.article.pk,
        "url": absolute(item.url),
        "title_lines": [{"role": role, "text": text} for role, text in item.title_lines],
        "title_lines_html": [{"role": role, "html": str(html)} for role, html in item.title_lines_html],
        "kicker": item.article.kicker,
        "headline": item.article.headline,
        "subtitle": item.article.subtitle,
        "date": item.date.isoformat(),
        "date_is_estimated": item.date_is_estimated,
        "page": {
            "number": page.number,
            "name": page.name,
            "label": item.page_label,
            "url": absolute(item.page_url),
        },
        "cities": item.cities,
        "snippet": {"text": item.snippets_text, "html": [str(s) for s in item.snippets_html]},
    }


@require_safe
def search_json(request):
    params = search_params_from(request.GET)
    outcome = run_search(params, per_page=PER_PAGE, browse=params.is_blank)  # blank: every article
    params = params.with_page(outcome.page)
    facets = trim_facets(outcome.facets, params)
    labels = collect_labels(facets, params, outcome.hits)
    absolute = request.build_absolute_uri
    num_pages = last_page(outcome.total, outcome.per_page)
    json_path = reverse("search_json")
    data = {
        "query": params.q,
        "filters": {param: list(params.filters.get(param, ())) for param in FACET_NAMES},
        "sort": params.sort,
        "available": not outcome.unavailable,
        "total": outcome.total,
        "relaxed": outcome.relaxed,  # null, "unquoted" or "any": the query as typed found nothing
        "aliases": outcome.aliases,  # other spellings of a person also searched
        "page": outcome.page,
        "per_page": outcome.per_page,
        "num_pages": num_pages,
        "links": {
            "self": absolute(json_path + params.querystring()),
            "html": absolute(reverse("search") + params.querystring()),
            "next": absolute(json_path + params.with_page(outcome.page + 1).querystring())
            if outcome.page < num_pages else None,
            "previous": absolute(json_path + params.with_page(outcome.page - 1).querystring())
            if outcome.page > 1 else None,
        },
        "results": [_result(item, absolute) for item in result_items(outcome.hits, labels)],
        "facets": {
            param: [{"value": value, "label": labels.label(param, value), "count": count} for value, count in pairs]
            for param, pairs in facets.items()
        },
    }
    body = json.dumps(data, ensure_ascii=False).translate(_HTML_SENSITIVE)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response
