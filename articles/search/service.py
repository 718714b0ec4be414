"""The site's search API: one function the views call. Stable; other modules build on it.

    from articles.search.service import search, more_like_this

    results = search("工资集体协商 -培训", filters={"city": ["330100"], "year": ["2024"]},
                     sort="newest", page=1, per_page=20)
    results.total                # matching articles (all pages)
    results.hits                 # this page: list[Hit], best first (or by date)
    results.facets               # {"city": [("330100", 12), …], "county": …, "topic": …,
                                 #  "year": [(2024, 9), …], "person": …, "pagename": …}
    results.parsed_query         # articles.search.query.ParsedQuery (normalized(), is_empty, …)
    results.page, results.per_page, results.num_pages, results.has_next, results.has_previous
    results.filters              # the filters actually applied, cleaned: {"city": ["330100"], …}
    results.sort                 # "relevance" | "newest" | "oldest" (unknown values → relevance)
    results.aliases              # other spellings of a person also searched, e.g. ["胡翀"]
    results.relaxed              # None, or how a query that found nothing was relaxed:
                                 # "unquoted" (quotes dropped) or "any" (any one of the terms)

Facet and filter names are those of ``articles.search.vocabulary.FACETS`` (the URL parameters).

Each :class:`Hit` carries what a result line needs without a database query: ``article_id``,
``slug``, ``kicker``/``headline``/``subtitle`` (plain text), ``title_lines_html`` ((role, escaped
HTML with ``<mark>``) per printed title line), ``fragments`` (up to three escaped-HTML fragments of
the body with ``<mark>``), ``date`` (datetime.date), ``year``, ``page_name``, ``page_number``,
``newspaper``, ``city``/``county`` (lists of Region.code; a county or town tag rolls up to its
city, a town to its county), ``topics`` (Topic.slug list), ``persons`` (Person.slug list),
``score``. The fragments and title lines are safe to output with ``|safe``; everything else must
be escaped.

Facet values are codes/slugs/ints, never display names: the caller maps them to names with one
query each (Region by code, Topic by slug, Person by slug). Several values of one key are ORed,
different keys are ANDed. Unknown keys and values are ignored.

Any query string is accepted (see ``articles.search.query``); a query with nothing searchable
and no filters returns an empty result (``parsed_query.is_empty``) instead of every article,
unless ``browse=True``. A query that finds nothing is searched again relaxed (``relaxed``), so a
reader is never left with nothing when some of the words are there. Nothing here raises for user
input; a missing or unreadable index raises :class:`SearchUnavailable` (show a friendly notice).
``more_like_this(article_id, limit)`` gives the ids of similar articles (``more_like_this_hits``
the hits).
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
from whoosh import query as wq
from whoosh.index import EmptyIndexError

from . import postings
from .aliases import expand_aliases
from .engines import uses_postgresql
from .highlight import highlight_all, highlight_fragments
from .pg import service as pg
from .query import ParsedQuery, clean_text, parse_query
from .ranking import Match, clauses_matched, matching, rank
from .store import document_id, facet_column, get_searcher, per_document, sort_keys
from .vocabulary import (
    FACET_NAMES, FILTERS, MAX_FILTER_VALUE_CHARS, MAX_FILTER_VALUES, MAX_PAGE, MAX_PER_PAGE, SORT_RELEVANCE, SORTS,
)

log = logging.getLogger(__name__)

SORT_NAMES = tuple(name for name, _ in SORTS)
TITLE_BOOST = 3.0
TITLE_ROLES = ("kicker", "headline", "subtitle")


class SearchUnavailable(Exception):
    """The index is missing or cannot be read (not built yet, wrong PATH, broken files)."""


@dataclass
class Hit:
    article_id: int
    score: float
    slug: str = ""
    kicker: str = ""
    headline: str = ""
    subtitle: str = ""
    title_lines_html: list[tuple[str, str]] = field(default_factory=list)
    fragments: list[str] = field(default_factory=list)
    date: dt.date | None = None
    year: int | None = None
    page_name: str = ""
    page_number: int | None = None
    newspaper: str = ""
    city: list[str] = field(default_factory=list)
    county: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)

    @property
    def id(self) -> int:
        return self.article_id

    @property
    def snippets(self) -> list[str]:
        return self.fragments


@dataclass
class SearchResults:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[object, int]]]
    parsed_query: ParsedQuery
    page: int = 1
    per_page: int = 20
    sort: str = "relevance"
    filters: dict[str, list[str]] = field(default_factory=dict)
    elapsed_ms: float = 0.0
    aliases: list[str] = field(default_factory=list)
    relaxed: str | None = None

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page)) if self.per_page else 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def clean_filters(filters: Mapping[str, object] | None) -> dict[str, list[str]]:
    """Keep known filter keys; values as a list of short cleaned strings (years: digits only)."""
    cleaned: dict[str, list[str]] = {}
    for key in FILTERS:
        raw = (filters or {}).get(key)
        if raw is None:
            continue
        values = [raw] if isinstance(raw, (str, int)) else list(raw) if isinstance(raw, Iterable) else []
        values = [clean_text(v, MAX_FILTER_VALUE_CHARS) for v in values]
        values = [v for v in values if v][:MAX_FILTER_VALUES]
        if key == "year":
            values = [v for v in values if v.isdigit() and len(v) == 4]
        if values:
            cleaned[key] = list(dict.fromkeys(values))
    return cleaned


def filter_docs(searcher, parsed: ParsedQuery, filters: dict[str, list[str]]) -> np.ndarray | None:
    """The documents the date range and the filters allow (None: no restriction).

    A filter is answered from the same in-memory facet column that counts the facet (numpy, no
    Python loop over postings as whoosh's ``docs_for_query`` did: ~15 ms per filtered search at
    100,000 articles), so choosing a facet value finds exactly the number the facet showed."""
    allowed = None
    if parsed.date_from or parsed.date_to:
        start = dt.datetime.combine(parsed.date_from, dt.time.min) if parsed.date_from else None
        end = dt.datetime.combine(parsed.date_to, dt.time.max) if parsed.date_to else None
        allowed = _as_array(searcher.docs_for_query(wq.DateRange("date", start, end)))
    for key, values in filters.items():
        wanted = [int(v) for v in values] if key == "year" else values
        docs = facet_column(searcher, FILTERS[key].field).docs_with(wanted)
        allowed = docs if allowed is None else postings.intersect(allowed, docs)
    return allowed


def _facet_counts(searcher, docnums: np.ndarray, facets: Iterable[str]) -> dict[str, list[tuple[object, int]]]:
    if not len(docnums):
        return {name: [] for name in facets}
    return {name: facet_column(searcher, FILTERS[name].field).count(docnums) for name in facets}


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _list(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [v for v in value.split(",") if v]
    return list(value)


def hit_from_stored(stored: dict, score: float, parsed: ParsedQuery, highlight: bool) -> Hit:
    """A result line from a document's stored fields (either engine's)."""
    kicker, headline, subtitle = stored.get("kicker") or "", stored.get("headline") or "", stored.get("subtitle") or ""
    marked = parsed if highlight else _NOTHING
    return Hit(
        article_id=int(stored.get("django_id")),
        score=float(score or 0.0),
        slug=stored.get("slug") or "",
        kicker=kicker,
        headline=headline,
        subtitle=subtitle,
        # Each printed line on its own: a string never runs from one title line into the next.
        title_lines_html=[(role, highlight_all(text, marked))
                          for role, text in zip(TITLE_ROLES, (kicker, headline, subtitle)) if text],
        fragments=highlight_fragments(stored.get("body") or "", parsed) if highlight else [],
        date=_as_date(stored.get("date")),
        year=stored.get("year"),
        page_name=stored.get("page_name") or "",
        page_number=stored.get("page_number"),
        newspaper=stored.get("newspaper") or "",
        city=_list(stored.get("city")),
        county=_list(stored.get("county")),
        topics=_list(stored.get("topics")),
        persons=_list(stored.get("persons")),
    )


_NOTHING = parse_query("")


def search(q: object = "", filters: Mapping[str, object] | None = None, sort: str = "relevance",
           page: object = 1, per_page: object = 20, *, facets: Iterable[str] | bool = True,
           highlight: bool = True, browse: bool = False, relax: bool = True) -> SearchResults:
    """Search the index. See the module docstring for the result's shape. Never raises for input.
    ``relax=False``: no relaxed search on zero hits (haystack's SearchQuerySet means exactly it)."""
    started = time.perf_counter()
    parsed = parse_query(q)
    cleaned = clean_filters(filters)
    sort = sort if sort in SORT_NAMES else SORT_RELEVANCE
    per_page = _bounded(per_page, 20, MAX_PER_PAGE)
    page = _bounded(page, 1, MAX_PAGE)
    facet_names = list(FACET_NAMES) if facets is True else [f for f in (facets or ()) if f in FILTERS]
    results = SearchResults(0, [], {}, parsed, page, per_page, sort, cleaned)
    if parsed.is_empty and not cleaned and not browse:
        return results
    if uses_postgresql():
        pg.search(results, facet_names, highlight, relax)
        results.elapsed_ms = (time.perf_counter() - started) * 1000
        return results
    searcher = _searcher()
    parsed, results.aliases = expand_aliases(parsed)
    allowed = filter_docs(searcher, parsed, cleaned)
    memo: dict = {}  # posting lists read for the matching, reused by the ranking
    parsed, found, results.relaxed = _find(searcher, parsed, allowed, memo, relax)
    results.parsed_query = parsed
    docnums = found.docs
    results.total = len(docnums)
    if facet_names:
        results.facets = _facet_counts(searcher, docnums, facet_names)
    if len(docnums):
        results.page = page = min(page, results.num_pages)
        start = (page - 1) * per_page
        if sort != SORT_RELEVANCE or not parsed.has_words:
            results.hits = [hit_from_stored(searcher.stored_fields(d), 0.0, parsed, highlight)
                            for d in _by_date(searcher, docnums, newest=(sort != "oldest"))[start : start + per_page]]
        else:
            ranked = rank(searcher, _scored_words(parsed), {"title": TITLE_BOOST}, docnums, page * per_page, memo,
                          strong=found.strong, coordination=clauses_matched(found, docnums))
            results.hits = [hit_from_stored(searcher.stored_fields(d), score, parsed, highlight)
                            for d, score in ranked[start : start + per_page]]
    results.elapsed_ms = (time.perf_counter() - started) * 1000
    return results


def _find(searcher, parsed: ParsedQuery, allowed: np.ndarray | None, memo: dict, relax: bool = True):
    """(the query as searched, its Match, how it was relaxed or None). No dead ends: a query that
    finds nothing is searched again with its quotes dropped, then for any one of its terms."""
    found = _restricted(matching(searcher, parsed, memo), allowed)
    if not len(found.docs) and parsed.has_words and relax:
        for how, relaxed in relaxations(parsed):
            found = _restricted(matching(searcher, relaxed, memo), allowed)
            if len(found.docs):
                return relaxed, found, how
    return parsed, found, None


def relaxations(parsed: ParsedQuery):
    """(how, the relaxed query) to try in turn when ``parsed`` finds nothing: quotes dropped
    ("unquoted"), then any one of the terms ("any"); a step that changes nothing is skipped."""
    for how, relaxed in (("unquoted", parsed.unquoted()), ("any", parsed.any_term())):
        if relaxed.must != parsed.must:
            yield how, relaxed


def matching_article_ids(q: object) -> tuple[set[int], str | None]:
    """The ids of *every* article ``search(q)`` finds (no paging), and how it was relaxed; for
    ``manage.py evaluate_search``."""
    parsed, _aliases = expand_aliases(parse_query(q))
    if parsed.is_empty:
        return set(), None
    if uses_postgresql():
        return pg.matching_article_ids(parsed)
    searcher = _searcher()
    _parsed, found, relaxed = _find(searcher, parsed, None, {})
    return set(article_ids(searcher)[found.docs].tolist()), relaxed


def article_ids(searcher) -> np.ndarray:
    """The article id of every document number (read from the stored fields once per segment)."""
    def build(segreader):
        return np.array([int(segreader.stored_fields(d).get("django_id") or -1)
                         for d in range(segreader.doc_count_all())], dtype=np.int64)

    return per_document(searcher, ("django_id",), build).astype(np.int64, copy=False)


def _bounded(value: object, default: int, most: int) -> int:
    try:
        return min(most, max(1, int(value)))
    except (TypeError, ValueError):
        return default


def _restricted(found: Match, allowed: np.ndarray | None) -> Match:
    if allowed is None:
        return found
    return Match(postings.intersect(found.docs, allowed), postings.intersect(found.strong, allowed),
                 found.alternatives)


def _scored_words(parsed: ParsedQuery) -> dict[str, list[str]]:
    """Positive words to rank by: those of text clauses count in the text and (boosted) in the
    title group; those of title: clauses in the title only."""
    text = [w for c in parsed.positive_clauses() if c.field == "text" for w in c.words]
    title = text + [w for c in parsed.positive_clauses() if c.field == "title" for w in c.words]
    return {"text": text, "title": title}


def _as_array(docnums) -> np.ndarray:
    return np.unique(np.fromiter(docnums, dtype=np.int64))


def _by_date(searcher, ids: np.ndarray, newest: bool) -> list[int]:
    """Matching document numbers by date (newest or oldest first; ties by document number)."""
    keys = sort_keys(searcher, "date")[ids]
    order = np.argsort(-keys if newest else keys, kind="stable")
    return ids[order].tolist()


def _searcher():
    try:
        return get_searcher()
    except (EmptyIndexError, OSError, ValueError) as error:
        raise SearchUnavailable(str(error)) from error


def more_like_this(article_id: int, limit: int = 5) -> list[int]:
    """Ids of the articles most like this one, best first, without itself; [] if it is not
    indexed. Raises SearchUnavailable when there is no index."""
    return [hit.article_id for hit in more_like_this_hits(article_id, limit)]


def more_like_this_hits(article_id: int, limit: int = 5) -> list[Hit]:
    """Like :func:`more_like_this`, with each article's stored fields."""
    if uses_postgresql():
        return pg.more_like_this_hits(article_id, limit)
    searcher = _searcher()
    docnum = searcher.document_number(id=document_id(article_id))
    if docnum is None:
        return []
    stored = searcher.stored_fields(docnum)
    text = " ".join(filter(None, [stored.get("title") or "", stored.get("body") or ""]))
    found = searcher.more_like(docnum, "text", text=text, top=limit, numterms=12)
    return [hit_from_stored(hit.fields(), hit.score, _NOTHING, False) for hit in found]
