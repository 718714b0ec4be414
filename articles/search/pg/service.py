"""``search()`` and ``more_like_this_hits()`` of the PostgreSQL engine, behind
``articles.search.service`` (which parses, cleans and bounds the request once for both engines).

One search is one SQL statement for the count, the facets and the page's ids (the matching rows
materialised once, then counted, grouped per facet and ordered), and one more for the page's
stored fields. Ranking: documents matching every term strongly first (see ``matching``), then
``ts_rank`` over the query's words (title words weigh more, length-normalised); newest/oldest by
date. A query that finds nothing is searched again relaxed, exactly as on Whoosh
(``service.relaxations``). Reads go where the database router sends reads (a replica, if any).
"""

from __future__ import annotations

import json
import math
from contextlib import contextmanager

from django.db import DatabaseError, connections, router, transaction

from articles.search.aliases import expand_aliases
from articles.search.query import ParsedQuery
from articles.search.vocabulary import SORT_OLDEST, SORT_RELEVANCE

from . import cache
from .matching import (Sql, all_of, any_of, coordinated_ids, matching_condition, matching_ids, rank_query, strong_ids,
                       tsquery)
from .schema import TABLE

# ts_rank's weights for D, C, B, A: a title word (A) counts three times a body word, as
# service.TITLE_BOOST does on Whoosh; normalisation 1 divides by 1 + log(document length).
RANK_WEIGHTS = "{0.1, 0.1, 0.1, 0.3}"
RANK_NORMALIZATION = 1
# Scoring a document decompresses its ``words`` vector (~12 µs each, measured: 522 ms for the
# 28,500 documents holding 工会 at 30,000 articles, against 28 ms to find them through the index).
# So once more than RANK_ALL documents match strongly — a very common word — only those with a
# query term in the title lines are scored, by their title words alone (``title_words``, a small
# vector kept in the row: 57 → 10 ms for 3,221 title matches at 10,000 articles), and come first;
# the other strong documents follow newest first. Counts, facets and the set of results are exact
# either way.
RANK_ALL = 3000
# The planner judges a text-search condition matching most rows cheaper by reading the whole table,
# and then decompresses every row's ``grams``/``words`` to test it: 641 ms against 43 ms through the
# GIN index for 工会 at 30,000 articles (EXPLAIN ANALYZE). Searches run with sequential scans off.
# And without JIT: PostgreSQL compiles a plan costed above jit_above_cost (100,000: a common word
# from ~100,000 articles on) to machine code, which costs more than these statements' run time —
# measured on the 工会 search (63 functions): 17 ms to compile the expressions, and 872 ms once the
# cost passes jit_optimize/inline_above_cost (500,000; a plan with any sequential scan left in it
# does, since enable_seqscan = off adds 10^10 to its cost), for a statement that runs in ~150 ms.
# Merge joins off too: to mark strong matches by a merge join, the planner walks the whole table in
# key order testing ``grams`` row by row (a quoted 模工 at 300,000 documents: 4.2 s; 1.2 s with
# the hash join it takes instead).
PLANNER_SETTINGS = "SET LOCAL enable_seqscan = off; SET LOCAL jit = off; SET LOCAL enable_mergejoin = off"
STORED = ("article_id", "slug", "kicker", "headline", "subtitle", "body", "date", "year", "page_name",
          "page_number", "newspaper", "city", "county", "topics", "persons")
MORE_LIKE_CANDIDATES = 30  # the article's most frequent words whose rarity is looked up
MORE_LIKE_TERMS = 12  # of those, the most telling (tf × idf), searched ORed


def read_alias() -> str:
    from articles.models import Article

    return router.db_for_read(Article)


def _cursor():
    from articles.search.service import SearchUnavailable

    connection = connections[read_alias()]
    if connection.vendor != "postgresql":
        raise SearchUnavailable("SEARCH_ENGINE=postgresql needs a PostgreSQL database")
    return connection.cursor()


@contextmanager
def _search_cursor():
    """A cursor in a transaction on the read database (where ``PLANNER_SETTINGS`` apply, SET LOCAL);
    a database error becomes ``SearchUnavailable`` (the page says search is unavailable, never a 500)."""
    from articles.search.service import SearchUnavailable

    try:
        with transaction.atomic(using=read_alias()), _cursor() as cursor:
            yield cursor
    except DatabaseError as error:
        raise SearchUnavailable(f"the PostgreSQL search documents cannot be read: {error}") from error


