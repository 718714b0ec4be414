"""The measurements of ``manage.py bench_search``, run inside a throwaway data folder.

The command starts one child process per corpus size with UNIONARCHIVE_DATA_DIR and
SEARCH_INDEX_PATH pointing into a temporary folder, so the real database and index are never
touched; the child calls :func:`run` and writes its figures as JSON. Latencies are medians and
95th percentiles over every run of every query of a category (each query once to warm up).
Wall time is what a user waits; CPU time is shown too because these 2-core machines are shared.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import transaction

QUERIES = {
    "one word": ["劳模", "工会", "快递小哥", "技能"],
    "two words": ["劳模 工匠", "新就业形态 劳动者", "工资集体协商 企业"],
    "phrase": ['"劳模工匠"', '"技能提升"', '"产业工人"'],
}
# Filters are chosen from the corpus itself (a city that occurs, and a middle year).
FILTERED = ["劳模", "工会", "技能 提升"]


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summarize(samples: list[float]) -> dict:
    return {"median_ms": round(statistics.median(samples) * 1000, 1), "p95_ms": round(_pct(samples, 95) * 1000, 1),
            "runs": len(samples)}


CPU_SAMPLES: list[float] = []  # CPU seconds of the timed runs of the current category (see _timed)


def _timed(fn, repeat: int) -> tuple[list[float], object]:
    """Wall-clock seconds of ``repeat`` runs after one warm-up; CPU seconds go to CPU_SAMPLES."""
    result = fn()  # warm-up
    samples = []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        result = fn()
        samples.append(time.perf_counter() - started)
        CPU_SAMPLES.append(time.process_time() - cpu)
    return samples, result


def _latencies(plan, repeat: int, call) -> tuple[dict, dict]:
    """{category: summary with wall and CPU medians}, {label: hits} for every query of the plan."""
    wall: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    hits: dict[str, object] = {}
    for category, q, filters, facets in plan:
        CPU_SAMPLES.clear()
        samples, result = _timed(lambda: call(q, filters, facets), repeat)
        wall.setdefault(category, []).extend(samples)
        cpu.setdefault(category, []).extend(CPU_SAMPLES)
        hits[f"{q}{' (filtered)' if filters else ''}"] = result
    summary = {k: {**summarize(v), "cpu_median_ms": round(statistics.median(cpu[k]) * 1000, 1)}
               for k, v in wall.items()}
    return summary, hits


def index_size(path: Path) -> int:
    return sum(f.stat().st_size for f in Path(path).glob("*") if f.is_file())


def query_plan(filters_from: dict) -> list[tuple[str, str, dict, bool]]:
    """(category, q, filters, with facets) for every timed search."""
    plan = []
    for category, queries in QUERIES.items():
        for q in queries:
            plan.append((category, q, {}, False))
            plan.append((category + " + facets", q, {}, True))
    for q in FILTERED:
        plan.append(("filtered + facets", q, filters_from, True))
    return plan


def bench_engine(plan, repeat: int) -> dict:
    from articles.search.service import search

    latency, hits = _latencies(plan, repeat, lambda q, filters, facets: search(q, filters=filters, facets=facets).total)
    return {"latency": latency, "hits": hits}


def bench_view(plan, repeat: int) -> dict:
    from django.test import Client

    client = Client()
    plan = [step for step in plan if step[3]]  # the page always shows facets

    def get(q, filters, facets):
        params = {"q": q, **{("pagename" if k == "page_name" else k): v for k, v in filters.items()}}
        return client.get("/search/", params).status_code

    latency, status = _latencies(plan, repeat, get)
    return {"latency": latency, "status": sorted(set(status.values()))}


def bench_stock(plan, repeat: int, stock_path: Path) -> dict:
    """haystack's stock Whoosh backend on the same articles: build with update_index, then
    SearchQuerySet searches with the same facets (what a plain haystack site would do)."""
    from haystack import connections
    from haystack.query import SearchQuerySet

    settings.HAYSTACK_CONNECTIONS["default"].update(ENGINE="haystack.backends.whoosh_backend.WhooshEngine",
                                                   PATH=str(stock_path))
    connections.reload("default")
    started, cpu = time.perf_counter(), time.process_time()
    call_command("update_index", verbosity=0, batchsize=1000)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    from articles.models import Article

    count = Article.objects.count()

    def run(q, filters, facets):
        sqs = SearchQuerySet().auto_query(q)
        for key, values in filters.items():
            field = {"topic": "topics", "person": "persons"}.get(key, key)
            sqs = sqs.narrow(f'{field}:"{values[0]}"')
        if facets:
            for field in ("city", "county", "topics", "year", "persons", "page_name"):
                sqs = sqs.facet(field)
            sqs.facet_counts()
        list(sqs[:20])
        return sqs.count()

    latency, hits = _latencies(plan, repeat, run)
    return {"build": {"docs": count, "seconds": round(seconds, 1), "docs_per_s": round(count / seconds, 1),
                      "cpu_docs_per_s": round(count / cpu, 1), "size_mb": round(index_size(stock_path) / 1e6, 1)},
            "latency": latency, "hits": hits}


def bench_edit(rounds: int = 5, timeout: float = 30.0) -> dict:
    """Seconds from an editor's commit until the edited title is findable, through the real
    queue and a real worker started like serve.sh does."""
    from articles.models import Article
    from articles.search.service import search

    worker = subprocess.Popen(
        [sys.executable, "manage.py", "index_worker", "--interval", "0.2"],
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


def _progress(phase: str, figures: dict) -> dict:
    """Print each phase's figures as soon as they are known (a long run can be read while it runs)."""
    print(f"[{time.strftime('%H:%M:%S')}] {phase}: {json.dumps(figures, ensure_ascii=False)}", file=sys.stderr, flush=True)
    return figures


