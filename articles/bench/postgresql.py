"""The PostgreSQL search engine measured beside ours (Whoosh) in the same run, on the same corpus.

Runs only when the benchmark's scratch database is PostgreSQL (``DATABASE_URL=postgres://… manage.py
bench_search``). The work of this engine is split between this process (parsing, highlighting,
building the result) and the PostgreSQL server's backend process serving our connection (matching,
counting, ranking). Both CPUs are counted: this process by ``time.process_time``, the backend from
``/proc/<pid>/stat`` (the server runs on this machine in the benchmark). The backend's clock ticks
are 10 ms, too coarse for one query, so its CPU is reported per query as the *mean* over the timed
runs of a row (``server_cpu_mean_ms``), beside the medians of the process's own CPU.

The engine keeps results per process, keyed by the database snapshot (``articles.search.pg.cache``):
after the warm-up every timed run of a query is then answered from it. So each figure is measured
twice: ``cached=True`` (a query asked again while nothing was written: what a popular word costs)
and ``cached=False`` (the cache off: what every first, distinct or after-an-edit query costs — the
figure to compare with the Whoosh engine, which keeps no results).
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from django.db import connection, transaction
from django.test import override_settings

from articles.search.engines import POSTGRESQL

from .measure import Stopwatch, summarize

TICKS = os.sysconf("SC_CLK_TCK")


def available() -> bool:
    return connection.vendor == "postgresql"


def _stat(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the command name (field 3 of proc(5) is item 0)."""
    return open(f"/proc/{pid}/stat", encoding="ascii").read().rsplit(")", 1)[1].split()


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def backend_cpu_seconds() -> float:
    """User + system CPU seconds of the server process serving this connection."""
    try:
        fields = _stat(_backend_pid())
    except OSError:
        return 0.0  # the server runs elsewhere: its CPU is not counted
    return (int(fields[11]) + int(fields[12])) / TICKS


def server_cpu_seconds() -> float:
    """User + system CPU seconds of the whole server: the postmaster, every live process it
    started, and (``cutime``/``cstime``) those that ended — the backends of connections already
    closed, such as a parallel build's workers'. Includes background work (autovacuum, WAL)."""
    try:
        postmaster = int(_stat(_backend_pid())[1])
        fields = _stat(postmaster)
        total = sum(int(fields[i]) for i in (11, 12, 13, 14))
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    child = _stat(int(entry.name))
                except OSError:
                    continue  # ended meanwhile (then counted in the postmaster's cutime)
                if int(child[1]) == postmaster:
                    total += int(child[11]) + int(child[12])
    except OSError:
        return 0.0
    return total / TICKS


def build() -> dict:
    """Every search document written afresh (``build_index`` on this engine); CPU of this process, its
    workers and the whole server (``server_cpu_seconds``); size = the table, its TOAST and its indexes."""
    from articles.search.pg.documents import rebuild
    from articles.search.pg.schema import TABLE

    server0 = server_cpu_seconds()
    watch = Stopwatch().start()
    built = rebuild()
    watch.stop()
    server = server_cpu_seconds() - server0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT pg_total_relation_size('{TABLE}'), pg_indexes_size('{TABLE}')")
        total, indexes = cursor.fetchone()
    cpu = watch.cpu + server
    return {"docs": built.updated, "seconds": round(watch.wall, 1),
            "docs_per_s": round(built.updated / watch.wall, 1) if watch.wall else 0,
            "cpu_s": round(cpu, 1), "docs_per_cpu_s": round(built.updated / cpu, 1) if cpu else 0,
            "cpu_main_process_s": round(watch.cpu, 1), "server_cpu_s": round(server, 1),
            "size_mb": round(total / 1e6, 1), "indexes_mb": round(indexes / 1e6, 1)}


def _timed(plan, repeat: int, call) -> dict:
    """Like ``measure.time_plan``, with the server backend's CPU per row (mean per query)."""
    wall: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    server: dict[str, list[float]] = {}
    hits: dict[str, dict[str, object]] = {}
    for step in plan:
        result = call(step.query, step.filters, step.facets)  # warm-up
        s0 = backend_cpu_seconds()
        for _ in range(repeat):
            w0, c0 = time.perf_counter(), time.process_time()
            result = call(step.query, step.filters, step.facets)
            wall.setdefault(step.row, []).append(time.perf_counter() - w0)
            cpu.setdefault(step.row, []).append(time.process_time() - c0)
        server.setdefault(step.row, []).append((backend_cpu_seconds() - s0) / repeat)
        hits.setdefault(step.row, {})[step.query.label] = result
    latency = {}
    for row in wall:
        latency[row] = summarize(wall[row], cpu[row])
        latency[row]["server_cpu_mean_ms"] = round(statistics.mean(server[row]) * 1000, 1)
        latency[row]["total_cpu_median_ms"] = round(latency[row]["cpu_median_ms"] + latency[row]["server_cpu_mean_ms"], 1)
    return {"latency": latency, "hits": hits}


def _settings(cached: bool):
    from articles.search.pg import cache

    cache.clear()
    if cached:
        return override_settings(SEARCH_ENGINE=POSTGRESQL)
    return override_settings(SEARCH_ENGINE=POSTGRESQL, PG_SEARCH_CACHE_ENTRIES=0)


def bench_engine(plan, repeat: int, *, highlight: bool = True, cached: bool = True) -> dict:
    from articles.search.service import search

    with _settings(cached):
        return _timed(plan, repeat, lambda query, filters, facets: search(
            query.typed, filters=filters, facets=facets, highlight=highlight).total)


def bench_view(plan, repeat: int, *, cached: bool = True) -> dict:
    from django.core.cache import cache

    from .ours import bench_view as view

    cache.clear()
    with _settings(cached):
        return view(plan, repeat)


def bench_edit(rounds: int = 5) -> dict:
    """Seconds from the start of an editor's transaction until the edited title is findable (on
    this engine that is the edit itself: the document is written before the commit)."""
    from articles.models import Article
    from articles.search.indexing import schedule_reindex
    from articles.search.service import search

    samples, found = [], 0
    with override_settings(SEARCH_ENGINE=POSTGRESQL):
        for i, pk in enumerate(Article.objects.order_by("?").values_list("pk", flat=True)[:rounds]):
            token = f"pgbenchedit{i}q{pk}"
            started = time.perf_counter()
            with transaction.atomic():
                article = Article.objects.get(pk=pk)
                article.headline = f"{article.headline} {token}"
                article.save()
                schedule_reindex([pk])
            found += search(token, facets=False).total > 0
            samples.append(time.perf_counter() - started)
    return {"median_s": round(statistics.median(samples), 3), "max_s": round(max(samples), 3),
            "rounds": len(samples), "found_at_once": found}