def _execute(sql: str, params: list) -> list[tuple]:
    with _search_cursor() as cursor:
        cursor.execute(PLANNER_SETTINGS)
        cursor.execute(sql, params)
        return cursor.fetchall()


def _execute_cached(sql: str, params: list) -> tuple:
    """The first row of a search statement, from this process's cache when the database snapshot is
    the one it was read in (``cache``: exact, an edit is findable at once). The statement also
    returns its own snapshot, so a result is stored under the snapshot it was really read in."""
    if not cache.capacity():
        return _execute(sql, params)[0]
    with _search_cursor() as cursor:
        cursor.execute(cache.SNAPSHOT_SQL)
        snapshot, writing = cursor.fetchone()
        connection_settings = cursor.db.settings_dict
        if not writing:
            found = cache.get(cache.key(connection_settings, snapshot, sql, params))
            if found is not None:
                return found
        cursor.execute(PLANNER_SETTINGS)
        cursor.execute(f"SELECT s.*, pg_current_snapshot()::text FROM ({sql}) AS s", params)
        *found, read_in = cursor.fetchone()
    if not writing:
        cache.put(cache.key(connection_settings, read_in, sql, params), tuple(found))
    return tuple(found)


def facet_key(name: str, value) -> str:
    """A facet value as ``facet_keys`` holds it (``name=value``; migration 0016 writes them)."""
    return f"{name}={value}"


def filter_sql(parsed: ParsedQuery, filters: dict[str, list[str]]) -> Sql:
    """The date range and the chosen facet values (any of a facet's values, every facet), as
    conditions the GIN index on ``facet_keys`` answers (migration 0017): PostgreSQL ANDs its bitmap
    with the text condition's, and visits only the rows that pass both — 工会 in one year and one
    city at 100,000 articles read 1,672 rows instead of 95,146 (211 → 58 ms with the strong set
    filtered too, see ``strong_ids``)."""
    parts = []
    if parsed.date_from:
        parts.append(Sql("date >= %s", [parsed.date_from]))
    if parsed.date_to:
        parts.append(Sql("date <= %s", [parsed.date_to]))
    for name, values in filters.items():
        if name == "year":
            values = [int(v) for v in values]
        parts.append(Sql("facet_keys && %s::text[]", [[facet_key(name, v) for v in values]]))
    return all_of(parts)


def _facets_sql() -> str:
    """Every facet's counts over the matching documents ``m`` in one pass: ``facet_keys`` holds each
    document's facet values as ``facet=value`` (migration 0016), so one unnest and one grouping count
    them all — 35 ms against 69 ms for a union arm per facet (9,500 matches at 10,000 articles)."""
    counted = "SELECT k, count(*) AS n FROM m, unnest(m.facet_keys) AS k GROUP BY k"
    return f"(SELECT coalesce(json_agg(json_build_array(k, n)), '[]'::json) FROM ({counted}) AS c)"


def _facet_counts(rows, facet_names: list[str]) -> dict[str, list]:
    facets: dict[str, list] = {name: [] for name in facet_names}
    for key, count in rows:
        name, _, value = key.partition("=")  # see facet_key
        if name in facets:
            facets[name].append((int(value) if name == "year" else value, int(count)))
    for name in facets:
        facets[name].sort(key=lambda item: (-item[1], str(item[0])))
    return facets


def _order(sort: str, ranked: bool, coordinated: bool = False) -> str:
    if ranked:  # beyond RANK_ALL strong documents, the unscored ones newest first
        return ("coord DESC, " if coordinated else "") + "strong DESC, score DESC, date DESC NULLS LAST, article_id"
    if sort == SORT_OLDEST:
        return "date ASC NULLS LAST, article_id"
    return "date DESC NULLS LAST, article_id"


