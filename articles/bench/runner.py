"""One size of ``manage.py bench_search``, run inside a throwaway data folder.

The command starts one child process per corpus size with UNIONARCHIVE_DATA_DIR and
SEARCH_INDEX_PATH pointing into a temporary folder, so the real database and index are never
touched; the child calls :func:`run`, which writes the figures as JSON (read by
``articles.bench.report``). Order matters: our engine and tantivy first, haystack's stock backend
last (it switches haystack's connection for the rest of the process). On a PostgreSQL scratch
database the PostgreSQL search engine (``articles.bench.postgresql``) is measured beside ours. The 1-minute load average is
noted at the start of every phase: the machines are shared, and a figure means little without it.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from . import ours, postgresql, reference, stock
from .measure import Stopwatch
from .queries import check_strings, query_plan
from .report import ours_to_tantivy


def _phase(report: dict, name: str) -> None:
    load = report["load_average"][name] = round(os.getloadavg()[0], 2)
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} UTC] {name} (load {load})", file=sys.stderr, flush=True)


def _done(figures: dict) -> dict:
    """Print a phase's figures as soon as they are known: a long run can be read while it runs."""
    shown = figures.get("latency", figures)
    print(f"    {json.dumps(shown, ensure_ascii=False)}", file=sys.stderr, flush=True)
    return figures


def _corpus_filters() -> dict:
    """A middle year and the city tagged most often in it, for the filtered queries (taken from the
    corpus, so that the filtered searches find something at every size)."""
    from django.db.models import Count

    from articles.models import ArticleRegion

    year = 2020
    city = (ArticleRegion.objects.filter(region__level="city", article__page__issue__date__year=year)
            .values("region__code").annotate(n=Count("id")).order_by("-n", "region__code").first())
    return {"year": [str(year)], **({"city": [city["region__code"]]} if city else {})}


def run(articles: int, repeat: int, out_path: Path, *, stock_baseline: bool = True, tantivy: bool = True,
        reuse: bool = False, rebuild: bool = False) -> dict:
    """Measure one corpus size. ``reuse``: the corpus (and, unless ``rebuild``, the indexes) a
    previous run left in the data folder; ``rebuild``: every engine's index built and timed again
    on that corpus, side by side in this run (what a change to a writer is measured with)."""
    from articles.bench.corpus import build_corpus

    seeds = Path(settings.BASE_DIR) / "seeds"
    data_dir = Path(settings.DATA_DIR)
    previous = json.loads(out_path.read_text(encoding="utf-8")) if reuse and out_path.exists() else {}
    report: dict = {"articles": articles, "repeat": repeat, "cores": os.cpu_count(), "load_average": {},
                    "strings": check_strings(seeds), "build": {}, "engine": {}}

    _phase(report, "corpus")
    keep_indexes = reuse and not rebuild
    call_command("migrate", verbosity=0)  # a kept corpus may predate the current schema
    if reuse:
        report["corpus_seconds"] = previous.get("corpus_seconds", 0)
        if keep_indexes:
            report["build"] = dict(previous.get("build", {}))
            report["build"]["ours"] = ours.index_figures(previous.get("build", {}).get("ours", {}))
    else:
        watch = Stopwatch().start()
        build_corpus(articles, seeds)
        report["corpus_seconds"] = round(watch.stop().wall, 1)
    if not keep_indexes:
        _phase(report, "ours build")
        report["build"]["ours"] = _done(ours.build())

    if postgresql.available() and (not keep_indexes or "postgresql" not in report["build"]):
        _phase(report, "postgresql build")
        report["build"]["postgresql"] = _done(postgresql.build())

    tantivy_index = reference.TantivyReference(data_dir / "tantivy_index") if tantivy else None
    if tantivy_index and (not keep_indexes or "tantivy" not in report["build"]):
        _phase(report, "tantivy build")
        report["build"]["tantivy"] = _done(tantivy_index.build())

    plan = query_plan(_corpus_filters())
    report["filters"] = plan[-1].filters
    _phase(report, "ours queries")
    report["engine"]["ours"] = _done(ours.bench_engine(plan, repeat))
    report["engine"]["ours_plain"] = _done(ours.bench_engine(plan, repeat, highlight=False))
    report["ours_first_search"] = _done(ours.bench_first_searches(plan))
    if tantivy_index:
        _phase(report, "tantivy queries")
        report["engine"]["tantivy"] = _done(tantivy_index.bench_engine(plan, repeat))
        report["facet_check"] = _facet_check(tantivy_index, plan[0].query)
    if postgresql.available():
        _phase(report, "postgresql queries")
        report["engine"]["postgresql_uncached"] = _done(postgresql.bench_engine(plan, repeat, cached=False))
        report["engine"]["postgresql"] = _done(postgresql.bench_engine(plan, repeat))
        report["engine"]["postgresql_plain"] = _done(postgresql.bench_engine(plan, repeat, highlight=False,
                                                                             cached=False))
    _phase(report, "ours view")
    report["view"] = _done(ours.bench_view(plan, repeat))
    if postgresql.available():
        _phase(report, "postgresql view, uncached")
        report["view_postgresql_uncached"] = _done(postgresql.bench_view(plan, repeat, cached=False))
        _phase(report, "postgresql view")
        report["view_postgresql"] = _done(postgresql.bench_view(plan, repeat))
    _phase(report, "edit to findable")
    report["edit_findable"] = _done(ours.bench_edit())
    if postgresql.available():
        report["edit_findable_postgresql"] = _done(postgresql.bench_edit())

    if stock_baseline:
        stock_path = data_dir / "stock_index"
        stock.use_stock_backend(stock_path)
        if not keep_indexes or "stock" not in report["build"]:
            _phase(report, "stock build")
            report["build"]["stock"] = _done(stock.build(stock_path))
        _phase(report, "stock queries")
        report["engine"]["stock"] = _done(stock.bench_engine(plan, repeat))
    report["ours_to_tantivy"] = ours_to_tantivy(report)
    _phase(report, "end")
    out_path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return report


def _facet_check(index: reference.TantivyReference, query) -> dict:
    """Do both engines count the same facets for a words query? (If not, they are not doing the
    same work and the ratio means less.) The values that differ are listed."""
    from articles.search.service import search

    # Facet names compared without underscores: the search vocabulary may spell page_name "pagename".
    ours_counts = {name.replace("_", ""): counts for name, counts in search(query.typed, facets=True).facets.items()}
    theirs = index.facet_counts(query, {})
    differences = []
    for name, counts in theirs.items():
        mine = {str(value): n for value, n in ours_counts.get(name.replace("_", ""), [])}
        other = {str(int(value)) if isinstance(value, float) else str(value): n for value, n in counts.items()}
        differences += [f"{name}={value}: {mine.get(value)} vs {other.get(value)}"
                        for value in sorted(set(mine) | set(other)) if mine.get(value) != other.get(value)]
    return {"query": query.label, "equal": not differences, "differences": differences[:10]}
