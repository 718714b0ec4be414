"""haystack's stock Whoosh backend on the same articles, as a plain haystack site would use it:
``update_index`` to build (one process), ``SearchQuerySet.auto_query`` with the same facets to
search. Its analyzer is whoosh's StemmingAnalyzer, which keeps a run of Chinese as one token, so
its hit counts show what the project's own analysis adds.

It switches haystack's default connection to the stock engine for the rest of the process: run
it after everything that uses our engine.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from .measure import Stopwatch, build_figures, time_plan

# Our facet names → the stock index's field names (ArticleIndex's attribute names).
FIELDS = {"city": "city", "county": "county", "topic": "topics", "year": "year", "person": "persons",
          "page_name": "page_name"}


def use_stock_backend(path: Path) -> None:
    from haystack import connections

    settings.HAYSTACK_CONNECTIONS["default"].update(ENGINE="haystack.backends.whoosh_backend.WhooshEngine",
                                                   PATH=str(path))
    connections.reload("default")


def build(path: Path) -> dict:
    from articles.models import Article

    # From nothing, like the others: update_index into an index a previous run left (--rebuild)
    # replaces every document, which took 2.5 times the CPU of a build into an empty index.
    call_command("clear_index", interactive=False, verbosity=0)
    watch = Stopwatch().start()
    call_command("update_index", verbosity=0, batchsize=1000)
    watch.stop()
    return build_figures(Article.objects.count(), watch, path)


def search_call(query, filters, facets) -> int:
    from haystack.query import SearchQuerySet

    sqs = SearchQuerySet().auto_query(query.typed)
    for key, values in filters.items():
        sqs = sqs.narrow(f'{FIELDS[key]}:"{values[0]}"')
    if facets:
        for field in FIELDS.values():
            sqs = sqs.facet(field)
        sqs.facet_counts()
    list(sqs[:20])
    return sqs.count()


def bench_engine(plan, repeat: int) -> dict:
    return time_plan(plan, repeat, search_call)
