"""The search vocabulary, defined once: facets and filters, sorts, and the limits of a search.

Every layer speaks the same names: the URL parameter of /search/ (``?pagename=要闻``), the filter
key and facet name of :func:`articles.search.service.search`, and the key of its facet counts are
all ``Facet.name``. Only the index has its own field names (``Facet.field``), because haystack's
``ArticleIndex`` declares them (``topics`` holds several topics).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Facet:
    name: str  # URL parameter, filter key, facet name
    field: str  # the index field (ArticleIndex)
    label: str  # what readers see
    multivalued: bool = False  # a comma-separated list in the index (several values per article)


# In the canonical order of a search URL. Values: Region.code for city and county (a county or
# town tag rolls up to its city), Topic.slug, the year as an int, Person.slug, the page name as
# printed. "pagename" and not "page": page is the result page number.
FACETS: tuple[Facet, ...] = (
    Facet("city", "city", "城市", multivalued=True),
    Facet("county", "county", "县区", multivalued=True),
    Facet("topic", "topics", "专题", multivalued=True),
    Facet("year", "year", "年份"),
    Facet("person", "persons", "人物", multivalued=True),
    Facet("pagename", "page_name", "版面"),
)
# Filters that are not shown as facets on the page (the API accepts them).
EXTRA_FILTERS: tuple[Facet, ...] = (Facet("newspaper", "newspaper", "报纸"),)

FACET_NAMES = tuple(facet.name for facet in FACETS)
FILTERS = {facet.name: facet for facet in FACETS + EXTRA_FILTERS}
FACET_LABELS = {facet.name: facet.label for facet in FACETS}
MULTIVALUED_FIELDS = frozenset(facet.field for facet in FACETS + EXTRA_FILTERS if facet.multivalued)

SORT_RELEVANCE, SORT_NEWEST, SORT_OLDEST = "relevance", "newest", "oldest"
SORTS = ((SORT_RELEVANCE, "相关度"), (SORT_NEWEST, "最新"), (SORT_OLDEST, "最早"))

# Limits of one search, for the page, the JSON, the feed and the engine alike.
MAX_QUERY_CHARS = 200  # a longer query (pasted text) is cut, not refused
MAX_PAGE = 10_000  # deeper pages are useless and expensive; a larger number shows the last page
MAX_PER_PAGE = 100
MAX_FILTER_VALUES = 20
MAX_FILTER_VALUE_CHARS = 100
