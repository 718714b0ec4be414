"""Benchmark search on synthetic corpora: ``manage.py bench_search --articles 10000 100000``.

Ours beside a compiled reference (tantivy, the ``bench`` extra) and haystack's stock Whoosh
backend, in the same run. Each size runs in a child process over a throwaway database and index in
a temporary folder (never the real ones); ``articles/bench/`` says what is measured and how.
``--json FILE`` also writes every size's figures as one JSON list. With a PostgreSQL
``DATABASE_URL`` the corpus lives in a scratch database on that server and the PostgreSQL search
engine is measured beside ours (``articles.bench.postgresql``).
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.bench import reference
from articles.bench.report import format_report
from articles.bench.runner import run
from unionarchive.scratch_database import folder_database


class Command(BaseCommand):
    help = ("Measure index build, search latency and edit-to-findable time on synthetic corpora: ours beside "
            "tantivy and haystack's stock Whoosh backend.")

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, nargs="+", default=[10000])
        parser.add_argument("--repeat", type=int, default=5, help="timed runs of each query (after a warm-up)")
        parser.add_argument("--json", dest="json_path", help="also write the figures of every size to this file")
        parser.add_argument("--no-stock", action="store_true", help="skip haystack's stock backend baseline")
        parser.add_argument("--no-tantivy", action="store_true", help="skip the compiled reference (tantivy)")
        parser.add_argument("--workdir",
                            help="keep the throwaway data here (one sub-folder per size) instead of a temp folder")
        parser.add_argument("--reuse", action="store_true",
                            help="measure searches again on the corpus and indexes a previous run left in --workdir")
        parser.add_argument("--rebuild", action="store_true",
                            help="with --reuse: build and time every engine's index again on the kept corpus")
        parser.add_argument("--child", action="store_true", help="internal: run one size in this process")
        parser.add_argument("--out", help="internal: where the child writes its JSON report")

    def handle(self, *args, articles, repeat, json_path, no_stock, no_tantivy, workdir, reuse, rebuild, child, out,
               **options):
        if not no_tantivy and not reference.available():
            raise CommandError(reference.INSTALL_HINT)
        if child:
            run(articles[0], repeat, Path(out), stock_baseline=not no_stock, tantivy=not no_tantivy, reuse=reuse,
                rebuild=rebuild)
            return
        if reuse and not workdir:
            raise CommandError("--reuse needs the --workdir of a previous run")
        if rebuild and not reuse:
            raise CommandError("--rebuild goes with --reuse (a new corpus is always built and indexed)")
        if repeat < 1 or any(count < 1 for count in articles):
            raise CommandError("--articles and --repeat must be at least 1")
        reports = []
        for count in articles:
            folder = Path(workdir) / str(count) if workdir else Path(tempfile.mkdtemp(prefix=f"bench_search_{count}_"))
            folder.mkdir(parents=True, exist_ok=True)
            if ((folder / "db.sqlite3").exists() or (folder / "database_url").exists()) and not reuse:
                raise CommandError(f"{folder} already holds a database; give an empty --workdir")
            out_path = folder / "report.json"
            env = {**os.environ, "UNIONARCHIVE_DATA_DIR": str(folder), "SEARCH_INDEX_PATH": str(folder / "index"),
                   "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost", "LOG_LEVEL": "WARNING"}
            env.pop("SEARCH_ENGINE", None)  # the child measures both engines itself
            command = [sys.executable, "manage.py", "bench_search", "--child", "--articles", str(count),
                       "--repeat", str(repeat), "--out", str(out_path)]
            command += [flag for flag, on in (("--no-stock", no_stock), ("--no-tantivy", no_tantivy),
                                              ("--reuse", reuse), ("--rebuild", rebuild)) if on]
            self.stderr.write(f"benchmarking {count} articles in {folder} …")
            # SQLite in the folder; or, with a PostgreSQL DATABASE_URL, a scratch database on that
            # server (kept with a --workdir for --reuse), where the PostgreSQL engine is measured too.
            with folder_database(folder, keep=bool(workdir)) as database_url:
                result = subprocess.run(command, cwd=settings.BASE_DIR, env={**env, "DATABASE_URL": database_url})
            if result.returncode != 0:
                raise CommandError(f"the benchmark of {count} articles failed (exit {result.returncode})")
            report = json.loads(out_path.read_text(encoding="utf-8"))
            reports.append(report)
            self.stdout.write(format_report(report))
        if json_path:
            Path(json_path).write_text(json.dumps(reports, ensure_ascii=False, indent=1), encoding="utf-8")