def run(articles: int, repeat: int, stock: bool, out_path: Path, reuse: bool = False) -> dict:
    from articles.models import ArticleRegion
    from articles.search.bench.corpus import build_corpus
    from articles.search.store import index_path, reset_searcher
    from articles.search.writer import build_index

    report: dict = {"articles": articles, "load_average_start": os.getloadavg()}
    if reuse:
        # Measure searches again on the corpus and index a previous run left in this folder.
        previous = json.loads(out_path.read_text(encoding="utf-8")) if out_path.exists() else {}
        report["corpus_seconds"] = previous.get("corpus_seconds", 0)
        report["ours_build"] = previous.get("ours_build") or {
            "docs": 0, "seconds": 0, "docs_per_s": 0, "cpu_docs_per_s": 0,
            "size_mb": round(index_size(Path(index_path())) / 1e6, 1)}
        if "stock" in previous:
            report["stock"] = previous["stock"]
            stock = False
    else:
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        build_corpus(articles, Path(settings.BASE_DIR) / "seeds")
        report["corpus_seconds"] = round(time.perf_counter() - started, 1)

        started, cpu = time.perf_counter(), time.process_time()
        built = build_index()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        # CPU time of this process only: with 2 indexing processes the figure per CPU-second is
        # that of the preparing process, not of the whole build.
        report["ours_build"] = {"docs": built.updated, "seconds": round(seconds, 1),
                                "docs_per_s": round(built.updated / seconds, 1),
                                "cpu_docs_per_s": round(built.updated / cpu, 1),
                                "size_mb": round(index_size(Path(index_path())) / 1e6, 1)}
        _progress("ours_build", report["ours_build"])
    reset_searcher()
    top_city = ArticleRegion.objects.filter(region__level="city").values_list("region__code", flat=True).first()
    filters = {"year": ["2020"], **({"city": [top_city]} if top_city else {})}
    plan = query_plan(filters)
    report["filters"] = filters
    report["ours_engine"] = _progress("ours_engine", bench_engine(plan, repeat))
    report["ours_view"] = _progress("ours_view", bench_view(plan, repeat))
    report["edit_findable"] = _progress("edit_findable", bench_edit())
    if stock:
        report["stock"] = _progress("stock", bench_stock(plan, repeat, Path(settings.DATA_DIR) / "stock_index"))
    report["load_average_end"] = os.getloadavg()
    out_path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return report


def format_report(report: dict) -> str:
    lines = [f"== {report['articles']:,} articles (corpus built in {report['corpus_seconds']} s; "
             f"load average {report['load_average_start'][0]:.1f} → {report['load_average_end'][0]:.1f} on "
             f"{os.cpu_count()} cores) =="]
    ours, stock = report["ours_build"], report.get("stock", {}).get("build")
    lines.append(f"{'':28}{'ours':>24}{'stock haystack Whoosh':>26}")
    fmt = lambda b: f"{b['docs_per_s']:.0f} docs/s ({b['cpu_docs_per_s']:.0f}/CPU-s)" if b else "-"  # noqa: E731
    lines.append(f"{'index build':28}{fmt(ours):>24}{fmt(stock):>26}")
    size = lambda b: f"{b['size_mb']} MB" if b else "-"  # noqa: E731
    lines.append(f"{'index size':28}{size(ours):>24}{size(stock):>26}")
    stock_lat = report.get("stock", {}).get("latency", {})
    lines.append("latency: wall median / p95 [CPU median], ms")
    cell = lambda v: f"{v['median_ms']} / {v['p95_ms']} [{v['cpu_median_ms']}]" if v else ""  # noqa: E731
    for category, value in report["ours_engine"]["latency"].items():
        lines.append(f"{'engine ' + category:28}{cell(value):>24}{cell(stock_lat.get(category)):>26}")
    for category, value in report["ours_view"]["latency"].items():
        lines.append(f"{'view /search/ ' + category:28}{cell(value):>24}")
    lines.append(f"{'view HTTP status':28}{str(report['ours_view']['status']):>24}")
    edit = report["edit_findable"]
    lines.append(f"{'edit findable after':28}{str(edit['median_s']) + ' s median, max ' + str(edit['max_s']):>24}")
    stock_hits = report.get("stock", {}).get("hits", {})
    lines.append("hits per query (ours / stock): " + ", ".join(
        f"{q} {n}/{stock_hits.get(q, '-')}" for q, n in report["ours_engine"]["hits"].items()))
    return "\n".join(lines)
