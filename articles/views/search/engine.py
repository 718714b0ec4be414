"""The one place where the search pages call the search engine (``articles.search.service``).

The pages speak in URL parameters (city, county, topic, year, person, pagename); the engine speaks
in index fields. This adapter maps one to the other, clamps a page number past the end to the last
page, and turns "the index is missing or broken" into ``SearchOutcome.unavailable`` — logged, and
shown to the reader as a friendly notice instead of a server error.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from articles.forms.search import SearchParams
from articles.views.search.paging import clamp_page

log = logging.getLogger(__name__)

PER_PAGE = 20

# URL parameter → the engine's filter / facet field.
FIELD_FOR_PARAM = {
    "city": "city",
    "county": "county",
    "topic": "topic",
    "year": "year",
    "person": "person",
    "pagename": "page_name",
}
PARAM_FOR_FIELD = {field_name: param for param, field_name in FIELD_FOR_PARAM.items()}


@dataclass
class Hit:
    article_id: int
    fragments_html: list[str] = field(default_factory=list)


@dataclass
class SearchOutcome:
    total: int = 0
    page: int = 1
    per_page: int = PER_PAGE
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    unavailable: bool = False


def _engine_filters(params: SearchParams) -> dict[str, list[str]]:
    return {FIELD_FOR_PARAM[param]: list(values) for param, values in params.filters.items() if values}


def _call(params: SearchParams, page: int, per_page: int):
    from articles.search import service

    return service.search(
        params.q, filters=_engine_filters(params), sort=params.sort, page=page, per_page=per_page
    )


def _outcome(result, page: int, per_page: int) -> SearchOutcome:
    return SearchOutcome(
        total=result.total,
        page=page,
        per_page=per_page,
        hits=[Hit(h.article_id, list(h.fragments)) for h in result.hits],
        facets={
            PARAM_FOR_FIELD[name]: [(str(value), int(count)) for value, count in pairs]
            for name, pairs in result.facets.items()
            if name in PARAM_FOR_FIELD
        },
    )


def run_search(params: SearchParams, per_page: int = PER_PAGE) -> SearchOutcome:
    """Search as the reader asked; a page past the end gives the last page."""
    from articles.search.service import SearchUnavailable

    try:
        result = _call(params, params.page, per_page)
        page = clamp_page(params.page, result.total, per_page)
        if page != params.page:
            result = _call(params, page, per_page)
    except SearchUnavailable:
        log.exception("Search index unavailable for query %r", params.q)
        return SearchOutcome(page=1, per_page=per_page, unavailable=True)
    return _outcome(result, page, per_page)


def related_article_ids(article_id: int, limit: int = 5) -> list[int]:
    """Ids of articles like this one, most alike first; [] when the index cannot tell."""
    from articles.search import service
    from articles.search.service import SearchUnavailable

    try:
        return [pk for pk in service.more_like_this(article_id, limit=limit) if pk != article_id]
    except SearchUnavailable:
        log.warning("Search index unavailable: no related articles for %s", article_id)
        return []
