"""Our search measured the way the site uses it: the index build, ``search()`` (the engine, with
highlighting of the 20 hits a page shows) repeated and as each query's first search with the
posting cache emptied, the /search/ page, and edit-to-findable through the real queue and worker."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .measure import Stopwatch, build_figures, folder_size, largest_child_rss_mb, time_first_searches, time_plan


def build() -> dict:
    """Rebuild our index from the database (``build_index``: whoosh's writer in several processes);
    CPU counted over all of them."""
    from articles.search.store import index_path
    from articles.search.writer import build_index

    watch = Stopwatch().start()
    built = build_index()
    watch.stop()
    return build_figures(built.updated, watch, Path(index_path()), segments=segment_count(),
                         largest_child_rss_mb=largest_child_rss_mb())


def index_figures(built: dict) -> dict:
    """The figures of the build a previous run timed (``built``), with the size and segment count
    of the index as it is now (for ``--reuse``: it may have been rebuilt by other means since)."""
    from articles.search.store import index_path

    return {**built, "size_mb": round(folder_size(Path(index_path())) / 1e6, 1), "segments": segment_count()}


def segment_count() -> int:
    """Segments of the index: every query walks each one (``articles.search.bulkwrite``)."""
    from articles.search.store import open_index

    with open_index().reader() as reader:
        return len(reader.leaf_readers())


def bench_engine(plan, repeat: int, *, highlight: bool = True) -> dict:
    """``search()`` as the site calls it; with ``highlight=False`` without the highlighting of the
    20 hits, which tantivy does not do either (the like-for-like figure)."""
    from articles.search.service import search
    from articles.search.store import reset_searcher

    reset_searcher()
    return time_plan(plan, repeat, lambda query, filters, facets: search(
        query.typed, filters=filters, facets=facets, highlight=highlight).total)


def bench_first_searches(plan, rounds: int = 3) -> dict:
    """``search()`` with facets and highlighting, each query's first run with the decoded-postings
    cache emptied before it (the searcher and its per-segment arrays stay: they are built once per
    segment, not per query)."""
    from articles.search import postings
    from articles.search.service import search

    search("工会")  # open the searcher and build the per-segment arrays
    return time_first_searches(plan, rounds, lambda query, filters, facets: search(
        query.typed, filters=filters, facets=facets).total, postings.CACHE.clear)


def bench_view(plan, repeat: int) -> dict:
    """The /search/ page (always with facets) through Django's test client: the whole request."""
    from django.test import Client

    client = Client()

    def get(query, filters, facets):
        params = {"q": query.typed, **{("pagename" if k == "page_name" else k): v for k, v in filters.items()}}
        return client.get("/search/", params).status_code

    timed = time_plan([step for step in plan if step.facets], repeat, get)
    statuses = {code for row in timed.pop("hits").values() for code in row.values()}
    return {**timed, "status": sorted(statuses)}


def bench_edit(rounds: int = 5, timeout: float = 30.0) -> dict:
    """Seconds from an editor's commit until the edited title is findable, through the real
    queue and a real worker started like serve.sh does."""
    from articles.models import Article
    from articles.search.service import search

    # --no-reconcile: the synthetic corpus is written seconds before the full build, inside the
    # worker's 5 s clock margin, so reconciling on start would queue thousands of articles again and
    # this figure would time that backlog, not an editor's edit. (Start-up reconciling is tested by
    # tests/operations' crash test.)
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "index_worker", "--interval", "0.2", "--no-reconcile"],
        cwd=settings.BASE_DIR, env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    samples = []
    try:
        ids = list(Article.objects.order_by("?").values_list("pk", flat=True)[: rounds + 1])
        for i, pk in enumerate(ids):
            token = f"benchedit{i}q{pk}"
            with transaction.atomic():
                article = Article.objects.get(pk=pk)
                article.headline = f"{article.headline} {token}"
                article.save()
            started = time.perf_counter()
            while search(token, facets=False).total == 0:
                if time.perf_counter() - started > timeout:
                    break
                time.sleep(0.02)
            if i:  # the first round includes the worker's start-up (Django, jieba): not counted
                samples.append(time.perf_counter() - started)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    return {"median_s": round(statistics.median(samples), 2), "max_s": round(max(samples), 2), "rounds": len(samples)}
