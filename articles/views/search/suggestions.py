"""What to offer a reader whose search found nothing (or who has not searched yet).

Example queries are only offered if they really find something in this archive right now: each is
counted with the engine, and the counts are cached for a few minutes, so the empty state never
sends a reader to another empty page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from django.core.cache import cache
from django.urls import reverse

from articles.forms.search import SearchParams
from articles.views.search.engine import run_search

# Typical things people look for in a union newspaper; the domain dictionary knows these words.
EXAMPLE_QUERIES = ("劳模工匠", "工资集体协商", "快递小哥", "职工书屋", "新就业形态", "技能人才", "产业工人", "疗休养")
EXAMPLES_SHOWN = 6
EXAMPLES_CACHE_SECONDS = 300

_QUERY_WORD = re.compile(r"[^\s\"“”'‘’()（）]+")


@dataclass(frozen=True)
class QueryLink:
    query: str
    url: str
    count: int = 0


def _search_url(query: str) -> str:
    return reverse("search") + SearchParams(q=query).querystring()


def example_links() -> list[QueryLink]:
    """Example queries that find articles, with their counts (cached)."""
    counts = cache.get("search:example-counts")
    if counts is None:
        counts = {}
        for query in EXAMPLE_QUERIES:
            outcome = run_search(SearchParams(q=query), per_page=1, facets=False, highlight=False)
            if outcome.unavailable:
                return []
            counts[query] = outcome.total
        cache.set("search:example-counts", counts, EXAMPLES_CACHE_SECONDS)
    found = [QueryLink(query, _search_url(query), count) for query, count in counts.items() if count]
    return found[:EXAMPLES_SHOWN]


def query_words(query: str) -> list[str]:
    """The plain words of a query, without operators, quotes or exclusions."""
    words = []
    for word in _QUERY_WORD.findall(query):
        if word.startswith("-") or word.upper() in ("OR", "AND", "NOT") or word in words:
            continue
        word = word.split(":", 1)[-1]  # title:xxx → xxx
        if word:
            words.append(word)
    return words


def word_links(params: SearchParams) -> list[QueryLink]:
    """For a query of several words that found nothing: each word on its own."""
    words = query_words(params.q)
    if len(words) < 2:
        return []
    return [QueryLink(word, _search_url(word)) for word in words[:6]]


_QUOTES = re.compile(r"[\"“”'‘’「」『』]")


def unquoted_link(params: SearchParams) -> QueryLink | None:
    """For a query with quotes (a phrase, or a stray quote) that found nothing: the words alone."""
    unquoted = " ".join(_QUOTES.sub(" ", params.q).split())
    if not unquoted or unquoted == params.q:
        return None
    return QueryLink(unquoted, reverse("search") + replace(params, q=unquoted, page=1).querystring())
