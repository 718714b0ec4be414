"""The one place where the search pages call the search engine (``articles.search.service``).

The pages and the engine speak the same names (``articles.search.vocabulary.FACETS``), and the
engine's ``Hit`` is what the pages show. This adapter keeps the promise that a filter value the
engine does not know matches nothing (the engine drops such values, which would *widen* the
search), and turns "the index is missing or broken" into ``SearchOutcome.unavailable`` — logged,
and shown to the reader as a notice instead of a server error.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from articles.forms.search import SearchParams
from articles.search import service
from articles.search.service import Hit, SearchUnavailable

log = logging.getLogger(__name__)

PER_PAGE = 20


@dataclass
class SearchOutcome:
    total: int = 0
    page: int = 1
    per_page: int = PER_PAGE
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    unavailable: bool = False
    aliases: list[str] = field(default_factory=list)  # other spellings of a person also searched
    relaxed: str | None = None  # "unquoted" / "any": the query found nothing as typed
    terms: list[str] = field(default_factory=list)  # the query's terms as understood


def run_search(params: SearchParams, per_page: int = PER_PAGE, *, browse: bool = False,
               facets: bool = True, highlight: bool = True) -> SearchOutcome:
    """Search as the reader asked; a page past the end gives the last page (the engine clamps).

    ``browse``: with no query and no filters, count the whole archive (the start page's facets)
    instead of returning nothing. ``facets``/``highlight``: skip work a caller does not show.
    """
    asked = {param: list(values) for param, values in params.filters.items() if values}
    try:
        result = service.search(params.engine_query(), filters=asked, sort=params.sort, page=params.page,
                                per_page=per_page, browse=browse, facets=facets, highlight=highlight)
    except SearchUnavailable:
        log.exception("Search index unavailable (query %r)", params.engine_query())
        return SearchOutcome(per_page=per_page, unavailable=True)
    if any(key not in result.filters for key in asked):
        # Every value of some filter was unknown to the engine (e.g. year=abc): nothing matches.
        return SearchOutcome(per_page=per_page)
    return SearchOutcome(
        total=result.total,
        page=result.page,
        per_page=result.per_page,
        hits=result.hits,
        facets={name: [(str(value), int(count)) for value, count in pairs] for name, pairs in result.facets.items()},
        aliases=result.aliases,
        relaxed=result.relaxed,
        terms=result.parsed_query.term_texts(),
    )


def related_article_ids(article_id: int, limit: int = 5) -> list[int]:
    """Ids of articles like this one, most alike first; [] when the index cannot tell."""
    try:
        return [pk for pk in service.more_like_this(article_id, limit=limit) if pk != article_id]
    except SearchUnavailable:
        log.warning("Search index unavailable: no related articles for %s", article_id)
        return []
