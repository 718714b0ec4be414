"""The report of ``manage.py bench_search`` as a table a person reads (the JSON is ``--json FILE``).

Columns are engines: ours (also without highlighting), tantivy (the compiled reference) and
haystack's stock Whoosh backend; the last column is ours ÷ tantivy (CPU medians; for the search as
the site calls it, and without highlighting, which tantivy does not do), the figure issue 8's goal
is stated in. Hit counts are listed per query, because engines that do not find the same articles
are not doing the same work.
"""

from __future__ import annotations

import unicodedata

ENGINES = (("ours", "ours"), ("ours_plain", "ours, no highlight"), ("postgresql_uncached", "PG, uncached"),
           ("postgresql", "PG, asked again"), ("postgresql_plain", "PG, uncached, no hl."), ("tantivy", "tantivy"), ("stock", "stock Whoosh"))
FACET_SUFFIX = " + facets"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = True) -> str:
    """Pad to ``width`` terminal columns (a Chinese character takes two)."""
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def _row(label: str, cells: list[str], first: int = 36, width: int = 28) -> str:
    return _pad(label, first, right=False) + "".join(_pad(c, width) for c in cells)


def _ms(value: float) -> str:
    """Three significant figures at most: 123, 12.3, 1.23, 0.045."""
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}" if value >= 10 else f"{value:.2f}" if value >= 1 else (
        f"{value:.3f}")


def _latency(v: dict | None) -> str:
    if not v:
        return "-"
    return f"{_ms(v['median_ms'])}/{_ms(v['p95_ms'])} · {_ms(v['cpu_median_ms'])}/{_ms(v['cpu_p95_ms'])}"


def ours_to_tantivy(report: dict) -> dict:
    """{row: ours ÷ tantivy} of CPU and wall medians, for the search as the site calls it and for
    ours without highlighting (like for like: tantivy does not highlight)."""
    engine = report["engine"]
    if "tantivy" not in engine:
        return {}
    ratios = {}
    for row, theirs in engine["tantivy"]["latency"].items():
        entry = {}
        for key, suffix in (("ours", ""), ("ours_plain", "_no_highlight")):
            mine = engine.get(key, {}).get("latency", {}).get(row)
            if mine and theirs["cpu_median_ms"] and theirs["median_ms"]:
                entry["cpu" + suffix] = round(mine["cpu_median_ms"] / theirs["cpu_median_ms"], 1)
                entry["wall" + suffix] = round(mine["median_ms"] / theirs["median_ms"], 1)
        ratios[row] = entry
    return ratios


def _ratio(entry: dict | None) -> str:
    if not entry or "cpu" not in entry:
        return "-"
    return f"×{entry['cpu']:.1f} / ×{entry.get('cpu_no_highlight', 0):.1f}"


def _build(b: dict | None) -> list[str]:
    if not b:
        return ["-"] * 4
    return [f"{b['docs_per_s']:,.0f}", f"{b['cpu_s']:,.1f}", f"{b['docs_per_cpu_s']:,.0f}", f"{b['size_mb']} MB"]


def _postgresql_lines(report: dict) -> list[str]:
    """The PostgreSQL engine beside ours: its view uncached (every query computed: the figure to
    compare) and asked again (answered from the snapshot-keyed cache), the server's CPU, and the
    ratio of wall medians, uncached (the goal: within 1.5× of ours at 100,000 articles)."""
    engine = report["engine"]
    uncached = "postgresql_uncached" if "postgresql_uncached" in engine else "postgresql"
    views = report.get("view_postgresql_uncached", report["view_postgresql"])
    lines = ["", "PostgreSQL engine: view /search/ ms (wall median/p95 · CPU median/p95 of this process), uncached",
             "and asked again (from the cache); server CPU = the PostgreSQL backend's CPU, mean per query, uncached;",
             "PG÷ours = wall medians, uncached (view, engine)",
             _row("query kind", ["view, uncached", "view, asked again", "server CPU ms", "engine+server CPU ms",
                                 "PG÷ours"])]
    for row, value in views["latency"].items():
        again = report["view_postgresql"]["latency"].get(row)
        mine = engine.get(uncached, {}).get("latency", {}).get(row, {})
        ours_view = report["view"]["latency"].get(row, {})
        ours_engine = engine.get("ours", {}).get("latency", {}).get(row, {})
        ratio = "-"
        if ours_view.get("median_ms") and ours_engine.get("median_ms") and mine.get("median_ms"):
            ratio = (f"×{value['median_ms'] / ours_view['median_ms']:.2f}, "
                     f"×{mine['median_ms'] / ours_engine['median_ms']:.2f}")
        lines.append(_row(row, [_latency(value), _latency(again), _ms(mine.get("server_cpu_mean_ms", 0)),
                                _ms(mine.get("total_cpu_median_ms", 0)), ratio]))
    lines.append(_row("HTTP status", [str(report["view_postgresql"]["status"])]))
    edit = report.get("edit_findable_postgresql")
    if edit:
        lines.append(_row("edit → findable", [f"{edit['median_s']} s median (the edit's own transaction), "
                                              f"found at once {edit['found_at_once']}/{edit['rounds']}"]))
    return lines


