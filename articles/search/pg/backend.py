"""haystack's API on the PostgreSQL engine: ``SearchQuerySet()`` works as on the Whoosh engine.

Settings (``SEARCH_ENGINE=postgresql`` sets it): ``HAYSTACK_CONNECTIONS = {"default": {"ENGINE":
"articles.search.pg.backend.PostgresSearchEngine"}}``. Nothing here searches by itself: a
SearchQuerySet's filters are translated into the reader's query language plus the facet filters of
``articles.search.service.search`` (one engine, one set of rules), so ``auto_query``, ``filter``,
``exclude``, ``exact``, ``facet``, ``count``, ``highlight``, slicing and ``more_like_this`` behave as
the site's own search does. ``update``/``remove``/``clear`` write the search documents in the
caller's transaction (haystack's ``update_index``/``rebuild_index`` work too).

Supported lookups: the document field (``content``/``text``) and ``title`` with content, contains,
exact and in; facet fields (``city``, ``county``, ``topics``, ``persons``, ``year``, ``page_name``,
``newspaper``) with content/exact/in (several values of one field are ORed, as on the site);
``date`` with gte/lte/range. Anything else is refused with a clear error instead of being guessed.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections
from haystack.backends import BaseEngine, BaseSearchBackend, BaseSearchQuery, SearchNode, log_query
from haystack.inputs import AutoQuery, BaseInput, Exact
from haystack.models import SearchResult

from articles.search.vocabulary import FILTERS

from .documents import reindex
from .schema import TABLE

FILTER_OF_FIELD = {facet.field: name for name, facet in FILTERS.items()}  # index field → filter name
TEXT_FIELDS = {"content": "", "text": "", "title": "title:"}


class UnsupportedLookup(ValueError):
    """A SearchQuerySet lookup this engine does not translate (named in the message)."""


class PostgresSearchQuery(BaseSearchQuery):
    """Translates haystack's filter tree into (query text, filters) for ``service.search``."""

    def build_query(self):
        self._filters: dict[str, list[str]] = {}
        return self._translate(self.query_filter)

    def build_params(self, spelling_query=None):
        params = super().build_params(spelling_query)
        params["filters"] = dict(getattr(self, "_filters", {}))
        return params

    def matching_all_fragment(self):
        return ""

    def _translate(self, node) -> str:
        parts = []
        for child in node.children:
            if isinstance(child, SearchNode):
                parts.append(self._translate(child))
            else:
                expression, value = child
                field, lookup = node.split_expression(expression)
                parts.append(self._term(field, lookup, value))
        parts = [p for p in parts if p]
        text = (" OR " if node.connector == SearchNode.OR else " ").join(parts)
        if node.negated and text:
            if len(parts) > 1 or " " in text:
                raise UnsupportedLookup("exclude() of several terms at once: exclude them one by one")
            text = "-" + text
        return text

    def _term(self, field: str, lookup: str, value) -> str:
        if field in FILTER_OF_FIELD:
            if lookup not in ("content", "contains", "exact", "in"):
                raise UnsupportedLookup(f"{field}__{lookup}")
            values = value if lookup == "in" else [value]
            self._filters.setdefault(FILTER_OF_FIELD[field], []).extend(_plain(v) for v in values)
            return ""
        if field == "date":
            bounds = {"gte": (value, None), "gt": (value, None), "lte": (None, value), "lt": (None, value),
                      "range": tuple(value) if lookup == "range" else (None, None)}
            if lookup not in bounds:
                raise UnsupportedLookup(f"date__{lookup}")
            start, end = bounds[lookup]
            return f"date:{_day(start)}..{_day(end)}"
        if field not in TEXT_FIELDS or lookup not in ("content", "contains", "exact", "in"):
            raise UnsupportedLookup(f"{field}__{lookup}")
        prefix = TEXT_FIELDS[field]
        values = value if lookup == "in" else [value]
        terms = [prefix + (_quoted(v) if lookup == "exact" or isinstance(v, Exact) else _plain(v)) for v in values]
        return " OR ".join(terms)


def _plain(value) -> str:
    if isinstance(value, AutoQuery):
        return value.query_string  # the reader's own query language
    if isinstance(value, BaseInput):
        return str(value.query_string)
    return str(value)


def _quoted(value) -> str:
    text = _plain(value).replace('"', " ")
    return f'"{text}"'


def _day(value) -> str:
    return value.isoformat()[:10] if value else ""


class PostgresSearchBackend(BaseSearchBackend):
    def update(self, index, iterable, commit=True):
        reindex([obj.pk for obj in iterable])

    def remove(self, obj_or_string, commit=True):
        pk = getattr(obj_or_string, "pk", None) or str(obj_or_string).rsplit(".", 1)[-1]
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE article_id = %s", [int(pk)])

    def clear(self, models=None, commit=True):
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")

    @log_query
    def search(self, query_string, **kwargs):
        from articles.search.service import search

        start = kwargs.get("start_offset") or 0
        end = kwargs.get("end_offset")
        per_page = max(1, (end - start) if end is not None else 20)
        page, skip = (start // per_page + 1, 0) if start % per_page == 0 else (1, start)
        if skip:
            per_page = min(100, end if end is not None else start + 20)
        names = [FILTER_OF_FIELD[f] for f in (kwargs.get("facets") or {}) if f in FILTER_OF_FIELD]
        sort = "relevance"
        for order in kwargs.get("sort_by") or ():
            sort = "oldest" if order == "date" else "newest" if order == "-date" else sort
        results = search(query_string, filters=kwargs.get("filters") or {}, sort=sort, page=page,
                         per_page=per_page, facets=names, highlight=bool(kwargs.get("highlight")), browse=True,
                         relax=False)
        result_class = kwargs.get("result_class") or SearchResult
        found = []
        for hit in results.hits[skip:]:
            result = result_class("articles", "article", hit.article_id, hit.score, headline=hit.headline,
                                  slug=hit.slug)
            if kwargs.get("highlight"):
                result.highlighted = {"text": hit.fragments}
            found.append(result)
        fields = {FILTERS[name].field: pairs for name, pairs in results.facets.items()}
        return {"results": found, "hits": results.total, "facets": {"fields": fields, "dates": {}, "queries": {}},
                "spelling_suggestion": None}

    def more_like_this(self, model_instance, additional_query_string=None, start_offset=0, end_offset=None,
                       models=None, limit_to_registered_models=None, result_class=None, **kwargs):
        from articles.search.service import more_like_this_hits

        limit = (end_offset or 20) - (start_offset or 0)
        hits = more_like_this_hits(model_instance.pk, limit=max(1, limit))
        result_class = result_class or SearchResult
        return {"results": [result_class("articles", "article", hit.article_id, hit.score) for hit in hits],
                "hits": len(hits)}

    def build_schema(self, fields):
        return "text", {}


class PostgresSearchEngine(BaseEngine):
    backend = PostgresSearchBackend
    query = PostgresSearchQuery
