"""Clocks of the benchmarks: wall time, and CPU time counted over every process that did the work.

Two kinds of query figures: ``time_plan`` repeats each query after a warm-up (the steady state of
a busy site, where the commonest terms' decoded postings are cached), ``time_first_searches`` times
the first search of each query with those caches emptied (what a new query costs): both are
reported, so the cache is never the only thing measured.

Why two CPU clocks: a query runs in this process (and, for tantivy, in its threads), so
``time.process_time`` — this process, all its threads — is the CPU a query costs. An index build
runs partly in other processes (whoosh's multi-process writer forks workers; the edit benchmark
starts a queue worker), so a build's CPU is ``getrusage`` of this process *plus its children*:
children count there once they have exited and been waited for, which whoosh's writer does in
``commit`` and the edit benchmark does when it stops its worker. Counting only this process made
the build look about eight times cheaper than it is.
"""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


def cpu_seconds(who: int) -> float:
    """User + system CPU seconds of ``resource.RUSAGE_SELF`` or ``RUSAGE_CHILDREN`` (the exited,
    waited-for children)."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Stopwatch:
    """Wall seconds and CPU seconds between ``start()`` and ``stop()``: ``cpu`` over this process
    and its children, ``cpu_main`` of this process alone (kept to show the difference)."""

    wall: float = 0.0
    cpu: float = 0.0
    cpu_main: float = 0.0
    _start: tuple[float, float, float] = (0.0, 0.0, 0.0)

    def start(self) -> Stopwatch:
        self._start = (time.perf_counter(), cpu_seconds(resource.RUSAGE_SELF), cpu_seconds(resource.RUSAGE_CHILDREN))
        return self

    def stop(self) -> Stopwatch:
        wall0, main0, children0 = self._start
        self.wall = time.perf_counter() - wall0
        self.cpu_main = cpu_seconds(resource.RUSAGE_SELF) - main0
        self.cpu = self.cpu_main + cpu_seconds(resource.RUSAGE_CHILDREN) - children0
        return self


def build_figures(docs: int, watch: Stopwatch, index_dir: Path, **extra) -> dict:
    """The figures every engine's index build reports."""
    return {"docs": docs, "seconds": round(watch.wall, 1),
            "docs_per_s": round(docs / watch.wall, 1) if watch.wall else 0,
            "cpu_s": round(watch.cpu, 1), "docs_per_cpu_s": round(docs / watch.cpu, 1) if watch.cpu else 0,
            "cpu_main_process_s": round(watch.cpu_main, 1),
            "size_mb": round(folder_size(index_dir) / 1e6, 1), **extra}


def largest_child_rss_mb() -> int:
    """The peak memory of the largest child process this process has waited for, so far (the kernel
    keeps one maximum over all of them: meaningful right after the only build that forks workers)."""
    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


def folder_size(path: Path) -> int:
    """Bytes of every file under ``path`` (an index on disk)."""
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (no interpolation: the figure is a run that happened)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summarize(wall: list[float], cpu: list[float]) -> dict:
    """Median and p95 of wall and CPU seconds, in milliseconds."""
    ms = lambda seconds: round(seconds * 1000, 3)  # noqa: E731 — a compiled engine answers in microseconds
    return {"median_ms": ms(statistics.median(wall)), "p95_ms": ms(percentile(wall, 95)),
            "cpu_median_ms": ms(statistics.median(cpu)), "cpu_p95_ms": ms(percentile(cpu, 95)), "runs": len(wall)}


def time_runs(fn: Callable[[], object], repeat: int) -> tuple[list[float], list[float], object]:
    """(wall seconds, CPU seconds of this process, last result) of ``repeat`` runs after one warm-up."""
    result = fn()
    wall, cpu = [], []
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    return wall, cpu, result


def time_plan(plan, repeat: int, call: Callable) -> dict:
    """Run every step of ``plan`` (see ``articles.bench.queries.query_plan``) through ``call(query,
    filters, facets)``, which returns the number of hits (or a status). Returns {"latency": {row:
    summary}, "hits": {row: {query label: what call returned}}}."""
    wall: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    hits: dict[str, dict[str, object]] = {}
    for step in plan:
        w, c, result = time_runs(lambda: call(step.query, step.filters, step.facets), repeat)
        wall.setdefault(step.row, []).extend(w)
        cpu.setdefault(step.row, []).extend(c)
        hits.setdefault(step.row, {})[step.query.label] = result
    return {"latency": {row: summarize(wall[row], cpu[row]) for row in wall}, "hits": hits}


def time_first_searches(plan, rounds: int, call: Callable, forget: Callable[[], None]) -> dict:
    """The *first* search of each step of ``plan`` that counts facets, ``rounds`` times each, with
    ``forget()`` (emptying caches of decoded postings) before every run: what a query costs the
    first time a process sees its terms. Returns {row: summary}, rows named like ``time_plan``'s."""
    wall: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    for _ in range(rounds):
        for step in (s for s in plan if s.facets):
            forget()
            w0, c0 = time.perf_counter(), time.process_time()
            call(step.query, step.filters, step.facets)
            wall.setdefault(step.row, []).append(time.perf_counter() - w0)
            cpu.setdefault(step.row, []).append(time.process_time() - c0)
    return {row: summarize(wall[row], cpu[row]) for row in wall}