def format_report(report: dict) -> str:
    engine, build = report["engine"], report["build"]
    present = [(key, name) for key, name in ENGINES if key in engine]
    builds = [(key, "PostgreSQL engine" if key == "postgresql" else name) for key, name in ENGINES if key in build]
    loads = " · ".join(f"{phase} {load}" for phase, load in report["load_average"].items())
    lines = [
        f"== {report['articles']:,} articles · corpus built in {report['corpus_seconds']} s · "
        f"{report['cores']} cores · {report['repeat']} timed runs per query after one warm-up ==",
        f"load average (1 min) at the start of each phase: {loads}",
        "",
        _row("index build", ["docs/s (wall)", "CPU s (all processes)", "docs per CPU-s", "size on disk"], width=22),
    ]
    for key, name in builds:
        lines.append(_row(name, _build(build.get(key)), width=22))
    if build.get("ours", {}).get("segments"):
        lines.append(f"  (our index has {build['ours']['segments']} segment(s): every query walks each one)")
    if build.get("tantivy", {}).get("prepare_s"):
        lines.append(f"  (tantivy's build includes {build['tantivy']['prepare_s']} s of reading the database and "
                     f"jieba, the same Python work as ours)")

    lines += ["", "engine latency, ms — wall median/p95 · CPU median/p95 (CPU: the searching process, all threads);",
              "ours÷tantivy: CPU medians, the search as the site calls it / without highlighting",
              _row("query kind", [name for _, name in present] + ["ours÷tantivy"])]
    ratios = ours_to_tantivy(report)
    for row in engine["ours"]["latency"]:
        cells = [_latency(engine.get(key, {}).get("latency", {}).get(row)) for key, _ in present]
        lines.append(_row(row, cells + [_ratio(ratios.get(row))]))

    first = report.get("ours_first_search")
    if first:
        tantivy = engine.get("tantivy", {}).get("latency", {})
        lines += ["", "ours, first search of each query (decoded-postings cache emptied before each run), "
                      "ms — wall median/p95 · CPU median/p95; ÷tantivy: CPU medians",
                  _row("query kind", ["ours, first search", "÷tantivy"])]
        for row, value in first.items():
            theirs = tantivy.get(row, {}).get("cpu_median_ms")
            lines.append(_row(row, [_latency(value), f"×{value['cpu_median_ms'] / theirs:.1f}" if theirs else "-"]))

    lines += ["", "view /search/ (ours, whole request), ms — wall median/p95 · CPU median/p95"]
    for row, value in report["view"]["latency"].items():
        lines.append(_row(row, [_latency(value)]))
    lines.append(_row("HTTP status", [str(report["view"]["status"])]))
    edit = report["edit_findable"]
    lines.append(_row("edit → findable", [f"{edit['median_s']} s median, max {edit['max_s']} s"]))
    if "view_postgresql" in report:
        lines += _postgresql_lines(report)

    counted = [(key, name) for key, name in present if key != "ours_plain"]  # same hits as ours
    width = max(14, *(_width(name) + 2 for _, name in counted))
    lines += ["", _row("hits per query", [name for _, name in counted], first=46, width=width)]
    for row, by_query in engine["ours"]["hits"].items():
        if row.endswith(FACET_SUFFIX) and row != "filtered" + FACET_SUFFIX:
            continue
        for label in by_query:
            counts = [engine[key]["hits"].get(row, {}).get(label, "-") for key, _ in counted]
            lines.append(_row(f"{row}: {label}", [str(n) for n in counts], first=46, width=width))
    lines.append(f"filters: {report['filters']}")
    if "facet_check" in report:
        check = report["facet_check"]
        lines.append(f"facet counts of {check['query']}, ours vs tantivy: "
                     + ("equal" if check["equal"] else "DIFFERENT: " + "; ".join(check["differences"])))
    lines.append("exact strings, jieba's cut of the seed text around them: " + "; ".join(
        f"{label} in {cut}" for label, cut in report["strings"].items()))
    return "\n".join(lines)