def _find(parsed: ParsedQuery, where: Sql, facet_names: list[str], sort: str, page: int, per_page: int):
    """(total, {facet: [(value, count)…]}, [(article id, score)…] of the page) in one statement.

    ``s``: the strongly matching documents, found through the GIN indexes alone (testing ``words``
    row by row would decompress every matching document's vector); ``m``: every matching document
    with its facet columns, whether it is strong, and its score — computed only for strong
    documents, and only for those with a query term in the title once more than ``RANK_ALL`` match
    strongly (see ``RANK_ALL``)."""
    ranked = sort == SORT_RELEVANCE and parsed.has_words
    condition = matching_condition(parsed) & where
    columns = ["article_id", "date"] + (["facet_keys"] if facet_names else [])
    params: list = []
    ctes, joined = "", ""
    words = rank_query(parsed)
    strong = strong_ids(parsed, where) if ranked else None
    if strong is not None:
        ctes += f"s AS MATERIALIZED (SELECT article_id AS strong_id FROM {strong.text} AS x), "
        params += strong.params
        # A join, not ``article_id IN (SELECT … FROM s)``: PostgreSQL hashes such a subquery only
        # while it fits in work_mem (4 MB: ~100,000 ids) and otherwise rescans it for every row —
        # a word in 190,000 of 300,000 documents took minutes. A hash join spills instead.
        joined = " LEFT JOIN s ON s.strong_id = article_id"
        is_strong = "s.strong_id IS NOT NULL"
        many = _more_than_rank_all(Sql("s"))
    else:  # every match is strong
        is_strong = "TRUE"
        many = _more_than_rank_all(Sql(f"{TABLE} WHERE {condition.text}", condition.params))
    columns.append(f"{is_strong} AS strong")
    coordinated = coordinated_ids(parsed, where) if ranked else []
    for i, ids in enumerate(coordinated):
        ctes += f"c{i} AS MATERIALIZED (SELECT article_id AS clause_id FROM {ids.text} AS x), "
        params += ids.params
        joined += f" LEFT JOIN c{i} ON c{i}.clause_id = article_id"
    if coordinated:
        columns.append(" + ".join(f"(c{i}.clause_id IS NOT NULL)::int" for i in range(len(coordinated))) + " AS coord")
    if ranked and words:
        titled = _titled(parsed)
        columns.append(f"CASE WHEN NOT {is_strong} THEN 0.0 WHEN NOT {many.text} THEN {_rank('words')}"
                       f" WHEN {titled.text} THEN {_rank('title_words')} ELSE 0.0 END AS score")
        params += many.params + [words] + titled.params + [words]
    else:
        columns.append("0.0::real AS score")
    params += condition.params
    order = _order(sort, ranked, bool(coordinated))
    sql = (
        f"WITH {ctes}m AS MATERIALIZED (SELECT {', '.join(dict.fromkeys(columns))} FROM {TABLE}{joined}"
        f" WHERE {condition.text}),"
        " total AS (SELECT count(*) AS n FROM m)"
        " SELECT (SELECT n FROM total)"
        + (f", {_facets_sql()}" if facet_names else ", '[]'::json")
        + f", (SELECT coalesce(json_agg(json_build_array(article_id, score) ORDER BY {order}), '[]'::json)"
        f" FROM (SELECT article_id, score, date{', strong' if ranked else ''}{', coord' if coordinated else ''} FROM m"
        f" ORDER BY {order}"
        " LIMIT %s OFFSET (SELECT (LEAST(%s, GREATEST(1, ceil(n / %s::numeric)::int)) - 1) * %s FROM total)) AS p)"
    )
    params += [per_page, page, per_page, per_page]
    found = _execute_cached(sql, params)
    facets = _facet_counts(_loaded(found[1]), facet_names)
    return int(found[0]), facets, [(int(pk), float(score)) for pk, score in _loaded(found[2])]


def _more_than_rank_all(rows: Sql) -> Sql:
    """Whether ``rows`` (a FROM clause) has more than ``RANK_ALL`` rows: counted up to
    ``RANK_ALL`` + 1 only, not over every match again."""
    return Sql(f"(SELECT count(*) FROM (SELECT 1 FROM {rows.text} LIMIT {RANK_ALL + 1}) AS x) > {RANK_ALL}",
               rows.params)


def _rank(vector: str) -> str:
    """``ts_rank`` of a vector column (``words``, or ``title_words`` past RANK_ALL) for the query's
    words (one ``%s`` parameter)."""
    return f"ts_rank('{RANK_WEIGHTS}', {vector}, %s::tsquery, {RANK_NORMALIZATION})"


