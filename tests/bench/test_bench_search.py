"""``manage.py bench_search`` on a tiny corpus: the report a reader gets has every query kind, for
ours, the compiled reference (tantivy, when installed) and haystack's stock backend, and the build
CPU counts the work done in child processes."""

import json
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.bench import reference
from articles.bench.measure import Stopwatch
from articles.bench.queries import QUERY_KINDS, STRING_RULES, check_strings

ENGINES = ["ours", "ours_plain", "stock"] + (["tantivy"] if reference.available() else [])


def test_build_cpu_counts_child_processes():
    """A build's CPU figure includes what its worker processes spent (they are waited for)."""
    burn = "import time\nend = time.process_time() + 0.3\nwhile time.process_time() < end: pass"
    watch = Stopwatch().start()
    subprocess.run([sys.executable, "-c", burn], check=True)
    watch.stop()
    assert watch.cpu >= 0.25


def test_exact_string_queries_are_what_their_kind_says(seeds_dir):
    """Every exact string occurs in the seed prose, and jieba does not cut it out as words there."""
    cuts = check_strings(seeds_dir)
    assert set(cuts) == {q.label for kind in STRING_RULES for q in QUERY_KINDS[kind]}
    for label, cut in cuts.items():
        assert label.strip('"') in cut.replace("/", "")
        assert label.strip('"') not in cut.split("/")


def test_rebuild_needs_a_kept_corpus(tmp_path):
    with pytest.raises(CommandError, match="--reuse"):
        call_command("bench_search", "--articles", "10", "--rebuild", "--workdir", str(tmp_path), "--no-tantivy")


@pytest.mark.slow
def test_bench_search_reports_every_kind_beside_the_references(tmp_path, capsys):
    out = tmp_path / "bench.json"
    flags = [] if reference.available() else ["--no-tantivy"]
    call_command("bench_search", "--articles", "200", "--repeat", "1", "--workdir", str(tmp_path / "work"),
                 "--json", str(out), *flags)
    table = capsys.readouterr().out
    [report] = json.loads(out.read_text(encoding="utf-8"))

    assert report["articles"] == 200
    kinds = set(QUERY_KINDS) | {f"{kind} + facets" for kind in QUERY_KINDS} | {"filtered + facets"}
    for engine in ENGINES:
        assert set(report["engine"][engine]["latency"]) == kinds, engine
        for summary in report["engine"][engine]["latency"].values():
            assert {"median_ms", "p95_ms", "cpu_median_ms", "cpu_p95_ms"} <= set(summary)
    for engine in set(ENGINES) - {"ours_plain"}:  # the same index as ours
        build = report["build"][engine]
        assert build["docs"] == 200 and build["size_mb"] > 0 and build["cpu_s"] > 0, engine
    for kind in kinds:
        assert kind in table
    for heading in ("ours", "stock Whoosh", "docs/s (wall)", "CPU s (all processes)", "size on disk",
                    "edit → findable", "load average"):
        assert heading in table
    assert report["view"]["status"] == [200]
    # The first search of each query (cache emptied) is reported beside the repeated ones.
    assert set(report["ours_first_search"]) == {f"{kind} + facets" for kind in QUERY_KINDS} | {"filtered + facets"}
    assert "first search of each query" in table
    assert report["build"]["ours"]["segments"] >= 1
    assert set(report["strings"]) == {q.label for kind in STRING_RULES for q in QUERY_KINDS[kind]}

    if "postgresql" in report["engine"]:  # a PostgreSQL DATABASE_URL: its search engine beside ours
        assert report["engine"]["postgresql"]["hits"] == report["engine"]["ours"]["hits"]
        assert report["build"]["postgresql"]["docs"] == 200 and "PostgreSQL engine" in table
        assert report["view_postgresql"]["status"] == [200]
        assert report["edit_findable_postgresql"]["found_at_once"] == report["edit_findable_postgresql"]["rounds"]

    if "tantivy" in ENGINES:
        assert "ours÷tantivy" in table and set(report["ours_to_tantivy"]) == kinds
        ours, theirs = report["engine"]["ours"]["hits"], report["engine"]["tantivy"]["hits"]
        # Same documents, same jieba tokens: a query of whole words finds the same articles.
        for row in ("one word", "two words"):
            assert ours[row] == theirs[row], row
        assert report["facet_check"]["equal"], report["facet_check"]["differences"]


@pytest.mark.slow
def test_rebuild_times_the_builds_again_on_the_kept_corpus(tmp_path):
    """``--reuse --rebuild``: the same corpus, every index built and timed again in this run."""
    work, out = tmp_path / "work", tmp_path / "again.json"
    call_command("bench_search", "--articles", "60", "--repeat", "1", "--workdir", str(work), "--no-stock",
                 "--no-tantivy")
    first = json.loads((work / "60" / "report.json").read_text(encoding="utf-8"))
    call_command("bench_search", "--articles", "60", "--repeat", "1", "--workdir", str(work), "--no-stock",
                 "--no-tantivy", "--reuse", "--rebuild", "--json", str(out))
    [again] = json.loads(out.read_text(encoding="utf-8"))
    assert again["build"]["ours"]["docs"] == first["build"]["ours"]["docs"] == 60
    assert again["build"]["ours"]["cpu_s"] > 0 and again["corpus_seconds"] == first["corpus_seconds"]
    assert again["engine"]["ours"]["hits"] == first["engine"]["ours"]["hits"]
