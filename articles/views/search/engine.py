"""The one place where the search pages call the search engine (``articles.search.service``).

The pages speak in URL parameters (city, county, topic, year, person, pagename); the engine speaks
in facet names. This adapter maps one to the other, keeps the promise that a filter value the
engine does not know matches nothing (the engine drops such values, which would *widen* the
search), highlights each title line on its own (the engine highlights the title group as one
string), and turns "the index is missing or broken" into ``SearchOutcome.unavailable`` — logged,
and shown to the reader as a notice instead of a server error.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from articles.forms.search import SearchParams
from articles.search import service
from articles.search.highlight import highlight_all
from articles.search.service import SearchUnavailable

log = logging.getLogger(__name__)

PER_PAGE = 20

# URL parameter → the engine's facet/filter name (see articles.search.service.FACETS).
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
    # (role, escaped HTML with <mark>) per title line, in print order.
    title_lines_html: list[tuple[str, str]] = field(default_factory=list)
    city_codes: list[str] = field(default_factory=list)  # Region.code, a county's city included


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


def _hit(hit, parsed_query) -> Hit:
    lines = [(role, text) for role, text in
             (("kicker", hit.kicker), ("headline", hit.headline), ("subtitle", hit.subtitle)) if text]
    return Hit(
        article_id=hit.article_id,
        fragments_html=list(hit.fragments),
        title_lines_html=[(role, highlight_all(text, parsed_query)) for role, text in lines],
        city_codes=list(hit.city),
    )


def _outcome(result) -> SearchOutcome:
    return SearchOutcome(
        total=result.total,
        page=result.page,
        per_page=result.per_page,
        hits=[_hit(hit, result.parsed_query) for hit in result.hits],
        facets={
            PARAM_FOR_FIELD[name]: [(str(value), int(count)) for value, count in pairs]
            for name, pairs in result.facets.items()
            if name in PARAM_FOR_FIELD
        },
    )


def run_search(params: SearchParams, per_page: int = PER_PAGE, *, browse: bool = False,
               facets: bool = True, highlight: bool = True) -> SearchOutcome:
    """Search as the reader asked; a page past the end gives the last page (the engine clamps).

    ``browse``: with no query and no filters, count the whole archive (the start page's facets)
    instead of returning nothing. ``facets``/``highlight``: skip work a caller does not show.
    """
    asked = _engine_filters(params)
    try:
        result = service.search(params.q, filters=asked, sort=params.sort, page=params.page,
                                per_page=per_page, browse=browse, facets=facets, highlight=highlight)
    except SearchUnavailable:
        log.exception("Search index unavailable (query %r)", params.q)
        return SearchOutcome(per_page=per_page, unavailable=True)
    if any(key not in result.filters for key in asked):
        # Every value of some filter was unknown to the engine (e.g. year=abc): nothing matches.
        return SearchOutcome(per_page=per_page)
    return _outcome(result)


def related_article_ids(article_id: int, limit: int = 5) -> list[int]:
    """Ids of articles like this one, most alike first; [] when the index cannot tell."""
    try:
        return [pk for pk in service.more_like_this(article_id, limit=limit) if pk != article_id]
    except SearchUnavailable:
        log.warning("Search index unavailable: no related articles for %s", article_id)
        return []