def _titled(parsed: ParsedQuery) -> Sql:
    """Does a positive term's string stand in the title lines? (``title_exact`` is short and stored
    in the row itself: no decompression.)"""
    return any_of(Sql("strpos(title_exact, %s) > 0", [string]) for string in parsed.exact_strings())


def _loaded(value):
    return json.loads(value) if isinstance(value, (str, bytes)) else value


def _stored(ids: list[int]) -> dict[int, dict]:
    if not ids:
        return {}
    rows = _execute(f"SELECT {', '.join(STORED)} FROM {TABLE} WHERE article_id = ANY(%s)", [ids])
    out = {}
    for values in rows:
        stored = dict(zip(STORED, values))
        stored["django_id"] = stored["article_id"]
        out[stored["article_id"]] = stored
    return out


def _hits(scored: list[tuple[int, float]], parsed: ParsedQuery, highlight: bool):
    from articles.search.service import hit_from_stored

    stored = _stored([pk for pk, _score in scored])
    return [hit_from_stored(stored[pk], score, parsed, highlight) for pk, score in scored if pk in stored]


def search(results, facet_names: list[str], highlight: bool, relax: bool = True):
    """Fill ``results`` (a ``service.SearchResults`` already holding the cleaned request)."""
    from articles.search.service import relaxations

    parsed, results.aliases = expand_aliases(results.parsed_query)
    where = filter_sql(parsed, results.filters)
    page, per_page = results.page, results.per_page
    total, facets, scored = _find(parsed, where, facet_names, results.sort, page, per_page)
    if not total and parsed.has_words and relax:
        for how, relaxed in relaxations(parsed):
            total, facets, scored = _find(relaxed, where, facet_names, results.sort, page, per_page)
            if total:
                parsed, results.relaxed = relaxed, how
                break
    results.parsed_query, results.total, results.facets = parsed, total, facets
    if total:
        results.page = min(page, results.num_pages)
        results.hits = _hits(scored, parsed, highlight)
    return results


def matching_article_ids(parsed: ParsedQuery) -> tuple[set[int], str | None]:
    """Every article id the (alias-expanded) query finds, and how it was relaxed."""
    from articles.search.service import relaxations

    for how, query in [(None, parsed), *relaxations(parsed)]:
        found = matching_ids(query)
        ids = {int(pk) for (pk,) in _execute(f"SELECT article_id FROM {found.text} AS x", found.params)}
        if ids or not parsed.has_words:
            return ids, how
    return set(), None


def more_like_this_hits(article_id: int, limit: int = 5):
    """The articles sharing this one's most telling words (tf × idf), best first, without itself."""
    from articles.search.service import _NOTHING

    words = _execute(
        f"SELECT lexeme, coalesce(array_length(positions, 1), 1) FROM {TABLE}, unnest(words)"
        " WHERE article_id = %s AND char_length(lexeme) >= 2 AND lexeme !~ '^[0-9.]+$'"
        " ORDER BY 2 DESC, 1 LIMIT %s", [article_id, MORE_LIKE_CANDIDATES])
    if not words:
        return []
    counts = _execute(
        f"SELECT count(d.article_id) FROM unnest(%s::tsquery[]) WITH ORDINALITY AS q(query, i)"
        f" LEFT JOIN {TABLE} AS d ON d.words @@ q.query GROUP BY i ORDER BY i",
        [[tsquery([word]) for word, _tf in words]])
    total = _execute(f"SELECT count(*) FROM {TABLE}", [])[0][0] or 1
    telling = sorted(((tf * math.log(total / (df + 1) + 1), word) for (word, tf), (df,) in zip(words, counts)),
                     reverse=True)[:MORE_LIKE_TERMS]
    query = tsquery([word for _score, word in telling], operator=" | ")
    scored = _execute(
        f"SELECT article_id, ts_rank('{RANK_WEIGHTS}', words, %s::tsquery, {RANK_NORMALIZATION}) AS score"
        f" FROM {TABLE} WHERE words @@ %s::tsquery AND article_id <> %s ORDER BY score DESC, article_id LIMIT %s",
        [query, query, article_id, limit])
    return _hits(scored, _NOTHING, highlight=False)
